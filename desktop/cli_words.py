"""The words of a request's status and state in the command line's listings (the
window's are its own, in Qt's catalogue); English as stored."""

from __future__ import annotations

from db.words.i18n import pgettext


def status_words(status: str) -> str:
    """A request's status ("new", "needs decision", ...) in the current language."""
    words = {
        "new": pgettext("request status", "new"),
        "needs decision": pgettext("request status", "needs decision"),
        "decided": pgettext("request status", "decided"),
        "expired": pgettext("request status", "expired"),
        "no footage": pgettext("request status", "no footage"),
        "withdrawn": pgettext("request status", "withdrawn"),
    }
    return words.get(status, status)


def state_words(state: str) -> str:
    """A request version's state ("current", "edited", "withdrawn")."""
    words = {
        "current": pgettext("request state", "current"),
        "edited": pgettext("request state", "edited"),
        "withdrawn": pgettext("request state", "withdrawn"),
    }
    return words.get(state, state)
