""" "Record a request I received": the resident types (or pastes) what an agency sent
by email, text, app, letter or in person, draws the area on the map, and presses Record
request. The request is stored on the database thread like any other (same checks,
rules, matching and audit), marked as entered by the resident. A refusal names the
field and leaves the dialog open with everything kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db.store.changes import Changes
from desktop import theme
from desktop.widgets.area_editor import AreaEditor
from desktop.widgets.message_fill import fill_form
from desktop.widgets.paste_panel import PastePanel
from desktop.widgets.request_form import FormError, RequestForm

if TYPE_CHECKING:
    from sqlite_utils import Database

    from db.clips.cameras import Camera
    from db.requests.intake import Received
    from db.requests.manual import ManualRequest
    from desktop.dbthread import DbService

# Where a refusal's field (a ManualRequest field or the document's JSON path) is shown.
_FIELD_WIDGETS = {
    "agency": "agency",
    "case": "case_number",
    "incident": "incident",
    "description": "description",
    "contact_name": "contact_name",
    "contact.name": "contact_name",
    "contact_email": "contact_email",
    "contact.email": "contact_email",
    "contact_phone": "contact_phone",
    "contact.phone": "contact_phone",
    "window_start": "window_start",
    "window.start": "window_start",
    "window_end": "window_end",
    "window.end": "window_end",
    "expires": "expires_at",
    "issued": "expires_at",
    "retention": "retention_days",
    "third_party": "third_party_sharing",
    "portal": "portal_url",
    "delivery": "portal_url",
    "received_via": "received_via",
}
_FIELD_WORDS = {  # in English; shown translated
    "agency": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Agency")),
    "case_number": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Case number")),
    "incident": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Incident")),
    "description": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Description")),
    "contact_name": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Investigator")),
    "contact_email": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Email")),
    "contact_phone": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Phone")),
    "window_start": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Footage from")),
    "window_end": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Footage until")),
    "expires_at": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Respond by")),
    "retention_days": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Kept for")),
    "third_party_sharing": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Shared with")),
    "portal_url": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Portal link")),
    "received_via": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Received by")),
    "area": str(QT_TRANSLATE_NOOP("RecordRequestDialog", "Area")),
}


def record(db: Database, manual: ManualRequest) -> Received:
    """Store the resident's request (database thread)."""
    from db.requests.manual import record_request

    return record_request(db, manual, now=datetime.now(UTC))


def warm_geometry(_db: Database) -> None:
    """Load the geodesic code (pyproj) off the GUI thread before the first area is
    drawn, so measuring it live does not stall the dialog once."""
    from db.requests.geo import area_sq_m
    from db.requests.request_types import Area

    area_sq_m(Area("circle", center=(0.0, 0.0), radius_m=100.0))


def form_field(path: str) -> str:
    """The form's field for a refusal's field name or JSON path ("" if none)."""
    if path.startswith("area"):
        return "area"
    for key, name in _FIELD_WIDGETS.items():
        if path.startswith(key):
            return name
    return ""


DIALOG_WIDTH = 1260  # the dialog's width when it opens
SPARE = 60  # the dialog's margins and the splitter's handles


