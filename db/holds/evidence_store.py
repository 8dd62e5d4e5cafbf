"""The evidence store: Doorstep's own copy of the clips a request asks for, kept by
content (docs/holds.md, "The evidence store").

Each file is ``<root>/<sha[:2]>/<sha>``, named by its SHA-256, so a file is held once
however many requests hold it, and a held file is checked by hashing it again. A file
is put in by the cheapest of three methods the file systems allow:

* ``reflink``: ``ioctl(FICLONE)`` (Btrfs, XFS, bcachefs, ZFS 2.2): a file of its own
  that shares the source's extents until either is written, so the held copy costs no
  space at first and a recorder writing into its file in place cannot change it;
* ``hardlink`` (when ``allow_link`` and the source is on the same file system): a
  second name for the recorder's own file: no space while the recorder keeps its file,
  and the held copy survives the recorder deleting it. But it is the same file: a
  recorder that writes into that file in place changes the held copy too (``verify``
  and the hash check of every use catch that; the held copy is then lost);
* ``copy``: the bytes copied and hashed on the way.

Every put is written under a temporary name in the same folder
(``.partial-<sha>-<pid>-<n>``), flushed to disk, checked against the SHA-256 it was
asked to hold (for a link, the source's bytes as linked) and only then renamed to its
final name, and the folder flushed. So a file under its final name is always whole and
right, even after a crash or a power cut; ``sweep_partials`` removes what a killed put
left. Copies are read-only (0444); a hard link keeps the recorder's file's mode (it is
the recorder's file). No database, no Qt.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from db.holds import file_copy
from db.store.fileio import WriteError, reason
from db.store.processes import process_alive
from db.words.i18n import _

PARTIAL_PREFIX = ".partial-"
# A leftover whose name does not say its process (none written so, but a person may
# leave one) is removed only once nothing has written to it for this long.
STALE_S = 24 * 3600.0
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PARTIAL = re.compile(re.escape(PARTIAL_PREFIX) + r"[0-9a-f]{64}-([0-9]+)-[0-9]+")
_numbers = itertools.count()

REFLINK, HARDLINK, COPY = "reflink", "hardlink", "copy"


class StoreError(Exception):
    """A file the evidence store cannot hold or use; the text is one line."""


class SourceChanged(StoreError):
    """The file's SHA-256 is not the one expected: the recorder changed or replaced it."""


class StoreCancelled(StoreError):
    """A put stopped by its cancel event; it left nothing behind."""


@dataclass(frozen=True)
class Stored:
    """A held file: its hash, where it is, its size and how it was put in."""

    sha256: str
    path: Path
    size: int
    method: str  # "reflink" | "hardlink" | "copy"


@dataclass(frozen=True)
class PutItem:
    """One file for :meth:`EvidenceStore.put_many` (the arguments of ``put``)."""

    source: Path
    sha256: str
    known: tuple[int, int] | None = None  # (size, mtime_ns) when the hash was taken


@dataclass(frozen=True)
class Usage:
    """What the store holds. ``copied_bytes`` cost disk space of their own;
    ``linked_bytes`` share it with the recorder's files (a hard link while the
    recorder keeps its file, reflinked extents while neither was rewritten), and turn
    into copied bytes when the recorder deletes its file: rotation, which is what
    holding protects from. A budget therefore counts ``total_bytes``."""

    files: int
    copied_bytes: int
    linked_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.copied_bytes + self.linked_bytes


def check_sha256(sha256: str) -> str:
    """``sha256`` if it is a SHA-256 in lower-case hex; ValueError otherwise."""
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 in lower-case hex: {sha256!r}")
    return sha256


