"""Each candidate clip of a request with where the resident stands on it: the
decision (pending until one is taken), its note, and the clip's flags. What the
command line's `requests show` lists; the window's review reads the same."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from db.clips.library import FLAG_WORDS, FLAGS
from db.requests.matching import Candidate
from db.sharing.decisions import State, decisions_for


@dataclass(frozen=True)
class CandidateState:
    candidate: Candidate
    decision: State
    note: str | None
    flags: tuple[str, ...]  # of db.clips.library.FLAGS, in that order

    @property
    def flag_words(self) -> str:
        """ "shows children, private", or "" for a clip with no flag."""
        return ", ".join(FLAG_WORDS[f] for f in self.flags)

    def to_json(self) -> dict[str, Any]:
        c = self.candidate
        return {
            "clip_id": c.clip_id,
            "camera": c.camera,
            "start": c.start_utc,
            "end": c.end_utc,
            "decision": self.decision,
            "flags": list(self.flags),
            "note": self.note,
        }


def candidate_states(
    db: Database, row_id: int, candidates: list[Candidate]
) -> list[CandidateState]:
    """The candidates (as ``request_detail`` found them) in their order, each with its
    decision for request row ``row_id`` and its flags."""
    decided = decisions_for(db, row_id)
    flags: dict[int, tuple[str, ...]] = {}
    ids = [c.clip_id for c in candidates]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        columns = ", ".join(FLAGS)
        for row in db.execute(f"SELECT id, {columns} FROM clips WHERE id IN ({marks})", chunk):
            flags[int(row[0])] = tuple(f for f, on in zip(FLAGS, row[1:], strict=True) if on)
    out = []
    for c in candidates:
        d = decided.get(c.clip_id)
        state: State = d.state if d is not None else "pending"
        out.append(CandidateState(c, state, d.note if d else None, flags.get(c.clip_id, ())))
    return out
