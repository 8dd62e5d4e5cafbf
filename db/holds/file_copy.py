"""The low-level steps of holding a file (used by ``evidence_store``): a reflink by
``ioctl(FICLONE)``, copying and hashing what was written, hashing a file, starting and
waiting for the write to disk, and counting the bytes a file shares with another
through reflinked extents (FIEMAP). Linux first: elsewhere the ioctls are simply "not
supported" and the callers fall back. Each call Linux (or POSIX) alone has is looked for
once, below, and has a fallback that works everywhere (docs/platforms.md). No database,
no Qt."""

from __future__ import annotations

import errno
import functools
import hashlib
import mmap
import os
import struct
import threading
from collections.abc import Callable
from typing import Any

try:
    import fcntl as _fcntl
except ImportError:  # Windows: no ioctls, so no reflinks and no extent maps
    _fcntl = None  # type: ignore[assignment]

BLOCK = 1 << 20  # hashlib lets other threads run on blocks this size
# A kernel copy's step: a multiple of the page size, so that each step's bytes can be
# mapped where they were written; large enough that a step costs no more than its copy.
COPY_STEP = 8 << 20
_SYNC_FILE_RANGE_WRITE = 2  # <linux/fs.h>

# <linux/fs.h>: _IOW(0x94, 9, int) and _IOWR('f', 11, struct fiemap).
FICLONE = 0x40049409
FS_IOC_FIEMAP = 0xC020660B
_FIEMAP_FLAG_SYNC = 0x1
_FIEMAP_EXTENT_LAST = 0x1
_FIEMAP_EXTENT_SHARED = 0x2000
_FIEMAP_HEAD = struct.Struct("=QQLLLL")  # start, length, flags, mapped, count, reserved
# logical, physical, length, two reserved, flags, three reserved
_FIEMAP_EXTENT = struct.Struct("=QQQQQLLLL")
_EXTENTS_PER_CALL = 64

# What a file system (or a pair of them) answers when it cannot clone, or link: the
# caller then takes the next method. Anything else (a full disk, an I/O error) is real.
NOT_HERE = frozenset(
    {
        errno.EOPNOTSUPP,
        errno.ENOTSUP,
        errno.EXDEV,
        errno.EINVAL,
        errno.ENOTTY,
        errno.ENOSYS,
        errno.EBADF,
    }
)
LINK_REFUSED = frozenset({errno.EXDEV, errno.EPERM, errno.EACCES, errno.EMLINK, errno.EOPNOTSUPP})

# -- what this system has (each False or None takes the portable way) -----------------
# Windows opens files as text unless told otherwise, and has no O_CLOEXEC (its
# descriptors are not inherited anyway).
_BINARY_NO_INHERIT = getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
READ = os.O_RDONLY | _BINARY_NO_INHERIT
CREATE = os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY_NO_INHERIT
HAS_PREADV = hasattr(os, "preadv")  # not Windows
HAS_READV = hasattr(os, "readv")  # not Windows
COPY_FILE_RANGE = getattr(os, "copy_file_range", None)  # Linux, FreeBSD
# A folder can be opened and flushed (a rename made durable) on POSIX; Windows opens
# no folder this way (NTFS journals its names itself).
FOLDERS_SYNC = hasattr(os, "O_DIRECTORY")
# One flush of a whole file system (syncfs, else sync): POSIX. Without it every file
# is flushed on its own as it is sealed.
SYNCS_FILE_SYSTEM = FOLDERS_SYNC and hasattr(os, "sync")
# A held file is made read-only by its mode on POSIX. Windows' read-only attribute
# would also refuse its removal when the hold ends, so there it stays as written.
SEALS_READ_ONLY = os.name == "posix" and hasattr(os, "fchmod")


class Stopped(Exception):
    """The caller's cancel event was set between two blocks."""


Progress = Callable[[int], None] | None


def reflink(src_fd: int, dst_fd: int) -> bool:
    """Make ``dst_fd``'s file share ``src_fd``'s extents (copy on write); False when the
    file system, or the pair of them, cannot."""
    if _fcntl is None:
        return False
    try:
        _fcntl.ioctl(dst_fd, FICLONE, src_fd)
    except OSError as exc:
        if exc.errno in NOT_HERE:
            return False
        raise
    return True


def sha256_fd(fd: int, progress: Progress = None, cancel: threading.Event | None = None) -> str:
    """SHA-256 of the file open as ``fd``, from its start."""
    digest = hashlib.sha256()
    buf = bytearray(BLOCK)
    view = memoryview(buf)
    offset = 0
    while True:
        if cancel is not None and cancel.is_set():
            raise Stopped
        n = _read_at(fd, buf, offset)
        if not n:
            return digest.hexdigest()
        digest.update(view[:n])
        offset += n
        if progress is not None:
            progress(n)


def copy_hashing(
    src_fd: int,
    dst_fd: int,
    progress: Progress = None,
    cancel: threading.Event | None = None,
) -> str:
    """Copy ``src_fd`` to ``dst_fd`` (both at their start); the SHA-256 of the bytes
    written, hashed from the same buffer on the way (the file is read once). Hashing
    on a helper thread beside the copy was tried: handing each block over cost more
    than it saved."""
    digest = hashlib.sha256()
    buf = bytearray(BLOCK)
    view = memoryview(buf)
    while True:
        if cancel is not None and cancel.is_set():
            raise Stopped
        n = _read_into(src_fd, buf)
        if not n:
            return digest.hexdigest()
        block = view[:n]
        digest.update(block)
        _write_all(dst_fd, block)
        if progress is not None:
            progress(n)


