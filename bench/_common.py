"""Helpers shared by the benchmark scripts: where generated data goes, the machine
description, medians and the JSON results that ``run_all.py`` summarises."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"  # gitignored
CACHE = OUT / "cache"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "kernel": platform.release(),
    }
    try:
        import av

        info["pyav"] = av.__version__
    except ImportError:
        pass
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(f.readline().split()[1])
        info["ram_gb"] = round(kb / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return info


def source_state() -> dict[str, Any]:
    """The commit measured, and the files changed on top of it (the figures belong to
    the working tree as it was)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout
    except OSError:
        return {}
    return {"commit": commit, "changed": [line[3:] for line in status.splitlines()]}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def write_result(name: str, result: dict[str, Any]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    result = {"machine": machine(), "source": source_state(), **result}
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return path


def read_result(name: str) -> dict[str, Any] | None:
    path = OUT / f"{name}.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


class CpuSteal:
    """Share of CPU time the hypervisor took away (the "st" of top) between
    ``start()`` and ``stop()``: a virtual machine's noisy neighbours, reported so that
    a slow run can be told from a slow program."""

    def __init__(self) -> None:
        self._start: list[int] | None = None

    @staticmethod
    def _read() -> list[int] | None:
        try:
            with open("/proc/stat", encoding="utf-8") as f:
                fields = f.readline().split()
        except OSError:
            return None
        return [int(x) for x in fields[1:9]] if fields and fields[0] == "cpu" else None

    def start(self) -> CpuSteal:
        self._start = self._read()
        return self

    def stop(self) -> float | None:
        end = self._read()
        if self._start is None or end is None:
            return None
        delta = [b - a for a, b in zip(self._start, end, strict=True)]
        total = sum(delta)
        return round(100 * delta[7] / total, 1) if total else None


def alternate(
    commands: dict[str, Any], runs: int, run: Callable[[Any], float]
) -> tuple[dict[str, list[float]], float | None]:
    """Time each of ``commands`` with ``run`` once untimed (to warm the page cache),
    then ``runs`` times in turn, so that a drift in the machine's load touches all
    alike; prints each round. Returns each command's times and the CPU steal."""
    for command in commands.values():
        run(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    steal = CpuSteal().start()
    for r in range(runs):
        for name, command in commands.items():
            times[name].append(run(command))
        print(
            f"  run {r + 1}: "
            + ", ".join(f"{name} {values[-1]:.3f} s" for name, values in times.items())
        )
    return times, steal.stop()
