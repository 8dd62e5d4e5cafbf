"""Reading a request document from a file, shared by the window's import and the
command line: a file over the size limit is refused unread, and every way the file
cannot be read is said in one line naming it."""

from __future__ import annotations

from pathlib import Path

from db.requests.request_types import MAX_DOCUMENT_BYTES


class RequestFileError(ValueError):
    """The file cannot be read as a request document; the message names the file."""


def read_request_file(path: Path) -> bytes:
    """The file's bytes; a file over the limit is refused without reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise RequestFileError(
                f"{path}: document is {size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise RequestFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise RequestFileError(f"{path}: is a folder, not a request document") from None
    except PermissionError:
        raise RequestFileError(f"{path}: permission denied") from None
