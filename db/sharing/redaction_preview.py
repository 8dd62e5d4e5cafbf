"""The redacted excerpt the review window plays beside the original (docs/redaction.md,
"The review"): cut exactly as the package's excerpt will be, with the plan's masks and
boxes hidden, without sound or subtitles. Runs on a worker thread; PyAV is imported by
the cutting code."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from db.redaction.plan import RedactionPlan
from db.sharing.excerpt_cut import Cut, CutJob, cut_excerpt
from db.sharing.package_spec import ExcerptSpec, PackageError, excerpt_label


def excerpt_offsets(ex: ExcerptSpec) -> tuple[float, float]:
    """The excerpt's wanted part in seconds from the clip's start (as a package cuts it)."""
    a = max(0.0, (ex.want_start_utc - ex.clip_start_utc).total_seconds())
    b = min(ex.clip_duration_s, (ex.want_end_utc - ex.clip_start_utc).total_seconds())
    return a, b


def write_redacted_preview(
    ex: ExcerptSpec,
    plan: RedactionPlan,
    dest: Path,
    *,
    tick: Callable[[float], None],
    cancel: threading.Event | None,
) -> Cut:
    """Write the excerpt of ``ex`` with ``plan`` applied to ``dest`` (an mp4, replaced
    whole once complete; nothing is left behind on error or cancel). ``tick(seconds)``
    reports the seconds of the excerpt done. Returns what was cut: ``start_s`` is the
    clip time the file's first frame shows (a plan that hides nothing is stream-copied
    from the key frame before the start, as the package's excerpt would be)."""
    if plan.clip_id != ex.clip_id:
        raise PackageError(f"{excerpt_label(ex)}: the redaction plan is for clip {plan.clip_id}")
    a, b = excerpt_offsets(ex)
    if b <= a:
        raise PackageError(f"{excerpt_label(ex)}: nothing of the clip is wanted")
    dest = Path(dest)
    fd, name = tempfile.mkstemp(prefix=f".{dest.stem}-", suffix=".mp4", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        job = CutJob(ex, tmp, a, b, False, False, tick, cancel, redaction=plan)
        cut = cut_excerpt(job)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return cut