def copy_verified(
    src_fd: int,
    dst_fd: int,
    progress: Progress = None,
    cancel: threading.Event | None = None,
) -> str:
    """Copy ``src_fd`` to ``dst_fd`` (both at their start) and return the SHA-256 of the
    bytes as they now are in ``dst_fd``: each step copied by the kernel
    (``copy_file_range``: the bytes never pass through this process), then hashed
    from the destination's pages, mapped rather than read (no copy either). That is a
    check of the file written, not of a buffer on its way to it, for less work than
    :func:`copy_hashing`, which it falls back to where the kernel cannot copy between
    the two files (another file system on an old kernel; not Linux)."""
    if COPY_FILE_RANGE is None:
        return copy_hashing(src_fd, dst_fd, progress, cancel)
    digest = hashlib.sha256()
    offset = 0
    while True:
        if cancel is not None and cancel.is_set():
            raise Stopped
        try:
            n = COPY_FILE_RANGE(src_fd, dst_fd, COPY_STEP, offset, offset)
        except OSError as exc:
            if offset == 0 and exc.errno in NOT_HERE:
                return copy_hashing(src_fd, dst_fd, progress, cancel)
            raise
        if not n:
            return digest.hexdigest()
        _hash_mapped(digest, dst_fd, offset, n)
        offset += n
        if progress is not None:
            progress(n)


def _hash_mapped(digest: Any, fd: int, offset: int, length: int) -> None:
    """Add ``length`` bytes of the file open as ``fd`` at ``offset`` to ``digest``,
    mapped (a map starts on a page: a short step of the copy leaves ``offset``
    anywhere)."""
    skip = offset % mmap.ALLOCATIONGRANULARITY
    flags = mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)
    with (
        mmap.mmap(fd, length + skip, flags=flags, prot=mmap.PROT_READ, offset=offset - skip) as m,
        memoryview(m) as view,
        view[skip:] as part,
    ):
        digest.update(part)


def _read_at(fd: int, buf: bytearray, offset: int) -> int:
    """Read into ``buf`` from ``offset``; how many bytes (0 at the end)."""
    if HAS_PREADV:
        return os.preadv(fd, [buf], offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return _read_into(fd, buf)


def _read_into(fd: int, buf: bytearray) -> int:
    """Read into ``buf`` from the file's position; how many bytes (0 at the end)."""
    if HAS_READV:
        return os.readv(fd, [buf])
    data = os.read(fd, len(buf))
    buf[: len(data)] = data
    return len(data)


@functools.cache
def _libc() -> Any:
    """The C library's own calls, on POSIX; None elsewhere (Windows has no C library
    to load by no name)."""
    if os.name != "posix":
        return None
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def start_writeback(fd: int) -> None:
    """Ask the kernel to start writing the file's bytes to disk now, without waiting
    (``sync_file_range``), so that a batch's one flush at its end finds most of them
    written already, the disk having worked while the next files were copied. Nothing
    where there is no such call: the flush at the end does it all."""
    try:
        call = _libc().sync_file_range
    except (AttributeError, OSError):  # no such call here (macOS), or no C library
        return
    import ctypes

    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    call(fd, 0, 0, _SYNC_FILE_RANGE_WRITE)  # best effort: the flush at the end checks


def _write_all(fd: int, view: memoryview) -> None:
    done = 0
    while done < len(view):
        done += os.write(fd, view[done:])


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make the names in ``folder`` (a rename, a new file) survive a power cut (where
    a folder can be flushed; nothing elsewhere)."""
    if not FOLDERS_SYNC:
        return
    fd = os.open(folder, READ | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_file_system(folder: str | os.PathLike[str]) -> None:
    """Flush everything written to the file system ``folder`` is on, in one journal
    commit (``syncfs``; ``sync`` of every file system where there is none). Nothing
    where neither is (``SYNCS_FILE_SYSTEM``: each file was flushed when sealed)."""
    if not SYNCS_FILE_SYSTEM:
        return
    import ctypes

    fd = os.open(folder, READ | os.O_DIRECTORY)
    try:
        syncfs = getattr(_libc(), "syncfs", None)
        if syncfs is None:
            os.sync()
        elif syncfs(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))
    finally:
        os.close(fd)


def shared_bytes(path: str | os.PathLike[str], size: int) -> int:
    """How many of the file's bytes lie in extents it shares with another file (a
    reflink, or a snapshot): 0 where the file system shares none or cannot say."""
    if _fcntl is None:
        return 0
    try:
        fd = os.open(path, READ)
    except OSError:
        return 0
    shared = 0
    start = 0
    try:
        while start < size:
            request = bytearray(_FIEMAP_HEAD.size + _FIEMAP_EXTENT.size * _EXTENTS_PER_CALL)
            _FIEMAP_HEAD.pack_into(
                request, 0, start, size - start, _FIEMAP_FLAG_SYNC, 0, _EXTENTS_PER_CALL, 0
            )
            try:
                _fcntl.ioctl(fd, FS_IOC_FIEMAP, request)
            except OSError:
                return 0
            mapped = _FIEMAP_HEAD.unpack_from(request, 0)[3]
            if not mapped:
                break
            last = False
            for k in range(mapped):
                logical, _phys, length, _r1, _r2, flags, *_ = _FIEMAP_EXTENT.unpack_from(
                    request, _FIEMAP_HEAD.size + k * _FIEMAP_EXTENT.size
                )
                if flags & _FIEMAP_EXTENT_SHARED:
                    shared += max(0, min(logical + length, size) - max(logical, start))
                start = max(start, logical + length)
                last = bool(flags & _FIEMAP_EXTENT_LAST)
            if last:
                break
    finally:
        os.close(fd)
    return min(shared, size)
