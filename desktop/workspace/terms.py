"""The top of the review workspace: what the request asks for (agency, case, incident,
window, area, how long the agency keeps footage, whom it passes it on to, how the
request arrived) and each of the resident's rules with its result in words. Rich text
that wraps to any width: nothing here needs scrolling sideways."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from db.audit.words import entered_words
from db.requests.inbox import RequestDetail
from db.words.units import area_text
from desktop import theme
from desktop.models.requests import OUTCOME_COLOURS, window_text

# A shape with every outcome's word and colour: the colour is never the only cue.
OUTCOME_MARKS = {"ok": "✓", "warn": "⚠", "block": "⊘"}


class TermsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName(self.tr("The request"))
        self.terms = QLabel()
        self.terms.setWordWrap(True)
        self.terms.setTextFormat(Qt.TextFormat.RichText)
        self.terms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.terms.setAccessibleName(self.tr("What the request asks for"))
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setTextFormat(Qt.TextFormat.RichText)
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rules.setAccessibleName(self.tr("Your rules and their results"))
        for label in (self.title, self.terms, self.rules):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.title)
        box.addWidget(self.terms)
        box.addWidget(self.rules)

    def show_detail(self, d: RequestDetail) -> None:
        s, doc = d.summary, d.doc
        e = html.escape
        self.title.setText(
            "<b style='font-size:large'>{}</b>".format(
                e(doc.incident or self.tr("Request for footage"))
            )
        )
        rows = [
            (self.tr("Agency"), e(s.agency)),
            (self.tr("Case"), e(s.case_number) if s.case_number else self.tr("no case number")),
            (self.tr("Window"), e(window_text(s))),
            (self.tr("Area"), e(area_text(s.area_sq_m))),
            (
                self.tr("Keeps footage"),
                self._days(doc.retention_days),
            ),
            (self.tr("Passes it on"), e(self._sharing_words(doc.third_party_sharing))),
            (self.tr("Arrived"), e(self._arrival_words(s.source, s.received_via))),
        ]
        self.terms.setText(
            " · ".join(f"<span style='white-space:nowrap'><b>{k}</b></span> {v}" for k, v in rows)
        )
        lines = []
        for r in d.rules:
            word = {
                "ok": self.tr("OK"),
                "warn": self.tr("Warning"),
                "block": self.tr("Blocks"),
            }[r.outcome]
            lines.append(
                f"<span style='color:{theme.fg(OUTCOME_COLOURS[r.outcome]).name()};"
                "font-weight:600'>"
                f"{OUTCOME_MARKS[r.outcome]} {word}</span> {e(r.reason)}"
            )
        self.rules.setText(
            "<b>{}</b><br>{}".format(self.tr("Your rules"), "<br>".join(lines)) if lines else ""
        )
        self.rules.setVisible(bool(lines))

    def _days(self, days: int | None) -> str:
        if days is None:
            return self.tr("not stated")
        return self.tr("one day") if days == 1 else self.tr("%n days", "", days)

    def _sharing_words(self, value: str | None) -> str:
        words = {
            None: self.tr("not stated"),
            "none": self.tr("to no one"),
            "prosecution": self.tr("to prosecutors only"),
            "other_agencies": self.tr("to other agencies"),
            "unrestricted": self.tr("to anyone (unrestricted)"),
        }
        return words.get(value, (value or "").replace("_", " "))

    def _arrival_words(self, source: str, received_via: str | None) -> str:
        if source == "resident" and received_via is not None:
            return entered_words(received_via)
        if source == "feed":
            return self.tr("from the agency's feed")
        return self.tr("as a file you imported")
