"""argparse's own words ("usage:", "options", "the following arguments are required:
%s") in the command line's language (docs/translating.md).

argparse asks the standard library's gettext for each of them, through the names
``_`` and ``ngettext`` it imports at its top; gettext would look for a catalogue of
its current domain by the environment's language, not by Doorstep's preference, and
only as a compiled ``.mo`` file. ``speak()`` points those two names at Doorstep's
catalogue instead (db.words.i18n), so argparse speaks the language the rest of the
command speaks. The messages are argparse's, exactly as Python 3.11 writes them,
listed here so that pybabel extracts them into ``doorstep.po``; a test checks each is
still in the running Python's argparse (a newer Python that rewords one needs it
added here).
"""

from __future__ import annotations

import argparse

from db.words import i18n
from db.words.i18n import N_, ngettext

# Those a resident can meet: help, usage and the errors of what was typed. argparse's
# other messages are a programmer's (a parser built wrongly) and stay English.
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
)


def expected_arguments(n: int) -> str:
    """argparse's one counted message ("expected 2 arguments"), as it asks for it."""
    return ngettext("expected %s argument", "expected %s arguments", n)


def speak() -> None:
    """argparse's words from Doorstep's catalogue, in the language set there (English
    reads as argparse's own, byte for byte)."""
    setattr(argparse, "_", i18n._)  # noqa: B010 (not names argparse's stub declares)
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010
