"""The wire protocol of a delivery (docs/delivery.md): one upload session against the
delivery service, posting the manifest, putting the files the server lacks and
completing, over the connection machinery of :mod:`db.net.transport`."""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import re
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import SplitResult, quote, urlsplit

from db.net.transport import (
    CHUNK,
    DEFAULT_USER_AGENT,
    Clock,
    Connection,
    GuardedSocket,
    NetCancelled,
    NetError,
    display_url,
    one_line,
    read_body,
    request_target,
    retry_after,
    secs,
)
from db.sharing.delivery_clock import DeliveryClock
from db.sharing.delivery_package import DeliveryPackage, PackageFile
from db.sharing.delivery_types import DeliveryCancelled, DeliveryError, DeliveryReceipt

# The delivery logs under one name, whichever of its modules writes the line.
log = logging.getLogger("db.sharing.delivery")

_MAX_ANSWER_BYTES = 4_000_000  # a JSON answer of the delivery service
_PACKAGE_ID = re.compile(r"[!-~]{1,200}")  # printable ASCII, no spaces


class _UploadSocket(GuardedSocket):
    """A guarded socket whose sends, too, wait in short slices: a server that stops
    reading the body cannot hold the upload past ``cancel`` or ``read_timeout``."""

    def sendall(self, data: bytes) -> None:
        clock = self.clock
        view = memoryview(data).cast("B")

        def stalled() -> NetError:
            return NetError(
                clock.url,
                f"the server stopped taking data for {secs(clock.read_timeout)}",
                retry=True,
            )

        while view:
            deadline = time.monotonic() + clock.read_timeout
            while True:
                self.sock.settimeout(clock.slice(deadline, stalled))
                try:
                    # TLS: a send that timed out is repeated with the same bytes.
                    sent = self.sock.send(view[:CHUNK])
                    break
                except TimeoutError:
                    continue
            view = view[sent:]
            clock.last_data = time.monotonic()


class _UploadConnection(Connection):
    def connect(self) -> None:
        super().connect()
        assert self.tls is not None
        self.sock = _UploadSocket(self.tls, self.clock)


def _network_problem(exc: OSError | http.client.HTTPException) -> tuple[str, bool]:
    """A failed exchange in words, and whether trying again can help."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = exc.verify_message or exc.reason or "verification failed"
        return f"the server's certificate is not trusted ({one_line(reason, 120)})", False
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused", True
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering", True
    if isinstance(exc, ConnectionError | ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return "the connection was dropped", True
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({one_line(str(exc.reason or type(exc).__name__), 120)})", True
    if isinstance(exc, http.client.HTTPException):
        return f"the server sent a malformed HTTP response ({type(exc).__name__})", True
    if isinstance(exc, socket.gaierror):
        return f"could not look up the host name ({one_line(str(exc.strerror), 80)})", True
    return f"network error ({one_line(str(exc.strerror or type(exc).__name__), 80)})", True


class Session:
    """One delivery: the target, the headers, the clock, and what has been sent."""

    def __init__(
        self,
        url: str,
        package: DeliveryPackage,
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
        missing: list[PackageFile] = []
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

    def upload(self, base: str, file: PackageFile, done: int) -> None:
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
        upload: tuple[PackageFile, int] | None = None,
        extra: Mapping[str, str] | None = None,
        expect: tuple[int, ...] = (200, 201),
    ) -> dict[str, Any]:
        """One request on a fresh connection; the JSON object the server answered."""
        target = request_target(
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
        log.debug("%s %s", method, display_url(self.shown.rstrip("/") + suffix))
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
                except (OSError, NetError) as exc:
                    # The server may have answered (and closed) before taking it all.
                    response = _early_answer(conn, exc)
                    if response is None:
                        raise
                    return self.answer(response, step, expect)
            response = conn.getresponse()
            return self.answer(response, step, expect)
        except DeliveryError:
            raise
        except NetCancelled:
            raise DeliveryCancelled(self.shown, "cancelled", retry=False) from None
        except NetError as exc:
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

    def send_file(self, conn: _UploadConnection, file: PackageFile, done: int) -> None:
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
                    chunk = handle.read(min(CHUNK, file.size - sent - len(pending)))
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

    def local(self, file: PackageFile, exc: OSError) -> DeliveryError:
        reason = exc.strerror or type(exc).__name__
        return DeliveryError(str(file.path), f"cannot read the file ({reason})", retry=False)

    def answer(
        self, response: http.client.HTTPResponse, step: str, expect: tuple[int, ...]
    ) -> dict[str, Any]:
        """The JSON object of an expected answer; DeliveryError for any other."""
        status = response.status
        label = f"HTTP {status} {one_line(response.reason or '', 60)}".rstrip()
        if status in expect:
            body = read_body(response, self.clock, _MAX_ANSWER_BYTES)
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
            after = retry_after(response.getheader("Retry-After"))
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
    conn: _UploadConnection, exc: OSError | NetError
) -> http.client.HTTPResponse | None:
    """An error answer the server sent before it stopped reading an upload, if any."""
    if isinstance(exc, NetCancelled) or not isinstance(exc, ConnectionError | ssl.SSLError):
        return None
    try:
        response = conn.getresponse()
    except (OSError, http.client.HTTPException, NetError):
        return None
    if response.status < 300:  # a success for a body it did not get all of: not believed
        response.close()
        return None
    return response


def _detail(response: http.client.HTTPResponse, clock: Clock) -> str:
    """``": <the server's message>"`` from an error answer's JSON, or nothing."""
    try:
        body = json.loads(read_body(response, clock, 64_000))
    except (NetError, ValueError):
        return ""
    if isinstance(body, dict):
        for key in ("error", "message", "detail"):
            if isinstance(body.get(key), str) and body[key].strip():
                return ": " + one_line(body[key], 160)
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
