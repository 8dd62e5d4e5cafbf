"""The low-level steps of holding a file (used by ``evidence_store``): a reflink by
``ioctl(FICLONE)``, copying and hashing what was written, hashing a file, starting and
waiting for the write to disk, and counting the bytes a file shares with another
through reflinked extents (FIEMAP). Linux first: elsewhere the ioctls are simply "not
supported" and the callers fall back. No database, no Qt."""

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


class Stopped(Exception):
    """The caller's cancel event was set between two blocks."""


Progress = Callable[[int], None] | None


def reflink(src_fd: int, dst_fd: int) -> bool:
    """Make ``dst_fd``'s file share ``src_fd``'s extents (copy on write); False when the
    file system, or the pair of them, cannot."""
    import fcntl

    try:
        fcntl.ioctl(dst_fd, FICLONE, src_fd)
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
        n = os.preadv(fd, [buf], offset)
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
        n = os.readv(src_fd, [buf])
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
    if not hasattr(os, "copy_file_range"):
        return copy_hashing(src_fd, dst_fd, progress, cancel)
    digest = hashlib.sha256()
    offset = 0
    while True:
        if cancel is not None and cancel.is_set():
            raise Stopped
        try:
            n = os.copy_file_range(src_fd, dst_fd, COPY_STEP, offset, offset)
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


@functools.cache
def _libc() -> Any:
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def start_writeback(fd: int) -> None:
    """Ask the kernel to start writing the file's bytes to disk now, without waiting
    (``sync_file_range``), so that a batch's one flush at its end finds most of them
    written already, the disk having worked while the next files were copied. Nothing
    where there is no such call: the flush at the end does it all."""
    try:
        call = _libc().sync_file_range
    except (AttributeError, OSError):
        return
    import ctypes

    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    call(fd, 0, 0, _SYNC_FILE_RANGE_WRITE)  # best effort: the flush at the end checks


def _write_all(fd: int, view: memoryview) -> None:
    done = 0
    while done < len(view):
        done += os.write(fd, view[done:])


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make the names in ``folder`` (a rename, a new file) survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_file_system(folder: str | os.PathLike[str]) -> None:
    """Flush everything written to the file system ``folder`` is on, in one journal
    commit (``syncfs``; ``sync`` of every file system where there is none)."""
    import ctypes

    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
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
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
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
                fcntl.ioctl(fd, FS_IOC_FIEMAP, request)
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
