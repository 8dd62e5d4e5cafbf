"""The workspace's large picture: the selected clip played with the redaction review's
player (desktop/review_player.py: frames decoded on its worker, never on the GUI
thread) in the redaction review's picture (widgets/frame_view.py). Where the resident
has a redaction plan for an approved clip, the review's own code makes the redacted
preview (desktop/redaction_jobs.py, on a worker with progress and Stop) and the part
that would be shared is shown redacted, as it will leave; "Show the original" shows
the camera's picture instead."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from db.requests.matching import Candidate
from desktop import redaction_jobs as jobs
from desktop.dbthread import DbService, while_alive
from desktop.review_player import PairPlayer
from desktop.widgets.frame_view import FrameView
from desktop.widgets.job_strip import JobStrip
from desktop.widgets.redaction_controls import PlayerControls


class ClipPreview(QWidget):
    redacted_ready = Signal(int)  # clip id: its redacted preview is shown

    def __init__(self, dbs: DbService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self.row_id: int | None = None
        self.clip: Candidate | None = None
        self.ctx: jobs.ReviewContext | None = None
        self.redacted: jobs.Written | None = None
        self._made: dict[tuple[int, int, str], jobs.Written] = {}
        self._key: tuple[int, int, str] | None = None  # the plan shown (or being made)
        self._unreviewed = False  # approved, and no plan for it stored
        self._tmp = Path(tempfile.mkdtemp(prefix="doorstep-workspace-"))
        self._runs = 0
        self._closed = False
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.caption.setAccessibleName(self.tr("What the picture shows"))
        self.view = FrameView(self.tr("The selected clip"))
        self.view.set_image(None, self.tr("Select a clip on the timeline to play it."))
        self.player = PairPlayer(self)
        self.controls = PlayerControls()
        self.controls.back.setAccessibleName(self.tr("One frame back"))
        self.controls.back.setToolTip(self.tr("One frame back (comma)"))
        self.controls.play.setText(self.tr("Play"))
        self.controls.play.setAccessibleName(self.tr("Play or pause the clip"))
        self.controls.play.setToolTip(self.tr("Play or pause the clip (Space)"))
        self.controls.on.setAccessibleName(self.tr("One frame on"))
        self.controls.on.setToolTip(self.tr("One frame on (full stop)"))
        self.controls.position.setAccessibleName(self.tr("Position in the clip"))
        self.controls.time.setAccessibleName(self.tr("Position and length"))
        self.original = QCheckBox(self.tr("Show the &original (not redacted)"))
        self.original.setAccessibleName(self.tr("Show the original, not redacted"))
        self.original.setToolTip(
            self.tr("The redacted preview shows the clip as it would be shared")
        )
        self.original.hide()
        self.original.toggled.connect(lambda _on: self.player.seek(self.player.position_s))
        self.strip = JobStrip()
        self.player.shown.connect(self._shown)
        self.player.failed.connect(self._failed)
        self.player.playing_changed.connect(self._playing)
        self.controls.toggle.connect(self.player.toggle)
        self.controls.step.connect(self.player.step)
        self.controls.seek.connect(self.player.seek)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.caption)
        box.addWidget(self.view, 1)
        box.addWidget(self.controls)
        box.addWidget(self.original)
        box.addWidget(self.strip)

    @property
    def playing_changed(self) -> Signal:
        return self.player.playing_changed  # type: ignore[return-value]

    def _playing(self, playing: bool) -> None:
        self.controls.play.setText(self.tr("Pause") if playing else self.tr("Play"))

    def toggle(self) -> None:
        if self.clip is not None:
            self.player.toggle()

    # -- which clip ----------------------------------------------------------------------
    def show_clip(self, row_id: int, clip: Candidate | None, decision: str) -> None:
        """Play ``clip`` of request ``row_id`` from its start; look for its redaction
        plan when it is approved."""
        same = (
            clip is not None
            and self.clip is not None
            and clip.clip_id == self.clip.clip_id
            and row_id == self.row_id
        )
        self.row_id = row_id
        if not same:
            self.player.pause()
            had_preview = self.redacted is not None
            self.clip = clip
            self.ctx, self.redacted, self._key = None, None, None
            self._unreviewed = False
            self.original.hide()
            if self.strip.busy:
                self.strip.cancel()
            self.controls.setEnabled(clip is not None)
            if clip is None:
                self.view.set_image(None, self.tr("Select a clip on the timeline to play it."))
                self.caption.clear()
                return
            if had_preview:
                self.player.set_preview(None)
            self.caption.setText(self.tr("The clip as your camera recorded it"))
            self.controls.set_duration(clip.duration_s)
            self.player.open(clip.path, 0.0, clip.duration_s)
        if clip is None:
            return
        if decision == "approved":
            self._find_plan(row_id, clip.clip_id)  # the plan may be new or changed
        else:
            self._unreviewed = False
            self.caption.setText(self.tr("The clip as your camera recorded it"))
            if self.redacted is not None:
                self._drop_redacted()  # no longer approved: nothing of it is shared

    def _drop_redacted(self) -> None:
        self.ctx, self.redacted, self._key = None, None, None
        self.original.hide()
        self.player.set_preview(None)

    def _find_plan(self, row_id: int, clip_id: int) -> None:
        def read(db: object) -> jobs.ReviewContext | None:
            from db.sharing.shares import SharingError

            try:
                return jobs.load_context(db, row_id, clip_id)  # type: ignore[arg-type]
            except SharingError:
                return None  # not shared as things stand: nothing to preview redacted

        def arrived(ctx: jobs.ReviewContext | None) -> None:
            if self.clip is None or self.clip.clip_id != clip_id or self.row_id != row_id:
                return
            plan = ctx.stored_plan() if ctx is not None else None
            if ctx is None or plan is None:
                if self.redacted is not None:
                    self._drop_redacted()
                # Approved (shared as things stand), and nothing reviewed to hide yet.
                self._unreviewed = ctx is not None
                if self._unreviewed:
                    self.caption.setText(self.not_reviewed_words())
                return
            self._unreviewed = False
            key = (row_id, clip_id, plan.digest())
            if key == self._key:
                return  # shown already
            if self.strip.busy:  # the last clip's preview is being stopped: then this one
                self.strip.work_done.connect(
                    lambda _kind: self._find_plan(row_id, clip_id),
                    type=Qt.ConnectionType.SingleShotConnection,
                )
                return
            self.ctx, self._key = ctx, key
            if key in self._made:
                self._use(self._made[key])
                return
            self._runs += 1
            dest = self._tmp / f"redacted-{self._runs}.mp4"

            def done(written: jobs.Written | None) -> None:
                if written is None:
                    self.strip.say(self.tr("Making the redacted preview was stopped."))
                    return
                self._made[key] = written
                if self._key == key:
                    self._use(written)

            self.strip.run(
                "preview",
                self.tr("making the redacted preview"),
                lambda progress, cancel: jobs.write_preview(ctx, plan, dest, progress, cancel),
                done,
            )

        self._db.submit(read, while_alive(self, arrived), abandon_on_close=True)

    def _use(self, written: jobs.Written) -> None:
        assert self.ctx is not None
        self.redacted = written
        # The preview file's first frame, in seconds from the clip's start.
        self.player.set_preview(str(written.path), self.ctx.start_s + written.offset_s)
        self.original.show()
        self.strip.say("")
        self.redacted_ready.emit(self.ctx.clip_id)

    def not_reviewed_words(self) -> str:
        return self.tr(
            "The clip as your camera recorded it: what is hidden before it is shared is "
            "reviewed with Review redaction… in the request's panel"
        )

    # -- pictures ------------------------------------------------------------------------
    def _shown(self, t: float, original: QImage, preview: QImage | None) -> None:
        ctx = self.ctx
        shared = ctx is not None and ctx.start_s <= t <= ctx.end_s
        if preview is not None and shared and not self.original.isChecked():
            image = preview
            self.caption.setText(self.tr("Redacted, as it would be shared"))
        else:
            image = original
            if ctx is not None and self.redacted is not None and not shared:
                self.caption.setText(
                    self.tr("Outside the request's window: this part is not shared")
                )
            elif self._unreviewed:
                self.caption.setText(self.not_reviewed_words())
            else:
                self.caption.setText(self.tr("The clip as your camera recorded it"))
        self.view.set_picture_size(image.width(), image.height())
        self.view.set_image(image)
        self.controls.show_position(t)

    def _failed(self, text: str) -> None:
        if self.clip is None:
            return  # a picture asked for before the clip was closed
        self.view.set_image(None, self.tr("This clip cannot be shown: {why}").format(why=text))

    def close_down(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.strip.close_down()
        self.player.stop()
        shutil.rmtree(self._tmp, ignore_errors=True)
