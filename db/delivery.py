"""Delivery of a share package to the request's HTTPS upload URL (docs/delivery.md).

A share package is a folder: ``manifest.json``, ``manifest.json.sig``, ``SHA256SUMS``,
``public-key.pem`` and the excerpts the manifest lists. :func:`deliver` checks the folder,
then uploads it with the small protocol of docs/delivery.md:

1. ``POST {url}/packages`` with the manifest; the server answers the package's id and the
   files it already has (it knows the package by the manifest's SHA-256, so posting the
   same manifest again never makes a second package);
2. ``PUT {url}/packages/{id}/files/{name}`` for every file it does not have yet;
3. ``POST {url}/packages/{id}/complete``; the package counts as delivered only when the
   server confirms every file of the manifest with its SHA-256.

Standard library only, on top of the connection machinery of :mod:`db.feed_client`
(verified TLS, bounded waits, a cancel event looked at every tenth of a second). Every
call blocks and is meant to run on a worker thread, never on the GUI thread. A failure is
a :class:`DeliveryError` whose message is one line and never contains the token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import http.client
import json
import logging
import math
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import SplitResult, quote, urlsplit

from db.delivery_clock import MIN_RATE, REQUEST_TIMEOUT, DeliveryClock, default_total
from db.feed_client import (
    _CHUNK,
    DEFAULT_USER_AGENT,
    FeedCancelled,
    FeedError,
    FeedState,
    _check_token,
    _Clock,
    _Connection,
    _default_context,
    _display_url,
    _GuardedSocket,
    _one_line,
    _read_body,
    _request_target,
    _retry_after,
    _secs,
    next_poll_delay,
    validate_feed_url,
)
from db.package_format import MANIFEST, PUBLIC_KEY, SIGNATURE, parse_sums_line, sums_lines
from db.package_format import SUMS as CHECKSUMS

__all__ = ["DeliveryCancelled", "DeliveryError", "DeliveryReceipt", "deliver"]

log = logging.getLogger(__name__)


_MAX_ANSWER_BYTES = 4_000_000  # a JSON answer of the delivery service
_MAX_BACKOFF_S = 60.0  # the longest wait between two attempts of our own choosing
_MAX_RETRY_AFTER_S = 600.0  # a longer Retry-After ends the call; the caller tries later
_HASH_CHUNK = 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")
_PACKAGE_ID = re.compile(r"[!-~]{1,200}")  # printable ASCII, no spaces


@dataclass(frozen=True)
class DeliveryReceipt:
    """A package the server confirmed completely.

    ``confirmed`` holds (name, SHA-256) for every file of the manifest, in its order;
    ``url`` is the delivery URL as shown to the resident (no query string, no token);
    ``bytes_sent`` counts the file bytes this call put on the wire (a file sent again
    after a dropped connection counts twice); ``resumed`` is True when the server already
    had some of the files (from an earlier, interrupted delivery or attempt)."""

    package_id: str
    url: str
    confirmed: list[tuple[str, str]]
    bytes_sent: int
    resumed: bool


class DeliveryError(Exception):
    """A delivery that did not complete. ``str(error)`` is one line, ``"<where>: <problem>"``,
    where ``where`` is the delivery URL (without its query) or the package folder.

    ``retry`` says whether delivering again later can help (a network problem, a busy
    server) or not (the token was refused, the certificate is not trusted, the package was
    tampered with). ``retry_after`` is the server's ``Retry-After`` in seconds, if it sent
    one; ``status`` the HTTP status, if there was one. The token never appears in it."""

    def __init__(
        self,
        where: str,
        problem: str,
        *,
        retry: bool,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.where = where
        self.problem = _one_line(problem, 400)
        self.retry = retry
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"{where}: {self.problem}")

    def _fields(self) -> dict[str, Any]:
        return {"retry": self.retry, "status": self.status, "retry_after": self.retry_after}

    def __reduce__(self) -> tuple[object, ...]:  # keep the attributes across pickling
        return (_rebuild, (type(self), self.where, self.problem, self._fields()))

    def replaced(self, problem: str, where: str | None = None) -> DeliveryError:
        """The same error (same class and attributes) with another problem text."""
        return type(self)(self.where if where is None else where, problem, **self._fields())


class DeliveryCancelled(DeliveryError):
    """The delivery was cancelled through its ``cancel`` event (``retry`` is False)."""


def _rebuild(
    cls: type[DeliveryError], where: str, problem: str, fields: dict[str, Any]
) -> DeliveryError:
    return cls(where, problem, **fields)


# ---------------------------------------------------------------------------- the package


@dataclass(frozen=True)
class _File:
    name: str
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class _Package:
    manifest: bytes
    signature: str
    public_key: str
    files: tuple[_File, ...]

    @property
    def total(self) -> int:
        return sum(f.size for f in self.files)


def _read_package(folder: Path, cancel: threading.Event | None) -> _Package:
    """Read and check a share package: every file the manifest lists has the size and
    SHA-256 the manifest gives, ``SHA256SUMS`` agrees with the manifest, and every file
    that ``SHA256SUMS`` lists has its hash. Reads every file once; looks at ``cancel``
    between chunks. Raises DeliveryError (retry False) for a package that does not pass."""
    where = str(folder)

    def refuse(problem: str) -> DeliveryError:
        return DeliveryError(where, problem + "; nothing was sent", retry=False)

    if not folder.is_dir():
        raise refuse("the share package folder does not exist")
    root = folder.resolve()

    def read(name: str) -> bytes:
        path = folder / name
        if not path.is_file():
            raise refuse(f"the package has no {name}")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise refuse(f"cannot read {name} ({exc.strerror or type(exc).__name__})") from None

    manifest = read(MANIFEST)
    signature = _signature_text(read(SIGNATURE))
    if signature is None:
        raise refuse(f"{SIGNATURE} is empty or not a signature")
    public_key = _pem_body(read(PUBLIC_KEY))
    if public_key is None:
        raise refuse(f"{PUBLIC_KEY} is not a PEM public key")
    sums = _parse_sums(read(CHECKSUMS))
    if isinstance(sums, str):
        raise refuse(sums)
    entries = _manifest_files(manifest)
    if isinstance(entries, str):
        raise refuse(f"{MANIFEST}: {entries}")

    files: list[_File] = []
    for name, size, digest in entries:
        listed = sums.get(name)
        if listed is None:
            raise refuse(f"{CHECKSUMS} does not list {name}")
        if listed != digest:
            raise refuse(f"{CHECKSUMS} and {MANIFEST} give different SHA-256 for {name}")
        path = folder / name
        if not _inside(path, root):
            raise refuse(f"{name} points outside the package folder")
        if not path.is_file():
            raise refuse(f"{name} is missing")
        if path.stat().st_size != size:
            raise refuse(f"{name} is not the size the manifest gives; the package was changed")
        files.append(_File(name, path, size, digest))
    for name, digest in sums.items():
        path = folder / name
        if not _inside(path, root) or not path.is_file():
            raise refuse(f"{CHECKSUMS} lists {name}, which is not in the package")
        if _sha256_of(path, cancel, where) != digest:
            raise refuse(f"{name} does not match its SHA-256; the package was changed")
    return _Package(manifest, signature, public_key, tuple(files))


def _signature_text(raw: bytes) -> str | None:
    """The signature as a header value: the file's text (base64) if it is one printable
    line, else the base64 of its bytes (a raw 64-byte signature)."""
    text = raw.strip()
    if not text or len(text) > 8192:
        return None
    if all(0x21 <= byte <= 0x7E for byte in text):
        return text.decode("ascii")
    return base64.b64encode(raw).decode("ascii")


def _pem_body(raw: bytes) -> str | None:
    """The base64 of a PEM ``PUBLIC KEY`` (its DER SubjectPublicKeyInfo) on one line."""
    try:
        lines = raw.decode("ascii").strip().splitlines()
    except UnicodeDecodeError:
        return None
    if len(lines) < 3 or lines[0].strip() != "-----BEGIN PUBLIC KEY-----":
        return None
    if lines[-1].strip() != "-----END PUBLIC KEY-----":
        return None
    body = "".join(line.strip() for line in lines[1:-1])
    try:
        base64.b64decode(body, validate=True)
    except binascii.Error:
        return None
    return body or None


def _parse_sums(raw: bytes) -> dict[str, str] | str:
    """``SHA256SUMS`` (as ``sha256sum`` writes it) as {name: hex}, or what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"{CHECKSUMS} is not text"
    sums: dict[str, str] = {}
    for number, line in sums_lines(text):
        parsed = parse_sums_line(line)
        if parsed is None:
            return f"{CHECKSUMS} line {number} is not '<sha256>  <name>'"
        digest, name = parsed
        name = name.removeprefix("./")
        if _bad_name(name):
            return f"{CHECKSUMS} line {number} names an unusable path"
        if name in sums:
            return f"{CHECKSUMS} lists {name} twice"
        sums[name] = digest
    return sums


