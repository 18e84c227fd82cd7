"""Fixtures for the outbox and delivery tests: a fake clock, a test CA, real TLS servers on
loopback. The helpers behind them, importable by any test, are in ``samples`` and ``servers``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.unit.visit.samples import FakeClock
from tests.unit.visit.servers import Mailbox, Receiver, server_context, start_https, start_smtp


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def https(ca: trustme.CA) -> Iterator[Receiver]:
    server, receiver = start_https(server_context(ca))
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp(ca: trustme.CA) -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    controller = start_smtp(ca, box)
    yield box, controller.port
    controller.stop()
