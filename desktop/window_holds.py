"""The window's part in holding footage (docs/holds.md, "In the window"): when a sync
runs (a request stored or changed, clips imported, the window's start), the store's
usage in the status bar and its limit, the question when clips wait for room, and the
"Hold this clip" / "Release hold" actions (menu, the clips table's context menu and the
clip's detail)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from db.store.changes import Changes
from desktop.actions import ActionSpec
from desktop.statusbar.evidence import EvidenceIndicator

if TYPE_CHECKING:
    from desktop.hold_sync import HoldController
    from desktop.main_window import MainWindow
    from desktop.widgets.budget_dialog import BudgetDialog


translate = QCoreApplication.translate
SYNC_DELAY_MS = 500  # a feed's parts or an import's batches: one sync after them


def register(window: MainWindow) -> None:
    """The menu's commands (before the menus are built)."""
    reg = window.commands.register
    reg(
        ActionSpec(
            "hold-clip",
            translate("WindowHolds", "&Hold this clip"),
            "C&lips",
            tip=translate(
                "WindowHolds",
                "Keep a verified copy of the selected clip in Doorstep's evidence store",
            ),
        ),
        lambda: hold_selected(window),
    )
    reg(
        ActionSpec(
            "release-hold",
            translate("WindowHolds", "Re&lease hold"),
            "C&lips",
            tip=translate(
                "WindowHolds", "Let the selected clip's held copy go; requests do not hold it again"
            ),
        ),
        lambda: release_selected(window),
    )
    reg(
        ActionSpec("hold-now", translate("WindowHolds", "Hold the requests' clips &now"), "C&lips"),
        lambda: window.services.holds.sync(),
    )
    reg(
        ActionSpec("store-limit", translate("WindowHolds", "Evidence store &limit…"), "C&lips"),
        lambda: open_limit(window),
    )