def _manifest_files(raw: bytes) -> list[tuple[str, int, str]] | str:
    """The manifest's files as (name, size, sha256), or what is wrong with it."""
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "not valid JSON"
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        return 'no "files" list'
    files: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    for index, entry in enumerate(manifest["files"]):
        if not isinstance(entry, dict):
            return f"files[{index}] is not an object"
        name, size, digest = entry.get("name"), entry.get("size"), entry.get("sha256")
        if not isinstance(name, str) or _bad_name(name):
            return f"files[{index}] has no usable name"
        if type(size) is not int or size < 0:
            return f"{name} has no valid size"
        if not isinstance(digest, str) or not _HEX64.fullmatch(digest.lower()):
            return f"{name} has no valid sha256"
        if name in seen:
            return f"{name} is listed twice"
        seen.add(name)
        files.append((name, size, digest.lower()))
    if not files:
        return "the package holds no files"
    return files


def _bad_name(name: str) -> bool:
    """Whether a file name is not a plain relative path inside the package."""
    if not name or len(name) > 500 or "\\" in name or not name.isprintable():
        return True
    parts = PurePosixPath(name).parts
    return name.startswith("/") or any(part in ("", ".", "..") for part in parts)


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def _sha256_of(path: Path, cancel: threading.Event | None, where: str) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_HASH_CHUNK):
                if cancel is not None and cancel.is_set():
                    raise DeliveryCancelled(where, "cancelled", retry=False)
                digest.update(chunk)
    except OSError as exc:
        raise DeliveryError(
            where, f"cannot read {path.name} ({exc.strerror or type(exc).__name__})", retry=False
        ) from None
    return digest.hexdigest()


