"""Run a test with the computer's clock in another time zone (the machines that run the
tests are usually on UTC, where a time shown in the wrong zone reads the same)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The computer's zone is New York (UTC−5 in winter) for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield "America/New_York"
    monkeypatch.undo()
    time.tzset()
