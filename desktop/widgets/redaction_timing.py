"""What the redaction review says about re-encoding: that redaction re-encodes the
excerpt, and how long that takes at the speed measured on this computer. Its words
are in the review's translation context."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.widgets.job_strip import seconds_words

REENCODES = str(
    QT_TRANSLATE_NOOP(
        "RedactionReview",
        "Redaction re-encodes the excerpt: what is shared is a new encoding of the camera's "
        "pictures with the hidden parts pixelated, not the camera's own file (the package "
        "still names the original's hash).",
    )
)
translate = QCoreApplication.translate


def reencode_words(duration_s: float, speed: float | None) -> str:
    """How long re-encoding this excerpt takes at ``speed`` (seconds of video a second
    of work, as measured here), or that it is not known yet."""
    if not speed or speed <= 0:
        return translate(
            "RedactionReview", "how long it takes here is measured while the first preview is made"
        )
    took = duration_s / speed
    if took < 1:
        return translate("RedactionReview", "{time} at the speed measured here").format(
            time=seconds_words(took)
        )
    return translate("RedactionReview", "about {time} at the speed measured here").format(
        time=seconds_words(took)
    )


def timing_words(
    length: float, redacted: bool | None, took_s: float | None, speed_here: float | None
) -> str:
    """The review's line on re-encoding: ``redacted`` is whether the last preview hid
    anything (None: no preview yet), ``took_s`` how long making it took (None: not
    measured in this review), ``speed_here`` the speed remembered from earlier."""
    if redacted is False:
        return translate(
            "RedactionReview",
            "Nothing is hidden in this excerpt as it stands: it is shared as recorded, not "
            "re-encoded. Anything you hide makes it a re-encoded copy, {time}.",
        ).format(time=reencode_words(length, speed_here))
    reencodes = translate("RedactionReview", REENCODES)
    if took_s is not None:
        speed = length / took_s if took_s > 0 else 0.0
        return translate(
            "RedactionReview",
            "{reencodes} Here it took {took} for {length} of video ({speed}× real time); "
            "the export re-encodes it again, {time}.",
        ).format(
            reencodes=reencodes,
            took=seconds_words(took_s),
            length=seconds_words(length),
            speed=f"{speed:.1f}",
            time=reencode_words(length, speed),
        )
    return translate("RedactionReview", "{reencodes} For this excerpt: {time}.").format(
        reencodes=reencodes, time=reencode_words(length, speed_here)
    )