# ---------------------------------------------------------------------------- the wire


class _UploadSocket(_GuardedSocket):
    """A guarded socket whose sends, too, wait in short slices: a server that stops
    reading the body cannot hold the upload past ``cancel`` or ``read_timeout``."""

    def sendall(self, data: bytes) -> None:
        clock = self.clock
        view = memoryview(data).cast("B")

        def stalled() -> FeedError:
            return FeedError(
                clock.url,
                f"the server stopped taking data for {_secs(clock.read_timeout)}",
                retry=True,
            )

        while view:
            deadline = time.monotonic() + clock.read_timeout
            while True:
                self.sock.settimeout(clock.slice(deadline, stalled))
                try:
                    # TLS: a send that timed out is repeated with the same bytes.
                    sent = self.sock.send(view[:_CHUNK])
                    break
                except TimeoutError:
                    continue
            view = view[sent:]
            clock.last_data = time.monotonic()


class _UploadConnection(_Connection):
    def connect(self) -> None:
        super().connect()
        assert self.tls is not None
        self.sock = _UploadSocket(self.tls, self._clock)


def _network_problem(exc: OSError | http.client.HTTPException) -> tuple[str, bool]:
    """A failed exchange in words, and whether trying again can help."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = exc.verify_message or exc.reason or "verification failed"
        return f"the server's certificate is not trusted ({_one_line(reason, 120)})", False
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused", True
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering", True
    if isinstance(exc, ConnectionError | ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return "the connection was dropped", True
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({_one_line(str(exc.reason or type(exc).__name__), 120)})", True
    if isinstance(exc, http.client.HTTPException):
        return f"the server sent a malformed HTTP response ({type(exc).__name__})", True
    if isinstance(exc, socket.gaierror):
        return f"could not look up the host name ({_one_line(str(exc.strerror), 80)})", True
    return f"network error ({_one_line(str(exc.strerror or type(exc).__name__), 80)})", True


class _Session:
    """One delivery: the target, the headers, the clock, and what has been sent."""

    def __init__(
        self,
        url: str,
        package: _Package,
        *,
        token: str | None,
        context: ssl.SSLContext,
        clock: DeliveryClock,
        connect_timeout: float,
        progress: Callable[[int, int, str], None] | None,
    ) -> None:
        self.parts = urlsplit(url)
        self.shown = clock.url
        self.package = package
        self.context = context
        self.clock = clock
        self.connect_timeout = connect_timeout
        self.progress = progress
        self.headers = {
            "User-Agent": DEFAULT_USER_AGENT,
            "Connection": "close",  # one request per connection
            "Accept": "application/json",
            "Accept-Encoding": "identity",
        }
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.package_id: str | None = None
        self.bytes_sent = 0
        self.resumed = False
        self.stored: set[str] = set()  # files the server took from this call (201)
        self.new_in_attempt = False  # this attempt stored a file no earlier one had

    # ------------------------------------------------------------------ protocol

    def attempt(self) -> DeliveryReceipt:
        """Post the manifest, upload what the server lacks, complete. One attempt."""
        package = self.package
        self.new_in_attempt = False
        answer = self.exchange(
            "POST",
            "/packages",
            "sending the manifest",
            body=package.manifest,
            extra={
                "Content-Type": "application/json",
                "X-Doorstep-Signature": package.signature,
                "X-Doorstep-Public-Key": package.public_key,
            },
        )
        package_id = answer.get("package")
        if not isinstance(package_id, str) or not _PACKAGE_ID.fullmatch(package_id):
            raise self.fail("sending the manifest: the answer has no usable package id", True)
        if self.package_id is not None and package_id != self.package_id:
            raise self.fail(
                f"the server gave the same manifest a new package id ({package_id}, "
                f"was {self.package_id}); stopped so that it is not delivered twice",
                retry=False,
            )
        self.package_id = package_id
        have = _entries(answer, "have")
        done = 0
        missing: list[_File] = []
        for file in package.files:
            if have.get(file.name) == file.sha256:
                done += file.size
                self.resumed = True
            else:
                missing.append(file)
        if missing:
            log.info(
                "%s: package %s, sending %d of %d files",
                self.shown,
                package_id,
                len(missing),
                len(package.files),
            )
        self.report(done, missing[0].name if missing else "")
        base = f"/packages/{quote(package_id, safe='')}"
        for file in missing:
            self.upload(base, file, done)
            done += file.size
        answer = self.exchange("POST", f"{base}/complete", "completing the delivery", body=b"")
        confirmed = _entries(answer, "confirmed")
        lacking = [f.name for f in package.files if confirmed.get(f.name) != f.sha256]
        if lacking:
            count = len(package.files)
            shown = ", ".join(lacking[:5]) + (
                f" and {len(lacking) - 5} more" if lacking[5:] else ""
            )
            raise self.fail(
                f"not delivered: the server confirmed {count - len(lacking)} of {count} "
                f"files: {shown} not confirmed with its SHA-256",
                retry=False,
            )
        return DeliveryReceipt(
            package_id=package_id,
            url=self.shown,
            confirmed=[(f.name, f.sha256) for f in package.files],
            bytes_sent=self.bytes_sent,
            resumed=self.resumed,
        )

    def upload(self, base: str, file: _File, done: int) -> None:
        step = f"uploading {file.name}"
        answer = self.exchange(
            "PUT",
            f"{base}/files/{quote(file.name, safe='/')}",
            step,
            upload=(file, done),
            extra={
                "Content-Type": "application/octet-stream",
                "Content-Length": str(file.size),
                "X-Content-SHA256": file.sha256,
            },
            expect=(200, 201),
        )
        echoed = answer.get("sha256")
        if answer.get("name") != file.name or not isinstance(echoed, str):
            raise self.fail(f"{step}: the answer does not name the file and its SHA-256", True)
        if echoed.lower() != file.sha256:
            raise self.fail(f"{step}: the server stored it with another SHA-256", retry=True)
        if file.name not in self.stored:
            self.stored.add(file.name)
            self.new_in_attempt = True

    def report(self, done: int, name: str) -> None:
        if self.progress is not None:
            self.progress(done, self.package.total, name)

    # ------------------------------------------------------------------ one exchange

    def fail(self, problem: str, retry: bool, **kwargs: Any) -> DeliveryError:
        return DeliveryError(self.shown, problem, retry=retry, **kwargs)

    def exchange(self, method: str, suffix: str, step: str, **options: Any) -> dict[str, Any]:
        """One request, done within its deadline (a file's gets time for its bytes)."""
        upload = options.get("upload")
        with self.clock.request(upload[0].size if upload is not None else 0):
            return self._exchange(method, suffix, step, **options)

    def _exchange(
        self,
        method: str,
        suffix: str,
        step: str,
        *,
        body: bytes | None = None,
        upload: tuple[_File, int] | None = None,
        extra: Mapping[str, str] | None = None,
        expect: tuple[int, ...] = (200, 201),
    ) -> dict[str, Any]:
        """One request on a fresh connection; the JSON object the server answered."""
        target = _request_target(
            SplitResult("https", "", self.parts.path.rstrip("/") + suffix, self.parts.query, "")
        )
        headers = {**self.headers, **(extra or {})}
        host = self.parts.hostname
        assert host is not None
        conn = _UploadConnection(
            host,
            self.parts.port or 443,
            context=self.context,
            clock=self.clock,
            connect_timeout=self.connect_timeout,
        )
        response: http.client.HTTPResponse | None = None
        log.debug("%s %s", method, _display_url(self.shown.rstrip("/") + suffix))
        try:
            if upload is None:
                conn.request(method, target, body=body, headers=headers)
            else:
                conn.putrequest(method, target, skip_accept_encoding=True)
                for name, value in headers.items():
                    conn.putheader(name, value)
                conn.endheaders()
                try:
                    self.send_file(conn, *upload)
                except (OSError, FeedError) as exc:
                    # The server may have answered (and closed) before taking it all.
                    response = _early_answer(conn, exc)
                    if response is None:
                        raise
                    return self.answer(response, step, expect)
            response = conn.getresponse()
            return self.answer(response, step, expect)
        except DeliveryError:
            raise
        except FeedCancelled:
            raise DeliveryCancelled(self.shown, "cancelled", retry=False) from None
        except FeedError as exc:
            raise self.fail(f"{step}: {exc.problem}", exc.retry) from None
        except UnicodeError:  # a host name that IDNA cannot encode
            raise self.fail("the host name is not valid", retry=False) from None
        except (OSError, http.client.HTTPException) as exc:
            problem, retry = _network_problem(exc)
            raise self.fail(f"{step}: {problem}", retry) from None
        finally:
            conn.close_all()  # the socket, even if the response still holds it
            if response is not None:
                response.close()

    def send_file(self, conn: _UploadConnection, file: _File, done: int) -> None:
        """Stream a file's bytes. The last chunk goes out only once the bytes read hash
        to the manifest's SHA-256, so a file changed since the check is never sent whole."""
        digest = hashlib.sha256()
        sent = 0
        pending = b""
        try:
            handle = file.path.open("rb")
        except OSError as exc:
            raise self.local(file, exc) from None
        with handle:
            while True:
                self.clock.check()
                try:
                    chunk = handle.read(min(_CHUNK, file.size - sent - len(pending)))
                except OSError as exc:
                    raise self.local(file, exc) from None
                if not chunk:
                    break
                digest.update(chunk)
                if pending:
                    conn.send(pending)
                    sent += len(pending)
                    self.bytes_sent += len(pending)
                    self.report(done + sent, file.name)
                pending = chunk
        if sent + len(pending) != file.size or digest.hexdigest() != file.sha256:
            raise DeliveryError(
                str(file.path.parent),
                f"{file.name} changed while it was being sent; build the package again",
                retry=False,
            )
        if pending:
            conn.send(pending)
            self.bytes_sent += len(pending)
        self.report(done + file.size, file.name)

    def local(self, file: _File, exc: OSError) -> DeliveryError:
        reason = exc.strerror or type(exc).__name__
        return DeliveryError(str(file.path), f"cannot read the file ({reason})", retry=False)

    def answer(
        self, response: http.client.HTTPResponse, step: str, expect: tuple[int, ...]
    ) -> dict[str, Any]:
        """The JSON object of an expected answer; DeliveryError for any other."""
        status = response.status
        label = f"HTTP {status} {_one_line(response.reason or '', 60)}".rstrip()
        if status in expect:
            body = _read_body(response, self.clock, _MAX_ANSWER_BYTES)
            try:
                answer = json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError):
                answer = None
            if not isinstance(answer, dict):
                raise self.fail(f"{step}: the answer ({label}) is not a JSON object", True)
            return answer
        detail = _detail(response, self.clock)
        if status in (401, 403):
            problem = (
                "the delivery service refused the upload token"
                if "Authorization" in self.headers
                else "the delivery service needs an upload token"
            )
            raise self.fail(f"{step}: {problem} ({label}){detail}", False, status=status)
        if status in (404, 410):
            raise self.fail(
                f"{step}: no delivery service at this address ({label}){detail}",
                False,
                status=status,
            )
        if status in (408, 429) or 500 <= status <= 599:
            after = _retry_after(response.getheader("Retry-After"))
            busy = "too many requests" if status == 429 else "the delivery service is unavailable"
            wait = f"; retry after {after:.0f} s" if after is not None else ""
            raise self.fail(
                f"{step}: {busy} ({label}){detail}{wait}",
                True,
                retry_after=after,
                status=status,
            )
        if 300 <= status <= 399:
            raise self.fail(
                f"{step}: the server redirected ({label}); uploads do not follow redirects",
                False,
                status=status,
            )
        raise self.fail(f"{step}: refused ({label}){detail}", False, status=status)


