"""The bundle's entry point (packaging/doorstep.spec): ``main.py`` for a frozen copy.

The probe pool, the audit check and the feed check start their children with
multiprocessing's spawn, which in a bundle runs this executable again with the child's
arguments; ``freeze_support`` turns such a start into the child instead of a second
Doorstep. PyInstaller's multiprocessing hook has imported multiprocessing already."""

import multiprocessing
import sys

from desktop.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
