"""The review workspace: one request in a window of its own, laid out to fit 1280x800
without scrolling sideways (and at twice the text size, by wrapping and scrolling down
only). Its parts share one candidates model and one selection model: the timeline, the
list and the preview follow the same selected clip. A, D and P decide the selected
clip (the decision bar of the request panel, with its keys and its refusals), the
arrows move along the timeline, Space plays or pauses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from db.clips import library as clipsdb
from db.requests import inbox as inboxdb
from db.requests.inbox import RequestDetail
from db.requests.matching import Candidate, overlap_seconds
from db.sharing import decisions as decdb
from db.store.changes import Changes
from db.words.timewords import local_text
from desktop.dbthread import DbService, while_alive
from desktop.models.candidates import DECISION_COL, CandidateRole, CandidatesModel
from desktop.models.clips import THUMB_SIZE, human_duration
from desktop.widgets.decision_bar import DecisionBar
from desktop.widgets.request_detail import _flags as clip_flags
from desktop.workspace import deciding
from desktop.workspace.preview import ClipPreview
from desktop.workspace.terms import TermsPanel
from desktop.workspace.timeline import MARKS, Timeline, decision_words, flag_words

LIST_COLUMNS = (1, 2, DECISION_COL)  # camera, start, decision: the rest is said beside


def _scrolled(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a scroll area that scrolls down only: it wraps to the width."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setAccessibleName(name)
    return area


class ReviewWorkspace(QWidget):
    loaded = Signal(object)  # RequestDetail, each time the request is read
    decided = Signal(int)  # request row id: its decisions changed

    def __init__(self, dbs: DbService, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._db = dbs
        self.row_id: int | None = None
        self.detail: RequestDetail | None = None
        self.confirm_box: QMessageBox | None = None
        self._sized = False
        self.setWindowTitle(self.tr("Review request"))
        self.setAccessibleName(self.tr("Review workspace"))

        self.candidates = CandidatesModel(self)
        self.selection = QItemSelectionModel(self.candidates, self)
        self.terms = TermsPanel()
        self.timeline = Timeline(self.candidates, self.selection)
        self.preview = ClipPreview(dbs)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.info.setAccessibleName(self.tr("The selected clip"))
        self.decisions = DecisionBar(self)  # its A, D and P work anywhere in the window
        self.decisions.approve.setAccessibleName(self.tr("Approve the selected clip"))
        self.decisions.decline.setAccessibleName(self.tr("Decline the selected clip"))
        self.decisions.pending.setAccessibleName(self.tr("Set the selected clip to pending"))
        self.decisions.approve_all.setAccessibleName(self.tr("Approve every clip"))
        self.decisions.decline_all.setAccessibleName(self.tr("Decline every clip"))
        self.decisions.decide.connect(self.decide)
        self.list = QTableView()
        self.list.setModel(self.candidates)
        self.list.setSelectionModel(self.selection)
        self.list.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.list.setAccessibleName(self.tr("Candidate clips"))
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.setIconSize(THUMB_SIZE / 2)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.list.setMinimumHeight(self.fontMetrics().height() * 5)
        self.selection.currentChanged.connect(self._current_changed)
        self.candidates.dataChanged.connect(lambda *_: self._say_selected())

        self.placeholder = QLabel(self.tr("Reading the request…"))
        self.placeholder.setWordWrap(True)
        side = QWidget()
        sbox = QVBoxLayout(side)
        sbox.setContentsMargins(0, 0, 0, 0)
        self.keys_help = QLabel(
            self.tr(
                "Keys: A approve · D decline · P pending · ← → the clip before or after · "
                "↑ ↓ the camera above or below · Space play or pause"
            )
        )
        self.keys_help.setWordWrap(True)
        self.keys_help.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.keys_help.setAccessibleName(self.tr("Keys"))
        heading = QLabel(self.tr("<b>&Clips of this request</b>"))
        heading.setBuddy(self.list)
        sbox.addWidget(self.info)
        sbox.addWidget(self.decisions)
        sbox.addWidget(self.keys_help)
        sbox.addWidget(heading)
        sbox.addWidget(self.list, 1)
        self.side_area = _scrolled(side, self.tr("The selected clip and its decision"))
        self.terms_area = _scrolled(self.terms, self.tr("The request's terms"))
        self.timeline_area = _scrolled(self.timeline, self.tr("Timeline"))
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.setChildrenCollapsible(False)
        lower.addWidget(self.preview)
        lower.addWidget(self.side_area)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.lower_split = lower
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        for part in (self.terms_area, self.timeline_area, lower):
            self.splitter.addWidget(part)
        self.splitter.setStretchFactor(2, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.placeholder)
        box.addWidget(self.splitter, 1)
        self.splitter.hide()

        # Space plays or pauses from the timeline and the list; on a button or a check
        # box it presses that, as everywhere (a window-wide Space would take it from them).
        for where in (self.timeline_area, self.list):
            space = QShortcut(QKeySequence(Qt.Key.Key_Space), where)
            space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            space.activated.connect(self.preview.toggle)
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.setContext(Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)
        self.resize(1280, 800)

    # -- reading -------------------------------------------------------------------------
    def show_request(self, row_id: int) -> None:
        """Read request ``row_id`` and show it; its first clip in time is selected."""
        if row_id != self.row_id:
            self.row_id = row_id
            self.detail = None
            self.candidates.clear()
            self.preview.show_clip(row_id, None, "pending")
            self.placeholder.show()
            self.splitter.hide()
        self.reload()

    def shows(self, changes: Changes) -> bool:
        """A change that touches this request (the refresher asks)."""
        return self.row_id is not None and (
            changes.requests or self.row_id in changes.request_rows or changes.clips
        )

    def reload(self) -> None:
        row_id = self.row_id
        if row_id is None:
            return

        def read(db: Database) -> tuple[Any, ...]:
            now = datetime.now(UTC)
            detail = inboxdb.request_detail(db, row_id, now=now, local_times=True)
            ids = [c.clip_id for c in detail.candidates[:500]]
            decisions = {cid: d.state for cid, d in decdb.decisions_for(db, row_id).items()}
            return (
                detail,
                clipsdb.thumbnails(db, ids),
                decisions,
                clip_flags(db, ids),
                decdb.blocking_reasons(db, row_id, now),
                decdb.delivered_at(db, row_id),
            )

        def failed(exc: BaseException) -> None:
            if row_id == self.row_id:
                self.placeholder.setText(
                    self.tr("This request cannot be read: {why}").format(why=exc)
                )
                self.placeholder.show()
                self.splitter.hide()

        self._db.submit(
            read,
            while_alive(self, lambda result: self._loaded(row_id, result)),
            while_alive(self, failed),
            abandon_on_close=True,
        )

    def _loaded(self, row_id: int, result: tuple[Any, ...]) -> None:
        if row_id != self.row_id:
            return
        detail, thumbs, decisions, flags, blocked, final = result
        self.detail = detail
        window = (detail.doc.window_start, detail.doc.window_end)
        current = self.current_clip()
        same_rows = [c.clip_id for c in detail.candidates] == self.candidates.clip_ids()
        if (
            same_rows
            and self.candidates.rowCount()
            and all(
                self.candidates.flag(r) == flags.get(cid)
                for r, cid in enumerate(self.candidates.clip_ids())
            )
        ):
            self.candidates.set_decisions(decisions)  # in place: the selection stays
        else:
            self.candidates.set_candidates(detail.candidates, thumbs, window, decisions, flags)
            self.timeline.set_window(window)
            for col in range(self.candidates.columnCount()):
                self.list.setColumnHidden(col, col not in LIST_COLUMNS)
            ids = self.candidates.clip_ids()
            if current is not None and current.clip_id in ids:
                self.timeline.select_row(ids.index(current.clip_id))
            elif ids:
                first = self.timeline.neighbour(-1, Qt.Key.Key_Home)
                self.timeline.select_row(first if first is not None else 0)
        self.decisions.set_blocked(blocked, final)
        self.decisions.setEnabled(bool(detail.candidates))
        self.terms.show_detail(detail)
        title = detail.doc.incident or self.tr("Request for footage")
        self.setWindowTitle(
            self.tr("Review: {title} ({agency})").format(title=title, agency=detail.summary.agency)
        )
        self.placeholder.hide()
        self.splitter.show()
        if not self._sized:
            self._sized = True
            self._share_height()
            self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say_selected()
        self.loaded.emit(detail)

    def _share_height(self) -> None:
        """The terms and the timeline as tall as they need, up to a part of the window
        each; the picture and the decisions get the rest."""
        height = max(1, self.splitter.height())
        width = max(1, self.terms_area.viewport().width())
        terms = min(self.terms.heightForWidth(width) + 4, height // 4)
        timeline = min(self.timeline.minimumSizeHint().height() + 4, height * 3 // 10)
        self.splitter.setSizes([terms, timeline, max(1, height - terms - timeline)])
        across = max(1, self.lower_split.width())
        self.lower_split.setSizes([across * 3 // 5, across - across * 3 // 5])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._sized:
            self._share_height()

    # -- the selected clip ---------------------------------------------------------------
    def current_clip(self) -> Candidate | None:
        index = self.selection.currentIndex()
        return index.data(CandidateRole) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.list.scrollTo(current)
        self._say_selected()

    def _say_selected(self) -> None:
        clip = self.current_clip()
        row = self.selection.currentIndex().row()
        if clip is None or self.row_id is None or self.detail is None:
            self.info.setText(
                self.tr("No clip of yours overlaps the request's window: nothing to decide.")
                if self.detail is not None
                else ""
            )
            self.preview.show_clip(self.row_id or 0, None, "pending")
            return
        state = self.candidates.decision(row)
        window = (self.detail.doc.window_start, self.detail.doc.window_end)
        inside = overlap_seconds(clip, *window)
        parts = [
            f"<b>{clip.camera}</b>",
            local_text(clip.start_utc, seconds=True),
            self.tr("{inside} of {length} inside the window").format(
                inside=human_duration(inside), length=human_duration(clip.duration_s)
            ),
            f"<b>{MARKS.get(state, '?')} {decision_words(state).capitalize()}</b>",
        ]
        text = " · ".join(parts)
        flag = flag_words(self.candidates.flag(row))
        if flag:
            text += "<br>" + self.tr("⚑ You flagged it: {flags}").format(flags=flag)
        if clip.warning:
            text += "<br>⚠ " + clip.warning
        self.info.setText(text)
        self.preview.show_clip(self.row_id, clip, state)

    # -- deciding ------------------------------------------------------------------------
    def selected_clip_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.selection.selectedRows()})
        ids = self.candidates.clip_ids()
        return [ids[r] for r in rows]

    def decide(self, state: decdb.State, every: bool = False, confirm: bool = False) -> None:
        """Record ``state`` for the selected clip (or every clip), as the request panel
        does: refused with the rule's reason, or asked to confirm, in the same words."""
        row_id = self.row_id
        clip_ids = self.candidates.clip_ids() if every else self.selected_clip_ids()
        if row_id is None or not clip_ids:
            self.decisions.message.setText(self.tr("Select a clip first."))
            return

        def done(decisions: dict[int, str]) -> None:
            if row_id != self.row_id:
                return
            self.candidates.set_decisions(decisions)
            self.decisions.message.setText(deciding.decided_words(state, len(clip_ids)))
            self.decided.emit(row_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, decdb.NeedsConfirmation):
                self.confirm_box = deciding.ask_confirmation(
                    self, exc, lambda: self.decide(state, every, confirm=True)
                )
            else:
                self.decisions.message.setText(self.tr("Not recorded: {why}").format(why=exc))

        deciding.decide(
            self._db, row_id, clip_ids, state, confirm=confirm, done=done, failed=failed
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed: the player's thread and any work end (the window is deleted)."""
        self.preview.close_down()
        super().closeEvent(event)
