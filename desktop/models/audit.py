"""The audit trail as a table: only the entry numbers are held (the filter runs in
SQL); rows are fetched a page at a time on the database thread when they are shown."""

from __future__ import annotations

import json
import sqlite3
from array import array
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlite_utils import Database

from db.audit import trail as audit
from db.audit.trail import AuditFilter
from db.audit.words import detail_items, details_text
from db.words.timewords import local_text
from desktop.dbthread import DbService

PAGE = 500
# The headers in English; shown in the window's language (context "AuditModel").
COLUMNS = [
    ("seq", "#"),
    ("at", str(QT_TRANSLATE_NOOP("AuditModel", "When"))),
    ("action", str(QT_TRANSLATE_NOOP("AuditModel", "Action"))),
    ("request_id", str(QT_TRANSLATE_NOOP("AuditModel", "Request"))),
    ("agency_id", str(QT_TRANSLATE_NOOP("AuditModel", "Agency"))),
    ("clip_id", str(QT_TRANSLATE_NOOP("AuditModel", "Clip"))),
    ("camera_id", str(QT_TRANSLATE_NOOP("AuditModel", "Camera"))),
    ("details", str(QT_TRANSLATE_NOOP("AuditModel", "Details"))),
]
SeqRole = Qt.ItemDataRole.UserRole + 1
# The stored action names (English, part of the hashed entry) as the window says them.
ACTION_WORDS = {
    "request received": str(QT_TRANSLATE_NOOP("AuditModel", "request received")),
    "request withdrawn": str(QT_TRANSLATE_NOOP("AuditModel", "request withdrawn")),
    "request declined automatically": str(
        QT_TRANSLATE_NOOP("AuditModel", "request declined automatically")
    ),
    "request viewed": str(QT_TRANSLATE_NOOP("AuditModel", "request viewed")),
    "rules changed": str(QT_TRANSLATE_NOOP("AuditModel", "rules changed")),
    "decision": str(QT_TRANSLATE_NOOP("AuditModel", "decision")),
    "redaction accepted": str(QT_TRANSLATE_NOOP("AuditModel", "redaction accepted")),
    "package built": str(QT_TRANSLATE_NOOP("AuditModel", "package built")),
    "package delivered": str(QT_TRANSLATE_NOOP("AuditModel", "package delivered")),
    "package delivered again": str(QT_TRANSLATE_NOOP("AuditModel", "package delivered again")),
    "package handed over": str(QT_TRANSLATE_NOOP("AuditModel", "package handed over")),
    "encrypted zip made": str(QT_TRANSLATE_NOOP("AuditModel", "encrypted zip made")),
    "camera added": str(QT_TRANSLATE_NOOP("AuditModel", "camera added")),
    "camera changed": str(QT_TRANSLATE_NOOP("AuditModel", "camera changed")),
    "camera removed": str(QT_TRANSLATE_NOOP("AuditModel", "camera removed")),
    "camera retired": str(QT_TRANSLATE_NOOP("AuditModel", "camera retired")),
    "clock measured": str(QT_TRANSLATE_NOOP("AuditModel", "clock measured")),
    "privacy mask added": str(QT_TRANSLATE_NOOP("AuditModel", "privacy mask added")),
    "privacy mask removed": str(QT_TRANSLATE_NOOP("AuditModel", "privacy mask removed")),
    "agency changed": str(QT_TRANSLATE_NOOP("AuditModel", "agency changed")),
    "feed added": str(QT_TRANSLATE_NOOP("AuditModel", "feed added")),
    "feed removed": str(QT_TRANSLATE_NOOP("AuditModel", "feed removed")),
    "credential changed": str(QT_TRANSLATE_NOOP("AuditModel", "credential changed")),
    "clip held": str(QT_TRANSLATE_NOOP("AuditModel", "clip held")),
    "hold released": str(QT_TRANSLATE_NOOP("AuditModel", "hold released")),
    "hold budget changed": str(QT_TRANSLATE_NOOP("AuditModel", "hold budget changed")),
    "clip flagged": str(QT_TRANSLATE_NOOP("AuditModel", "clip flagged")),
}

