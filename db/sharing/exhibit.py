"""The exhibit summary of a share package (docs/packages.md, "Exhibit summary"): what a
clerk, an investigator or a court reads first, as plain text and as a PDF, made from
the package's manifest alone so it never says more than the signed manifest does.

``exhibit_parts`` turns a manifest into titled rows; ``exhibit_text`` lays them out as
text and :mod:`db.sharing.exhibit_pdf` as a PDF. ``write_exhibit`` writes both into the
package's payload folder, each whole or not at all.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EXHIBIT_TEXT = "exhibit-summary.txt"
EXHIBIT_PDF = "exhibit-summary.pdf"
TITLE = "Exhibit summary: camera footage shared by a resident"
WIDTH = 78  # columns of the text version
NOT_SAID = "not said"


@dataclass(frozen=True)
class Row:
    """One line of the summary; ``mono`` for a hash, set in a monospace font."""

    label: str
    value: str
    mono: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Exhibit:
    title: str
    package: Section
    statement: str | None
    excerpts: list[Section]
    checking: str


# -- words for values -----------------------------------------------------------------
def _moment(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_words(text: Any) -> str:
    """2026-11-01 06:00:02.400 UTC (milliseconds only when there are some)."""
    moment = _moment(text)
    if moment is None:
        return str(text) if text else NOT_SAID
    return _clock(moment.astimezone(UTC)) + " UTC"


def _clock(moment: datetime) -> str:
    base = moment.strftime("%Y-%m-%d %H:%M:%S")
    ms = moment.microsecond // 1000
    return f"{base}.{ms:03d}" if ms else base


def _zone(name: Any) -> ZoneInfo | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_words(text: Any, zone_name: Any) -> str | None:
    """The moment in the camera's time zone: 2026-11-01 01:00:02 CDT (America/Chicago,
    UTC-05:00); None when the manifest names no zone."""
    moment, zone = _moment(text), _zone(zone_name)
    if moment is None or zone is None:
        return None
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    return f"{_clock(local)} {local.tzname()} ({zone_name}, UTC{offset[:3]}:{offset[3:]})"


def _seconds(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{text} s"


def offset_words(clock: dict[str, Any] | None) -> str:
    if not clock:
        return NOT_SAID
    offset = float(clock.get("offset_s") or 0.0)
    if abs(offset) < 0.0005:
        if str(clock.get("method") or "") in ("", "not measured"):
            # Nothing was measured: say what was assumed, not that the clock was right.
            return "0 s: none taken off (the camera's clock was not checked)"
        return "none: the camera's clock was right (0 s)"
    way = "fast" if offset > 0 else "slow"
    return (
        f"{offset:+.3f} s: the camera's clock was {_seconds(abs(offset))} {way}; "
        "taken off every time given here"
    )


def measured_words(clock: dict[str, Any] | None) -> str:
    if not clock:
        return NOT_SAID
    text = str(clock.get("method") or NOT_SAID)
    if clock.get("measured_at"):
        text += f", on {utc_words(clock['measured_at'])}"
    found = clock.get("measurement")
    if isinstance(found, dict):
        parts = []
        if found.get("camera_showed"):
            parts.append(f"the camera's clock showed {found['camera_showed']}")
        if found.get("true_time_typed"):
            parts.append(f"the true time was {found['true_time_typed']}")
        if found.get("note"):
            parts.append(f"note: {found['note']}")
        frame = found.get("frame")
        if isinstance(frame, dict) and frame.get("clip_sha256"):
            parts.append(
                f"read at {frame.get('at_s')} s into the clip with SHA-256 {frame['clip_sha256']}"
            )
        if parts:
            text += " (" + "; ".join(parts) + ")"
    return text


def _time_source(entry: dict[str, Any]) -> str:
    source = entry.get("time_source")
    if isinstance(source, dict):
        return str(source.get("words") or source.get("start_source") or NOT_SAID)
    return str(source) if source else NOT_SAID


def _camera_reading(text: Any, entry: dict[str, Any]) -> str | None:
    """What the camera's own clock read at that moment (true time plus its offset)."""
    clock = entry.get("camera_clock")
    moment, zone = _moment(text), _zone(entry.get("camera_time_zone"))
    if not clock or moment is None or zone is None:
        return None
    offset = float(clock.get("offset_s") or 0.0)
    if abs(offset) < 0.0005:
        return None
    shown = (moment + timedelta(seconds=offset)).astimezone(zone)
    return _clock(shown)


def _times(label: str, text: Any, entry: dict[str, Any]) -> list[Row]:
    rows = [Row(f"{label} (UTC)", utc_words(text))]
    local = local_words(text, entry.get("camera_time_zone"))
    rows.append(
        Row(f"{label} (camera's local time)", local or "the camera's time zone is not said")
    )
    reading = _camera_reading(text, entry)
    if reading is not None:
        rows.append(Row(f"{label} (the camera's clock read)", reading))
    return rows