class WindowHolds(QObject):
    """What starts a sync, and what the window shows of holds."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        services = window.services
        self.holds: HoldController = services.holds
        self.indicator = EvidenceIndicator()
        window.statusBar().addPermanentWidget(self.indicator)
        self.indicator.limit_asked.connect(lambda: open_limit(window))
        self.question: QMessageBox | None = None  # the last question asked
        self.dialog: BudgetDialog | None = None  # the limit's dialog, once opened
        self._declined: set[int] = set()  # clips the resident chose not to hold beyond it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SYNC_DELAY_MS)
        self._timer.timeout.connect(self.holds.sync)
        self.holds.started.connect(window.progress.follow)
        self.holds.usage_changed.connect(self.indicator.show_usage)
        self.holds.waiting.connect(self._ask)
        self.holds.failed.connect(lambda text: window.statusBar().showMessage(text, 20000))
        self.holds.synced.connect(self._synced)
        services.db.changed.connect(self._changed)
        services.imports.finished.connect(self._imported)
        window.refresher.follow(window.requests_view.detail)
        detail = window.clips_view.detail
        detail.hold_button.clicked.connect(window.commands["hold-clip"].trigger)
        detail.release_button.clicked.connect(window.commands["release-hold"].trigger)
        window.clips_view.selection_model.currentChanged.connect(lambda *_: self.update_actions())
        services.clips.dataChanged.connect(lambda *_: self.update_actions())
        self.update_actions()

    def start(self) -> None:
        """At the window's start (once its first screen shows): the usage, then a sync
        (sources gone while the window was closed are found, new candidates held)."""
        self.holds.refresh_usage()
        self.holds.sync()

    def sync_soon(self) -> None:
        self._timer.start()

    def _changed(self, changes: Changes) -> None:
        # Requests stored, decided or re-evaluated may want or settle holds.
        if changes.any_request or changes.clips_added:
            self.sync_soon()

    def _imported(self, _job: object, summary: Any, _folders: object) -> None:
        if getattr(summary, "added", 0):
            self.sync_soon()

    def _synced(self, result: Any) -> None:
        # result.held has one entry per (clip, request): a clip two requests ask for
        # is one clip kept safe
        held = len({clip_id for clip_id, _row in result.held})
        lost = len(result.lost) + len(result.changed)
        if held or lost:
            parts = []
            if held:
                parts.append(
                    self.tr("1 more clip kept safe")
                    if held == 1
                    else self.tr("{count} more clips kept safe", "", held).format(count=f"{held:,}")
                )
            if lost:
                parts.append(
                    self.tr("1 clip whose file is lost or changed")
                    if lost == 1
                    else self.tr("{count} clips whose file is lost or changed", "", lost).format(
                        count=f"{lost:,}"
                    )
                )
            self._window.statusBar().showMessage(
                self.tr("Evidence store: {parts}").format(parts=", ".join(parts)), 15000
            )

    def _ask(self, result: Any) -> None:
        """Clips wait for room: never held beyond the limit without the resident's yes."""
        from db.words.units import file_size

        waiting = [w for w in result.waiting if w.clip_id not in self._declined]
        if not waiting or (self.question is not None and self.question.isVisible()):
            return
        size = sum(w.size for w in waiting)
        n = len(waiting)
        clips = (
            self.tr("1 clip") if n == 1 else self.tr("{count} clips", "", n).format(count=f"{n:,}")
        )
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Evidence store full"))
        if result.budget_bytes:
            text = self.tr(
                "{clips} a request asks for ({size}) would take the evidence store beyond "
                "its limit ({limit})."
            ).format(clips=clips, size=file_size(size), limit=file_size(result.budget_bytes))
        else:
            text = self.tr(
                "{clips} a request asks for ({size}) would take the evidence store beyond "
                "its limit."
            ).format(clips=clips, size=file_size(size))
        box.setText(text)
        box.setInformativeText(
            self.tr(
                "Hold it beyond the limit? If not, it stays where the recorder keeps it and "
                "may be deleted by it."
            )
            if n == 1
            else self.tr(
                "Hold them beyond the limit? If not, they stay where the recorder keeps them "
                "and may be deleted by it.",
                "",
                n,
            )
        )
        hold = box.addButton(self.tr("Hold beyond the limit"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(hold)

        def answered() -> None:
            if box.clickedButton() is hold:
                self.holds.sync(over_budget=True)
            else:
                self._declined.update(w.clip_id for w in waiting)
                self._window.statusBar().showMessage(
                    self.tr("Not held: {clips} (over the limit)").format(clips=clips), 15000
                )

        box.finished.connect(lambda _r: answered())
        box.open()
        self.question = box

    def release_question(self, file: str, requests: int) -> str:
        """Whether to release ``file`` held for ``requests`` requests not settled."""
        if requests == 1:
            text = self.tr("{file} is held for 1 request not settled yet. Release it anyway?")
        else:
            text = self.tr(
                "{file} is held for %n requests not settled yet. Release it anyway?", "", requests
            )
        return text.format(file=file)

    def update_actions(self) -> None:
        """Hold offered for a clip not held, release for one held."""
        state = selected_state(self._window)
        row = selected_clip(self._window)
        self._window.commands["hold-clip"].setEnabled(
            row is not None and (state is None or (not state.held and state.source == "present"))
        )
        self._window.commands["release-hold"].setEnabled(state is not None and state.held)


def selected_clip(window: MainWindow) -> Any:
    from desktop.models.clips import ClipRowRole

    return window.clips_view.table.currentIndex().data(ClipRowRole)


def selected_state(window: MainWindow) -> Any:
    from desktop.models.clips import HoldStateRole

    return window.clips_view.table.currentIndex().data(HoldStateRole)


def hold_selected(window: MainWindow) -> None:
    row = selected_clip(window)
    if row is not None:
        window.services.holds.hold(row.id)


def release_selected(window: MainWindow) -> QMessageBox | None:
    """Release the selected clip's holds; when requests not settled hold it, only once
    the resident confirms (the box, open, is returned)."""
    row, state = selected_clip(window), selected_state(window)
    if row is None or state is None or not state.held:
        return None
    holds = window.services.holds
    requests = sum(1 for h in state.held_for if h != "resident")
    if not requests:
        holds.release(row.id)
        return None
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("WindowHolds", "Release hold"))
    box.setText(window.holds.release_question(row.path.rsplit("/", 1)[-1], requests))
    box.setInformativeText(
        translate(
            "WindowHolds", "Those requests will not hold it again; the recorder may delete it."
        )
    )
    release = box.addButton(
        translate("WindowHolds", "Release"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    clip_id = row.id
    box.finished.connect(
        lambda _r: holds.release(clip_id) if box.clickedButton() is release else None
    )
    box.open()
    window.holds.question = box
    return box


def open_limit(window: MainWindow) -> BudgetDialog:
    from desktop.widgets.budget_dialog import BudgetDialog

    holds = window.services.holds
    usage = holds.usage
    dialog = BudgetDialog(usage.budget if usage else None, usage.used if usage else None, window)
    dialog.accepted.connect(lambda: holds.set_budget(dialog.budget()))
    dialog.open()
    window.holds.dialog = dialog
    return dialog
