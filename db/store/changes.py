"""What a write changed, in the spirit of Anki's ``OpChanges``: the window reloads the
parts that show these data and nothing else (desktop/refresher.py).

The domain's write functions do not return it: the window's operation that calls them
names what it changes when it submits them (``DbService.submit_op``), so their other
callers (the command line, tests) stay as they are. A commit by another process may
have changed anything: ``Changes.everything()``."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Changes:
    cameras: bool = False  # cameras added, edited, retired or removed
    clips: bool = False  # clips' rows changed: times, paths, camera names, clips removed
    clips_added: bool = False  # new clips stored; the rows read so far still hold
    requests: bool = False  # any request's row may differ (rules, matching, statuses)
    requests_added: bool = False  # requests arrived, were replaced or withdrawn
    request_rows: frozenset[int] = frozenset()  # these requests' rows (decisions, packages)
    feeds: bool = False  # feeds added or removed, or a poll's outcome recorded
    credentials: bool = False  # a token or the signing key, with its audit entry
    packages: bool = False  # a share package recorded or delivered
    masks: bool = False  # a camera's privacy masks added or removed
    thumbnails: bool = False  # clips' thumbnails made (or their pictures found undecodable)
    holds: bool = False  # clips held or released, their sources' state, the store's budget

    @classmethod
    def everything(cls) -> Changes:
        """Another process committed: any of it may have changed."""
        return cls(
            cameras=True,
            clips=True,
            clips_added=True,
            requests=True,
            requests_added=True,
            feeds=True,
            credentials=True,
            packages=True,
            masks=True,
            thumbnails=True,
            holds=True,
        )

    @classmethod
    def rows(cls, *row_ids: int) -> Changes:
        """The requests with these row ids changed (and only their own rows)."""
        return cls(request_rows=frozenset(row_ids))

    def __or__(self, other: Changes) -> Changes:
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "request_rows"
        }
        return replace(self, **merged, request_rows=self.request_rows | other.request_rows)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def any_request(self) -> bool:
        """Requests changed in any way (a whole reload, new ones, or some rows)."""
        return self.requests or self.requests_added or bool(self.request_rows)