def _tracks_words(tracks: Any, one: str, many: str) -> str:
    if not isinstance(tracks, dict):
        return "none"
    count = int(tracks.get("count") or 0)
    text = f"{count} {one if count == 1 else many} hidden" if count else "none hidden"
    off = int(tracks.get("turned_off") or 0)
    if off:
        text += f" ({off} turned off by the resident)"
    return text


def redaction_rows(entry: dict[str, Any]) -> list[Row]:
    """What was removed or hidden in an excerpt, in words."""
    rows = [Row("Audio", str(entry.get("audio") or NOT_SAID))]
    removed = [str(item) for item in entry.get("redacted") or []]
    rows.append(Row("Removed", "; ".join(removed) if removed else "nothing"))
    plan = entry.get("redaction")
    if not isinstance(plan, dict):
        rows.append(Row("Pictures", "as the camera recorded them: no redaction plan"))
        return rows
    rows.append(Row("Pictures", str(plan.get("working_copy") or NOT_SAID)))
    masks = [str(m.get("name") or m.get("id")) for m in plan.get("masks") or []]
    rows.append(Row("Privacy masks", ", ".join(masks) if masks else "none"))
    rows.append(Row("Faces", _tracks_words(plan.get("faces"), "face", "faces")))
    rows.append(Row("Drawn boxes", _tracks_words(plan.get("drawn_boxes"), "box", "boxes")))
    rows.append(Row("Style", str(plan.get("style_words") or plan.get("style") or NOT_SAID)))
    accepted = plan.get("accepted")
    if isinstance(accepted, dict):
        who = f"the resident, in the {accepted.get('by')}, on {utc_words(accepted.get('at'))}"
    else:
        who = "not accepted by the resident (made at export)"
    rows.append(Row("Accepted by", who))
    if plan.get("plan_sha256"):
        rows.append(Row("Redaction plan SHA-256", str(plan["plan_sha256"]), mono=True))
    return rows


def excerpt_section(index: int, total: int, entry: dict[str, Any]) -> Section:
    rows = [Row("File", str(entry.get("name") or NOT_SAID))]
    rows.append(Row("Camera", str(entry.get("camera") or NOT_SAID)))
    rows += _times("Start", entry.get("start_utc"), entry)
    rows += _times("End", entry.get("end_utc"), entry)
    if entry.get("duration_s") is not None:
        rows.append(Row("Length", _seconds(float(entry["duration_s"]))))
    requested = entry.get("requested")
    if isinstance(requested, dict):
        asked = f"{utc_words(requested.get('start_utc'))} to {utc_words(requested.get('end_utc'))}"
        if entry.get("covers_request") is False:
            asked += " (the recording holds less than this)"
        rows.append(Row("Asked for", asked))
    rows.append(Row("Time source", _time_source(entry)))
    clock = entry.get("camera_clock")
    rows.append(Row("Camera clock offset", offset_words(clock)))
    rows.append(Row("How the offset is known", measured_words(clock)))
    how = str(entry.get("method") or NOT_SAID)
    if entry.get("re_encode_reason"):
        how += f": {entry['re_encode_reason']}"
    rows.append(Row("Cut by", how))
    if entry.get("utc_burned_in"):
        rows.append(Row("UTC time", "burned into the picture"))
    rows += redaction_rows(entry)
    credentials = entry.get("content_credentials")
    if isinstance(credentials, dict):
        actions = ", ".join(str(a) for a in credentials.get("actions") or [])
        rows.append(
            Row(
                "Content credentials",
                f"{credentials.get('format', 'C2PA')} manifest in the file, signed with the "
                "resident's key (a certificate the resident issued, on no public trust "
                f"list): {actions}",
            )
        )
    rows.append(Row("Excerpt SHA-256", str(entry.get("sha256") or NOT_SAID), mono=True))
    source = entry.get("source")
    original = source.get("sha256") if isinstance(source, dict) else None
    rows.append(Row("Original's SHA-256", str(original or NOT_SAID), mono=True))
    return Section(f"Excerpt {index} of {total}", rows)


def _agency(request: dict[str, Any]) -> str:
    agency = request.get("agency")
    if isinstance(agency, dict):
        name, ident = agency.get("name"), agency.get("id")
        if name and ident and ident != name:
            return f"{name} ({ident})"
        return str(name or ident or NOT_SAID)
    return str(agency or NOT_SAID)


def _audit(manifest: dict[str, Any]) -> str:
    head, seq = manifest.get("audit_head"), manifest.get("audit_seq")
    if not head:
        return NOT_SAID
    return f"entry {seq}: {head}" if seq is not None else str(head)