def _early_answer(
    conn: _UploadConnection, exc: OSError | FeedError
) -> http.client.HTTPResponse | None:
    """An error answer the server sent before it stopped reading an upload, if any."""
    if isinstance(exc, FeedCancelled) or not isinstance(exc, ConnectionError | ssl.SSLError):
        return None
    try:
        response = conn.getresponse()
    except (OSError, http.client.HTTPException, FeedError):
        return None
    if response.status < 300:  # a success for a body it did not get all of: not believed
        response.close()
        return None
    return response


def _detail(response: http.client.HTTPResponse, clock: _Clock) -> str:
    """``": <the server's message>"`` from an error answer's JSON, or nothing."""
    try:
        body = json.loads(_read_body(response, clock, 64_000))
    except (FeedError, ValueError):
        return ""
    if isinstance(body, dict):
        for key in ("error", "message", "detail"):
            if isinstance(body.get(key), str) and body[key].strip():
                return ": " + _one_line(body[key], 160)
    return ""


def _entries(answer: Mapping[str, Any], key: str) -> dict[str, str]:
    """``answer[key]`` (a list of {"name", "sha256"}) as {name: lower-case hex}."""
    entries = answer.get(key)
    found: dict[str, str] = {}
    if isinstance(entries, list):
        for entry in entries:
            if isinstance(entry, dict):
                name, digest = entry.get("name"), entry.get("sha256")
                if isinstance(name, str) and isinstance(digest, str):
                    found[name] = digest.lower()
    return found


