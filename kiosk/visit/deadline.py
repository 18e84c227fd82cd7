"""Every network attempt of a channel is bounded in total time, and can be cut at shutdown.

A per-socket timeout is not enough: it restarts at every byte received, so a server that sends
its answer one byte every few seconds holds an attempt for ever. Instead each attempt has a
deadline: a timer shuts its sockets down (``shutdown(SHUT_RDWR)`` on a duplicate of each, which
wakes a thread blocked in ``connect``, ``recv`` or a TLS handshake at once, and works the same
after the socket is wrapped in TLS). :meth:`AttemptGuard.close` does the same for the attempt in
progress when the kiosk stops, and refuses new attempts.

Name resolution (``getaddrinfo``) cannot be cut; the system resolver's own timeouts bound it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

from kiosk.visit.errors import Aborted, DeliveryError

DEADLINE = "deadline"
STOPPED = "stopped"


class Attempt:
    """One attempt: its deadline, and the sockets it opened (watched through duplicates)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []
        self.cut_reason: str | None = None

    def remaining(self) -> float:
        """Seconds left before the deadline (at least a little, so a timeout is never 0)."""
        return max(0.01, self.ends - time.monotonic())

    def connect(self, host: str, port: int) -> socket.socket:
        """A TCP connection to ``host``:``port`` (each address in turn), watched from the start."""
        last: OSError = OSError("no address for the host")
        for family, kind, proto, _, address in socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        ):
            sock = socket.socket(family, kind, proto)
            try:
                self.watch(sock)
                sock.settimeout(self.remaining())
                sock.connect(address)
                return sock
            except OSError as error:
                sock.close()
                last = error
                if self.cut_reason is not None:
                    break
        raise last

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the attempt is cut (raises OSError if it already was)."""
        with self._lock:
            if self.cut_reason is not None:
                raise TimeoutError("the attempt was cut")
            self._watched.append(sock.dup())

    def cut(self, reason: str) -> None:
        """End the attempt now: every socket it opened is shut down (the first reason counts)."""
        with self._lock:
            if self.cut_reason is None:
                self.cut_reason = reason
            for sock in self._watched:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def failure(self) -> DeliveryError | None:
        """Why the attempt failed if it was cut (then whatever the socket raised is moot)."""
        if self.cut_reason == STOPPED:
            return Aborted("stopped: the kiosk is shutting down")
        if self.cut_reason == DEADLINE:
            return DeliveryError(f"TimeoutError (no complete answer within {self.seconds:g} s)")
        return None

    def release(self) -> None:
        with self._lock:
            for sock in self._watched:
                sock.close()
            self._watched.clear()


class AttemptGuard:
    """Gives each attempt of one channel its deadline; :meth:`close` cuts the one in progress."""

    def __init__(self, seconds: float) -> None:
        if not seconds > 0:
            raise ValueError("an attempt needs a positive deadline")
        self.seconds = seconds
        self._lock = threading.Lock()
        self._current: Attempt | None = None
        self._closed = False

    @contextlib.contextmanager
    def attempt(self) -> Iterator[Attempt]:
        """One attempt; raises :class:`Aborted` once the guard is closed."""
        attempt = Attempt(self.seconds)
        with self._lock:
            if self._closed:
                raise Aborted("stopped: the kiosk is shutting down")
            self._current = attempt
        timer = threading.Timer(self.seconds, attempt.cut, args=(DEADLINE,))
        timer.daemon = True
        timer.start()
        try:
            yield attempt
        finally:
            timer.cancel()
            with self._lock:
                self._current = None
            attempt.release()

    def close(self) -> None:
        """Cut the attempt in progress (if any) and refuse new ones."""
        with self._lock:
            self._closed = True
            current = self._current
        if current is not None:
            current.cut(STOPPED)
