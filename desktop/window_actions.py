"""The window's commands in the action registry (desktop/actions.py): each with its
text, menu and shortcut, and the window's method it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop import window_clock, window_holds, window_masks, window_record
from desktop.actions import ActionSpec
from desktop.workspace import hook as workspace_hook

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


translate = QCoreApplication.translate


def register_actions(
    window: MainWindow, open_resident: Callable[[], object] | None, offer_demo: bool
) -> None:
    """Register every command; `open_resident` is offered in the demo's window, the
    demo itself (when `offer_demo`) in the resident's."""
    reg = window.commands.register
    reg(
        ActionSpec(
            "import",
            translate("WindowActions", "&Import folder…"),
            "&File",
            "Ctrl+I",
            translate("WindowActions", "Import a folder of clips"),
        ),
        window.import_folder,
    )
    if window.services.kind == "demo":
        if open_resident is not None:
            reg(
                ActionSpec("resident", translate("WindowActions", "Back to &my data"), "&File"),
                open_resident,
            )
    elif offer_demo:
        reg(
            ActionSpec("demo", translate("WindowActions", "Open the &demo neighbourhood"), "&File"),
            window.open_demo,
        )
    reg(
        ActionSpec(
            "quit", translate("WindowActions", "&Quit"), "&File", QKeySequence.StandardKey.Quit
        ),
        window.close,
    )
    reg(
        ActionSpec(
            "add-camera", translate("WindowActions", "&Add camera…"), "&Cameras", "Ctrl+Shift+N"
        ),
        window.add_camera,
    )
    reg(
        ActionSpec("cameras", translate("WindowActions", "&Manage cameras…"), "&Cameras"),
        window.manage_cameras,
    )
    reg(
        ActionSpec(
            "measure-clock",
            translate("WindowActions", "Measure clock &offset…"),
            "&Cameras",
            tip=translate(
                "WindowActions", "Compare a camera's on-screen clock in a frame with the true time"
            ),
        ),
        lambda: window_clock.measure_clock(window),
    )
    reg(
        ActionSpec(
            "privacy-masks",
            translate("WindowActions", "Privacy &masks…"),
            "&Cameras",
            tip=translate(
                "WindowActions", "Draw areas of a camera's picture that every excerpt of it hides"
            ),
        ),
        lambda: window_masks.open_masks(window),
    )
    window_clock.install(window)
    reg(
        ActionSpec(
            "refresh",
            translate("WindowActions", "&Refresh"),
            "&View",
            QKeySequence.StandardKey.Refresh,
        ),
        window.refresh,
    )
    play = reg(
        ActionSpec("play", translate("WindowActions", "&Play or pause"), "&View", "Space"),
        window.clips_view.detail.player.toggle,
    )
    # Space plays where the clips are (their table, the player); elsewhere it presses the
    # focused button, which a window-wide Space would take from the keyboard.
    window.removeAction(play)
    play.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.clips_view.table.addAction(play)
    window.clips_view.detail.player.addAction(play)
    reg(
        ActionSpec(
            "import-request",
            translate("WindowActions", "Import &request…"),
            "&Requests",
            "Ctrl+O",
            translate("WindowActions", "Import a request document (JSON) you received as a file"),
        ),
        window.import_request,
    )
    window_record.register(window)
    workspace_hook.register(window)
    reg(
        ActionSpec(
            "poll-feeds",
            translate("WindowActions", "&Check feeds now"),
            "&Requests",
            "Ctrl+Shift+R",
        ),
        window.services.feeds.poll_now,
    )
    reg(
        ActionSpec("feeds", translate("WindowActions", "&Feeds…"), "&Requests"), window.manage_feeds
    )
    reg(
        ActionSpec("rules", translate("WindowActions", "Your &rules…"), "&Requests"),
        window.edit_rules,
    )
    reg(
        ActionSpec("credentials", translate("WindowActions", "&Credentials…"), "&Requests"),
        window.manage_credentials,
    )
    reg(
        ActionSpec(
            "agencies", translate("WindowActions", "&Agencies and their history…"), "&Requests"
        ),
        window.agencies,
    )
    reg(
        ActionSpec(
            "retention",
            translate("WindowActions", "&Retention and deletion requests…"),
            "&Requests",
        ),
        window.retention,
    )
    window.commands.add("blur-faces", blur_faces_action(window), "&Requests")
    toggle = window.map_dock.toggleViewAction()
    toggle.setText(translate("WindowActions", "Show &map"))
    window.commands.add("show-map", toggle, "&View", "Ctrl+M")
    reg(
        ActionSpec("base-map", translate("WindowActions", "&Base map…"), "&View"),
        window.choose_base_map,
    )
    reg(
        ActionSpec("language", translate("WindowActions", "&Language…"), "&View"),
        lambda: choose_language(window),
    )
    reg(
        ActionSpec(
            "zoom-request",
            translate("WindowActions", "Zoom map to &request"),
            "&View",
            "Ctrl+Shift+Z",
        ),
        lambda: window.map_panel.zoom_to_request(),
    )
    reg(
        ActionSpec(
            "zoom-cameras",
            translate("WindowActions", "Zoom map to my &cameras"),
            "&View",
            "Ctrl+Shift+C",
        ),
        lambda: window.map_panel.zoom_to_cameras(),
    )
    window_holds.register(window)
    reg(ActionSpec("about", translate("WindowActions", "&About Doorstep"), "&Help"), window.about)


def choose_language(window: MainWindow) -> None:
    # Imported when chosen: the preferences read the map's tile sources (QtNetwork),
    # which the first screen does not need.
    from desktop.language_dialog import choose_language as open_dialog

    open_dialog(window)


def blur_faces_action(window: MainWindow) -> QAction:
    """The preference that faces are blurred in what is shared (each approved clip
    reviewed first): on for a new installation; each request can turn it off."""
    from dataclasses import replace

    from desktop import preferences

    action = QAction(translate("WindowActions", "&Blur faces in what is shared"), window)
    action.setCheckable(True)
    action.setChecked(preferences.load().blur_faces)
    action.setToolTip(
        translate(
            "WindowActions", "For every request unless you untick it there; you review each clip"
        )
    )

    def toggled(on: bool) -> None:
        preferences.save(replace(preferences.load(), blur_faces=on))
        window.requests_view.detail.redaction.bar.blur_default = on

    action.toggled.connect(toggled)
    return action
