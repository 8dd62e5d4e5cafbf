"""Credentials: feed and upload tokens, and the resident's signing key. Every secret
goes to the OS keyring through db.keys.credentials, on a worker thread (a keyring may block
while it asks to be unlocked); this dialog shows only whether a secret is there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from db.keys import credentials
from db.sharing import signing_keys
from db.store.changes import Changes
from desktop import theme
from desktop.dbthread import DbService
from desktop.keyring_jobs import NOTE_STYLE, KeyringJobs, unavailable_text

TargetRole = 256


def delivery_origins(db: Database) -> list[str]:
    """The upload services named by stored requests (database thread)."""
    out: set[str] = set()
    for (delivery,) in db.execute(
        "SELECT DISTINCT delivery FROM requests WHERE delivery IS NOT NULL"
    ):
        url = (json.loads(delivery) or {}).get("url")
        if url:
            try:
                out.add(credentials.origin(url))
            except credentials.CredentialError:
                continue
    return sorted(out)


def _state(feeds: list[str], origins: list[str]) -> dict[str, Any]:
    """Which secrets exist (worker thread): names only, never the values."""
    found = signing_keys.current()
    return {
        "feeds": [(u, credentials.get_feed_token(u) is not None) for u in feeds],
        "uploads": [(o, credentials.get_upload_token(o) is not None) for o in origins],
        "key_id": found[1] if found else None,
    }


def _names(feeds: list[str], origins: list[str], text: str) -> dict[str, Any]:
    """The entries without asking the keyring (it cannot be used)."""
    return {
        "feeds": [(u, text) for u in feeds],
        "uploads": [(o, text) for o in origins],
        "key_id": None,
    }


class CredentialsDialog(QDialog):
    loaded = Signal()  # the entries (or the reason there are none) are shown

    def __init__(self, dbs: DbService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Credentials"))
        self.resize(640, 560)
        self._db = dbs
        self.jobs = KeyringJobs(dbs, self)
        self.problem: str | None = None  # why the keyring cannot be used, once checked
        self.feeds = QListWidget()
        self.feeds.setAccessibleName(self.tr("Feed tokens"))
        self.uploads = QListWidget()
        self.uploads.setAccessibleName(self.tr("Upload tokens"))
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.style(self.keyring_note, NOTE_STYLE)
        self.keyring_note.hide()
        self.change_buttons: list[QPushButton] = []

        def buttons(*specs: tuple[str, str, Callable[[], None]]) -> QHBoxLayout:
            row = QHBoxLayout()
            for text, name, slot in specs:
                button = QPushButton(text)
                button.setAccessibleName(name)
                button.clicked.connect(slot)
                row.addWidget(button)
                self.change_buttons.append(button)
            row.addStretch(1)
            return row

        set_text, remove_text = self.tr("Set or replace…"), self.tr("Remove")
        feeds = QGroupBox(self.tr("Feed tokens"))
        fl = QVBoxLayout(feeds)
        fl.addWidget(self.feeds)
        fl.addLayout(
            buttons(
                (set_text, self.tr("Set or replace the feed token"), self._set_feed),
                (remove_text, self.tr("Remove the feed token"), self._remove_feed),
            )
        )
        uploads = QGroupBox(self.tr("Upload tokens (one per agency upload service)"))
        ul = QVBoxLayout(uploads)
        ul.addWidget(self.uploads)
        ul.addLayout(
            buttons(
                (set_text, self.tr("Set or replace the upload token"), self._set_upload),
                (
                    self.tr("Add another service…"),
                    self.tr("Add another upload service"),
                    self._add_upload,
                ),
                (remove_text, self.tr("Remove the upload token"), self._remove_upload),
            )
        )
        key = QGroupBox(self.tr("Your signing key (signs every package you share)"))
        kl = QVBoxLayout(key)
        kl.addWidget(self.key_label)
        kl.addLayout(
            buttons(
                (
                    self.tr("Create or rotate…"),
                    self.tr("Create or rotate your signing key"),
                    self._rotate,
                ),
                (self.tr("Export public key…"), self.tr("Export your public key"), self._export),
            )
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Secrets are kept in your system's keyring (a Secret Service such as "
                "gnome-keyring or KWallet on Linux, the Keychain on macOS, Credential "
                "Manager on Windows), never on disk by Doorstep. Only whether one is set is "
                "shown here."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_note)
        layout.addWidget(feeds)
        layout.addWidget(uploads)
        layout.addWidget(key)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.set_busy(True)
        self.reload()

    def set_busy(self, busy: bool) -> None:
        """Changes wait until the keyring was checked, and need one that works."""
        for button in self.change_buttons:
            button.setEnabled(not busy and self.problem is None)

    # -- loading -------------------------------------------------------------------------
    @staticmethod
    def shows(changes: Changes) -> bool:
        """What it shows (desktop/refresher.py reloads it after such changes)."""
        return changes.feeds or changes.credentials

    def reload(self) -> None:
        def names(db: Database) -> tuple[list[str], list[str]]:
            feeds = [str(r[0]) for r in db.execute("SELECT url FROM feeds ORDER BY id")]
            return feeds, delivery_origins(db)

        def checked(found: tuple[list[str], list[str]], problem: str | None) -> None:
            self.problem = problem
            if problem is not None:
                self.keyring_note.setText(unavailable_text(problem))
                self.keyring_note.show()
                self._show(_names(*found, self.tr("token unknown (no keyring)")))
                self.set_busy(False)
                return
            self.keyring_note.hide()
            self.jobs.run(
                self.tr("reading the keyring"), lambda: _state(*found), self._show, self._failed
            )

        self._db.submit(
            names, lambda found: self.jobs.check(lambda problem: checked(found, problem))
        )

    def _failed(self, text: str) -> None:
        self.message.setText(self.tr("Not done: {reason}").format(reason=text))
        self.set_busy(False)

    def _show(self, state: dict[str, Any]) -> None:
        labels = {True: self.tr("token set"), False: self.tr("no token")}
        for widget, rows in ((self.feeds, state["feeds"]), (self.uploads, state["uploads"])):
            widget.clear()
            for target, has in rows:
                item = QListWidgetItem(f"{target}    {labels.get(has, has)}")
                item.setData(TargetRole, target)
                widget.addItem(item)
        if not state["feeds"]:
            self.feeds.addItem(self.tr("No feeds yet (Requests ▸ Feeds…)."))
        key_id = state["key_id"]
        if self.problem is not None:
            self.key_label.setText(
                self.tr(
                    "Your signing key cannot be read or made without a keyring, so packages "
                    "cannot be exported or delivered."
                )
            )
        elif key_id:
            self.key_label.setText(
                self.tr("Key <b>{key}</b> is in your keyring.").format(key=key_id)
            )
        else:
            self.key_label.setText(
                self.tr("No signing key yet: one is made when you first share a package, or now.")
            )
        self.set_busy(False)
        self.loaded.emit()

    def _target(self, widget: QListWidget) -> str | None:
        item = widget.currentItem()
        target = item.data(TargetRole) if item is not None else None
        if not target:
            self.message.setText(self.tr("Select an entry first."))
        return target

    # -- changes -------------------------------------------------------------------------
    def _ask_secret(self, what: str) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Token"),
            self.tr("Token for {what}:").format(what=what),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text.strip() else None

    def _change(
        self,
        title: str,
        fn: Callable[[], Any],
        done_text: str,
        audit_entry: tuple[str, str, str],
    ) -> None:
        """Change a secret on a worker thread, then record that it changed (kind, target,
        what happened; never the value) in the audit trail; the change is taken back
        if it cannot be recorded. ``fn`` returns the Change (``existed`` False for a
        removal: nothing to record)."""
        from datetime import UTC, datetime

        from db.audit import trail as audit

        kind, target, change = audit_entry

        def record(db: Database, existed: bool) -> None:
            if existed:
                audit.credential_changed(db, kind, target, change, now=datetime.now(UTC))

        def done(_result: Any) -> None:
            self.message.setText(done_text)

        def staged() -> tuple[bool, Any]:
            made = fn()
            return (made is not None and (made.existed or made.new is not None)), made

        self.set_busy(True)
        self.jobs.change(title, staged, record, Changes(credentials=True), done, self._failed)

    def _set_feed(self) -> None:
        target = self._target(self.feeds)
        secret = self._ask_secret(target) if target else None
        if target and secret:
            self._change(
                self.tr("storing a token"),
                lambda: credentials.set_feed_token(target, secret),
                self.tr("Token for {target} stored in the keyring.").format(target=target),
                ("feed token", target, "set"),
            )

    def _remove_feed(self) -> None:
        target = self._target(self.feeds)
        if target:
            self._change(
                self.tr("removing a token"),
                lambda: credentials.delete_feed_token(target),
                self.tr("Token for {target} removed.").format(target=target),
                ("feed token", target, "removed"),
            )

    def _set_upload(self) -> None:
        target = self._target(self.uploads)
        secret = self._ask_secret(target) if target else None
        if target and secret:
            self._change(
                self.tr("storing a token"),
                lambda: credentials.set_upload_token(target, secret),
                self.tr("Upload token for {target} stored in the keyring.").format(target=target),
                ("upload token", target, "set"),
            )

    def _add_upload(self) -> None:
        url, ok = QInputDialog.getText(
            self, self.tr("Upload service"), self.tr("Address (https://…):")
        )
        if not ok or not url.strip():
            return
        try:
            target = credentials.origin(url)
        except credentials.CredentialError as exc:
            self.message.setText(str(exc))
            return
        secret = self._ask_secret(target)
        if secret:
            self._change(
                self.tr("storing a token"),
                lambda: credentials.set_upload_token(target, secret),
                self.tr("Upload token for {target} stored in the keyring.").format(target=target),
                ("upload token", target, "set"),
            )

    def _remove_upload(self) -> None:
        target = self._target(self.uploads)
        if target:
            self._change(
                self.tr("removing a token"),
                lambda: credentials.delete_upload_token(target),
                self.tr("Upload token for {target} removed.").format(target=target),
                ("upload token", target, "removed"),
            )

    def _rotate(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Signing key"),
            self.tr(
                "Make a new signing key? Packages you already shared stay "
                "verifiable with the public key they carry."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda b: self._made_new_key() if b is yes else None)
        box.open()
        self.confirm = box

    def _made_new_key(self) -> None:
        def done(_key: signing_keys.Staged) -> None:
            self.message.setText(self.tr("New signing key stored in the keyring."))

        self.set_busy(True)
        self.jobs.signing_key(
            self.tr("making a signing key"), signing_keys.stage_rotation, done, self._failed
        )

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export public key"),
            "doorstep-public-key.pem",
            self.tr("PEM files (*.pem)"),
        )
        if not path:
            return

        def written(_result: object) -> None:
            self.message.setText(self.tr("Public key saved to {path}.").format(path=path))
            self.set_busy(False)

        def recorded(key: signing_keys.Staged) -> None:
            # The key is there (made and recorded if it was not): write its public half.
            self.jobs.run(
                self.tr("exporting the public key"),
                lambda: signing_keys.write_public_key(Path(path), key),
                written,
                self._failed,
            )

        self.set_busy(True)
        self.jobs.signing_key(
            self.tr("making a signing key"), signing_keys.stage, recorded, self._failed
        )
