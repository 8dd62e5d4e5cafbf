"""The review of what an approved excerpt hides before anything is shared
(docs/redaction.md): the original on the left, the redacted preview on the right,
playing in step; the list of what is hidden, each turned off everywhere or over a
stretch of time; boxes drawn on a picture and followed through the excerpt, corrected
where they drift. Accept stores the plan, accepted, through the database thread;
Cancel keeps nothing. Looking for faces, following boxes and re-encoding the preview
run on workers (desktop/redaction_jobs.py) with progress and a Stop button, and the
window says that redaction re-encodes the excerpt, and how long that takes here."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.redaction import review_edits as edits
from db.redaction.plan import Box, RedactionPlan, Track
from db.store.changes import Changes
from desktop import fitting, preferences, theme
from desktop import redaction_jobs as jobs
from desktop.dbthread import DbService
from desktop.review_player import PairPlayer
from desktop.widgets.frame_view import FrameView
from desktop.widgets.job_strip import JobStrip, seconds_words
from desktop.widgets.redaction_controls import EditButtons, PlayerControls
from desktop.widgets.redaction_list import HiddenList, clock
from desktop.widgets.redaction_timing import REENCODES, timing_words
from desktop.widgets.redaction_timing import reencode_words as reencode_words

STYLE_WORDS = {  # in English; shown translated
    "pixelate": str(QT_TRANSLATE_NOOP("RedactionReview", "pixelated (large blocks)")),
    "fill": str(QT_TRANSLATE_NOOP("RedactionReview", "filled solid black")),
}


def _copy(plan: RedactionPlan) -> RedactionPlan:
    """A copy for a worker or the database thread: the window goes on editing its own."""
    return RedactionPlan.from_json(plan.to_json())


class RedactionReview(QDialog):
    plan_accepted = Signal(int, int, str)  # request row id, clip id, the plan's digest
    work_done = Signal(str)  # a background job ended: "faces", "follow" or "preview"

    def __init__(
        self,
        dbs: DbService,
        row_id: int,
        clip_id: int,
        *,
        find_faces: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Review what is hidden before sharing"))
        self.setAccessibleName(self.tr("Redaction review"))
        self._db = dbs
        self.row_id, self.clip_id = row_id, clip_id
        self.want_faces = find_faces
        self.ctx: jobs.ReviewContext | None = None
        self.plan: RedactionPlan | None = None
        self.preview: jobs.Written | None = None
        self.reencode_s: float | None = None  # how long the last preview took
        self._drawing_for: str | None = None  # "add", or the id of the box corrected
        # The boxes the resident drew for each track in this review, by time (the
        # tracker keeps them among the keys too, which is how a stored plan's are read).
        self._drawn_boxes: dict[str, dict[float, Box]] = {}
        self._runs = 0
        self._tmp = Path(tempfile.mkdtemp(prefix="doorstep-review-"))
        self._closed = False

        self.heading = QLabel(self.tr("Opening the excerpt…"))
        self.heading.setWordWrap(True)
        self.timing = QLabel(self.tr(REENCODES))
        self.timing.setWordWrap(True)
        self.timing.setAccessibleName(self.tr("Re-encoding and how long it takes"))
        self.original = FrameView(self.tr("Original excerpt, what is hidden outlined"))
        self.redacted = FrameView(self.tr("Redacted preview, as it will be shared"))
        self.redacted.set_image(
            None, self.tr("The redacted preview is made once the excerpt is read.")
        )
        self.player = PairPlayer(self)
        self.controls = PlayerControls()
        self.hidden = HiddenList()
        self.style_choice = QComboBox()
        self.style_choice.setAccessibleName(self.tr("How hidden parts look"))
        for key, words in STYLE_WORDS.items():
            self.style_choice.addItem(self.tr(words), key)
        self.found = QLabel(self.tr("Faces are looked for once the excerpt is read."))
        self.found.setWordWrap(True)
        self.found.setAccessibleName(self.tr("What the face search found"))
        self.edits = EditButtons()
        self.strip = JobStrip()
        self.stale = QLabel()
        self.stale.setWordWrap(True)
        self.update_preview = QPushButton(self.tr("&Update the preview"))
        self.update_preview.setToolTip(self.tr("Re-encode the preview with your changes"))
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(
            self.tr("&Accept what is hidden"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setDefault(True)
        self.accept_button.setToolTip(
            self.tr("Store this plan: the excerpt is shared as the preview shows")
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Close without keeping anything"))
        self._layout()
        self._connect()
        app = QCoreApplication.instance()
        if app is not None:  # quitting with the review open: its work ends first
            app.aboutToQuit.connect(self._close_down)
        self._update_state()
        self._db.submit(
            lambda db: jobs.load_context(db, row_id, clip_id), self._loaded, self._load_failed
        )

    # -- building ------------------------------------------------------------------------
    def _layout(self) -> None:
        stage = QWidget()
        self.stage = stage
        grid = QGridLayout(stage)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Original</b> (outlined: what is hidden)")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Redacted</b>, as it will be shared")), 0, 1)
        grid.addWidget(self.original, 1, 0)
        grid.addWidget(self.redacted, 1, 1)
        grid.addWidget(self.controls, 2, 0, 1, 2)
        grid.setRowStretch(1, 1)
        for key, fn in (
            ("Space", self.player.toggle),
            (",", lambda: self.player.step(-1)),
            (".", lambda: self.player.step(1)),
        ):
            shortcut = QShortcut(QKeySequence(key), stage)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(fn)
        listed = QVBoxLayout()
        style_row = QHBoxLayout()
        style_label = QLabel(self.tr("&Hidden parts are"))
        style_label.setBuddy(self.style_choice)
        style_row.addWidget(style_label)
        style_row.addWidget(self.style_choice)
        style_row.addStretch(1)
        listed.addLayout(style_row)
        listed.addWidget(self.found)
        listed.addWidget(self.hidden, 1)
        lower = QHBoxLayout()
        lower.addLayout(listed, 1)
        # Large text makes the column of editing buttons taller than its share of the
        # window: it scrolls down rather than squeezing them.
        edits = fitting.scrolled(self.edits)
        edits.setAccessibleName(self.tr("Changes to what is hidden"))
        lower.addWidget(edits)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.stale, 1)
        preview_row.addWidget(self.update_preview)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.timing)
        box.addWidget(stage, 3)
        box.addLayout(lower, 1)
        box.addWidget(self.strip)
        box.addLayout(preview_row)
        box.addWidget(self.buttons)
        # Within the screen (a 1280 × 800 one leaves less for the window's title).
        screen = self.screen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1200, 760)
        self.resize(min(1200, room.width()), min(760, room.height()))

    def _connect(self) -> None:
        self.player.shown.connect(self._shown)
        cannot = self.tr("Cannot show the excerpt: {reason}")
        self.player.failed.connect(lambda text: self.strip.say(cannot.format(reason=text)))
        self.player.playing_changed.connect(self.controls.show_playing)
        self.controls.toggle.connect(self.player.toggle)
        self.controls.step.connect(self.player.step)
        self.controls.seek.connect(self.player.seek)
        self.hidden.toggled.connect(self._toggled)
        self.style_choice.currentIndexChanged.connect(lambda _i: self._style_chosen())
        self.hidden.chosen.connect(lambda kind, _key: self._selection_changed(kind))
        self.edits.add_box.connect(lambda: self._draw("add"))
        self.edits.correct.connect(self._correct)
        self.edits.turn_off.connect(self._turn_off)
        self.edits.turn_on.connect(self._turn_on)
        self.edits.find_faces.connect(self._find_faces)
        self.original.drawn.connect(self._drawn)
        self.original.drawing_changed.connect(self._drawing_changed)
        self.strip.busy_changed.connect(lambda _busy: self._update_state())
        self.strip.work_done.connect(self.work_done)
        self.update_preview.clicked.connect(self._write_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- loading -------------------------------------------------------------------------
    def _loaded(self, ctx: jobs.ReviewContext) -> None:
        if self._closed:
            return
        self.ctx = ctx
        ex = ctx.excerpt
        for view in (self.original, self.redacted):
            view.set_picture_size(ctx.width, ctx.height)
        self.heading.setText(
            self.tr(
                "<b>{camera}</b>, {file}: the part shared runs from {start} to {end} of the "
                "clip ({length} long). Check what is hidden, adjust, then accept."
            ).format(
                camera=ex.camera,
                file=ex.source_path.name,
                start=clock(ctx.start_s),
                end=clock(ctx.end_s),
                length=clock(ctx.duration_s),
            )
        )
        self.player.open(str(ex.source_path), ctx.start_s, ctx.duration_s)
        self.controls.set_duration(ctx.duration_s)
        self.edits.set_duration(ctx.duration_s)
        stored = ctx.stored_plan()
        if stored is not None:
            self.plan = stored
            n = sum(1 for t in stored.tracks if t.kind == "face")
            self._found(self.tr("%n faces in the plan stored for this clip.", "", n))
            self._refresh()
            if ctx.stored is not None and ctx.stored.accepted:
                self.strip.say(
                    self.tr("You accepted this on {when}; changes need accepting again.").format(
                        when=ctx.stored.accepted_at
                    )
                )
            self._write_preview()
        else:
            self.plan = ctx.fresh_plan()
            self._refresh()
            if self.want_faces:
                self._find_faces()
            else:
                self._found(
                    self.tr("Faces were not looked for: “Look for faces” runs the detector.")
                )
                self._write_preview()

    def _load_failed(self, exc: BaseException) -> None:
        self.heading.setText(
            self.tr("This excerpt cannot be reviewed: {reason}").format(reason=exc)
        )
        self._update_state()

    # -- what is shown -------------------------------------------------------------------
    def _shown(self, t: float, original: QImage, preview: QImage | None) -> None:
        self.original.set_image(original)
        if preview is not None:
            self.redacted.set_image(preview)
        self.controls.show_position(t)
        self.edits.position_s = t
        self._overlay()

    def _overlay(self) -> None:
        plan, ctx = self.plan, self.ctx
        if plan is None or ctx is None:
            return
        at = ctx.start_s + self.player.position_s
        kind, key = self.hidden.current()
        boxes = []
        for label, track in self._named_tracks():
            box = track.box_at(at)
            if box is not None:
                boxes.append((box, label, kind == "track" and key == track.id))
        masks = [(m.points, m.name) for m in plan.masks]
        self.original.set_overlays(boxes, masks)

    def _named_tracks(self) -> list[tuple[str, Track]]:
        from desktop.widgets.redaction_list import track_name

        numbers = {"face": 0, "box": 0}
        out = []
        for track in self.plan.tracks if self.plan else []:
            numbers[track.kind] += 1
            out.append((track_name(track, numbers[track.kind]), track))
        return out

    def _refresh(self) -> None:
        """After the plan changed: the list, the outlines, and whether the preview
        still shows it."""
        if self.plan is None or self.ctx is None:
            return
        self.hidden.show_plan(self.plan)
        self.style_choice.setCurrentIndex(max(0, self.style_choice.findData(self.plan.style)))
        self._overlay()
        self._update_state()

    def _update_state(self) -> None:
        current = self.preview_current
        busy = self.strip.busy
        if self.plan is None:
            self.stale.setText("")
        elif current:
            self.stale.setText(self.tr("The preview shows what will be shared."))
        elif self.preview is None:
            self.stale.setText(self.tr("No preview yet: it is made after the excerpt is analysed."))
        else:
            self.stale.setText(
                self.tr(
                    "The preview does not show your latest changes yet: update it to see "
                    "them before you accept."
                )
            )
        self.update_preview.setEnabled(self.plan is not None and not busy and not current)
        self.accept_button.setEnabled(current and not busy)
        self.edits.set_busy(busy or self.plan is None)
        if not busy:
            self._selection_changed(self.hidden.current()[0])

    @property
    def preview_current(self) -> bool:
        return (
            self.plan is not None
            and self.preview is not None
            and self.preview.digest == _copy(self.plan).digest()
        )

    def _selection_changed(self, kind: str) -> None:
        self.edits.set_selection(kind if not self.strip.busy else "")
        self._overlay()

    # -- editing -------------------------------------------------------------------------
    def _track(self) -> Track | None:
        kind, key = self.hidden.current()
        if kind != "track" or self.plan is None:
            return None
        return edits.find_track(self.plan, key)

    def _style_chosen(self) -> None:
        style = self.style_choice.currentData()
        if self.plan is not None and style and style != self.plan.style:
            self.plan.style = str(style)
            self._refresh()

    def _toggled(self, kind: str, key: str, on: bool) -> None:
        if self.plan is None or self.ctx is None:
            return
        track = edits.find_track(self.plan, key) if kind == "track" else None
        if track is not None:
            track.enabled = on
            self._refresh()

    def _turn_off(self, start: float, end: float) -> None:
        track = self._track()
        if track is None or self.ctx is None:
            return
        edits.turn_off(track, self.ctx.start_s + start, self.ctx.start_s + end)
        self._refresh()

    def _turn_on(self) -> None:
        track = self._track()
        if track is not None:
            edits.turn_on(track)
            self._refresh()

    def _correct(self) -> None:
        track = self._track()
        if track is not None:
            self._draw(track.id)

    def _draw(self, what: str) -> None:
        if self.ctx is None or self.strip.busy:
            return
        self.player.pause()
        self._drawing_for = what
        self.original.start_drawing()

    def _drawing_changed(self, drawing: bool) -> None:
        if drawing:
            self.strip.say(
                self.tr(
                    "Drag a rectangle around what to hide on the left-hand picture, or move "
                    "the red one with the arrow keys (Shift + arrows: its size) and press "
                    "Enter. Escape gives up."
                )
            )
        elif not self.strip.busy:
            self.strip.say("")

    def _drawn(self, box: Box) -> None:
        what, self._drawing_for = self._drawing_for, None
        if self.ctx is None or self.plan is None or what is None:
            return
        ctx = self.ctx
        at = ctx.start_s + self.player.position_s
        if what == "add":
            track_id, old = edits.new_box_id(self.plan), None
            hand: dict[float, Box] = {}
        else:
            track_id, old = what, edits.find_track(self.plan, what)
            if track_id in self._drawn_boxes:
                hand = dict(self._drawn_boxes[track_id])
            else:  # a box of a stored plan (its keys), or a face: corrected from here on
                hand = edits.hand_keys(old) if old is not None and old.kind == "box" else {}
        hand = {t: b for t, b in hand.items() if abs(t - at) >= 1e-3}
        hand[at] = box
        first = min(hand)  # followed from the first box set by hand, corrected by the rest
        origin = (first, hand[first])
        corrections = {t: b for t, b in hand.items() if t != first} or None

        def work(progress: Any, cancel: Any) -> Track | None:
            return jobs.follow(ctx, origin[0], origin[1], track_id, corrections, progress, cancel)

        def done(track: Track | None) -> None:
            if track is None or self.plan is None:
                self.strip.say(self.tr("Following the box was stopped: nothing was added."))
                return
            if old is not None:
                track.enabled, track.off = old.enabled, list(old.off)
            self._drawn_boxes[track.id] = hand
            edits.put_track(self.plan, track)
            self._refresh()
            self.hidden.select("track", track.id)
            lost = getattr(track, "lost_at", [])
            if lost:
                where = ", ".join(clock(t - ctx.start_s) for t in lost[:3])
                self.strip.say(
                    self.tr(
                        "The box lost what it followed at {where}: go there and use "
                        "“Correct here…”. Update the preview to see it hidden."
                    ).format(where=where)
                )
            else:
                self.strip.say(
                    self.tr("The box follows what you drew. Update the preview to see it hidden.")
                )

        self.strip.run("follow", self.tr("following the box through the excerpt"), work, done)

    # -- background work -----------------------------------------------------------------
    def _find_faces(self) -> None:
        if self.ctx is None or self.strip.busy:
            return
        ctx = self.ctx

        def done(found: jobs.Found | None) -> None:
            if self.plan is None:
                return
            if found is None:
                self._found(
                    self.tr("Looking for faces was stopped: no face is hidden."), error=True
                )
            elif found.missing is not None:
                self._found(
                    self.tr(
                        "Faces cannot be looked for: {reason}. No face is hidden; you can "
                        "still draw boxes."
                    ).format(reason=found.missing),
                    error=True,
                )
            else:
                self.plan.tracks = [t for t in self.plan.tracks if t.kind != "face"]
                self.plan.tracks[:0] = found.tracks
                self.plan.detector = found.detector
                n = len(found.tracks)
                took = seconds_words(found.seconds)
                self._found(
                    self.tr(
                        "%n faces found and followed in {time}: check each is hidden where "
                        "it shows.",
                        "",
                        n,
                    ).format(time=took)
                    if n
                    else self.tr(
                        "No face found (looked for in {time}): play the excerpt to be sure, "
                        "and draw a box over anything to hide."
                    ).format(time=took)
                )
            self._refresh()
            self._write_preview()

        self.strip.run(
            "faces",
            self.tr("looking for faces"),
            lambda progress, cancel: jobs.find_faces(ctx, progress, cancel),
            done,
        )

    def _found(self, text: str, error: bool = False) -> None:
        theme.style(self.found, "color: fg(#b00020);" if error else "")
        self.found.setText(text)

    def _write_preview(self) -> None:
        if self.ctx is None or self.plan is None or self.strip.busy:
            return
        ctx, plan = self.ctx, _copy(self.plan)
        self._runs += 1
        dest = self._tmp / f"preview-{self._runs}.mp4"
        self._say_timing()

        def done(written: jobs.Written | None) -> None:
            if written is None:
                self.strip.say(self.tr("Re-encoding was stopped: the preview is not up to date."))
            else:
                old, self.preview = self.preview, written
                if written.redacted:  # a copy (nothing hidden) says nothing of the speed
                    self.reencode_s = written.seconds
                    if written.seconds > 0 and ctx.duration_s > 0:
                        preferences.remember_reencode_speed(ctx.duration_s / written.seconds)
                self.player.set_preview(str(written.path), written.offset_s)
                self.strip.say("")
                if old is not None and old.path != written.path:
                    old.path.unlink(missing_ok=True)
            self._say_timing()
            self._update_state()

        self.strip.run(
            "preview",
            self.tr("re-encoding the excerpt with what is hidden"),
            lambda progress, cancel: jobs.write_preview(ctx, plan, dest, progress, cancel),
            done,
        )

    def _say_timing(self) -> None:
        if self.ctx is None:
            return
        redacted = None if self.preview is None else self.preview.redacted
        speed = preferences.reencode_speed()
        self.timing.setText(timing_words(self.ctx.duration_s, redacted, self.reencode_s, speed))

    # -- accepting -----------------------------------------------------------------------
    def accept(self) -> None:
        """Store the plan, accepted, then close (the database thread reports back)."""
        if self.plan is None or self.preview is None or self.strip.busy:
            return
        if not self.preview_current:
            return
        plan, row_id, seen = _copy(self.plan), self.row_id, self.preview.digest
        self.accept_button.setEnabled(False)

        def stored(digest: str) -> None:
            self.plan_accepted.emit(row_id, plan.clip_id, digest)
            self.done(QDialog.DialogCode.Accepted)

        def failed(exc: BaseException) -> None:
            self.strip.say(self.tr("Not stored: {reason}").format(reason=exc), error=True)
            self._update_state()

        self._db.submit_op(
            lambda db: jobs.accept(db, row_id, plan, seen), Changes.rows(row_id), stored, failed
        )

    def done(self, result: int) -> None:
        self._close_down()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_down()
        super().closeEvent(event)

    def _close_down(self) -> None:
        """Stop the work and the pictures, and remove the previews (nothing is kept)."""
        if self._closed:
            return
        self._closed = True
        self.original.cancel_drawing()
        self.strip.close_down()
        self.player.stop()
        shutil.rmtree(self._tmp, ignore_errors=True)
