"""Probes in worker processes: a worker that dies costs at most the file that killed it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from db.clips.media import MediaError
from db.clips.probing import Prober
from tests.test_probe_threads import _open_writer_when_read


def test_a_file_probed_when_another_killed_the_worker_is_kept(library) -> None:
    """A worker that dies (FFmpeg crashing on some other file) breaks the pool; the
    file asked for then is probed again by itself and kept, and a fresh pool goes on."""
    prober = Prober(1)
    try:
        pool = prober._pool
        assert pool is not None
        worker = pool.submit(os.getpid).result()
        os.kill(worker, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not pool._broken and time.monotonic() < deadline:  # the pool notices
            time.sleep(0.05)
        clip = library.good["mp4_audio"]
        assert prober.probe(clip).width == 320
        assert prober._pool is not pool
        assert prober.probe(library.good["mkv_silent"]).width == 320
    finally:
        prober.close()


def _holds(pid: int, path: Path) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux's /proc")
def test_a_file_that_stops_its_worker_each_time_is_skipped_alone(library, tmp_path) -> None:
    """A file whose probe kills the worker process every time (here: a FIFO whose
    reader the test kills) is skipped with the reason; files probed beside it are kept."""
    fifo = tmp_path / "crashes.mp4"
    os.mkfifo(fifo)
    good = [library.good[k] for k in ("mp4_audio", "mov_audio", "mkv_silent", "named")]
    with Prober(2) as prober, ThreadPoolExecutor(len(good) + 1) as threads:
        bad = threads.submit(prober.probe, fifo)
        writer = _open_writer_when_read(fifo)  # the reader now waits for data
        try:
            others = [threads.submit(prober.probe, p) for p in good]
            deadline = time.monotonic() + 60
            while not bad.done() and time.monotonic() < deadline:
                for child in multiprocessing.active_children():
                    if child.pid is not None and _holds(child.pid, fifo):
                        os.kill(child.pid, signal.SIGKILL)
                time.sleep(0.02)
        finally:
            os.close(writer)
        with pytest.raises(MediaError, match="stopped a worker process"):
            bad.result(timeout=30)
        assert [f.result(timeout=60).width for f in others] == [320] * len(good)
        assert prober.probe(good[0]).width == 320


def test_probe_processes_run_below_the_window_and_level_with_the_command_line() -> None:
    """The window's import probes in processes below its priority (it stays responsive);
    the command line's at its own, like any command the resident runs."""
    here = os.nice(0)
    with Prober(1) as window, Prober(1, nice=0) as command_line:
        assert window._pool is not None and command_line._pool is not None
        assert window._pool.submit(os.nice, 0).result() == min(here + 5, 19)
        assert command_line._pool.submit(os.nice, 0).result() == here
