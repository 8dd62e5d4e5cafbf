"""The clips table model: keeps only the ordered clip ids and fetches rows a page at a
time from the database thread (Anki's browser table does the same), so a library of
100,000 clips opens at once and holds only what is on screen."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPixmap
from sqlite_utils import Database

from db.clips import library as clipsdb
from db.clips.clip_time import source_words
from db.clips.library import ClipFilter, ClipRow
from db.words.time_notes import note_words
from db.words.timewords import camera_text, local_text
from db.words.units import file_size
from desktop import hidpi, theme
from desktop.dbthread import DbService
from desktop.models.clip_columns import COL, COLUMNS, HEADER_TIPS

PAGE = 200
THUMB_SIZE = QSize(64, 48)
# Memory: rows and their thumbnail JPEG for the last 2,000 rows fetched, a short page
# fetch away from any other; scaled thumbnails (QPixmap, bigger than their JPEG) for the
# last 500 rows painted, a JPEG decode away.
MAX_ROWS = 10 * PAGE
MAX_PIXMAPS = 500

ClipIdRole = Qt.ItemDataRole.UserRole + 1
ClipRowRole = Qt.ItemDataRole.UserRole + 2
HoldStateRole = Qt.ItemDataRole.UserRole + 3  # db.holds.holds.HoldState, once read

Index = QModelIndex | QPersistentModelIndex

FLAG_COLUMNS = {COL["children"]: "shows_children", COL["private"]: "private"}
_HOLD_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
)


def human_size(n: int) -> str:
    return file_size(n)


def human_duration(seconds: float) -> str:
    s = round(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def local_start(row: ClipRow) -> str:
    """When the clip began, on the computer's clock (as every time in the window)."""
    return local_text(row.start_utc, seconds=True)


def camera_start(row: ClipRow) -> str:
    """When the clip began on its camera's clock, zone named: "2026-11-20 14:00:00 PST"."""
    return camera_text(row.start_utc, row.camera_tz)


def _fetch_page(ids: list[int]) -> Any:
    def op(db: Database) -> tuple[dict[int, ClipRow], dict[int, bytes]]:
        return clipsdb.clip_rows(db, ids), clipsdb.thumbnails(db, ids)

    return op


def _fetch_holds(ids: list[int]) -> Any:
    def op(db: Database) -> tuple[dict[int, Any], dict[int, str]]:
        from desktop.hold_sync import read_hold_states, request_labels

        states = read_hold_states(db, ids)
        rows = {h for s in states.values() for h in s.held_for if isinstance(h, int)}
        return states, request_labels(db, rows)

    return op