def excerpt_entries(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The manifest's excerpts: a format 2 manifest also lists the summary's own files,
    which name no source."""
    return [
        f
        for f in manifest.get("files") or []
        if isinstance(f, dict) and isinstance(f.get("source"), dict)
    ]


def package_section(manifest: dict[str, Any]) -> Section:
    request = manifest.get("request") if isinstance(manifest.get("request"), dict) else {}
    assert isinstance(request, dict)
    window = request.get("window") if isinstance(request.get("window"), dict) else {}
    assert isinstance(window, dict)
    signer = manifest.get("signer") if isinstance(manifest.get("signer"), dict) else {}
    assert isinstance(signer, dict)
    app = manifest.get("app") if isinstance(manifest.get("app"), dict) else {}
    assert isinstance(app, dict)
    rows = [
        Row("Case number", str(request.get("case_number") or NOT_SAID)),
        Row("Agency", _agency(request)),
        Row("Request id", str(request.get("id") or NOT_SAID)),
    ]
    if request.get("incident"):
        rows.append(Row("Incident", str(request["incident"])))
    rows.append(
        Row(
            "Window asked for",
            f"{utc_words(window.get('start'))} to {utc_words(window.get('end'))}",
        )
    )
    built = utc_words(manifest.get("created_at"))
    if app.get("version"):
        built += f" by {app.get('name', 'Doorstep')} {app['version']}"
    rows.append(Row("Package built", built))
    rows.append(Row("Excerpts", str(len(excerpt_entries(manifest)))))
    key = f"{signer.get('key_id') or NOT_SAID} ({signer.get('algorithm') or 'Ed25519'})"
    rows.append(Row("Signed with the resident's key", key))
    rows.append(
        Row(
            "Its fingerprint (SHA-256 of the public key, DER)",
            str(signer.get("public_key_sha256") or NOT_SAID),
            mono=True,
        )
    )
    rows.append(Row("Audit chain head", _audit(manifest), mono=bool(manifest.get("audit_head"))))
    return Section("The package", rows)


CHECKING = (
    "This summary is made from the package's manifest.json, which the resident signed. "
    "The manifest, not this summary, is the record: check the package with "
    "'main.py verify PACKAGE' or by hand as docs/packages.md says, and compare each "
    "excerpt's SHA-256 above with the file's."
)


def exhibit_parts(manifest: dict[str, Any], statement: str | None) -> Exhibit:
    """The summary's parts; ``statement`` falls back to the manifest's own."""
    if statement is None:
        found = manifest.get("statement")
        statement = found if isinstance(found, str) else None
    if statement is not None and not statement.strip():
        statement = None
    files = excerpt_entries(manifest)
    excerpts = [excerpt_section(i, len(files), f) for i, f in enumerate(files, 1)]
    return Exhibit(TITLE, package_section(manifest), statement, excerpts, CHECKING)


# -- text -----------------------------------------------------------------------------
def _text_rows(rows: list[Row]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        head = f"{row.label}: "
        if row.mono:  # a hash stays on one line, so it can be copied whole
            lines.append(head + row.value)
            continue
        lines += textwrap.wrap(
            row.value,
            WIDTH,
            initial_indent=head,
            subsequent_indent="    ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [head.rstrip()]
    return lines


def _heading(text: str, under: str) -> list[str]:
    return [text, under * len(text)]


def exhibit_text(manifest: dict[str, Any], statement: str | None) -> str:
    """The summary as plain text (UTF-8, lines of at most 78 columns but for hashes)."""
    part = exhibit_parts(manifest, statement)
    lines = [*_heading(part.title, "="), ""]
    lines += _heading(part.package.title, "-") + _text_rows(part.package.rows) + [""]
    lines += _heading("The resident's statement", "-")
    if part.statement is None:
        lines.append("(none given)")
    else:
        for para in part.statement.strip().splitlines():
            lines += textwrap.wrap(para, WIDTH, break_long_words=False) or [""]
    lines.append("")
    for section in part.excerpts:
        lines += _heading(section.title, "-") + _text_rows(section.rows) + [""]
    lines += textwrap.wrap(part.checking, WIDTH)
    return "\n".join(lines) + "\n"


def write_exhibit(data_dir: Path, manifest: dict[str, Any], statement: str | None) -> list[Path]:
    """Write exhibit-summary.txt and exhibit-summary.pdf into ``data_dir`` (each to a
    temporary name, then renamed) and return their paths, text first."""
    from db.sharing.exhibit_pdf import exhibit_pdf
    from db.store.fileio import write_atomically

    data_dir = Path(data_dir)
    text_path, pdf_path = data_dir / EXHIBIT_TEXT, data_dir / EXHIBIT_PDF
    text = exhibit_text(manifest, statement).encode("utf-8")
    pdf = exhibit_pdf(exhibit_parts(manifest, statement))
    write_atomically(text_path, text, mode=0o644)
    write_atomically(pdf_path, pdf, mode=0o644)
    return [text_path, pdf_path]
