"""A TLS server on 127.0.0.1 that answers every request one byte at a time, forever: the
slowest server that is never silent, which only a total deadline can end."""

from __future__ import annotations

import contextlib
import re
import socket
import threading

import trustme

from tests.delivery_service import BASE, server_context


class TrickleServer:
    """Reads each request whole (head and ``Content-Length`` body), then sends an answer
    one byte every ``gap`` seconds, never finishing it, until the client hangs up or
    ``close``."""

    def __init__(
        self, ca: trustme.CA, part: str = "head", gap: float = 0.05, answer_first: int = 0
    ) -> None:
        self.context = server_context(ca)
        self.answer_first = answer_first  # requests answered at once with a new package
        self.part = part  # "head": the status line and headers trickle; "body": the body
        self.gap = gap
        self.requests: list[bytes] = []  # the request lines received
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        host, port = self.listener.getsockname()[:2]
        self.url = f"https://{host}:{port}{BASE}"
        self.threads: list[threading.Thread] = []
        self.thread = threading.Thread(target=self._accept)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                raw, _ = self.listener.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self._serve, args=(raw,))
            self.threads.append(thread)
            thread.start()

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(5)
        with contextlib.suppress(OSError), self.context.wrap_socket(raw, server_side=True) as tls:
            data = b""
            while b"\r\n\r\n" not in data:
                more = tls.recv(65536)
                if not more:
                    return
                data += more
            head, body = data.split(b"\r\n\r\n", 1)
            self.requests.append(head.split(b"\r\n", 1)[0])
            found = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            length = int(found.group(1)) if found else 0
            while len(body) < length:
                more = tls.recv(65536)
                if not more:
                    return
                body += more
            if len(self.requests) <= self.answer_first:
                payload = b'{"package": "p-1", "have": []}'
                tls.sendall(
                    b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(payload), payload)
                )
                return
            if self.part == "head":  # header lines without end
                start, endless = b"HTTP/1.1 201 Created\r\n", b"X-Slow: yes\r\n"
            else:  # a body far longer than will ever arrive: JSON's spaces
                start = (
                    b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 1000000\r\nConnection: close\r\n\r\n"
                )
                endless = b" "
            tls.sendall(start[:1])
            rest = start[1:]
            while not self.stop.wait(self.gap):
                if not rest:
                    rest = endless
                tls.sendall(rest[:1])
                rest = rest[1:]

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for thread in self.threads:
            thread.join(5)
        self.listener.close()
        assert not self.thread.is_alive()
        assert not any(thread.is_alive() for thread in self.threads)
