"""Child process for the crash tests: submit requests forever, print each id once stored.

Usage: ``python -m tests.unit.visit.crash_child DATA_DIR``. The parent kills it with SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.visit.outbox import Outbox
from tests.unit.visit.samples import make_request


def main(data_dir: Path) -> None:
    outbox = Outbox(data_dir, ["folder"])
    print("ready", flush=True)
    n = 0
    while True:
        request = make_request(n)
        outbox.submit(request)
        print(request.id, flush=True)
        n += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
