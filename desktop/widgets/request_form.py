"""The fields of a request the resident received (agency, case, contact, window,
terms...) for the "Record a request I received" dialog. A field filled from a pasted
message is marked "filled from the message – check it", with the text it came from as
its tooltip, until the resident edits it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from desktop.widgets.camera_dialogs import _ZONES, computer_zone

# The choices' words in English; shown translated.
THIRD_PARTY = [
    (str(QT_TRANSLATE_NOOP("RequestForm", "Not stated")), None),
    (str(QT_TRANSLATE_NOOP("RequestForm", "No one else")), "none"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "Prosecutors only")), "prosecution"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "Other agencies")), "other_agencies"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "No limit")), "unrestricted"),
]
RECEIVED_VIA = [
    (str(QT_TRANSLATE_NOOP("RequestForm", "Email")), "email"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "Text message")), "text"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "An app (Ring/Neighbors…)")), "app"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "Letter")), "letter"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "In person")), "in_person"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "Phone call")), "phone"),
    (str(QT_TRANSLATE_NOOP("RequestForm", "Other")), "other"),
]
FILLED = str(QT_TRANSLATE_NOOP("RequestForm", "filled from the message – check it"))
FILLED_STYLE = "background: bg(#fff8e1);"
DATE_FORMAT = "yyyy-MM-dd HH:mm"


class FormError(ValueError):
    """A field the form cannot turn into a request: ``field`` is the form's name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _when(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setAccessibleName(name)
    # Wall-clock times in the zone chosen below, kept as UTC in the edit so this
    # computer's own daylight-saving gaps never shift a time the resident types.
    edit.setTimeZone(QTimeZone.utc())
    return edit