class ClipsModel(QAbstractTableModel):
    """Rows are clips; columns as in ``COLUMNS``. Sorting and filtering run in SQL."""

    loaded = Signal()  # the rows were (re)set: the whole id list or, at first, its head
    complete = Signal()  # the whole id list is in
    page_loaded = Signal()

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._ids = array("q")  # the ids in display order (a prefix while the rest loads)
        self._total = 0  # the rows: len(self._ids) once the whole list is in
        self._loads = 0  # refreshes asked for; a late answer to an older one is dropped
        self._pos: dict[int, int] = {}
        self._rows: OrderedDict[int, ClipRow] = OrderedDict()  # clip id -> row, LRU
        self._thumbs: dict[int, bytes] = {}
        self._holds: dict[int, Any] = {}  # clip id -> HoldState, for the rows cached
        self.request_labels: dict[int, str] = {}  # request row -> "case 2026-004512 (…)"
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()  # clip id -> pixmap, LRU
        self._requested: set[int] = set()  # pages asked for and not arrived yet
        self._missing: set[int] = set()  # ids whose row a page did not bring (deleted)
        self._generation = 0
        self.ever_loaded = False
        self._unsaved: dict[int, dict[str, Any]] = {}  # clip id -> flag changes in flight
        self._filter = ClipFilter()
        self._sort = ("start", True)
        self._ids_sort: tuple[str, bool] | None = None  # the order self._ids were loaded in
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(700)
        self._refresh_timer.timeout.connect(lambda: self.refresh(keep_cache=True))
        self._thumbs_timer = QTimer(self)
        self._thumbs_timer.setSingleShot(True)
        self._thumbs_timer.setInterval(300)
        self._thumbs_timer.timeout.connect(self.reload_thumbnails)
        self._holds_timer = QTimer(self)
        self._holds_timer.setSingleShot(True)
        self._holds_timer.setInterval(300)
        self._holds_timer.timeout.connect(self.reload_holds)
        self._placeholder: QPixmap | None = None

    # -- loading ---------------------------------------------------------------------
    def refresh(self, keep_cache: bool = False, keep_thumbnails: bool = False) -> None:
        """Reload the ordered ids (after an import, a filter or a sort change). Rows
        already fetched are kept when ``keep_cache`` (no flicker while importing);
        only their thumbnails when ``keep_thumbnails`` (the rows' values changed)."""
        filt, sort = self._filter, self._sort
        key, desc = sort
        self._loads += 1
        load = self._loads
        if not self.ever_loaded:
            # The first load shows the first screen from a short read (the total, the
            # first page of ids with their rows), then reads the whole id list.
            self._db.submit(
                lambda db: clipsdb.clip_head(db, filt, key, desc, PAGE),
                lambda head: self._set_head(load, head, sort, filt),
            )
            return
        self._db.submit(
            lambda db: clipsdb.clip_ids(db, filt, key, desc),
            lambda ids: (
                None
                if load != self._loads
                else self._set_ids(ids, keep_cache, sort, keep_thumbnails=keep_thumbnails)
            ),
        )

    def refresh_soon(self) -> None:
        """Coalesce many refresh requests (batches arriving during an import)."""
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def reload_thumbnails_soon(self) -> None:
        """Coalesce the thumbnail pass's batches (``reload_thumbnails``)."""
        if not self._thumbs_timer.isActive():
            self._thumbs_timer.start()

    def reload_thumbnails(self) -> None:
        """Read again the rows held without a thumbnail: those made since show, in
        place (no reset: the selection and the scroll position stay)."""
        ids = [i for i, row in self._rows.items() if i not in self._thumbs]
        if not ids:
            return
        generation = self._generation
        self._db.submit(
            _fetch_page(ids),
            lambda result: self._thumbnails_arrived(generation, result),
            abandon_on_close=True,
        )

    def reload_holds_soon(self) -> None:
        """Coalesce a sync's changes (``reload_holds``)."""
        if not self._holds_timer.isActive():
            self._holds_timer.start()

    def reload_holds(self) -> None:
        """Read again the hold state of the rows cached, in place (a hold, a release or
        a source found gone changes no row's place)."""
        self._read_holds(list(self._rows))

    def _read_holds(self, ids: list[int]) -> None:
        if ids:
            self._db.submit(_fetch_holds(ids), self._holds_arrived, abandon_on_close=True)

    def _holds_arrived(self, answer: tuple[dict[int, Any], dict[int, str]]) -> None:
        states, labels = answer
        self.request_labels.update(labels)
        col = COL["hold"]
        for clip_id, state in states.items():
            if clip_id not in self._rows or self._holds.get(clip_id) == state:
                continue
            self._holds[clip_id] = state
            pos = self.row_of(clip_id)
            if pos is not None:
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, col))

    def hold_state(self, clip_id: int) -> Any:
        """The clip's HoldState as last read (None: not read yet)."""
        return self._holds.get(clip_id)

    def _thumbnails_arrived(
        self, generation: int, result: tuple[dict[int, ClipRow], dict[int, bytes]]
    ) -> None:
        rows, thumbs = result
        changed = [i for i, row in rows.items() if i in thumbs or row != self._rows.get(i, row)]
        self._cache_rows(rows, thumbs)
        if generation != self._generation:
            return
        for clip_id in changed:
            pos = self.row_of(clip_id)
            if pos is not None:
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(COLUMNS) - 1))

    def _set_head(
        self, load: int, head: clipsdb.ClipHead, sort: tuple[str, bool], filt: ClipFilter
    ) -> None:
        if load != self._loads:
            return
        self._cache_rows(head.rows, head.thumbnails)
        self._set_ids(head.ids, True, sort, total=head.total)
        self._read_holds(list(head.rows))
        self.page_loaded.emit()
        if len(head.ids) < head.total:
            # Asked for now, the rest of the list comes after what the window asked
            # for at start (the requests, the map); closing the window drops it.
            key, desc = sort
            self._db.submit(
                lambda db: clipsdb.clip_ids(db, filt, key, desc),
                lambda ids: self._set_rest(load, ids, sort),
                abandon_on_close=True,
            )

    def _set_rest(self, load: int, ids: list[int], sort: tuple[str, bool]) -> None:
        """The whole id list, after the first screen was shown from its head."""
        if load != self._loads:
            return
        known = len(self._ids)
        if len(ids) == self._total and array("q", ids[:known]) == self._ids:
            # What the first screen was shown from, continued: no reset, so the
            # selection and the scroll position stay.
            if known < self._total:
                self._ids = array("q", ids)
                self._pos = {}
                self.dataChanged.emit(
                    self.index(known, 0), self.index(self._total - 1, len(COLUMNS) - 1)
                )
            self.complete.emit()
            return
        self._set_ids(ids, True, sort)

    def _set_ids(
        self,
        ids: list[int],
        keep_cache: bool = True,
        sort: tuple[str, bool] | None = None,
        total: int | None = None,
        keep_thumbnails: bool = False,
    ) -> None:
        self.beginResetModel()
        self._generation += 1
        self._ids = array("q", ids)
        self._total = len(ids) if total is None else total
        self._ids_sort = sort
        self._pos = {}
        self._requested.clear()
        self._missing.clear()
        if not keep_cache:
            self._rows.clear()
            self._holds.clear()
            if not keep_thumbnails:
                self._thumbs.clear()
                self._pixmaps.clear()
        self.ever_loaded = True
        self.endResetModel()
        self.loaded.emit()
        if len(self._ids) == self._total:
            self.complete.emit()

    def _row_for(self, row: int) -> ClipRow | None:
        if row >= len(self._ids):
            return None  # the id list is still being read
        clip_id = self._ids[row]
        cached = self._rows.get(clip_id)
        if cached is None:
            if clip_id not in self._missing:
                # Not fetched yet, or fetched and evicted since: (again) a page away.
                self._request_page(row // PAGE)
            return None
        return cached

    def _request_page(self, page_no: int) -> None:
        if page_no in self._requested:
            return
        self._requested.add(page_no)
        ids = list(self._ids[page_no * PAGE : (page_no + 1) * PAGE])
        generation = self._generation
        self._db.submit(
            _fetch_page(ids),
            lambda result: self._page_arrived(generation, page_no, result, ids),
        )

    def _page_arrived(
        self,
        generation: int,
        page_no: int,
        result: tuple[dict[int, ClipRow], dict[int, bytes]],
        ids: list[int] | None = None,
    ) -> None:
        rows, thumbs = result
        self._cache_rows(rows, thumbs)
        self._read_holds([i for i in rows if i not in self._holds])
        if generation != self._generation:
            return  # the ids changed meanwhile; the rows are cached all the same
        self._requested.discard(page_no)
        self._missing.update(i for i in ids or () if i not in rows)
        first = page_no * PAGE
        last = min(len(self._ids), first + PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit()

    def _cache_rows(self, rows: dict[int, ClipRow], thumbs: dict[int, bytes]) -> None:
        for clip_id, row in rows.items():
            unsaved = self._unsaved.get(clip_id)
            # A page read before a flag change was written must not undo it on screen.
            self._rows[clip_id] = replace(row, **unsaved) if unsaved else row
            self._rows.move_to_end(clip_id)
        self._thumbs.update(thumbs)
        while len(self._rows) > MAX_ROWS:
            old_id, _ = self._rows.popitem(last=False)
            self._thumbs.pop(old_id, None)
            self._holds.pop(old_id, None)
            self._pixmaps.pop(old_id, None)

    def is_loaded(self, row: int) -> bool:
        """Whether the page holding ``row`` is in memory."""
        page = row // PAGE
        ids = self._ids[page * PAGE : (page + 1) * PAGE]
        return len(ids) > 0 and all(i in self._rows for i in ids)

    # -- filter and sort -------------------------------------------------------------
    def set_filter(self, filt: ClipFilter) -> None:
        self._filter = filt
        self.refresh()

    @property
    def clip_filter(self) -> ClipFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or not COLUMNS[column][2]:
            return
        sort = (COLUMNS[column][2], order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort and (not self.ever_loaded or self._ids_sort == sort):
            # Nothing to reorder: the view asks for the current order when sorting is
            # switched on, before the first load (which start() asks for) or after it.
            return
        self._sort = sort
        self.refresh()

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = HEADER_TIPS.get(COLUMNS[section][0])
            return self.tr(tip) if tip else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FLAG_COLUMNS:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        # Past the ids read so far (the rest of the list is on its way): a placeholder.
        clip_id = self._ids[index.row()] if index.row() < len(self._ids) else None
        if role == ClipIdRole:
            return clip_id
        row = self._row_for(index.row())
        col = index.column()
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and col == 0 else None
        if role == ClipRowRole:
            return row
        if role == HoldStateRole:
            return self._holds.get(row.id)
        if col == COL["hold"] and role in _HOLD_ROLES:
            return self._hold_data(row.id, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.CheckStateRole and col in FLAG_COLUMNS:
            value = getattr(row, FLAG_COLUMNS[col])
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self._pixmap(row.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                if row.thumbnail_error:
                    return self.tr("{path}\nThe picture cannot be decoded: {error}").format(
                        path=row.path, error=row.thumbnail_error
                    )
                return row.path
            if col == COL["camera"]:
                return row.camera
            if col == COL["start"]:
                source = source_words(row.start_source)
                tip = self.tr("Camera's local time: {time} (from {source})").format(
                    time=camera_start(row), source=source
                )
                if row.start_certain:
                    return tip
                return (
                    tip
                    + "\n"
                    + self.tr("⚠ Time uncertain: {note}").format(note=note_words(row.start_note))
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL["duration"], COL["size"]):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _hold_data(self, clip_id: int, role: int) -> Any:
        from desktop.hold_words import hold_words

        words = hold_words(self._holds.get(clip_id))
        if role == Qt.ItemDataRole.DisplayRole:
            return words.short
        if role == Qt.ItemDataRole.ToolTipRole:
            return words.tip or None
        return theme.fg(words.colour) if words.colour else None

    def _display(self, row: ClipRow, col: int) -> Any:
        if col == COL["clip"]:
            return row.path.rsplit("/", 1)[-1]
        if col == COL["camera"]:
            return row.camera
        if col == COL["start"]:
            if row.start_certain:
                return local_start(row)
            return self.tr("{start}  ⚠ uncertain").format(start=local_start(row))
        if col == COL["duration"]:
            return human_duration(row.duration_s)
        if col == COL["resolution"]:
            return f"{row.width}×{row.height}"
        if col == COL["audio"]:
            return self.tr("Yes") if row.has_audio else self.tr("No")
        if col == COL["size"]:
            return human_size(row.size)
        return None

    def poster(self, clip_id: int) -> QPixmap | None:
        """The clip's thumbnail at full size (160 px wide)."""
        data = self._thumbs.get(clip_id)
        if not data:
            return None
        pix = QPixmap()
        pix.loadFromData(QByteArray(data), "JPG")
        return pix

    def _pixmap(self, clip_id: int) -> QPixmap | None:
        """The table's small thumbnail, kept for the MAX_PIXMAPS rows painted last."""
        pix = self._pixmaps.get(clip_id)
        if pix is not None:
            self._pixmaps.move_to_end(clip_id)
            return pix
        full = self.poster(clip_id)
        if full is None:
            return self._neutral()  # the thumbnail is still to be made, or cannot be
        pix = hidpi.fit(full, THUMB_SIZE)  # in device pixels: crisp on a 200 % screen
        self._pixmaps[clip_id] = pix
        if len(self._pixmaps) > MAX_PIXMAPS:
            self._pixmaps.popitem(last=False)
        return pix

    def _neutral(self) -> QPixmap:
        """A plain grey picture standing in for a thumbnail: the row keeps its height
        and the name its place when the thumbnail arrives."""
        if self._placeholder is None:
            pix = QPixmap(THUMB_SIZE.width(), THUMB_SIZE.height() * 3 // 4)
            pix.fill(QColor(128, 128, 128, 90))
            self._placeholder = pix
        return self._placeholder

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in FLAG_COLUMNS:
            return False
        row = self._row_for(index.row())
        if row is None:
            return False
        flag = FLAG_COLUMNS[index.column()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.set_flag(row.id, flag, checked)
        return True

    def set_flag(self, clip_id: int, flag: str, value: bool) -> None:
        """Change a flag: shown at once, written on the database thread."""
        self._unsaved.setdefault(clip_id, {})[flag] = value
        self._update_cached(clip_id, **{flag: value})

        def settle() -> None:
            changes = self._unsaved.get(clip_id, {})
            if changes.get(flag) == value:
                del changes[flag]
                if not changes:
                    self._unsaved.pop(clip_id, None)

        def undo(exc: BaseException) -> None:
            settle()
            self._update_cached(clip_id, **{flag: not value})
            self._db.error.emit(self.tr("Could not change the flag: {error}").format(error=exc))

        self._db.submit(
            lambda db: clipsdb.set_flag(db, clip_id, flag, value, now=datetime.now(UTC)),
            lambda _r: settle(),
            undo,
        )

    def _update_cached(self, clip_id: int, **changes: Any) -> None:
        if clip_id in self._rows:
            self._rows[clip_id] = replace(self._rows[clip_id], **changes)
        pos = self.row_of(clip_id)
        if pos is not None:
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(COLUMNS) - 1))

    def row_of(self, clip_id: int) -> int | None:
        if not self._pos and self._ids:
            self._pos = {cid: i for i, cid in enumerate(self._ids)}
        return self._pos.get(clip_id)

    def clip_id(self, row: int) -> int:
        return self._ids[row]
