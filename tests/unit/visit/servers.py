"""Real TLS servers on loopback for the delivery tests: HTTPS (http.server + ssl) and SMTP with
STARTTLS (aiosmtpd), with certificates from a trustme test CA, bound to 127.0.0.1 port 0; and
raw servers that answer one byte at a time (:class:`Dribbler`), for the time bounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@dataclass
class Receiver:
    """What the HTTPS server saw, and what it answers next."""

    url: str = ""
    statuses: list[int] = field(default_factory=list)
    """Statuses to answer, in order; 200 once empty."""
    bodies: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)
    down: bool = False
    hits: int = 0
    """Every POST, answered with success or not."""
    headers: dict[str, str] = field(default_factory=dict)
    """Extra headers on every answer that is not a success (e.g. Retry-After)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, key: str) -> int:
        with self.lock:
            return sum(1 for body in self.bodies if body.get("id", "") == key)


def start_https(context: ssl.SSLContext) -> tuple[ThreadingHTTPServer, Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with receiver.lock:
                receiver.hits += 1
                if receiver.down:
                    status = 503
                else:
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                if status < 300 or status == 409:
                    data = json.loads(body)
                    if data.get("resourceType") == "Appointment":
                        data["id"] = data["identifier"][0]["value"].removeprefix("urn:uuid:")
                    receiver.bodies.append(data)
                    receiver.keys.append(self.headers["Idempotency-Key"])
                    receiver.content_types.append(self.headers["Content-Type"])
            self.send_response(status)
            if not (status < 300 or status == 409):
                for name, value in receiver.headers.items():
                    self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    receiver.url = f"https://127.0.0.1:{server.server_address[1]}/visits"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, receiver


class Dribbler:
    """A raw server that reads a request, then answers one byte every ``interval`` seconds.

    ``tls``: HTTPS (a status line, then a header that never ends); without it, an SMTP greeting
    that never ends. ``answering`` is set once a client is being dribbled to.
    """

    def __init__(self, interval: float, tls: ssl.SSLContext | None = None) -> None:
        self.interval = interval
        self.tls = tls
        self.answering = threading.Event()
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}/visits"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        with contextlib.suppress(OSError), contextlib.ExitStack() as stack:
            client = stack.enter_context(raw)
            if self.tls is None:
                answer = b"220 " + b"s" * 100_000
            else:
                client = stack.enter_context(self.tls.wrap_socket(raw, server_side=True))
                seen = b""
                while b"\r\n\r\n" not in seen:
                    chunk = client.recv(65536)
                    if not chunk:
                        return
                    seen += chunk
                answer = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"s" * 100_000
            self.answering.set()
            for byte in answer:
                if self._stop.wait(self.interval):
                    return
                client.sendall(bytes([byte]))

    def stop(self) -> None:
        self._stop.set()
        self._listener.close()


@dataclass
class Mailbox:
    messages: list[Any] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    data_reply: str = "250 OK"
    """The answer to DATA (e.g. "554 5.7.1 refused" for a permanent refusal)."""
    data_delay: float = 0.0
    """Seconds the server waits before answering DATA (after STARTTLS)."""
    in_data: threading.Event = field(default_factory=threading.Event)
    """Set once a message has been sent and the server is to answer it."""


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.box.in_data.set()
        if self.box.data_delay:
            await asyncio.sleep(self.box.data_delay)
        if not self.box.data_reply.startswith("250"):
            return self.box.data_reply
        raw = envelope.original_content or b""
        self.box.messages.append(message_from_bytes(raw))
        self.box.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 OK"


class PortZeroController(Controller):
    """aiosmtpd's Controller bound to port 0: learn the real port before its self-check."""

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]  # aiosmtpd has no hints


def start_smtp(ca: trustme.CA, box: Mailbox) -> Controller:
    def authenticate(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult

        ok = auth.login == b"clinic" and auth.password == b"s3cret"
        if ok:
            box.logins.append(auth.login.decode())
        return AuthResult(success=ok)

    controller = PortZeroController(
        _Handler(box),
        hostname="127.0.0.1",
        port=0,
        tls_context=server_context(ca),
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    return controller
