"""Importing a folder of clips for one camera.

Split in two so that one thread keeps the database: ``scan`` runs on a worker thread
(walks the folder, hashes, probes; it reads the database only through an
``ImportSnapshot`` taken beforehand) and hands batches of results to a callback;
``store_batch`` runs on the database thread and writes one batch in one transaction.

An import is finished when every clip is stored: it can be matched and shared from
then on. Thumbnails come afterwards (db.clips.thumbnail_pass), made by the same probe
processes.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from db.clips.cameras import Camera
from db.clips.clip_time import clip_time, relative_path
from db.clips.import_summary import ImportSummary, Skipped
from db.clips.media import Cancelled, MediaError, sha256_file
from db.clips.probing import PROCESSES_FROM, Prober, processes_for
from db.store.fileio import reason
from db.store.timeutil import now_utc_text, to_utc_text
from db.words.i18n import _


@dataclass(frozen=True)
class ImportSnapshot:
    """What the library already holds, read on the database thread before a scan."""

    by_path: dict[str, tuple[int, int]]  # path -> (size, mtime_ns)
    by_hash: dict[str, str]  # sha256 -> path


@dataclass(frozen=True)
class NewClip:
    path: str
    sha256: str
    size: int
    mtime_ns: int
    start_utc: str
    end_utc: str
    start_source: str
    duration_s: float
    width: int
    height: int
    codec: str
    has_audio: bool
    # How sure the start is and the times the name and the container gave
    # (db.clips.clip_time); the path relative to the imported folder, which the
    # start is read from again when the camera's settings change.
    start_certain: bool = True
    start_note: str = ""
    name_start_utc: str | None = None
    container_start_utc: str | None = None
    rel_path: str | None = None


@dataclass(frozen=True)
class MovedClip:
    sha256: str
    old_path: str
    path: str
    size: int
    mtime_ns: int
    rel_path: str | None = None


@dataclass(frozen=True)
class Known:
    path: str
    reason: str
    stored_path: str = ""  # the clip's path in the library, when not ``path``


Result = NewClip | MovedClip | Known | Skipped


@dataclass(frozen=True)
class Progress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: str


def load_snapshot(db: Database) -> ImportSnapshot:
    """Runs on the database thread."""
    by_path: dict[str, tuple[int, int]] = {}
    by_hash: dict[str, str] = {}
    for path, sha, size, mtime_ns in db.execute("SELECT path, sha256, size, mtime_ns FROM clips"):
        by_path[path] = (size, mtime_ns)
        by_hash[sha] = path
    return ImportSnapshot(by_path, by_hash)


def walk_files(root: Path, folders: list[str] | None = None) -> Iterator[Path | Skipped]:
    """Every regular file under ``root``, following symlinks but never into a loop.
    The folders visited are appended to ``folders`` when given."""
    root = Path(os.path.abspath(root))
    try:
        st = root.stat()
    except OSError as exc:
        yield Skipped(str(root), _os_reason(exc))
        return
    if not stat.S_ISDIR(st.st_mode):
        yield Skipped(str(root), _("not a folder"))
        return
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while stack:
        folder, ancestors = stack.pop()
        try:
            fst = folder.stat()
        except OSError as exc:
            yield Skipped(str(folder), _os_reason(exc))
            continue
        key = (fst.st_dev, fst.st_ino)
        if key in ancestors:
            yield Skipped(
                str(folder), _("symlink loop: this folder links back to a folder above it")
            )
            continue
        if key in seen:
            continue  # the same folder reached twice through a link: import it once
        seen.add(key)
        if folders is not None:
            folders.append(str(folder))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(str(folder), _os_reason(exc))
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                est = entry.stat(follow_symlinks=True)
            except OSError as exc:
                yield Skipped(str(path), _os_reason(exc))
                continue
            if stat.S_ISDIR(est.st_mode):
                subfolders.append(path)
            elif stat.S_ISREG(est.st_mode):
                yield path
            else:
                yield Skipped(str(path), _("not a regular file"))
        for sub in reversed(subfolders):
            stack.append((sub, ancestors | {key}))


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return _("symlink loop")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("unreadable: permission denied")
    if exc.errno == errno.ENOENT:
        return _("broken link or file vanished")
    return _("unreadable: %(reason)s") % {"reason": reason(exc)}


PROCESS_PROBES_FROM = PROCESSES_FROM  # files to analyse: from this many, probes run in processes
_HERE = Prober()  # probes in this process


class _ByteCounter:
    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:
            self.value += n


def analyse(
    path: Path,
    camera: Camera,
    snapshot: ImportSnapshot,
    cancel: threading.Event | None = None,
    on_bytes: Callable[[int], None] | None = None,
    prober: Prober | None = None,
    root: Path | None = None,
) -> Result:
    """Everything Doorstep needs to know about one file. Runs on a worker thread.
    A file that cannot be imported, for whatever reason, comes back Skipped with the
    reason: one bad file never stops the rest of the folder. ``root`` is the imported
    folder: the start is read from the path relative to it."""
    try:
        return _analyse(path, camera, snapshot, cancel, on_bytes, prober, root)
    except Cancelled:
        raise
    except Exception as exc:  # an error nobody foresaw stays this file's alone
        return Skipped(str(path), f"could not be imported ({type(exc).__name__}: {exc})")


def _analyse(
    path: Path,
    camera: Camera,
    snapshot: ImportSnapshot,
    cancel: threading.Event | None,
    on_bytes: Callable[[int], None] | None,
    prober: Prober | None,
    root: Path | None,
) -> Result:
    spath = str(path)
    if not _utf8(spath):
        # The library stores paths as text: a name that is not UTF-8 cannot be stored
        # (and could not be found again).
        return Skipped(spath, _("its name is not valid UTF-8 text: rename the file to import it"))
    try:
        st = path.stat()
        if st.st_size == 0:
            return Skipped(spath, _("empty file (0 bytes)"))
        known = snapshot.by_path.get(spath)
        if known == (st.st_size, st.st_mtime_ns):
            if on_bytes:
                on_bytes(st.st_size)
            return Known(spath, "already in the library")
        sha = sha256_file(path, cancel, on_bytes)
    except Cancelled:
        raise
    except OSError as exc:
        return Skipped(spath, _os_reason(exc))
    other = snapshot.by_hash.get(sha)
    if other is not None:
        if other == spath:
            return Known(spath, "already in the library")
        if not os.path.exists(other):
            return MovedClip(
                sha, other, spath, st.st_size, st.st_mtime_ns, relative_path(spath, root)
            )
        return Known(spath, f"same content as {other}, already in the library", other)
    try:
        info = (prober or _HERE).probe(path)
    except MediaError as exc:
        return Skipped(spath, str(exc))
    except OSError as exc:
        return Skipped(spath, _os_reason(exc))
    rel = relative_path(spath, root)
    try:
        found = clip_time(
            rel,
            creation_time=info.creation_time,
            quicktime=info.quicktime_time,
            mtime=st.st_mtime,
            duration_s=info.duration_s,
            zone=camera.zone,
            clock_offset_s=camera.clock_offset_s,
            profile=camera.naming_profile,
        )
        start = found.start
        start_text = to_utc_text(start)
        end_text = to_utc_text(start + timedelta(seconds=info.duration_s))
        name_text = None if found.name_start is None else to_utc_text(found.name_start)
        container_text = (
            None if found.container_start is None else to_utc_text(found.container_start)
        )
    except (OverflowError, ValueError, OSError):
        return Skipped(spath, _("its times fall outside the calendar (damaged time stamps)"))
    return NewClip(
        path=spath,
        sha256=sha,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        start_utc=start_text,
        end_utc=end_text,
        start_source=found.source,
        duration_s=round(info.duration_s, 3),
        width=info.width,
        height=info.height,
        codec=info.codec,
        has_audio=info.has_audio,
        start_certain=found.certain,
        start_note=found.note,
        name_start_utc=name_text,
        container_start_utc=container_text,
        rel_path=rel,
    )


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str) -> str:
    """A path as text that can be printed and stored: bytes of a name that are not
    UTF-8 appear as ``\\xff`` escapes."""
    if _utf8(path):
        return path
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def scan(
    root: Path,
    camera: Camera,
    snapshot: ImportSnapshot,
    on_batch: Callable[[list[Result]], None],
    on_progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    batch_size: int = 50,
    workers: int | None = None,
    folders: list[str] | None = None,
    probe_processes: int | None = None,
    probe_nice: int = 5,
    prober: Prober | None = None,
) -> bool:
    """Analyse every file under ``root``; results go to ``on_batch`` in batches, in
    file order. Returns False when cancelled. Runs on a worker thread. Probes run in
    ``probe_processes`` worker processes (by default one per processor when there
    are PROCESS_PROBES_FROM files or more, else here, side by side); ``workers``
    threads hash files and wait for their probes, which start with the hashing. The
    processes run ``probe_nice`` steps below this process's priority (the window's
    import: the window stays responsive). With ``prober``, its processes probe (more
    are started when it has none and the files are many) and it is left open: the
    clips' thumbnails are made by the same processes afterwards."""
    cancel = cancel or threading.Event()
    files: list[Path] = []
    batch: list[Result] = []
    for item in walk_files(root, folders):
        if isinstance(item, Skipped):
            batch.append(item)
        else:
            files.append(item)
    sizes = []
    for f in files:
        try:
            sizes.append(f.stat().st_size)
        except OSError:
            sizes.append(0)
    total_bytes = sum(sizes)
    counter = _ByteCounter()

    def report(current: str, done: int) -> None:
        if on_progress:
            on_progress(Progress(done, len(files), counter.value, total_bytes, current))

    report("", 0)
    if probe_processes is None:
        probe_processes = processes_for(len(files))
    if prober is not None:
        prober.start(probe_processes)
        probe_processes = prober.processes
    if workers is None:
        workers = probe_processes + 1 if probe_processes else 2
    # Files whose probe starts with their hash, not after it: every file not the size of
    # a clip in the library (one that is may be that clip, moved, and need no probe).
    known_sizes = {size for size, _ in snapshot.by_path.values()}
    ahead = max(workers * 2, probe_processes * 4)
    done = 0
    # The threads are joined before the probe processes are stopped (exits run in
    # reverse order); a prober given is left running, for the thumbnails.
    own = Prober(probe_processes, probe_nice) if prober is None else nullcontext(prober)
    with own as prober, ThreadPoolExecutor(max(1, workers)) as pool:
        pending: list[tuple[Path, Future[Result]]] = []
        it = iter(files)
        try:
            while True:
                while len(pending) < ahead:
                    nxt = next(it, None)
                    if nxt is None:
                        break
                    if sizes[len(pending) + done] not in known_sizes:
                        prober.prefetch(nxt)
                    pending.append(
                        (
                            nxt,
                            pool.submit(
                                analyse,
                                nxt,
                                camera,
                                snapshot,
                                cancel,
                                counter.add,
                                prober,
                                root,
                            ),
                        )
                    )
                if not pending:
                    break
                path, fut = pending.pop(0)
                while not fut.done():
                    # Large files take a while: keep the byte count moving.
                    wait([fut], timeout=0.25)
                    report(shown_path(str(path)), done)
                result = fut.result()
                prober.forget(path)
                done += 1
                batch.append(result)
                report(shown_path(str(path)), done)
                if len(batch) >= batch_size:
                    on_batch(batch)
                    batch = []
                if cancel.is_set():
                    raise Cancelled()
        except Cancelled:
            for _, fut in pending:
                fut.cancel()
            if batch:
                on_batch([r for r in batch if not isinstance(r, NewClip | MovedClip)])
            return False
    if batch:
        on_batch(batch)
    return True