class RecordRequestDialog(QDialog):
    """``recorded(row_id)`` once the request is stored (the dialog then closes)."""

    recorded = Signal(int)

    def __init__(
        self,
        dbs: DbService,
        cameras: list[Camera],
        tiles: Any = None,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a request I received"))
        self._dbs = dbs
        self._now = now
        self.received: Received | None = None
        self.busy = False
        self.form = RequestForm(now())
        self.paste = PastePanel()
        self.paste.fill_requested.connect(self.fill_from_message)
        self.map = AreaEditor(cameras, tiles)
        intro = QLabel(
            self.tr(
                "Write down the request as the agency sent it. Fields marked * are needed; "
                "then draw the area it asks about on the map."
            )
        )
        intro.setWordWrap(True)
        form_box = QWidget()
        fbox = QVBoxLayout(form_box)
        fbox.addWidget(intro)
        fbox.addWidget(self.form)
        fbox.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("The request's details"))
        # The form scrolls down, never sideways: its column is as wide as the form needs
        # in the language shown (the map gives the room up).
        map_box = QWidget()
        mbox = QVBoxLayout(map_box)
        mbox.setContentsMargins(0, 0, 0, 0)
        mbox.addWidget(QLabel(self.tr("<b>Area *</b>: the area the agency asks about")))
        mbox.addWidget(self.map, 1)
        bar = scroll.verticalScrollBar().sizeHint().width()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        three = (
            self.paste.minimumSizeHint().width()
            + form_box.minimumSizeHint().width()
            + bar
            + map_box.minimumSizeHint().width()
            + SPARE
        )
        self.stacked = three > DIALOG_WIDTH
        if self.stacked:
            # Large text (200 %): the message, the form and the map cannot sit side by
            # side whole. The message goes above the form, in one column that scrolls
            # down (never sideways), beside the map.
            fbox.insertWidget(0, self.paste)
            self.paste.text.setMinimumHeight(6 * self.paste.text.fontMetrics().lineSpacing())
            scroll.setMinimumWidth(form_box.minimumSizeHint().width() + bar)
            self.splitter.addWidget(scroll)
            self.splitter.addWidget(map_box)
            self.splitter.setStretchFactor(0, 1)
            self.splitter.setStretchFactor(1, 1)
        else:
            scroll.setMinimumWidth(form_box.minimumSizeHint().width() + bar)
            self.splitter.addWidget(self.paste)
            self.splitter.addWidget(scroll)
            self.splitter.addWidget(map_box)
            self.splitter.setStretchFactor(0, 2)
            self.splitter.setStretchFactor(1, 4)
            self.splitter.setStretchFactor(2, 4)
            self.splitter.setSizes([300, 460, 500])

        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.style(self.error, "color: fg(#c62828); font-weight: 600;")
        self.error.setAccessibleName(self.tr("What is wrong"))
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.confirm = QPushButton(self.tr("Record request"))
        self.confirm.setAccessibleName(self.tr("Record request"))
        self.confirm.setDefault(True)
        self.confirm.setAutoDefault(True)
        self.buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.resize(DIALOG_WIDTH, 760)
        self.map.zoom_to_cameras()
        self.finished.connect(lambda _r: self.map.detach_tiles())
        dbs.submit(warm_geometry, abandon_on_close=True)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.map.area() is None:
            self.map.zoom_to_cameras()  # the view has its size now

    # -- the message -------------------------------------------------------------------
    def fill_from_message(self, text: str) -> None:
        """Fill the form from a pasted message (no database: the text only)."""
        summary, addresses = fill_form(self.form, text, now=self._now())
        self.paste.show_summary(summary)
        self.paste.show_addresses(addresses)
        if addresses and self.map.area() is None:
            self.map.zoom_to_cameras()

    # -- recording ---------------------------------------------------------------------
    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` and take the resident to ``field`` (a form field name)."""
        self.error.setText(message)
        self.error.show()
        widget = self.map.view if field == "area" else self.form.widgets.get(field)
        if widget is not None:
            widget.setFocus()

    def manual(self) -> ManualRequest:
        """The request as the form says it; FormError names a field that is wrong."""
        values = self.form.values()
        area = self.map.area()
        if area is None:
            raise FormError(
                "area",
                self.tr("Area: draw the area the agency asks about on the map (click the map)."),
            )
        from db.requests.manual import ManualRequest

        return ManualRequest(area=area, **values)

    def submit(self) -> None:
        """Check the form and store the request on the database thread."""
        try:
            manual = self.manual()
        except FormError as exc:
            self.show_error(exc.field, str(exc))
            return
        self.error.hide()
        self._set_busy(True)
        self._dbs.submit_op(
            lambda db: record(db, manual),
            Changes(requests_added=True),
            self._done,
            self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        # While the request is being stored the dialog stays (its answer comes back here).
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.confirm.setText(self.tr("Recording…") if busy else self.tr("Record request"))

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def _done(self, received: Received) -> None:
        self.received = received
        self._set_busy(False)
        self.recorded.emit(received.row_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from db.requests.request_types import RequestError

        self._set_busy(False)
        if isinstance(exc, RequestError):
            field = form_field(exc.field)
            known = _FIELD_WORDS.get(field)
            words = self.tr(known) if known else exc.field or self.tr("The request")
            self.show_error(
                field, self.tr("{field}: {problem}").format(field=words, problem=exc.problem)
            )
        else:
            self.show_error(
                "", self.tr("The request could not be recorded: {reason}").format(reason=exc)
            )
