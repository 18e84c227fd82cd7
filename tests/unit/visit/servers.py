"""Real TLS servers on loopback for the delivery tests: HTTPS (http.server + ssl) and SMTP with
STARTTLS (aiosmtpd), with certificates from a trustme test CA, bound to 127.0.0.1 port 0.
"""

from __future__ import annotations

import asyncio
import json
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
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    receiver.url = f"https://127.0.0.1:{server.server_address[1]}/visits"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, receiver


@dataclass
class Mailbox:
    messages: list[Any] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
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
