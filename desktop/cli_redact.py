"""`--redact` of `export` and `deliver` (docs/redaction.md, "Exporting"): the option's
words, reading its value, and what the command says about the excerpts it redacts.
Headless: no Qt imports."""

from __future__ import annotations

import sys
from typing import Any

from db.words.i18n import N_, _

HELP = N_(
    "what to hide in the pictures: faces, masks (comma-separated) or none; default "
    "faces,masks (faces found by the detector and the cameras' privacy masks). A plan you "
    "accepted in the window is used as it is"
)


def redact_choice(text: str) -> frozenset[str]:
    """``--redact``'s value as what to hide; Failure naming what is wrong."""
    from db.sharing.excerpt_redaction import RedactionError, parse_redact
    from desktop.cli_requests import Failure

    try:
        return parse_redact(text)
    except RedactionError as exc:
        raise Failure(str(exc)) from None


def say_redactions(spec: Any) -> None:
    """One line per excerpt whose pictures are redacted: it is re-encoded (which takes
    about as long as the excerpt plays, more with faces to find)."""
    from db.sharing.excerpt_cut import redaction_words
    from db.sharing.package_spec import excerpt_label

    for ex in spec.excerpts:
        if ex.redaction is not None and not ex.redaction.empty():
            print(
                _("Redacting {excerpt}: {what}; re-encoded").format(
                    excerpt=excerpt_label(ex), what=redaction_words(ex.redaction)
                )
            )


def face_progress() -> Any:
    """Progress of the face search on the terminal (nothing when stderr is not one)."""
    tty = sys.stderr.isatty()

    def progress(step: str, share: float) -> None:
        if tty:
            sys.stderr.write(f"\r{round(100 * share):3d}%  {step[:60]:60}")
            sys.stderr.flush()

    return progress
