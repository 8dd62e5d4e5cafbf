"""Checks a request must pass when it arrives, beyond its schema: whose request id it
is, whether an edit is as trustworthy as the version it replaces, and whether its area
is one Doorstep can match (docs/requests.md, "Who may change a request").

A request id belongs to the agency that first sent it. A later version must name the
same agency, and an edit of a signed request must be signed too (of a verified one:
verified with a key of that agency). Otherwise anyone who can put a document in a feed,
or a feed registered for one agency, could replace another agency's request. A refused
version is stored nowhere; the caller reports the reason.
"""

from __future__ import annotations

from sqlite_utils import Database

from db.requests import geo
from db.requests.request_types import RequestDoc, RequestError, RuleResult, SignatureCheck

_NOT_VERIFIED = {
    "unsigned": "is not signed",
    "unknown_key": "is signed with a key you have not accepted for this agency",
    "bad_signature": "has a signature that does not match it",
}


def check_area(doc: RequestDoc) -> None:
    """Refuse an area crossing longitude 180 (see db.requests.geo): measured geodesically it is
    small, matched in degrees it would take in cameras on the other side of the globe."""
    if geo.crosses_antimeridian(doc.area):
        raise RequestError(
            "area",
            "crosses longitude 180° (the antimeridian), or goes round a pole; Doorstep "
            "cannot match such an area: the agency must send it as two requests, one "
            "on each side",
        )


def edit_refusal(
    doc: RequestDoc, owner: str, stored_signature: str, signature: SignatureCheck | None
) -> RequestError | None:
    """Why a new version ``doc`` of a stored request may not replace it, or None.
    ``owner`` is the agency that sent the first version, ``stored_signature`` the
    signature outcome of the version stored now; ``signature`` is the new version's
    check (None: not checked yet, only the agency is compared)."""
    if doc.agency_id != owner:
        return RequestError(
            "agency.id",
            f"request {doc.id} belongs to agency {owner}, which sent it first; a version "
            f"from agency {doc.agency_id} cannot replace it",
        )
    if signature is None or signature.outcome == "verified":
        return None
    if stored_signature == "verified" or (
        stored_signature != "unsigned" and signature.outcome == "unsigned"
    ):
        how = "verified with a key of the agency" if stored_signature == "verified" else "signed"
        return RequestError(
            "signature",
            f"this version of request {doc.id} {_NOT_VERIFIED[signature.outcome]}, but the "
            f"version stored is {how}; an edit of a signed request must be signed the same "
            "way",
        )
    return None


def resident_refusal(request_id: str) -> RequestError:
    """A request the resident entered (db.requests.manual) is the resident's record of
    what an agency sent by other means: no document, feed or file may replace it."""
    return RequestError(
        "id",
        f"request {request_id} was entered by you from a request you received; a document "
        "from a file or an agency's feed cannot change it",
    )


def check_new_version(db: Database, doc: RequestDoc, *, signed: bool) -> None:
    """Raise the reason a new version ``doc`` of a stored request may not replace it;
    with ``signed`` its signature is compared too (a file never edits a request)."""
    owner = stored_owner(db, doc.id)
    if owner is None:
        return
    entered = db.execute(
        "SELECT 1 FROM requests WHERE request_id = ? AND source = 'resident' LIMIT 1", [doc.id]
    ).fetchone()
    if entered is not None:
        raise resident_refusal(doc.id)
    refusal = edit_refusal(doc, owner[0], owner[1], None)
    if refusal is None and signed:
        from db.requests.agencies import agency_keys
        from db.requests.request_signature import check_signature

        signature = check_signature(doc, agency_keys(db, doc.agency_id))
        refusal = edit_refusal(doc, owner[0], owner[1], signature)
    if refusal is not None:
        raise refusal


def stored_owner(db: Database, request_id: str) -> tuple[str, str] | None:
    """(agency that sent the first version, signature outcome of the latest version)
    of a stored request, or None."""
    first = db.execute(
        "SELECT agency_id FROM requests WHERE request_id = ? ORDER BY version LIMIT 1",
        [request_id],
    ).fetchone()
    if first is None:
        return None
    latest = db.execute(
        "SELECT signature_outcome FROM requests WHERE request_id = ? ORDER BY version DESC LIMIT 1",
        [request_id],
    ).fetchone()
    return str(first[0]), str(latest[0])


def stored_rules(db: Database, row_id: int) -> list[RuleResult]:
    """The rule results stored with a request version, in rule order."""
    return [
        RuleResult(str(rule), outcome, str(reason))
        for rule, outcome, reason in db.execute(
            "SELECT rule, outcome, reason FROM request_rules WHERE request_row = ? "
            "ORDER BY position",
            [row_id],
        )
    ]
