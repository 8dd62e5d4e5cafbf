"""Run inside a private D-Bus session (dbus-run-session): start Doorstep on an X screen
with Qt's AT-SPI bridge on, read its accessible tree from the at-spi2-core registry as
a screen reader does (with gdbus), print it as JSON and quit the app.

Usage: python tests/atspi_reader.py DATABASE NAME...  (DISPLAY names the X screen): the
tree is read again until every NAME is in it (the window fills its lists after it shows),
or a deadline passes."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
ACCESSIBLE = "org.a11y.atspi.Accessible"
DEPTH = 12  # deep enough for the tabs and the requests list under the main window
MARK = "atspi-tree: "  # the line of output that holds the tree (the registry prints too)


def _gdbus(*args: str) -> str:
    out = subprocess.run(
        ["gdbus", "call", *args], capture_output=True, text=True, timeout=30, check=True
    )
    return out.stdout.strip()


def _value(text: str) -> Any:
    """A GVariant as gdbus prints it, read as Python (strings, numbers, lists, tuples)."""
    text = re.sub(r"@\w*(\([^)]*\))?\w* ", "", text)  # type annotations: @a(so) []
    text = re.sub(r"\b(objectpath|uint32|int32|uint16|byte) ", "", text)
    text = text.replace("<", "").replace(">", "")
    text = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", text))
    return ast.literal_eval(text)


class Bus:
    def __init__(self, address: str) -> None:
        self.address = address

    def call(self, dest: str, path: str, method: str, *args: str) -> Any:
        return _value(
            _gdbus(
                "--address",
                self.address,
                "--dest",
                dest,
                "--object-path",
                path,
                "--method",
                method,
                *args,
            )
        )[0]

    def node(self, dest: str, path: str, depth: int) -> dict[str, Any]:
        name = self.call(dest, path, "org.freedesktop.DBus.Properties.Get", ACCESSIBLE, "Name")
        role = self.call(dest, path, f"{ACCESSIBLE}.GetRoleName")
        out: dict[str, Any] = {"name": name, "role": role, "children": []}
        if depth > 0:
            for child_dest, child_path in self.call(dest, path, f"{ACCESSIBLE}.GetChildren"):
                out["children"].append(self.node(child_dest or dest, child_path, depth - 1))
        return out

    def applications(self) -> list[tuple[str, str, str]]:
        apps = []
        for dest, path in self.call(REGISTRY, ROOT_PATH, f"{ACCESSIBLE}.GetChildren"):
            name = self.call(dest, path, "org.freedesktop.DBus.Properties.Get", ACCESSIBLE, "Name")
            apps.append((dest, path, name))
        return apps


def main(database: str, names: list[str]) -> int:
    # The accessibility bus: at-spi2-core's launcher, started by the session bus on demand.
    address = _value(
        _gdbus(
            "--session",
            "--dest",
            "org.a11y.Bus",
            "--object-path",
            "/org/a11y/bus",
            "--method",
            "org.a11y.Bus.GetAddress",
        )
    )[0]
    bus = Bus(address)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--demo", "--db", database],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        tree: dict[str, Any] | None = None
        apps: list[tuple[str, str, str]] = []
        while time.monotonic() < deadline and app.poll() is None:
            apps = bus.applications()
            found = [a for a in apps if a[2] == "Doorstep"]
            if found:
                dest, path, _name = found[0]
                tree = bus.node(dest, path, DEPTH)
                if all(_has_name(tree, name) for name in names):
                    break
            time.sleep(0.5)
        print(MARK + json.dumps({"applications": [a[2] for a in apps], "tree": tree}), flush=True)
    finally:
        app.terminate()
        try:
            _out, err = app.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            _out, err = app.communicate()
        sys.stderr.write(err)
    return 0


def _has_name(node: dict[str, Any], name: str) -> bool:
    return node["name"] == name or any(_has_name(c, name) for c in node["children"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