def store_batch(db: Database, camera_id: int, batch: list[Result]) -> ImportSummary:
    """Write one batch of scan results in one transaction (a clip's thumbnail comes
    later: db.clips.thumbnail_pass). Runs on the database thread."""
    summary = ImportSummary()
    now = now_utc_text()
    with db.atomic():
        # A camera retired meanwhile (a watched folder, an import under way) gets no
        # new clips: it is kept only as the record of what was shared.
        retired = db.execute(
            "SELECT retired_at IS NOT NULL FROM cameras WHERE id = ?", [camera_id]
        ).fetchone() == (1,)
        for item in batch:
            if retired and isinstance(item, NewClip):
                item = Skipped(item.path, _("its camera was retired: no new clips are added to it"))
            elif isinstance(item, NewClip):
                item = _unless_held(db, item)
            if isinstance(item, Skipped):
                summary.skipped.append(Skipped(shown_path(item.path), item.reason))
            elif isinstance(item, Known):
                summary.known += 1
                owner = db.execute(
                    "SELECT cameras.name FROM clips JOIN cameras ON cameras.id = clips.camera_id "
                    "WHERE clips.path = ? AND clips.camera_id != ?",
                    [item.stored_path or item.path, camera_id],
                ).fetchone()
                if owner is not None:
                    name = str(owner[0])
                    summary.known_elsewhere[name] = summary.known_elsewhere.get(name, 0) + 1
            elif isinstance(item, MovedClip):
                cur = db.execute(
                    "UPDATE clips SET path = ?, size = ?, mtime_ns = ?, rel_path = ? "
                    "WHERE sha256 = ?",
                    [item.path, item.size, item.mtime_ns, item.rel_path, item.sha256],
                )
                if cur.rowcount:
                    summary.moved += 1
                else:
                    summary.skipped.append(Skipped(item.path, _("its clip was removed meanwhile")))
            else:
                try:
                    with db.atomic():
                        _insert_clip(db, camera_id, item, now)
                    summary.added += 1
                    if not item.start_certain:
                        summary.uncertain += 1
                except sqlite3.IntegrityError as exc:
                    if "clips.sha256" in str(exc):
                        summary.known += 1
                    else:
                        summary.skipped.append(Skipped(item.path, f"not stored: {exc}"))
    return summary


