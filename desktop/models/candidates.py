"""Candidate clips of the selected request: a small table model with thumbnails."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPixmap

from db.requests.matching import Candidate, overlap_seconds
from db.words.timewords import local_text
from desktop import hidpi, theme
from desktop.models.clips import THUMB_SIZE, human_duration

ClipIdRole = Qt.ItemDataRole.UserRole + 1
CandidateRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

# English here; shown in the window's language (the catalogue's context "CandidatesModel").
COLUMNS = [
    str(QT_TRANSLATE_NOOP("CandidatesModel", "Clip")),
    str(QT_TRANSLATE_NOOP("CandidatesModel", "Camera")),
    str(QT_TRANSLATE_NOOP("CandidatesModel", "Start")),
    str(QT_TRANSLATE_NOOP("CandidatesModel", "In window")),
    str(QT_TRANSLATE_NOOP("CandidatesModel", "Decision")),
    str(QT_TRANSLATE_NOOP("CandidatesModel", "Hold")),
]
DECISION_COL, HOLD_COL = 4, 5
DECISION_WORDS = {
    "pending": str(QT_TRANSLATE_NOOP("CandidatesModel", "Pending")),
    "approved": str(QT_TRANSLATE_NOOP("CandidatesModel", "Approved")),
    "declined": str(QT_TRANSLATE_NOOP("CandidatesModel", "Declined")),
}
UNCERTAIN_COLOUR = "#b45309"  # amber: a warning, not an error
DECISION_COLOURS = {"approved": "#2e7d32", "declined": "#c62828", "pending": "#616161"}


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Candidate] = []
        self._thumbs: dict[int, QPixmap] = {}
        self._window: tuple[datetime, datetime] | None = None
        self._decisions: dict[int, str] = {}
        self._flags: dict[int, str] = {}  # clip id -> "shows children", "private"...
        self._holds: dict[int, Any] = {}  # clip id -> db.holds.holds.HoldState

    def set_candidates(
        self,
        rows: list[Candidate],
        thumbs: dict[int, bytes],
        window: tuple[datetime, datetime] | None,
        decisions: dict[int, str] | None = None,
        flags: dict[int, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._window = window
        self._decisions = dict(decisions or {})
        self._flags = dict(flags or {})
        self._holds = {}
        self._thumbs = {}
        for clip_id, data in thumbs.items():
            pix = QPixmap()
            if pix.loadFromData(data):
                self._thumbs[clip_id] = hidpi.fit(pix, THUMB_SIZE)
        self.endResetModel()

    def set_decisions(self, decisions: dict[int, str]) -> None:
        self._decisions = dict(decisions)
        self._column_changed(DECISION_COL)

    def set_holds(self, holds: dict[int, Any]) -> None:
        """The candidates' hold states (db.holds.holds.HoldState by clip id)."""
        self._holds = dict(holds)
        self._column_changed(HOLD_COL)

    def hold_state(self, row: int) -> Any:
        return self._holds.get(self._rows[row].clip_id)

    def _column_changed(self, col: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))

    def decision(self, row: int) -> str:
        return self._decisions.get(self._rows[row].clip_id, "pending")

    def flag(self, row: int) -> str | None:
        """What the resident flagged the clip as ("shows children", "private"), or None."""
        return self._flags.get(self._rows[row].clip_id)

    def clip_ids(self) -> list[int]:
        return [c.clip_id for c in self._rows]

    def clear(self) -> None:
        self.set_candidates([], {}, None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate("CandidatesModel", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        col = index.column()
        if role == ClipIdRole:
            return c.clip_id
        if role == CandidateRole:
            return c
        if col == HOLD_COL and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return self._hold_data(c.clip_id, role)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self._thumbs.get(c.clip_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            flags = self._flags.get(c.clip_id)
            tip = (
                self.tr("{path} (flagged: {flags})").format(path=c.path, flags=flags)
                if flags
                else c.path
            )
            return f"{tip}\n⚠ {c.warning}" if c.warning else tip
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and not c.start_certain:
            return theme.fg(UNCERTAIN_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and col == DECISION_COL:
            return theme.fg(DECISION_COLOURS[self._decisions.get(c.clip_id, "pending")])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            name = c.path.rsplit("/", 1)[-1]
            marks = [
                m
                for m in (
                    self._flags.get(c.clip_id),
                    c.warning and self.tr("time uncertain"),
                    self._hold_mark(c.clip_id),
                )
                if m
            ]
            return f"{name}  ⚠ {', '.join(marks)}" if marks else name
        if col == 1:
            if c.via == "view":
                return self.tr("{camera} (view reaches in)").format(camera=c.camera)
            if c.via == "retired":
                return self.tr("{camera} (retired)").format(camera=c.camera)
            return c.camera
        if col == 2:
            start = local_text(c.start_utc, seconds=True)
            return start if c.start_certain else self.tr("{start} (uncertain)").format(start=start)
        if col == 3:
            if self._window is None:
                return ""
            inside = overlap_seconds(c, *self._window)
            return self.tr("{inside} of {duration}").format(
                inside=human_duration(inside), duration=human_duration(c.duration_s)
            )
        if col == DECISION_COL:
            decision = self._decisions.get(c.clip_id, "pending")
            return QCoreApplication.translate("CandidatesModel", DECISION_WORDS[decision])
        return None

    def _hold_mark(self, clip_id: int) -> str | None:
        """A warning on the clip's name (the Hold column may be out of sight): its file
        is gone with no copy held, or changed."""
        state = self._holds.get(clip_id)
        if state is None or state.source == "present" or (state.source == "lost" and state.held):
            return None
        return self.tr("file changed") if state.source == "changed" else self.tr("file lost")

    def _hold_data(self, clip_id: int, role: int) -> Any:
        from desktop.hold_words import hold_words

        words = hold_words(self._holds.get(clip_id))
        if role == Qt.ItemDataRole.DisplayRole:
            return words.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return words.tip or None
        if words.colour is None:
            return None
        return theme.fg(words.colour)
