"""Each agency's record, as the resident's own machine knows it: every request it sent
(edited and withdrawn versions included) and local figures. The figures are computed
here from the local database and never leave the machine."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from db.words.counts import stored_summary_words


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: str
    name: str
    jurisdiction: str | None
    requests: int  # distinct requests (all versions count once)
    versions: int
    edited: int  # requests the agency changed after sending
    withdrawn: int
    broke_rules: int  # requests whose latest version a rule blocked
    answered: int  # requests the resident shared something for (a package was built)
    declined: int  # requests where every decision was a decline, or declined automatically
    first_received: str | None
    last_received: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_FIGURES = """
WITH latest AS (
    SELECT r.* FROM requests r
    WHERE r.version = (SELECT max(version) FROM requests x WHERE x.request_id = r.request_id)
)
SELECT a.id, a.name, a.jurisdiction,
    (SELECT count(DISTINCT request_id) FROM requests WHERE agency_id = a.id),
    (SELECT count(*) FROM requests WHERE agency_id = a.id),
    (SELECT count(DISTINCT request_id) FROM requests WHERE agency_id = a.id AND version > 1),
    (SELECT count(*) FROM latest WHERE agency_id = a.id AND state = 'withdrawn'),
    (SELECT count(*) FROM latest WHERE agency_id = a.id AND worst_outcome = 'block'),
    (SELECT count(DISTINCT r.request_id) FROM packages p JOIN requests r ON r.id = p.request_row
        WHERE r.agency_id = a.id),
    (SELECT count(*) FROM latest l WHERE l.agency_id = a.id AND (
        l.auto_declined_at IS NOT NULL OR (
            EXISTS (SELECT 1 FROM decisions d WHERE d.request_row = l.id)
            AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.request_row = l.id
                            AND d.state != 'declined')))),
    (SELECT min(received_at) FROM requests WHERE agency_id = a.id),
    (SELECT max(received_at) FROM requests WHERE agency_id = a.id)
FROM agencies a
ORDER BY a.name COLLATE NOCASE
"""


def agency_figures(db: Database) -> list[AgencyFigures]:
    """Figures for every agency (database thread)."""
    return [AgencyFigures(*row) for row in db.execute(_FIGURES)]


@dataclass(frozen=True)
class HistoryEntry:
    row_id: int
    request_id: str
    version: int
    state: str
    received_at: str
    case_number: str | None
    incident: str | None
    window_start_utc: str
    window_end_utc: str
    area: str  # GeoJSON
    area_sq_m: float
    worst_outcome: str
    rule_summary: str
    source: str = "file"  # "file", "feed" or "resident" (the resident entered it)
    received_via: str | None = None  # how the resident received a request they entered

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def agency_history(db: Database, agency_id: str) -> list[HistoryEntry]:
    """Every version of every request the agency sent (those the resident entered
    from what it sent by other means included), oldest first."""
    rows = db.execute(
        "SELECT id, request_id, version, state, received_at, case_number, incident, "
        "window_start_utc, window_end_utc, area, area_sq_m, worst_outcome, rule_summary, "
        "source, received_via "
        "FROM requests WHERE agency_id = ? ORDER BY received_at, id",
        [agency_id],
    )
    # The rules' summary is stored in English; it is shown in the current language.
    entries = []
    for row in rows:
        values = list(row)
        values[12] = stored_summary_words(values[12])
        entries.append(HistoryEntry(*values))
    return entries