# ---------------------------------------------------------------------------- deliver


def _pause(seconds: float, cancel: threading.Event | None) -> None:
    """Wait between two attempts; returns early once ``cancel`` is set."""
    if cancel is not None:
        cancel.wait(seconds)
    else:
        time.sleep(seconds)


def _verifying(context: ssl.SSLContext | None) -> ssl.SSLContext:
    """The context to connect with: the system's trusted CAs by default; a given context
    only if it verifies certificates and host names (else ValueError)."""
    if context is None:
        return _default_context()
    if context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname:
        return context
    raise ValueError("ssl_context must verify certificates and host names")


def _scrub(exc: DeliveryError, token: str | None) -> DeliveryError:
    """Belt and braces: the error without the token, should a server have echoed it."""
    if token and (token in exc.problem or token in exc.where):
        return exc.replaced(exc.problem.replace(token, "***"), exc.where.replace(token, "***"))
    return exc


def deliver(
    package: Path,
    url: str,
    *,
    token: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: threading.Event | None = None,
    retries: int = 4,
    backoff_s: float = 1.0,
    connect_timeout: float = 10,
    read_timeout: float = 60,
    request_timeout: float = REQUEST_TIMEOUT,
    min_rate: float = MIN_RATE,
    total_timeout: float | None = None,
) -> DeliveryReceipt:
    """Deliver the share package in the folder ``package`` to the delivery URL ``url``.

    Blocks until the server has confirmed every file, which for gigabytes of footage can
    take long: run it on a worker thread, never on the GUI thread. First the package is
    checked (every file's SHA-256 against the manifest and ``SHA256SUMS``); a package that
    fails is refused before anything is sent. Then it is uploaded as docs/delivery.md says.

    ``token`` is sent as ``Authorization: Bearer``; it never appears in an error or a log.
    ``progress(done, total, name)`` is called on this thread with the file bytes the
    server holds so far (it may go back when a dropped file is sent again), the bytes of
    all files, and the file being sent ("" when none); keep it cheap.
    ``cancel`` is looked at every tenth of a second: once set, the call ends with
    :class:`DeliveryCancelled`. A connection error, a timeout, a 408, 429 or 5xx answer
    is retried after an exponential backoff with jitter (``backoff_s``, then about twice
    as long each time, at most a minute; longer when the server's ``Retry-After`` says
    so). ``retries`` bounds the retries after attempts that failed without storing a
    new file (0: no retry); an attempt that stored a file not stored before is free. A
    retry posts the manifest again and the server says what it already has, so files are
    not sent twice and there is one package.
    ``connect_timeout`` bounds connecting, ``read_timeout`` silence from the server (and a
    server that stops taking data). ``request_timeout`` bounds each request whole, from
    connecting to the answer's last byte; a file's upload gets its size at ``min_rate``
    bytes a second on top. ``total_timeout`` bounds the whole upload, backoffs included,
    after the package check (None: twice what one attempt may take, see
    :func:`db.delivery_clock.default_total`).

    Returns a :class:`DeliveryReceipt` once, and only when the server confirmed every
    file with its SHA-256. Raises :class:`DeliveryError` otherwise, and ValueError for
    arguments that are a programming error, such as an ``ssl_context`` that does not
    verify certificates.
    """
    context = _verifying(ssl_context)
    durations = {
        "connect_timeout": connect_timeout,
        "read_timeout": read_timeout,
        "request_timeout": request_timeout,
        "min_rate": min_rate,
        "total_timeout": math.inf if total_timeout is None else total_timeout,
        "backoff_s": backoff_s,
    }
    not_positive = [name for name, seconds in durations.items() if not seconds > 0]
    if not_positive:
        raise ValueError(f"{not_positive[0]} must be positive")
    if retries < 0:
        raise ValueError("retries must not be negative")

    shown = _display_url(url)
    try:
        url = validate_feed_url(url)
    except ValueError as exc:
        problem = str(exc).replace("the feed URL", "the delivery URL")
        problem = problem.replace("the feed's token", "the upload token")
        raise DeliveryError(shown, problem + "; nothing was sent", retry=False) from None
    try:
        token = _check_token(token, shown)
    except FeedError as exc:
        raise DeliveryError(shown, exc.problem, retry=False) from None
    if cancel is not None and cancel.is_set():
        raise DeliveryCancelled(shown, "cancelled", retry=False)

    contents = _read_package(Path(package), cancel)
    if total_timeout is None:  # the manifest, every file, completing
        requests = len(contents.files) + 2
        total_timeout = default_total(requests, contents.total, request_timeout, min_rate)
    clock = DeliveryClock(
        shown,
        cancel,
        read_timeout,
        total_timeout,
        request_timeout=request_timeout,
        min_rate=min_rate,
    )
    session = _Session(
        url,
        contents,
        token=token,
        context=context,
        clock=clock,
        connect_timeout=connect_timeout,
        progress=progress,
    )
    log.info("delivering %d files (%d bytes) to %s", len(contents.files), contents.total, shown)
    attempts = 0
    failed = 0  # failed attempts that stored no file not stored before
    while True:
        attempts += 1
        try:
            receipt = session.attempt()
        except DeliveryCancelled:
            raise
        except DeliveryError as exc:
            error = _scrub(exc, token)
            if not session.new_in_attempt:
                failed += 1
            if not error.retry or retries == 0 or failed > retries:
                if error.retry and retries:
                    error = error.replaced(f"{error.problem} (gave up after {attempts} attempts)")
                raise error from None
            delay = next_poll_delay(
                FeedState(failures=failed or 1),
                base_s=backoff_s,
                max_s=max(backoff_s, _MAX_BACKOFF_S),
            )
            if error.retry_after is not None:
                if error.retry_after > _MAX_RETRY_AFTER_S:
                    raise error from None
                delay = max(delay, error.retry_after)
            try:
                left = clock.check()
            except FeedCancelled:
                raise DeliveryCancelled(shown, "cancelled", retry=False) from None
            except FeedError:
                raise error from None
            if delay >= left:
                tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
                raise error.replaced(
                    f"{error.problem} (gave up after {tries}: the delivery's deadline of "
                    f"{_secs(clock.total_timeout)} in total comes first)"
                ) from None
            log.info("%s; trying again in %.2f s", error, delay)
            _pause(delay, cancel)
            if cancel is not None and cancel.is_set():
                raise DeliveryCancelled(shown, "cancelled", retry=False) from None
            continue
        log.info(
            "%s: delivered package %s (%d files, %d bytes sent%s)",
            shown,
            receipt.package_id,
            len(receipt.confirmed),
            receipt.bytes_sent,
            ", resumed" if receipt.resumed else "",
        )
        return receipt
