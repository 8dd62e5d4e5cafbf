"""Credentials: feed and upload tokens, and the resident's signing key. Every secret
goes to the OS keyring through db.credentials, on a worker thread (a keyring may block
while it asks to be unlocked); this dialog shows only whether a secret is there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

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

from db import credentials
from desktop.dbthread import DbService
from desktop.tasks import FunctionTask

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
    found = credentials.signing_key(create=False)
    return {
        "feeds": [(u, credentials.get_feed_token(u) is not None) for u in feeds],
        "uploads": [(o, credentials.get_upload_token(o) is not None) for o in origins],
        "key_id": found[1] if found else None,
    }


class CredentialsDialog(QDialog):
    def __init__(self, dbs: DbService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Credentials")
        self.resize(640, 520)
        self._db = dbs
        self._tasks: list[FunctionTask] = []
        self.feeds = QListWidget()
        self.uploads = QListWidget()
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        def buttons(*specs: tuple[str, Callable[[], None]]) -> QHBoxLayout:
            row = QHBoxLayout()
            for text, slot in specs:
                button = QPushButton(text)
                button.clicked.connect(slot)
                row.addWidget(button)
            row.addStretch(1)
            return row

        feeds = QGroupBox("Feed tokens")
        fl = QVBoxLayout(feeds)
        fl.addWidget(self.feeds)
        fl.addLayout(buttons(("Set or replace…", self._set_feed), ("Remove", self._remove_feed)))
        uploads = QGroupBox("Upload tokens (one per agency upload service)")
        ul = QVBoxLayout(uploads)
        ul.addWidget(self.uploads)
        ul.addLayout(
            buttons(
                ("Set or replace…", self._set_upload),
                ("Add another service…", self._add_upload),
                ("Remove", self._remove_upload),
            )
        )
        key = QGroupBox("Your signing key (signs every package you share)")
        kl = QVBoxLayout(key)
        kl.addWidget(self.key_label)
        kl.addLayout(
            buttons(("Create or rotate…", self._rotate), ("Export public key…", self._export))
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Secrets are kept in your system's keyring, never on disk "
                "by Doorstep. Only whether one is set is shown here."
            )
        )
        layout.addWidget(feeds)
        layout.addWidget(uploads)
        layout.addWidget(key)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reload()

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        def names(db: Database) -> tuple[list[str], list[str]]:
            feeds = [str(r[0]) for r in db.execute("SELECT url FROM feeds ORDER BY id")]
            return feeds, delivery_origins(db)

        self._db.submit(
            names,
            lambda result: self._in_background(
                "reading the keyring", lambda: _state(*result), self._show
            ),
        )

    def _in_background(
        self, title: str, fn: Callable[[], Any], done: Callable[[Any], None]
    ) -> None:
        task = FunctionTask(title, lambda _progress, _cancel: fn())
        task.finished.connect(done)
        task.failed.connect(lambda msg: self.message.setText(f"Keyring: {msg}"))
        task.finished.connect(lambda _r, t=task: self._forget(t))
        task.failed.connect(lambda _m, t=task: self._forget(t))
        self._tasks.append(task)
        task.start()

    def _forget(self, task: FunctionTask) -> None:
        task.wait()
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()

    def _show(self, state: dict[str, Any]) -> None:
        for widget, rows in ((self.feeds, state["feeds"]), (self.uploads, state["uploads"])):
            widget.clear()
            for target, has in rows:
                item = QListWidgetItem(f"{target}    {'token set' if has else 'no token'}")
                item.setData(TargetRole, target)
                widget.addItem(item)
        if not state["feeds"]:
            self.feeds.addItem("No feeds yet (Requests ▸ Feeds…).")
        key_id = state["key_id"]
        self.key_label.setText(
            f"Key <b>{key_id}</b> is in your keyring."
            if key_id
            else "No signing key yet: one is made when you first share a package, or now."
        )

    def _target(self, widget: QListWidget) -> str | None:
        item = widget.currentItem()
        target = item.data(TargetRole) if item is not None else None
        if not target:
            self.message.setText("Select an entry first.")
        return target

    # -- changes -------------------------------------------------------------------------
    def _ask_secret(self, what: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, "Token", f"Token for {what}:", QLineEdit.EchoMode.Password
        )
        return text if ok and text.strip() else None

    def _change(
        self, title: str, fn: Callable[[], Any], done_text: str, audit_entry: tuple[str, str, str]
    ) -> None:
        """Change a secret on a worker thread, then record that it changed (kind, target,
        what happened; never the value) in the audit trail."""

        def done(_result: Any) -> None:
            from datetime import UTC, datetime

            from db import audit

            kind, target, change = audit_entry
            self._db.submit(
                lambda db: audit.credential_changed(db, kind, target, change, now=datetime.now(UTC))
            )
            self.message.setText(done_text)
            self.reload()

        self._in_background(title, fn, done)

    def _set_feed(self) -> None:
        target = self._target(self.feeds)
        secret = self._ask_secret(target) if target else None
        if target and secret:
            self._change(
                "storing a token",
                lambda: credentials.set_feed_token(target, secret),
                f"Token for {target} stored in the keyring.",
                ("feed token", target, "set"),
            )

    def _remove_feed(self) -> None:
        target = self._target(self.feeds)
        if target:
            self._change(
                "removing a token",
                lambda: credentials.delete_feed_token(target),
                f"Token for {target} removed.",
                ("feed token", target, "removed"),
            )

    def _set_upload(self) -> None:
        target = self._target(self.uploads)
        secret = self._ask_secret(target) if target else None
        if target and secret:
            self._change(
                "storing a token",
                lambda: credentials.set_upload_token(target, secret),
                f"Upload token for {target} stored in the keyring.",
                ("upload token", target, "set"),
            )

    def _add_upload(self) -> None:
        url, ok = QInputDialog.getText(self, "Upload service", "Address (https://…):")
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
                "storing a token",
                lambda: credentials.set_upload_token(target, secret),
                f"Upload token for {target} stored in the keyring.",
                ("upload token", target, "set"),
            )

    def _remove_upload(self) -> None:
        target = self._target(self.uploads)
        if target:
            self._change(
                "removing a token",
                lambda: credentials.delete_upload_token(target),
                f"Upload token for {target} removed.",
                ("upload token", target, "removed"),
            )

    def _rotate(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Signing key",
            "Make a new signing key? Packages you already shared stay "
            "verifiable with the public key they carry.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(
            lambda b: (
                self._change(
                    "making a signing key",
                    credentials.rotate_signing_key,
                    "New signing key stored in the keyring.",
                    ("signing key", "resident", "rotated"),
                )
                if b is yes
                else None
            )
        )
        box.open()
        self.confirm = box

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export public key", "doorstep-public-key.pem", "PEM files (*.pem)"
        )
        if path:
            self._in_background(
                "exporting the public key",
                lambda: export_public_key(Path(path)),
                lambda _r: self.message.setText(f"Public key saved to {path}."),
            )


def export_public_key(path: Path) -> Path:
    """Write the resident's public key (made if there is none yet); temp file, then
    rename. Runs on a worker thread."""
    credentials.signing_key()
    pem = credentials.public_key_pem()
    assert pem is not None
    from db.fileio import write_atomically

    write_atomically(path, pem, mode=0o644)  # a public key: others may read it
    return path
