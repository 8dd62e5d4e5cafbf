"""Filling the request form from a pasted message with db.requests.message_text: each
field found is filled and marked for checking with the text it came from, and the
resident is told plainly which time zone the times were read in."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.widgets.request_form import RequestForm


def fill_form(form: RequestForm, text: str, *, now: datetime) -> tuple[str, list[str]]:
    """Fill ``form`` from ``text``; returns what to tell the resident (what was filled,
    the time zone the times were read in) and the addresses the message names."""
    from db.requests.message_text import extract_fields

    ex = extract_fields(text, default_tz=form.zone(), now=now)
    filled: list[str] = []

    def put(name: str, found: Any, apply: Any, words: str) -> None:
        if found is None or found.value in (None, ""):
            return
        apply(found.value)
        form.mark(name, found.snippet)
        filled.append(words)

    # The sender's zone first: the times are then shown as the message wrote them.
    put(
        "tz",
        ex.zone,
        form.tz.setCurrentText,
        QCoreApplication.translate("MessageFill", "time zone"),
    )

    def line(edit: Any) -> Any:
        def apply(value: str) -> None:
            edit.setText(value)
            edit.setCursorPosition(0)  # a long link shows its start

        return apply

    put(
        "agency",
        ex.agency_name,
        line(form.agency),
        QCoreApplication.translate("MessageFill", "agency"),
    )
    put(
        "case_number",
        ex.case_number,
        line(form.case),
        QCoreApplication.translate("MessageFill", "case number"),
    )
    put(
        "incident",
        ex.incident,
        line(form.incident),
        QCoreApplication.translate("MessageFill", "incident"),
    )
    put(
        "contact_name",
        ex.contact_name,
        line(form.contact_name),
        QCoreApplication.translate("MessageFill", "investigator"),
    )
    put(
        "contact_email",
        ex.contact_email,
        line(form.contact_email),
        QCoreApplication.translate("MessageFill", "email"),
    )
    put(
        "contact_phone",
        ex.contact_phone,
        line(form.contact_phone),
        QCoreApplication.translate("MessageFill", "phone"),
    )
    put(
        "window_start",
        ex.window_start,
        lambda v: form.set_moment(form.start, v),
        QCoreApplication.translate("MessageFill", "start"),
    )
    put(
        "window_end",
        ex.window_end,
        lambda v: form.set_moment(form.end, v),
        QCoreApplication.translate("MessageFill", "end"),
    )
    put(
        "portal_url",
        ex.portal_url,
        line(form.portal),
        QCoreApplication.translate("MessageFill", "portal link"),
    )

    def via(value: str) -> None:
        index = form.received_via.findData(value)
        if index >= 0:
            form.received_via.setCurrentIndex(index)

    how_it_came = QCoreApplication.translate("MessageFill", "how it came")
    put("received_via", ex.received_via, via, how_it_came)

    lines = []
    if set(filled) - {how_it_came}:  # that alone is a guess from the message's shape
        lines.append(
            QCoreApplication.translate(
                "MessageFill",
                "Filled in: {fields}. Each is marked on the form: check it against the "
                "message (hover over a field to see the words it came from).",
            ).format(fields=", ".join(filled))
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "MessageFill", "Nothing in the message was recognised: fill in the form yourself."
            )
        )
    if ex.case_alternatives:
        others = ", ".join(html.escape(f.value) for f in ex.case_alternatives[:5])
        lines.append(
            QCoreApplication.translate(
                "MessageFill", "Other numbers in the message: {numbers}."
            ).format(numbers=others)
        )
    zone_name = html.escape(form.tz.currentText())
    notes = " ".join(html.escape(note) for note in ex.notes)
    if ex.zone_assumed:
        notes = QCoreApplication.translate(
            "MessageFill", "<b>Check the time zone.</b> {notes}"
        ).format(notes=notes)
    if notes:
        lines.append(notes)
    if ex.zone_assumed:
        form.tz_note.setText(
            QCoreApplication.translate(
                "MessageFill",
                "<b>Assumed</b>: the message names no time zone. Times are shown in "
                "{zone}; if the sender meant another zone, choose it and set the times.",
            ).format(zone=zone_name)
        )
        form.tz_note.show()
    elif ex.zone is not None:
        form.tz_note.setText(
            QCoreApplication.translate(
                "MessageFill", "The sender's zone, as the message names it: {zone}."
            ).format(zone=zone_name)
        )
        form.tz_note.show()
    elif ex.window_start is not None:
        form.tz_note.setText(
            QCoreApplication.translate(
                "MessageFill", "The message gives UTC offsets; the times are shown in {zone}."
            ).format(zone=zone_name)
        )
        form.tz_note.show()
    else:
        form.tz_note.hide()
    if not ex.addresses:
        lines.append(
            QCoreApplication.translate(
                "MessageFill", "No street address found: draw the area where the message says."
            )
        )
    return "<br>".join(lines), [a.value for a in ex.addresses]
