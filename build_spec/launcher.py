"""Entry point of the frozen kiosk (PyInstaller): the same as the ``kiosk`` console script."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
