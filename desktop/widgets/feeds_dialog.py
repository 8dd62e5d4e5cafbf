"""Agency feeds: add one (with its access token, kept in the OS keyring), remove one,
see when each was last read and what went wrong."""

from __future__ import annotations

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
from sqlite_utils import Database

from db import credentials
from db import feeds as feeddb
from db.timewords import local_text
from desktop.dbthread import DbService
from desktop.feed_poller import FeedPoller


def _add_feed(db: Database, url: str, token: str) -> feeddb.Feed:
    feed = feeddb.add_feed(db, url)
    if token:
        credentials.set_feed_token(feed.url, token)
    return feed


class FeedsDialog(QDialog):
    def __init__(self, dbs: DbService, poller: FeedPoller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agency feeds")
        self.resize(640, 420)
        self._db = dbs
        self._poller = poller
        self.list = QListWidget()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://agency.example.gov/doorstep/feed")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText("optional; kept in your system keyring, never on disk")
        self.add_button = QPushButton("Add feed")
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton("Remove selected")
        self.remove_button.clicked.connect(self._remove)
        self.poll_button = QPushButton("Check all now")
        self.poll_button.clicked.connect(poller.poll_now)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Feed URL", self.url)
        form.addRow("Access token", self.token)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        row.addWidget(self.poll_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Doorstep reads these feeds in the background. Reading a "
                "feed tells the agency nothing about your answers."
            )
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        poller.polled.connect(lambda *_: self.reload())
        poller.failed.connect(lambda *_: self.reload())
        self.reload()

    def reload(self) -> None:
        self._db.submit(feeddb.list_feeds, self._show)

    def _show(self, feeds: list[feeddb.Feed]) -> None:
        self.list.clear()
        for f in feeds:
            if f.last_error:
                state = f"not read: {f.last_error}"
            elif f.last_ok_at:
                state = f"read {local_text(f.last_ok_at)}"
            else:
                state = "not read yet"
            item = QListWidgetItem(f"{f.url}\n    {state}")
            item.setData(256, f.id)
            self.list.addItem(item)
        if not feeds:
            self.list.addItem("No feeds yet: add the URL your agency gave you.")

    def _add(self) -> None:
        url, token = self.url.text().strip(), self.token.text()

        def done(feed: feeddb.Feed) -> None:
            self.url.clear()
            self.token.clear()
            self.message.setText(f"Added {feed.url}.")
            self.reload()
            self._poller.poll_now()

        self._db.submit(
            lambda db: _add_feed(db, url, token),
            done,
            lambda exc: self.message.setText(f"Not added: {exc}"),
        )

    def _remove(self) -> None:
        item = self.list.currentItem()
        feed_id = item.data(256) if item is not None else None
        if feed_id is None:
            self.message.setText("Select a feed to remove.")
            return
        self._db.submit(
            lambda db: feeddb.remove_feed(db, int(feed_id)),
            lambda _r: (self.message.setText("Feed removed (its token too)."), self.reload()),
        )
