"""How the main window opens the review workspace: "Review request…" in the Requests
menu (Ctrl+Return), Enter or a double click on a request in the list, and "Review in
the workspace…" in the request panel. One workspace at a time: opening another request shows it in
the same window. Closing the main window closes it, its player and work first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QBoxLayout, QPushButton

from desktop.actions import ActionSpec
from desktop.models.requests import RowIdRole

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.workspace.window import ReviewWorkspace


class WorkspaceOpener(QObject):
    opened = Signal(object)  # the ReviewWorkspace, shown for a request

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace: ReviewWorkspace | None = None
        self.panel_button: QPushButton | None = None  # in the request panel
        window.installEventFilter(self)

    def selected_row_id(self) -> int | None:
        rows = self.window.requests_view.selection.selectedRows()
        return rows[0].data(RowIdRole) if rows else None

    def open(self, row_id: int | None = None) -> ReviewWorkspace | None:
        """Show request ``row_id`` (the selected one by default) in the workspace."""
        from desktop.workspace.window import ReviewWorkspace

        row_id = row_id if row_id is not None else self.selected_row_id()
        if row_id is None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("ReviewHook", "Select a request to review first."), 5000
            )
            return None
        ws = self.workspace
        if ws is None or not shiboken6.isValid(ws):
            ws = ReviewWorkspace(self.window.services.db, self.window)
            ws.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            ws.decided.connect(self._decided)
            self.window.refresher.follow(ws)
            self.workspace = ws
        ws.show_request(row_id)
        ws.show()
        if QGuiApplication.platformName() != "offscreen":  # no stack of windows there
            ws.raise_()
        ws.activateWindow()
        self.opened.emit(ws)
        return ws

    def _decided(self, row_id: int) -> None:
        """The request panel shows the decisions made in the workspace."""
        if self.selected_row_id() == row_id:
            self.window.requests_view.detail.show_request(row_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            ws = self.workspace
            if ws is not None and shiboken6.isValid(ws):
                ws.close()
        return False


def register(window: MainWindow) -> WorkspaceOpener:
    opener = WorkspaceOpener(window)
    window.commands.register(
        ActionSpec(
            "review-request",
            QCoreApplication.translate("ReviewHook", "Re&view request…"),
            "&Requests",
            "Ctrl+Return",
            QCoreApplication.translate(
                "ReviewHook",
                "Open the selected request in the review workspace: its clips on a "
                "timeline, a large preview, and the decision keys A, D and P",
            ),
        ),
        opener.open,
    )
    window.requests_view.table.activated.connect(lambda _index: opener.open())
    opener.panel_button = panel_button(window)
    opener.panel_button.clicked.connect(lambda: opener.open())
    return opener


def panel_button(window: MainWindow) -> QPushButton:
    """ "Review in the workspace…" at the top of the request panel, above the request's
    text, seen without scrolling (the panel shows the selected request, which the button
    opens). Made here, so that its words are the workspace's to translate with the rest
    of it."""
    button = QPushButton(QCoreApplication.translate("ReviewHook", "Review in the &workspace…"))
    button.setAccessibleName(QCoreApplication.translate("ReviewHook", "Review in the workspace"))
    button.setToolTip(
        QCoreApplication.translate(
            "ReviewHook", "The clips on a timeline, a large preview, the decision keys"
        )
    )
    text = window.requests_view.detail.text
    holder = text.parentWidget()
    column = holder.layout() if holder is not None else None
    assert isinstance(column, QBoxLayout)  # the panel's column of parts
    column.insertWidget(column.indexOf(text), button, 0, Qt.AlignmentFlag.AlignLeft)
    return button
