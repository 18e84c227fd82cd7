"""Where the tests find the repository and its bundled pages."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = REPO / "content"