def _unless_held(db: Database, c: NewClip) -> NewClip | Skipped:
    """A new file where a held clip's was (the recorder reused the name): the held
    clip is evidence a request asked for, so its record stays, flagged as changed
    (docs/holds.md), and the new file is not imported over it."""
    held = db.execute(
        "SELECT id FROM clips WHERE path = ? AND sha256 != ? "
        "AND EXISTS (SELECT 1 FROM holds WHERE holds.clip_id = clips.id)",
        [c.path, c.sha256],
    ).fetchone()
    if held is None:
        return c
    db.execute("UPDATE clips SET source_state = 'changed' WHERE id = ?", [held[0]])
    return Skipped(
        c.path,
        _(
            "it replaced held clip %(clip)s, which is kept (from its held copy); "
            "release that clip to import the new file"
        )
        % {"clip": held[0]},
    )


def _insert_clip(db: Database, camera_id: int, c: NewClip, now: str) -> None:
    # The same path with new content: the old recording was overwritten on disk.
    db.execute("DELETE FROM clips WHERE path = ? AND sha256 != ?", [c.path, c.sha256])
    db.execute(
        "INSERT INTO clips (camera_id, path, sha256, size, mtime_ns, start_utc, end_utc, "
        "start_source, duration_s, width, height, codec, has_audio, imported_at, "
        "start_certain, start_note, name_start_utc, container_start_utc, rel_path, "
        "thumbnail_pending) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [
            camera_id,
            c.path,
            c.sha256,
            c.size,
            c.mtime_ns,
            c.start_utc,
            c.end_utc,
            c.start_source,
            c.duration_s,
            c.width,
            c.height,
            c.codec,
            int(c.has_audio),
            now,
            int(c.start_certain),
            c.start_note or None,
            c.name_start_utc,
            c.container_start_utc,
            c.rel_path,
        ],
    )


def import_folder(
    db: Database,
    root: Path,
    camera: Camera,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    probe_processes: int | None = None,
    thumbnails: bool = True,
    on_stored: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Scan and store on the calling thread (the command line). The probe processes run
    at this process's priority, as any command the resident runs: there is no window
    to keep responsive. Once every clip is stored (``on_stored`` is told), the same
    processes make the thumbnails every clip in the library still lacks, unless
    ``thumbnails`` is False (they are made later: the window makes them)."""
    from db.clips.thumbnail_pass import make_pending

    assert camera.id is not None
    summary = ImportSummary()
    snapshot = load_snapshot(db)

    def on_batch(batch: list[Result]) -> None:
        summary.merge(store_batch(db, camera.id or 0, batch))

    with Prober(0, nice=0) as prober:
        completed = scan(
            root,
            camera,
            snapshot,
            on_batch,
            on_progress,
            cancel,
            probe_processes=probe_processes,
            prober=prober,
        )
        summary.cancelled = not completed
        if on_stored is not None:
            on_stored(summary)
        if thumbnails and completed:
            made = make_pending(db, prober, cancel, processes=probe_processes)
            summary.thumbnails = made.made
            summary.no_picture = made.errors
    return summary
