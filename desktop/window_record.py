"""The window's "Record a request I received…": the action (Requests menu, and the
button on the empty requests page), the dialog, and the stored request selected in the
requests list once the inbox has it, with its rule results in the detail panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from desktop.actions import ActionSpec

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.widgets.record_request_dialog import RecordRequestDialog


translate = QCoreApplication.translate


def register(window: MainWindow) -> None:
    window.commands.register(
        ActionSpec(
            "record-request",
            translate("WindowRecord", "Record a request I &received…"),
            "&Requests",
            "Ctrl+Shift+O",
            translate(
                "WindowRecord",
                "Write down a request that came by email, text message, an app, a letter or "
                "in person",
            ),
        ),
        lambda: open_dialog(window),
    )
    window.requests_view.record_button.clicked.connect(lambda: open_dialog(window))
    window.pages.record_request = lambda: open_dialog(window)


def open_dialog(window: MainWindow) -> RecordRequestDialog:
    from desktop.widgets.record_request_dialog import RecordRequestDialog

    services = window.services
    dialog = RecordRequestDialog(
        services.db, services.cameras.cameras(), services.tiles, parent=window
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def recorded(row_id: int) -> None:
        received = dialog.received
        if received is not None:
            window.statusBar().showMessage(received.text(), 15000)
        # The inbox reloads after the operation's changes: select the row once it has it.
        services.requests.loaded.connect(
            lambda: window._select_request(row_id), type=Qt.ConnectionType.SingleShotConnection
        )

    dialog.recorded.connect(recorded)
    dialog.finished.connect(lambda _r: setattr(window, "record_dialog", None))
    dialog.open()
    window.record_dialog = dialog
    return dialog
