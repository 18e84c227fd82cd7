"""A strict reader of the Prometheus text exposition format, for tests of the metrics file."""

from __future__ import annotations

import math
import re

_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
_TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def parse_prometheus(text: str) -> dict[str, float]:
    """Samples of a Prometheus text exposition; AssertionError for anything malformed."""
    assert text.endswith("\n") and "\r" not in text
    helped: set[str] = set()
    typed: dict[str, str] = {}
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name = line.split(" ")[2]
            assert re.fullmatch(_NAME, name) and name not in helped, line
            helped.add(name)
        elif line.startswith("# TYPE "):
            parts = line.split(" ")
            assert len(parts) == 4 and parts[3] in _TYPES and parts[2] not in typed, line
            assert parts[2] not in samples, f"TYPE after samples: {line}"
            typed[parts[2]] = parts[3]
        else:
            assert not line.startswith("#"), line
            match = re.fullmatch(rf"({_NAME}) (\S+)", line)
            assert match is not None, line
            name, value = match.groups()
            assert name in typed and name in helped and name not in samples, line
            samples[name] = float(value)
            assert math.isfinite(samples[name]), line
    assert set(typed) == set(samples)
    return samples