class EvidenceStore:
    """The files under ``root`` (``paths.evidence_dir()`` in the app). Safe to use
    from several threads and processes at once: a put writes only its own temporary
    file and renames it; two puts of the same file end with the same bytes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._local = threading.local()  # .batch: this thread's open batch, if any
        self._cannot_clone: set[int] = set()  # devices whose files the store cannot clone

    def close(self) -> None:
        """Nothing to release (a store holds no open file or thread between calls);
        kept so that code written against the first version, which hashed copies on a
        helper thread it ended here, still runs."""

    def __enter__(self) -> EvidenceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Puts this thread makes inside the ``with`` are flushed to disk together
        when it ends, not one by one: each put still writes, checks and returns its
        file, but names it (renames it from its temporary name) only once the data of
        every file in the batch is on disk, then flushes the names. A file system
        flush costs a journal commit (milliseconds), so for many small files this is
        most of the time a put takes. Until the batch ends its files are not ``has``
        nor usable: record them as held after it. Files put before an error inside
        the ``with`` are still named; a batch whose flush fails names none."""
        if getattr(self._local, "batch", None) is not None:
            yield  # already in one: the outer one names them
            return
        pending: dict[str, tuple[Path, Path]] = {}
        self._local.batch = pending
        try:
            yield
        finally:
            self._local.batch = None
            self._name(pending)

    def _name(self, pending: dict[str, tuple[Path, Path]]) -> None:
        if not pending:
            return
        try:
            file_copy.sync_file_system(self.root)  # every file's bytes, then ...
            for temp, final in pending.values():
                os.replace(temp, final)
            file_copy.sync_file_system(self.root)  # ... their names
        except OSError as exc:
            for temp, _final in pending.values():
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            raise WriteError(
                exc.errno or 0,
                _("cannot flush the evidence store %(root)s: %(reason)s")
                % {"root": self.root, "reason": reason(exc)},
            ) from exc

    # -- where ------------------------------------------------------------------------
    def path_for(self, sha256: str) -> Path:
        sha = check_sha256(sha256)
        return self.root / sha[:2] / sha

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    # -- putting a file in ------------------------------------------------------------
    def put(
        self,
        source: Path,
        sha256: str,
        *,
        allow_link: bool = True,
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
        known: tuple[int, int] | None = None,
    ) -> Stored:
        """Hold ``source``, whose SHA-256 must be ``sha256``: reflinked where the file
        system allows, else hard-linked when ``allow_link`` and on the same file
        system, else copied. ``progress`` is called with the bytes of each block
        copied or checked; ``cancel`` is looked at between blocks.

        ``known`` is the source's (size, mtime_ns) when ``sha256`` was taken of it (at
        import, or the last source check): a link (reflink or hard link) of a file
        that still has them is the file that was hashed, so it is not read again (the
        rule every source check follows, docs/holds.md); a copy is always hashed as
        written.

        A file already held is returned as it is when its size is the source's (or
        the source is gone); one of another size is put in anew over it.
        Raises SourceChanged (the source's bytes are not ``sha256``'s), StoreCancelled,
        OSError naming the source when it cannot be read (FileNotFoundError: gone),
        WriteError naming the store when it cannot be written. Any failure leaves
        nothing behind."""
        final = self.path_for(sha256)
        source = Path(source)
        pending: dict[str, tuple[Path, Path]] | None = getattr(self._local, "batch", None)
        if pending is not None and sha256 in pending:
            temp = pending[sha256][0]
            st = temp.stat()
            return Stored(sha256, final, st.st_size, _method_of(temp, st))
        held = self._already_held(final, source)
        if held is not None:
            return held
        folder = final.parent
        self._make_folder(folder, flush=pending is None)
        temp = folder / f"{PARTIAL_PREFIX}{sha256}-{os.getpid()}-{next(_numbers)}"
        flush = pending is None
        try:
            method = self._write(source, temp, sha256, allow_link, progress, cancel, flush, known)
            if pending is not None:
                pending[sha256] = (temp, final)
                return Stored(sha256, final, temp.stat().st_size, method)
            os.replace(temp, final)
            file_copy.fsync_folder(folder)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, file_copy.Stopped):
                raise StoreCancelled(f"holding {source} was cancelled") from None
            if isinstance(exc, OSError) and not _about(exc, source):
                raise WriteError(
                    exc.errno or 0,
                    _("cannot hold %(source)s in the evidence store %(root)s: %(reason)s")
                    % {"source": source, "root": self.root, "reason": reason(exc)},
                ) from exc
            raise
        return Stored(sha256, final, final.stat().st_size, method)

    def _already_held(self, final: Path, source: Path) -> Stored | None:
        try:
            st = final.stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            size = st.st_size  # the source is gone: what is held is what there is
        if size != st.st_size:
            return None
        return Stored(final.name, final, st.st_size, _method_of(final, st))

    def _make_folder(self, folder: Path, *, flush: bool) -> None:
        """Make the file's folder (and the store); flushed unless a batch flushes."""
        try:
            if folder.is_dir():
                return
            new_root = not self.root.is_dir()
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if flush:
                file_copy.fsync_folder(self.root)
                if new_root:
                    file_copy.fsync_folder(self.root.parent)
        except OSError as exc:
            raise WriteError(
                exc.errno or 0,
                _("cannot make the evidence store %(folder)s: %(reason)s")
                % {"folder": folder, "reason": reason(exc)},
            ) from exc

    def _write(
        self,
        source: Path,
        temp: Path,
        sha256: str,
        allow_link: bool,
        progress: Callable[[int], None] | None,
        cancel: threading.Event | None,
        flush: bool,
        known: tuple[int, int] | None,
    ) -> str:
        """Make ``temp`` hold ``source``'s bytes, checked (and flushed unless the
        batch flushes them); the method."""
        src = os.open(source, file_copy.READ)
        dst = -1
        try:
            st = os.fstat(src)
            if not stat.S_ISREG(st.st_mode):
                raise StoreError(_("%(source)s is not a file") % {"source": source})
            if st.st_dev not in self._cannot_clone:
                dst = _create(temp)
                if file_copy.reflink(src, dst):
                    # Unchanged before and after the clone: the clone is the hashed bytes.
                    if not (_as_known(st, known) and _as_known(os.fstat(src), known)):
                        _check(source, sha256, file_copy.sha256_fd(dst, progress, cancel))
                    _seal(dst, flush)
                    return REFLINK
                # Not a passing refusal: the file systems cannot clone. Not asked again,
                # so that a link costs no file made and removed.
                self._cannot_clone.add(st.st_dev)
            if allow_link and st.st_dev == os.stat(temp.parent).st_dev:
                if dst >= 0:
                    os.close(dst)
                    dst = -1
                    os.unlink(temp)
                if _hard_link(source, temp):
                    _check_link(source, temp, sha256, progress, cancel, flush, known, st)
                    return HARDLINK
            if dst < 0:
                dst = _create(temp)
            _check(source, sha256, file_copy.copy_verified(src, dst, progress, cancel))
            _seal(dst, flush)
            return COPY
        finally:
            if dst >= 0:
                os.close(dst)
            os.close(src)

    def put_many(
        self,
        items: Sequence[PutItem],
        *,
        workers: int | None = None,
        allow_link: bool = True,
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
        finished: Callable[[int], None] | None = None,
    ) -> list[Stored | Exception]:
        """:meth:`put` each item, ``workers`` at a time (default: one per processor,
        at most four): hashing is most of a put's work, and it runs on every core.
        All in one batch: the caller's when it has one open (the files are named when
        it ends), else one of its own, ended before this returns. One result per item,
        in order: what was put, or the error its put raised (StoreCancelled for those
        not begun once ``cancel`` was set). An item whose SHA-256 an earlier item has
        gets that item's result. ``progress`` (bytes) and ``finished`` (how many files
        are done, after each) are called by one worker at a time."""
        first: dict[str, PutItem] = {}
        copies: dict[str, int] = {}
        for item in items:
            first.setdefault(check_sha256(item.sha256), item)
            copies[item.sha256] = copies.get(item.sha256, 0) + 1
        lock = threading.Lock()
        count = [0]

        def tick(n: int) -> None:
            if progress is not None:
                with lock:
                    progress(n)

        def ended(sha256: str) -> None:
            with lock:
                count[0] += copies[sha256]
                if finished is not None:
                    finished(count[0])

        with self.batch():
            pending = self._local.batch

            def one(item: PutItem) -> Stored | Exception:
                if cancel is not None and cancel.is_set():
                    return StoreCancelled(f"holding {item.source} was cancelled")
                outer = getattr(self._local, "batch", None)
                self._local.batch = pending  # a worker's puts join this batch
                try:
                    return self.put(
                        item.source,
                        item.sha256,
                        allow_link=allow_link,
                        progress=tick,
                        cancel=cancel,
                        known=item.known,
                    )
                except Exception as exc:  # the caller decides per item
                    return exc
                finally:
                    self._local.batch = outer
                    ended(item.sha256)

            n = min(workers or min(4, os.cpu_count() or 1), len(first))
            if n <= 1:
                done = [one(item) for item in first.values()]
            else:
                with ThreadPoolExecutor(n, thread_name_prefix="evidence-put") as pool:
                    done = list(pool.map(one, first.values()))
        by_sha = dict(zip(first, done, strict=True))
        return [by_sha[item.sha256] for item in items]

    # -- using and removing -----------------------------------------------------------
    def remove(self, sha256: str) -> None:
        """Stop holding the file (nothing happens when it is not held). A hard link
        removed leaves the recorder's file as it was."""
        path = self.path_for(sha256)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise WriteError(
                exc.errno or 0,
                _("cannot remove %(path)s from the evidence store: %(reason)s")
                % {"path": path, "reason": reason(exc)},
            ) from exc
        file_copy.fsync_folder(path.parent)

    def verify(
        self,
        sha256: str,
        *,
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> bool:
        """Whether the file is held and its bytes still hash to ``sha256`` (a
        hard-linked file a recorder wrote into does not). StoreCancelled when
        ``cancel`` is set."""
        path = self.path_for(sha256)
        try:
            fd = os.open(path, file_copy.READ)
        except FileNotFoundError:
            return False
        try:
            return file_copy.sha256_fd(fd, progress, cancel) == sha256
        except file_copy.Stopped:
            raise StoreCancelled(f"checking {path} was cancelled") from None
        finally:
            os.close(fd)

    def usage(self) -> Usage:
        """Files held and their bytes: copied (space of their own) and linked."""
        files = copied = linked = 0
        for path in self._held_files():
            try:
                st = path.stat()
            except FileNotFoundError:
                continue  # removed meanwhile
            files += 1
            shared = _linked_bytes(path, st)
            linked += shared
            copied += st.st_size - shared
        return Usage(files, copied, linked)

    def sweep_partials(self) -> int:
        """Remove what puts that were killed (or lost power) left: temporary files
        whose process no longer runs. Those of running processes, this one included,
        are theirs. Returns how many were removed."""
        removed = 0
        for folder in self._folders():
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue
            for name in names:
                if name.startswith(PARTIAL_PREFIX) and _left_over(folder / name):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(folder / name)
                        removed += 1
        return removed

    def _folders(self) -> Iterator[Path]:
        try:
            entries = list(os.scandir(self.root))
        except FileNotFoundError:
            return
        for entry in sorted(entries, key=lambda e: e.name):
            if len(entry.name) == 2 and entry.is_dir(follow_symlinks=False):
                yield Path(entry.path)

    def _held_files(self) -> Iterator[Path]:
        for folder in self._folders():
            try:
                names = sorted(os.listdir(folder))
            except FileNotFoundError:
                continue
            for name in names:
                if _SHA256.fullmatch(name) and name.startswith(folder.name):
                    yield folder / name


def _about(exc: OSError, source: Path) -> bool:
    """Whether ``exc`` is about reading the source (not about writing the store)."""
    return exc.filename is not None and os.fspath(exc.filename) == os.fspath(source)


def _check(source: Path, expected: str, actual: str) -> None:
    if actual != expected:
        raise SourceChanged(
            f"{source} has changed since it was indexed: its SHA-256 is {actual}, not {expected}"
        )


def _create(temp: Path) -> int:
    """The temporary file, new (a name of this put only), open to write and read back."""
    return os.open(temp, file_copy.CREATE, 0o600)


def _seal(fd: int, flush: bool) -> None:
    if file_copy.SEALS_READ_ONLY:
        os.fchmod(fd, 0o444)
    if flush or not file_copy.SYNCS_FILE_SYSTEM:  # no batch flush to leave it to
        os.fsync(fd)
    else:
        file_copy.start_writeback(fd)  # the batch's flush then waits for less


def _as_known(st: os.stat_result, known: tuple[int, int] | None) -> bool:
    """Whether the file is, by size and modification time, the one hashed."""
    return known is not None and (st.st_size, st.st_mtime_ns) == tuple(known)


def _hard_link(source: Path, temp: Path) -> bool:
    try:
        os.link(source, temp)
    except OSError as exc:
        if exc.errno in file_copy.LINK_REFUSED:
            return False
        raise
    return True


def _check_link(
    source: Path,
    temp: Path,
    sha256: str,
    progress: Callable[[int], None] | None,
    cancel: threading.Event | None,
    flush: bool,
    known: tuple[int, int] | None,
    opened: os.stat_result,
) -> None:
    """Hash the file as linked (the recorder may have replaced ``source`` since it was
    opened) unless it is the file opened and still as it was when hashed (``known``),
    and flush it: a recorder's file just written may not be on disk yet."""
    st = os.stat(temp)
    hashed = (st.st_dev, st.st_ino) == (opened.st_dev, opened.st_ino) and _as_known(st, known)
    flush = flush or not file_copy.SYNCS_FILE_SYSTEM  # no batch flush to leave it to
    if hashed and not flush:
        return  # the batch's flush writes whatever of it is not on disk yet
    fd = os.open(temp, file_copy.READ)
    try:
        if not hashed:
            _check(source, sha256, file_copy.sha256_fd(fd, progress, cancel))
        if flush:
            os.fsync(fd)
    finally:
        os.close(fd)


def _linked_bytes(path: Path, st: os.stat_result) -> int:
    if st.st_nlink > 1:
        return st.st_size
    return file_copy.shared_bytes(path, st.st_size)


def _method_of(path: Path, st: os.stat_result) -> str:
    """How a held file shares its bytes now: a recorder that deleted its file made a
    hard link a copy (the only name left is the store's)."""
    if st.st_nlink > 1:
        return HARDLINK
    return REFLINK if file_copy.shared_bytes(path, st.st_size) else COPY


def _left_over(path: Path) -> bool:
    """A partial whose process no longer runs; where that cannot be asked (Windows)
    or the name names none, one untouched for ``STALE_S``."""
    match = _PARTIAL.fullmatch(path.name)
    if match is not None:
        alive = process_alive(int(match.group(1)))
        if alive is not None:
            return not alive
    try:
        return time.time() - path.lstat().st_mtime > STALE_S
    except FileNotFoundError:
        return False


__all__ = [
    "COPY",
    "HARDLINK",
    "REFLINK",
    "EvidenceStore",
    "SourceChanged",
    "StoreCancelled",
    "StoreError",
    "Stored",
    "Usage",
    "check_sha256",
]
