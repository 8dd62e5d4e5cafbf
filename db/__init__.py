"""Doorstep's data layer and domain logic. Never imports Qt (checked by import-linter)."""

import sys


def _import_sqlite_utils() -> None:
    """Import sqlite_utils without numpy and pandas.

    When they are installed, sqlite_utils imports both as it is imported, only to map
    their number types to column types in its table API (``insert``, ``create``),
    which Doorstep does not use: it writes through SQL. numpy is installed (shapely and
    pyproj need it) and is slow to import, which every start of the window would pay
    for nothing. So sqlite_utils is imported here, before any module of the
    data layer imports it, with the two hidden for that moment; afterwards they import
    as usual (db.requests.geo imports numpy when it first computes a geometry).
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" fails
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


_import_sqlite_utils()
