"""Start-up and shutdown of the kiosk process, in the order :mod:`kiosk.boot.startup` reads.

- :mod:`~kiosk.boot.settings`: the settings file and the data folder (Qt-free);
- :mod:`~kiosk.boot.logs`: console and file logging, Qt's own messages routed in;
- :mod:`~kiosk.boot.crashsignal`: OS stop signals and unhandled errors, each a small object
  with ``activate()`` / ``deactivate()`` that ends the event loop with an exit code;
- :mod:`~kiosk.boot.startup`: ``kiosk run`` and ``kiosk self-test`` as one sequence each.
"""
