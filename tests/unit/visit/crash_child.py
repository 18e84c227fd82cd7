"""Child process for the crash tests: submit requests forever, print each id once stored.

Usage: ``python -m tests.unit.visit.crash_child DATA_DIR``. The parent kills it with SIGKILL.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from kiosk.visit.outbox import Outbox
from tests.unit.visit.samples import make_request


def main(data_dir: Path) -> None:
    outbox = Outbox(data_dir, ["folder"])
    # The first seal loads the cipher and the first sample request its libraries (some 80 ms
    # together): done before "ready", so the parent's kill (0-50 ms later) lands among
    # submits, not before the first one.
    outbox.keys.seal(uuid.uuid4(), b"warm-up")
    make_request(0)
    print("ready", flush=True)
    n = 0
    while True:
        request = make_request(n)
        outbox.submit(request)
        print(request.id, flush=True)
        n += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
