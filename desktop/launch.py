"""Where Doorstep starts: ``main.py`` and the ``doorstep`` entry point both call
:func:`main`."""

from __future__ import annotations

import gc


def main() -> int:
    # While the modules load, Python's cyclic collector ran dozens of times (a noticeable
    # part of a start) over objects that all live until the process ends. It is paused
    # until the window's collector takes over (desktop/gcguard.py: collections on the
    # GUI thread only) or, for a command without a window, until the command starts.
    gc.disable()
    from desktop import cli

    return cli.main(gc_paused=True)
