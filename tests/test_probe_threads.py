"""Probing in this process from several threads at once.

Probes used to be serialised by a lock, added after two threads probing crashed the
process with Qt loaded. The crash was Python's cyclic garbage collector: it runs on
whichever thread allocates, and a probe allocates much, so a probing thread collected
Qt objects left in reference cycles by the GUI thread and destroyed them there. The
lock only made that rarer; the window's collector (desktop/gcguard.py: collections on
the GUI thread only) removes it, and probes run side by side."""

from __future__ import annotations

import errno
import gc
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import pytest

from db.clips.media import MediaError
from db.clips.probing import Prober


def _open_writer_when_read(fifo: Path, timeout: float = 30) -> int:
    """The FIFO's writing end, opened once a reader (the stalled probe) waits on it."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.01)  # no reader yet: the probe has not opened the file


def test_a_stalled_probe_does_not_hold_up_the_others(library, tmp_path: Path) -> None:
    """A file that keeps its reader waiting (a stalled network share; here a FIFO no one
    writes to) does not stop other files from being probed meanwhile."""
    fifo = tmp_path / "stalled.mp4"
    os.mkfifo(fifo)
    prober = Prober()  # in this process
    with ThreadPoolExecutor(2) as pool:
        stalled = pool.submit(prober.probe, fifo)
        writer = _open_writer_when_read(fifo)
        try:
            other = pool.submit(prober.probe, library.good["mp4_audio"])
            finished, _ = wait([other], timeout=30)
            assert other in finished, "the second probe waited for the stalled one"
            assert other.result().width == 320
            assert not stalled.done()
        finally:
            # The stalled file turns out not to be a video (the probe may open it
            # again, and wait for a writer again: each open is answered).
            while True:
                os.write(writer, b"not a video\n" * 100)
                os.close(writer)
                if wait([stalled], timeout=0.2).done:
                    break
                writer = _open_writer_when_read(fifo)
        with pytest.raises(MediaError):
            stalled.result(timeout=30)


def _make_qt_garbage() -> None:
    """What a window leaves behind: Qt objects in reference cycles, which only the
    cyclic collector frees."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QLabel

    for _ in range(40):
        label = QLabel("clip")
        # A new attribute makes the cycle: Qt classes do not declare one to use.
        label.me = label  # type: ignore[attr-defined]
        obj = QObject()
        obj.me = obj  # type: ignore[attr-defined]


def test_probes_in_threads_beside_qt_garbage_do_not_crash(qtbot, library) -> None:
    """Four threads probe at once, without a lock, while the GUI thread keeps leaving Qt
    objects in reference cycles. With the window's collector the cycles are freed on the
    GUI thread; without it (as before the collector) this crashed the process."""
    from PySide6.QtCore import QTimer

    from desktop.gcguard import GuiThreadCollector

    files = list(library.good.values())
    prober = Prober()  # in this process
    rounds = 20
    done: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(rounds):
                for f in files:
                    assert prober.probe(f).width and prober.thumbnail(f)
        except BaseException as exc:  # reported by the test, not lost on the thread
            errors.append(exc)
        finally:
            done.append(1)

    collector = GuiThreadCollector(interval_ms=5)
    churn = QTimer()
    churn.setInterval(2)
    churn.timeout.connect(_make_qt_garbage)
    churn.start()
    threads = [threading.Thread(target=work) for _ in range(4)]
    try:
        for t in threads:
            t.start()
        qtbot.waitUntil(lambda: len(done) == len(threads), timeout=120_000)
    finally:
        churn.stop()
        for t in threads:
            t.join()
        collector.stop()
        gc.unfreeze()
        gc.collect()
    assert not errors