class RequestForm(QWidget):
    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agency = _line(self.tr("Agency"), self.tr("e.g. Seattle Police Department"))
        self.case = _line(self.tr("Case number"), self.tr("as the agency wrote it"))
        self.contact_name = _line(self.tr("Investigator's name"))
        self.contact_email = _line(self.tr("Investigator's email"))
        self.contact_phone = _line(self.tr("Investigator's phone"))
        self.incident = _line(self.tr("Incident"), self.tr("e.g. vehicle break-in"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(self.tr("What the agency says it is looking for"))
        self.description.setFixedHeight(48)
        self.description.setTabChangesFocus(True)
        self.start = _when(self.tr("Footage wanted from"))
        self.end = _when(self.tr("Footage wanted until"))
        self.tz = QComboBox()
        self.tz.setEditable(True)
        self.tz.addItems(_ZONES)
        completer = QCompleter(_ZONES, self.tz)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tz.setCompleter(completer)
        self.tz.setAccessibleName(self.tr("Time zone of the times"))
        self.tz.setCurrentText(computer_zone() or "UTC")
        self.tz_note = QLabel()
        self.tz_note.setWordWrap(True)
        self.tz_note.setTextFormat(Qt.TextFormat.RichText)
        theme.style(self.tz_note, "color: fg(#8d6e00);")
        self.tz_note.hide()
        self.expires = _when(self.tr("Respond by"))
        self.expires_stated = QCheckBox(self.tr("Stated"))
        self.expires_stated.setAccessibleName(self.tr("The request states a respond-by date"))
        self.expires_stated.toggled.connect(self.expires.setEnabled)
        self.expires.setEnabled(False)
        self.retention = QSpinBox()
        self.retention.setRange(-1, 36500)
        self.retention.setValue(-1)
        self.retention.setSpecialValueText(self.tr("Not stated"))
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setAccessibleName(self.tr("How long the agency keeps the footage, in days"))
        self.third_party = QComboBox()
        for text, value in THIRD_PARTY:
            self.third_party.addItem(self.tr(text), value)
        self.third_party.setAccessibleName(
            self.tr("Who else the agency may share the footage with")
        )
        self.portal = _line(
            self.tr("Portal link"), self.tr("https://… (where to upload, if the agency gave one)")
        )
        self.received_via = QComboBox()
        for text, value in RECEIVED_VIA:
            self.received_via.addItem(self.tr(text), value)
        self.received_via.setAccessibleName(self.tr("How the request reached you"))

        # A day's window ending now, in the chosen zone, until the resident sets it.
        hour = now.replace(minute=0, second=0, microsecond=0)
        for edit, moment in (
            (self.end, hour),
            (self.start, hour - timedelta(days=1)),
            (self.expires, hour + timedelta(days=30)),
        ):
            self.set_moment(edit, moment)

        self.marks: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Large text: a label too long to sit beside its field goes above it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form = form
        self._row("agency", self.tr("Agency *"), self.agency)
        self._row("case_number", self.tr("Case number"), self.case)
        self._row("incident", self.tr("Incident"), self.incident)
        self._row("description", self.tr("Description"), self.description)
        self._row("contact_name", self.tr("Investigator"), self.contact_name)
        self._row("contact_email", self.tr("Email"), self.contact_email)
        self._row("contact_phone", self.tr("Phone"), self.contact_phone)
        self._row("window_start", self.tr("Footage from *"), self.start)
        self._row("window_end", self.tr("until *"), self.end)
        zone = QVBoxLayout()
        zone.setSpacing(2)
        zone.addWidget(self.tz)
        zone.addWidget(self.tz_note)
        self._row("tz", self.tr("Time zone"), zone)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires_stated)
        expiry.addWidget(self.expires, 1)
        self._row("expires_at", self.tr("Respond by"), expiry)
        self._row("retention_days", self.tr("Kept for"), self.retention)
        self._row("third_party_sharing", self.tr("Shared with"), self.third_party)
        self._row("portal_url", self.tr("Portal link"), self.portal)
        self._row("received_via", self.tr("Received by"), self.received_via)
        self.setLayout(form)
        self.widgets: dict[str, QWidget] = {
            "agency": self.agency,
            "case_number": self.case,
            "incident": self.incident,
            "description": self.description,
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
            "contact_phone": self.contact_phone,
            "window_start": self.start,
            "window_end": self.end,
            "tz": self.tz,
            "expires_at": self.expires,
            "retention_days": self.retention,
            "third_party_sharing": self.third_party,
            "portal_url": self.portal,
            "received_via": self.received_via,
        }
        for name, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, n=name: self.unmark(n))

    def _row(self, key: str, label: str, field: QWidget | QHBoxLayout | QVBoxLayout) -> None:
        mark = QLabel("↑ " + self.tr(FILLED))
        theme.style(mark, "color: fg(#8d6e00); font-size: 9pt;")
        mark.hide()
        self.marks[key] = mark
        box = QVBoxLayout()
        box.setSpacing(1)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        box.addWidget(mark)
        self.form.addRow(label, box)

    # -- filled from a message ---------------------------------------------------------
    def mark(self, name: str, snippet: str) -> None:
        """Say that field ``name`` was filled from the message, quoting ``snippet``."""
        widget = self.widgets[name]
        theme.style(widget, FILLED_STYLE)
        widget.setToolTip(
            self.tr("Filled from the message: “{words}” – check it").format(words=snippet.strip())
        )
        widget.setProperty("filled_from", snippet)
        self.marks[name].show()

    def unmark(self, name: str) -> None:
        widget = self.widgets[name]
        if widget.property("filled_from") is None:
            return
        theme.style(widget, "")
        widget.setToolTip("")
        widget.setProperty("filled_from", None)
        self.marks[name].hide()

    def filled(self) -> list[str]:
        """The fields still marked as filled from the message."""
        return [n for n, w in self.widgets.items() if w.property("filled_from") is not None]

    def set_moment(self, edit: QDateTimeEdit, moment: datetime) -> None:
        """Show an aware ``moment`` in the form's chosen zone."""
        local = moment.astimezone(self.zone())
        edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    # -- reading the form --------------------------------------------------------------
    def zone(self) -> ZoneInfo:
        name = self.tz.currentText().strip()
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError, OSError) as exc:
            raise FormError(
                "tz", self.tr("Time zone: “{name}” is not a time zone name.").format(name=name)
            ) from exc

    def moment(self, edit: QDateTimeEdit) -> datetime:
        """The edit's date and time read in the chosen zone (aware)."""
        shown = edit.dateTime()
        naive = datetime(
            shown.date().year(),
            shown.date().month(),
            shown.date().day(),
            shown.time().hour(),
            shown.time().minute(),
        )
        return naive.replace(tzinfo=self.zone())

    def values(self) -> dict[str, Any]:
        """The fields as ManualRequest's keyword arguments (without the area); raises
        FormError naming the first field that cannot be read."""
        agency = self.agency.text().strip()
        if not agency:
            raise FormError("agency", self.tr("Agency: say which agency sent the request."))
        start, end = self.moment(self.start), self.moment(self.end)
        if end <= start:
            raise FormError(
                "window_end", self.tr("Footage until: the end must come after the start.")
            )
        if end - start > timedelta(days=366):
            raise FormError(
                "window_end", self.tr("Footage until: the window is longer than a year.")
            )

        def text(value: str) -> str | None:
            return value.strip() or None

        return {
            "agency_name": agency,
            "agency_id": None,
            "case_number": text(self.case.text()),
            "incident": text(self.incident.text()),
            "description": text(self.description.toPlainText()),
            "contact_name": text(self.contact_name.text()),
            "contact_email": text(self.contact_email.text()),
            "contact_phone": text(self.contact_phone.text()),
            "window_start": start,
            "window_end": end,
            "expires_at": self.moment(self.expires) if self.expires_stated.isChecked() else None,
            "retention_days": self.retention.value() if self.retention.value() >= 0 else None,
            "third_party_sharing": self.third_party.currentData(),
            "portal_url": text(self.portal.text()),
            "received_via": self.received_via.currentData(),
        }
