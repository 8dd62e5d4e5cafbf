"""``doorstep --version``: the installed version, as the package manifests record it."""

from __future__ import annotations

import argparse
import sys
from typing import Any


class VersionAction(argparse.Action):
    """Prints ``doorstep VERSION`` and exits 0. The version is looked up only when asked
    (reading the installed metadata costs every other command a few milliseconds)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from db.sharing.package_manifest import app_version

        print(f"doorstep {app_version()}", file=sys.stdout)
        parser.exit(0)
