"""What an import would make of a folder's first files, before anything is stored.

The window's import dialog (on a worker thread) and ``import-clips --preview`` show
the naming profile detected and the start of the first files as the import would
choose it (``db.clips.clip_time``), with the clips it would flag. Nothing here
touches the database or Qt.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.clips.cameras import Camera
from db.clips.clip_time import ClipTime, clip_time, relative_path
from db.clips.media import VIDEO_SUFFIXES, Cancelled, MediaError, read_times
from db.clips.name_times import Detection, detect_profile
from db.store.fileio import reason

# How many files the preview reads the times of: enough to see the pattern, few
# enough to read in a moment from a slow card.
PREVIEW_FIRST = 8
# How many paths are gathered for the detection (db.clips.name_times.DETECT_FIRST
# of them, in path order, are judged).
_GATHER = 2000


@dataclass(frozen=True)
class PreviewLine:
    """One file: its path relative to the folder, and its start as the import would
    choose it (``None`` with ``problem`` when the file cannot be read as video)."""

    rel_path: str
    time: ClipTime | None
    problem: str = ""


@dataclass(frozen=True)
class Preview:
    detection: Detection
    profile: str | None  # the profile the times were read with (None: each file's own)
    lines: list[PreviewLine]
    files_seen: int

    @property
    def uncertain(self) -> int:
        return sum(1 for line in self.lines if line.time is not None and not line.time.certain)


def video_paths(root: Path, limit: int = _GATHER) -> list[Path]:
    """Up to ``limit`` video files under ``root`` (by suffix), in path order."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix.lower() in VIDEO_SUFFIXES:
                found.append(Path(folder) / name)
                if len(found) >= limit:
                    return sorted(found)
    return sorted(found)


def preview_folder(
    root: Path,
    camera: Camera,
    profile: str | None = None,
    first: int = PREVIEW_FIRST,
    cancel: threading.Event | None = None,
) -> Preview:
    """The detected profile of ``root`` and the first ``first`` files' starts, read
    with ``profile`` (default: the camera's; None: each file by its own layout)."""
    if profile is None:
        profile = camera.naming_profile
    paths = video_paths(root)
    rels = [relative_path(p, root) for p in paths]
    detection = detect_profile(rels)
    lines = []
    for path, rel in list(zip(paths, rels, strict=True))[:first]:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        try:
            times = read_times(path)
            mtime = path.stat().st_mtime
        except MediaError as exc:
            lines.append(PreviewLine(rel, None, str(exc)))
            continue
        except OSError as exc:
            lines.append(PreviewLine(rel, None, reason(exc)))
            continue
        found = clip_time(
            rel,
            creation_time=times.creation_time,
            quicktime=times.quicktime_time,
            mtime=mtime,
            duration_s=times.duration_s,
            zone=camera.zone,
            clock_offset_s=camera.clock_offset_s,
            profile=profile,
        )
        lines.append(PreviewLine(rel, found))
    return Preview(detection, profile, lines, len(paths))


def local_text(moment: datetime, camera: Camera) -> str:
    """A start as the preview shows it: the camera's local time and UTC."""
    local = moment.astimezone(camera.zone)
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()} ({moment:%H:%M:%S} UTC)"


def preview_lines(preview: Preview, camera: Camera) -> list[str]:
    """The preview in words, a line each (the command line prints them)."""
    out = [preview.detection.words()]
    used = preview.profile or "each file's own layout"
    out.append(f"Times read with: {used}.")
    for line in preview.lines:
        if line.time is None:
            out.append(f"  {line.rel_path}: cannot be read ({line.problem})")
            continue
        t = line.time
        text = f"  {line.rel_path}: {local_text(t.start, camera)} from {t.source}"
        if not t.certain:
            text += f"; time uncertain: {t.note}"
        out.append(text)
    if preview.files_seen > len(preview.lines):
        out.append(f"  … and {preview.files_seen - len(preview.lines)} more file(s).")
    return out