Index = QModelIndex | QPersistentModelIndex


def _seqs(filt: AuditFilter) -> Any:
    def op(db: Database) -> array:
        where, params = filt.where()
        try:
            cursor = db.conn.execute(f"SELECT seq FROM audit_log{where} ORDER BY seq DESC", params)
        except sqlite3.OperationalError:
            gone = audit.missing(db)
            if gone is None:
                raise
            raise LookupError(gone) from None  # in words, not SQLite's "no such table"
        out = array("q")
        while batch := cursor.fetchmany(50_000):
            out.extend(r[0] for r in batch)
        return out

    return op


def _page(seqs: list[int]) -> Any:
    def op(db: Database) -> dict[int, tuple[Any, ...]]:
        marks = ",".join("?" * len(seqs))
        rows = db.execute(
            f"SELECT seq, at, action, request_id, agency_id, clip_id, camera_id, details "
            f"FROM audit_log WHERE seq IN ({marks})",
            seqs,
        )
        return {int(r[0]): tuple(r) for r in rows}

    return op


class AuditModel(QAbstractTableModel):
    loaded = Signal()

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._seqs = array("q")
        self._rows: dict[int, tuple[Any, ...]] = {}
        self._asked: set[int] = set()
        self._generation = 0
        self.filter = AuditFilter()

    def refresh(self, filt: AuditFilter | None = None) -> None:
        if filt is not None:
            self.filter = filt
        generation = self._generation = self._generation + 1
        self._db.submit(_seqs(self.filter), lambda seqs: self._set(generation, seqs))

    def _set(self, generation: int, seqs: array) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._seqs = seqs
        self._rows.clear()
        self._asked.clear()
        self.endResetModel()
        self.loaded.emit()

    def row_of(self, seq: int) -> int | None:
        """The row showing entry ``seq`` (newest first), or None when it is not shown."""
        lo, hi = 0, len(self._seqs)
        while lo < hi:  # binary search over the descending numbers
            mid = (lo + hi) // 2
            if self._seqs[mid] > seq:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self._seqs) and self._seqs[lo] == seq else None

    def _fetch(self, row: int) -> None:
        start = (row // PAGE) * PAGE
        if start in self._asked:
            return
        self._asked.add(start)
        seqs = list(self._seqs[start : start + PAGE])
        generation = self._generation

        def done(rows: dict[int, tuple[Any, ...]]) -> None:
            if generation != self._generation:
                return
            self._rows.update(rows)
            end = min(start + PAGE, len(self._seqs)) - 1
            self.dataChanged.emit(self.index(start, 0), self.index(end, len(COLUMNS) - 1))

        self._db.submit(_page(seqs), done)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate("AuditModel", COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._seqs):
            return None
        seq = self._seqs[index.row()]
        if role == SeqRole:
            return seq
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows.get(seq)
        if row is None:
            self._fetch(index.row())
            return "…" if index.column() else seq
        value = row[index.column()]
        if index.column() == 7:
            details = json.loads(value)
            if role == Qt.ItemDataRole.DisplayRole:
                return details_text(details)
            return "\n".join(detail_items(details, short=False))
        if index.column() == 2 and isinstance(value, str) and role == Qt.ItemDataRole.DisplayRole:
            return action_text(value)
        if index.column() == 1 and isinstance(value, str):
            if role == Qt.ItemDataRole.DisplayRole:
                return local_text(value, seconds=True)
            return f"{value.replace('T', ' ').replace('Z', '')} UTC"
        return "" if value is None else value


ACTIONS = audit.ACTIONS


def action_text(action: str) -> str:
    """A stored action name in the window's language (the stored one when unknown)."""
    words = ACTION_WORDS.get(action)
    return QCoreApplication.translate("AuditModel", words) if words else action
