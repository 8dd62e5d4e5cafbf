"""The window without a keyring: the Credentials and Feeds dialogs say what is missing
and what to do, keep working for what needs no secret, and change nothing half way.
With a keyring, a feed's token goes to the keyring and the feed to the database."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from db.keys.credentials import SERVICE
from db.store.database import open_database
from desktop.dbthread import DbService
from desktop.feed_poller import FeedPoller
from desktop.refresher import Refresher
from desktop.widgets.credentials_dialog import CredentialsDialog
from desktop.widgets.feeds_dialog import FeedsDialog
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import (  # noqa: F401 - a window on a resident's database
    import_files,
    library_db,
    open_window,
)

FEED = "https://feeds.example.gov/pd"


@pytest.fixture
def dbs(tmp_path: Path) -> Iterator[DbService]:
    path = tmp_path / "doorstep.sqlite3"
    open_database(path).close()
    service = DbService(path, "resident")
    yield service
    service.shutdown()


def rows(path: Path, sql: str) -> list[tuple]:
    db = open_database(path)
    found = [tuple(r) for r in db.execute(sql)]
    db.close()
    return found


@pytest.fixture
def feeds_dialog(qtbot, dbs: DbService) -> Iterator[Callable[[], FeedsDialog]]:
    """Opens the Feeds dialog and waits until it has checked the keyring."""
    poller = FeedPoller(dbs)
    refresher = Refresher(dbs)  # as the window does: the dialog follows what changed

    def make() -> FeedsDialog:
        # The answer comes back through the event loop, which only runs in the wait.
        dialog = FeedsDialog(dbs, poller)
        refresher.follow(dialog)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.checked, timeout=10000):
            dialog.show()
        return dialog

    yield make
    poller.shutdown()


def open_credentials(qtbot, dbs: DbService) -> CredentialsDialog:
    dialog = CredentialsDialog(dbs)
    Refresher(dbs, parent=dialog).follow(dialog)  # as the window does
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.show()
    return dialog


def test_credentials_dialog_without_a_keyring(qtbot, dbs: DbService, tmp_path: Path) -> None:
    from db.requests import feeds

    dbs.call_blocking(lambda db: feeds.add_feed(db, FEED))
    keyring.set_keyring(fail.Keyring())
    dialog = open_credentials(qtbot, dbs)
    note = dialog.keyring_note.text()
    assert dialog.keyring_note.isVisible()
    assert "No tokens or signing key without a keyring" in note
    assert "No keyring is available (no Secret Service is running)" in note
    assert "start a Secret Service such as gnome-keyring or KWallet" in note
    assert "open Doorstep again" in note and "README" in note
    if sys.platform.startswith("linux"):  # how a headless resident starts one
        assert "dbus-run-session" in note and "gnome-keyring-daemon --unlock" in note
    assert not any(button.isEnabled() for button in dialog.change_buttons)
    assert dialog.feeds.item(0).text().endswith("token unknown (no keyring)")
    assert "without a keyring" in dialog.key_label.text()


def test_credentials_dialog_with_a_keyring_shows_no_note(qtbot, dbs: DbService) -> None:
    dialog = open_credentials(qtbot, dbs)
    assert not dialog.keyring_note.isVisible()
    assert all(button.isEnabled() for button in dialog.change_buttons)


def test_feeds_dialog_without_a_keyring(
    qtbot, feeds_dialog: Callable[[], FeedsDialog], tmp_path: Path
) -> None:
    """A feed that needs no token is added; the token field says it needs a keyring;
    removing, which would leave the token behind, is refused with the reason."""
    keyring.set_keyring(fail.Keyring())
    dialog = feeds_dialog()
    assert dialog.keyring_note.isVisible() and not dialog.token.isEnabled()
    assert "gnome-keyring or KWallet" in dialog.keyring_note.text()
    assert "A feed that needs no token can still be added" in dialog.keyring_note.text()
    dialog.url.setText(FEED)
    dialog._add()
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and FEED in dialog.list.item(0).text())
    dialog.list.setCurrentRow(0)
    assert not dialog.remove_button.isEnabled()  # it would leave the token behind
    dialog._remove()  # even if reached some other way, it is refused with the reason
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not removed:"), timeout=10000)
    assert "no Secret Service is running" in dialog.message.text()
    assert rows(tmp_path / "doorstep.sqlite3", "SELECT url FROM feeds") == [(FEED,)]


def test_feeds_dialog_keeps_the_token_in_the_keyring(
    qtbot, feeds_dialog: Callable[[], FeedsDialog], tmp_path: Path
) -> None:
    dialog = feeds_dialog()
    assert not dialog.keyring_note.isVisible() and dialog.token.isEnabled()
    dialog.url.setText(FEED)
    dialog.token.setText("feed-s3cret")
    dialog._add()
    qtbot.waitUntil(lambda: dialog.message.text() == f"Added {FEED}.", timeout=10000)
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") == "feed-s3cret"
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and FEED in dialog.list.item(0).text())
    dialog.list.setCurrentRow(0)
    dialog._remove()
    qtbot.waitUntil(lambda: "Feed removed" in dialog.message.text(), timeout=10000)
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") is None
    path = tmp_path / "doorstep.sqlite3"
    assert rows(path, "SELECT url FROM feeds") == []
    changes = rows(
        path,
        "SELECT json_extract(details, '$.change') FROM audit_log "
        "WHERE action = 'credential changed' ORDER BY seq",
    )
    assert changes == [("set",), ("removed",)]


def test_feeds_dialog_refused_token_adds_no_feed(
    qtbot, feeds_dialog: Callable[[], FeedsDialog], tmp_path: Path
) -> None:
    """The keyring is there but refuses the token (a dismissed unlock prompt): the
    feed is not added."""
    from tests.keyrings import LockedKeyring

    keyring.set_keyring(LockedKeyring())
    dialog = feeds_dialog()
    dialog.url.setText(FEED)
    dialog.token.setText("feed-s3cret")
    dialog._add()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not added:"), timeout=10000)
    assert f"cannot store the token for {FEED}" in dialog.message.text()
    assert rows(tmp_path / "doorstep.sqlite3", "SELECT count(*) FROM feeds") == [(0,)]


def test_export_without_a_keyring_says_why_and_writes_nothing(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A package is signed with the resident's key, kept in the keyring: with none,
    the request says so and what to do; no package, no key, no audit entry."""
    keyring.set_keyring(fail.Keyring())
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db)
    panel = window.requests_view.detail
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(window.services.sharing.failed, timeout=20000) as failed:
        panel.export_to(out)
    assert failed.args[1].startswith("cannot read or make your signing key: no keyring")
    assert "gnome-keyring or KWallet" in failed.args[1]
    assert panel.share.status.text().startswith("Not shared: cannot read or make your signing")
    assert list(out.iterdir()) == []
    db = open_database(library_db)
    actions = {r[0] for r in db.execute("SELECT action FROM audit_log")}
    db.close()
    assert "credential changed" not in actions and "package built" not in actions
