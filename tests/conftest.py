from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from tests.delivery_service import (  # noqa: F401 - the agency upload service's fixtures
    ca,
    client_ctx,
    https_server,
    server,
)
from tests.videos import Library, make_library

# Never a real screen, never the developer's data or settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window follows the system's language (desktop/i18n.py): tests read English whatever
# the machine's; a test of another language sets it itself.
os.environ["LANGUAGE"] = "en"


class MemoryKeyring(KeyringBackend):
    """A throwaway keyring: no test ever touches a real user's keychain."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data = tmp_path / "data"
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # No base map from the internet in tests; map tests serve their own tiles.
    monkeypatch.setenv("DOORSTEP_BASE_MAP", "none")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield data
    keyring.set_keyring(previous)
    # Collect Qt wrappers left in reference cycles here, on the GUI thread, not at a
    # random moment on a worker thread.
    gc.collect()


@pytest.fixture(scope="session")
def library_template(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return make_library(tmp_path_factory.mktemp("library") / "camera")


@pytest.fixture
def library(library_template: Library, tmp_path: Path) -> Library:
    """A fresh copy of the clip library for tests that move or add files."""
    root = tmp_path / "camera"
    shutil.copytree(library_template.root, root, symlinks=True)
    # The copied links still point into the template: point them into the copy.
    for link in ("junk/loop",):
        (root / link).unlink()
        os.symlink(root, root / link)
    lib = Library(root)
    for name, path in library_template.good.items():
        lib.good[name] = root / path.relative_to(library_template.root)
        os.utime(lib.good[name], ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    for name, (path, reason) in library_template.bad.items():
        lib.bad[name] = (root / path.relative_to(library_template.root), reason)
    return lib


@pytest.fixture
def db(tmp_path: Path):
    from db.store.database import open_database

    database = open_database(tmp_path / "doorstep.sqlite3")
    yield database
    database.close()


@pytest.fixture(autouse=True, scope="session")
def quiet_multimedia() -> None:
    """The same logging rules the app sets (desktop.app.LOG_RULES)."""
    from PySide6.QtCore import QLoggingCategory

    from desktop.app import LOG_RULES

    QLoggingCategory.setFilterRules(LOG_RULES)


_window_language: list[str] = []


@pytest.fixture(autouse=True)
def english_window(request: pytest.FixtureRequest) -> None:
    """A test with a QApplication sees the window as the app shows it in English: with
    English's own catalogues (the plural forms, "1 clip"), as desktop.app installs
    them at start. Tests that switch the language switch it back to English."""
    if _window_language or "qapp" not in request.fixturenames:
        return
    from desktop import i18n

    i18n.install(request.getfixturevalue("qapp"), "en")
    _window_language.append("en")


@pytest.fixture(autouse=True)
def _c_library_forgets_other_languages() -> Iterator[None]:
    """The C library translates its own messages (strerror: "No such file or
    directory") by LANGUAGE once Qt has set the locale, and caches each translation
    until the locale is set again: a test that spoke Spanish would leave the next ones
    reading Spanish system errors. Setting the same locale again empties that cache."""
    yield
    import locale

    locale.setlocale(locale.LC_ALL, locale.setlocale(locale.LC_ALL))
