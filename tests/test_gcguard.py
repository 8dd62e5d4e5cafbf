"""The GUI thread's garbage collector: young generations as their counts say, a full
collection (which walks every object: tens of milliseconds with a big inbox and map)
at most once per FULL_EVERY_S."""

from __future__ import annotations

import gc

import pytest

from desktop import gcguard


def test_full_collections_are_held_off(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    collector = gcguard.GuiThreadCollector(interval_ms=60_000)
    try:
        threshold = gc.get_threshold()
        clock = [1000.0]
        collected: list[int] = []
        monkeypatch.setattr(gcguard.time, "monotonic", lambda: clock[0])
        monkeypatch.setattr(
            gcguard.gc, "collect", lambda generation=2: collected.append(generation)
        )
        counts = [(threshold[0] + 1, 0, 0)]
        monkeypatch.setattr(gcguard.gc, "get_count", lambda: counts[0])
        collector._last_full = clock[0] - gcguard.FULL_EVERY_S  # the last one long ago

        collector.collect()  # only the youngest generation is due
        counts[0] = (threshold[0] + 1, threshold[1] + 1, 0)
        collector.collect()  # the middle one too
        counts[0] = (threshold[0] + 1, threshold[1] + 1, threshold[2] + 1)
        collector.collect()  # a full one is due and allowed
        clock[0] += 1
        collector.collect()  # due again, but one ran a second ago
        clock[0] += gcguard.FULL_EVERY_S
        collector.collect()
        counts[0] = (0, 0, 0)
        collector.collect()  # nothing due
        assert collected == [0, 1, 2, 1, 2]
    finally:
        monkeypatch.undo()
        collector.stop()
        gc.unfreeze()
    assert gc.isenabled()
