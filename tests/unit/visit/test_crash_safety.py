"""A process killed with SIGKILL at random moments loses no request it reported as stored."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from kiosk.visit.delivery import DeliveryWorker, FolderChannel
from kiosk.visit.outbox import Outbox
from kiosk.visit.salvage import read_count
from tests.paths import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def run_and_kill(data_dir: Path, rng: random.Random) -> list[uuid.UUID]:
    """Start the child, let it submit for a random moment, SIGKILL it; the ids it printed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.unit.visit.crash_child", str(data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.02, 0.25))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    lines = child.stdout.read().splitlines()
    child.stdout.close()
    return [uuid.UUID(line) for line in lines if len(line) == 36]


def test_sigkill_loses_nothing_and_delivers_once(tmp_path: Path) -> None:
    rng = random.Random(7)
    printed: list[uuid.UUID] = []
    for _ in range(5):
        printed += run_and_kill(tmp_path, rng)
    assert len(printed) > 20
    outbox = Outbox(tmp_path, ["folder"])
    assert outbox._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The count file is written after each commit: a kill between the two leaves it behind,
    # never ahead, so no start (one per child, and this one) took the outbox for damaged.
    assert outbox.salvage is None and not list(tmp_path.glob("outbox.damaged-*"))
    assert outbox._conn.execute("SELECT count(*) FROM salvage").fetchone()[0] == 0
    count = read_count(tmp_path)
    assert count is not None and count.outbox_id == outbox.outbox_id
    assert count.requests <= len(outbox.pending_ids())
    stored = set(outbox.pending_ids())
    assert set(printed) <= stored
    for request_id in stored:
        assert outbox.load(request_id).id == request_id  # every row opens: none half-written
    out = tmp_path / "out"
    worker = DeliveryWorker(outbox, [FolderChannel(out, plain=True)])
    while worker.run_once():
        pass
    worker.run_once()
    files = sorted(path.stem for path in out.glob("*.json"))
    assert files == sorted(str(i) for i in stored)
    assert outbox.pending_ids() == []
    assert not list(out.glob(".*"))
