"""Agency feeds: add one (with its access token, kept in the OS keyring), remove one,
see when each was last read and what went wrong. The keyring half of adding or removing
runs on a worker thread first, the database half after it (desktop.keyring_jobs)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.keys import credentials
from db.requests import feeds as feeddb
from db.store.changes import Changes
from db.words.timewords import local_text
from desktop.dbthread import DbService
from desktop.feed_poller import FeedPoller
from desktop.keyring_jobs import NOTE_STYLE, KeyringJobs, unavailable_text

UrlRole = 257
FEEDS = Changes(feeds=True)
FEEDS_AND_TOKENS = Changes(feeds=True, credentials=True)


class FeedsDialog(QDialog):
    checked = Signal()  # the keyring was checked (``problem`` says what is wrong, if anything)

    def __init__(self, dbs: DbService, poller: FeedPoller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agency feeds"))
        self.resize(640, 420)
        self._db = dbs
        self._poller = poller
        self.jobs = KeyringJobs(dbs, self)
        self.problem: str | None = None
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring_note.setStyleSheet(NOTE_STYLE)
        self.keyring_note.hide()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Agency feeds"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://agency.example.gov/doorstep/feed")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(
            self.tr("optional; kept in your system keyring, never on disk")
        )
        self.add_button = QPushButton(self.tr("Add feed"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected feed"))
        self.remove_button.clicked.connect(self._remove)
        self.poll_button = QPushButton(self.tr("Check all now"))
        self.poll_button.setAccessibleName(self.tr("Check all feeds now"))
        self.poll_button.clicked.connect(poller.poll_now)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Feed URL"), self.url)
        form.addRow(self.tr("Access token"), self.token)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        row.addWidget(self.poll_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Doorstep reads these feeds in the background. Reading a "
                "feed tells the agency nothing about your answers."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reload()
        self.jobs.check(self._checked)

    def _checked(self, problem: str | None) -> None:
        self.problem = problem
        if problem is not None:
            self.token.setEnabled(False)
            self.token.setPlaceholderText(self.tr("needs your system keyring (see below)"))
            # Removing a feed removes its token too, which needs the keyring.
            self.remove_button.setEnabled(False)
            self.remove_button.setToolTip(self.tr("Removing a feed needs your system keyring"))
            self.keyring_note.setText(
                self.tr(
                    "{problem} A feed that needs no token can still be added; removing a "
                    "feed needs the keyring too, to remove its token."
                ).format(problem=unavailable_text(problem))
            )
            self.keyring_note.show()
        self.checked.emit()

    @staticmethod
    def shows(changes: Changes) -> bool:
        """What it shows (desktop/refresher.py reloads it after such changes)."""
        return changes.feeds

    def reload(self) -> None:
        self._db.submit(feeddb.list_feeds, self._show)

    def _show(self, feeds: list[feeddb.Feed]) -> None:
        self.list.clear()
        for f in feeds:
            if f.last_error:
                state = self.tr("not read: {reason}").format(reason=f.last_error)
            elif f.last_ok_at:
                state = self.tr("read {when}").format(when=local_text(f.last_ok_at))
            else:
                state = self.tr("not read yet")
            item = QListWidgetItem(f"{f.url}\n    {state}")
            item.setData(256, f.id)
            item.setData(UrlRole, f.url)
            self.list.addItem(item)
        if not feeds:
            self.list.addItem(self.tr("No feeds yet: add the URL your agency gave you."))

    def _add(self) -> None:
        url, token = self.url.text().strip(), self.token.text()

        def done(feed: feeddb.Feed) -> None:
            self.url.clear()
            self.token.clear()
            self.message.setText(self.tr("Added {url}.").format(url=feed.url))
            self._poller.poll_now()

        def failed(text: object) -> None:
            self.message.setText(self.tr("Not added: {reason}").format(reason=text))

        if not token:
            self._db.submit_op(lambda db: feeddb.add_feed(db, url), FEEDS, done, failed)
            return

        def store() -> tuple[str, credentials.Change]:
            from db.requests.feed_client import validate_feed_url

            checked = validate_feed_url(url)
            return checked, credentials.set_feed_token(checked, token)

        self.jobs.change(
            self.tr("storing the feed's token"),
            store,
            lambda db, checked: feeddb.record_feed_added(db, checked, token_set=True),
            FEEDS_AND_TOKENS,
            done,
            failed,
        )

    def _remove(self) -> None:
        item = self.list.currentItem()
        feed_id = item.data(256) if item is not None else None
        if feed_id is None:
            self.message.setText(self.tr("Select a feed to remove."))
            return
        url = str(item.data(UrlRole))

        def remove_token() -> tuple[bool, credentials.Change]:
            change = credentials.delete_feed_token(url)
            return change.existed, change

        def removed(_result: object) -> None:
            self.message.setText(self.tr("Feed removed (its token too)."))

        self.jobs.change(
            self.tr("removing the feed's token"),
            remove_token,
            lambda db, existed: feeddb.record_feed_removed(db, int(feed_id), token_removed=existed),
            FEEDS_AND_TOKENS,
            removed,
            lambda text: self.message.setText(self.tr("Not removed: {reason}").format(reason=text)),
        )
