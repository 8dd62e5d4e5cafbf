"""Doorstep: `python main.py` opens the window; `python main.py COMMAND` runs headless."""

import sys

from desktop.launch import main

if __name__ == "__main__":
    sys.exit(main())
