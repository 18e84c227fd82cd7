"""Performance benchmarks of the kiosk (not part of the default test run).

Run everything and print each figure with its target and PASS/MISS::

    .venv/bin/python -m tests.benchmarks            # full run, a few minutes
    .venv/bin/python -m tests.benchmarks --quick    # fewer iterations, a smoke check
    .venv/bin/python -m tests.benchmarks --json results.json

Everything runs on Qt's offscreen platform (set by the benchmark itself). The Qt-side
measurements run in child processes (``python -m tests.benchmarks.<module> --child``) so that
each starts from a clean process; see the docstring of each module for what it measures.
"""
