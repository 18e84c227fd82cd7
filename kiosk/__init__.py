"""Hip-pain education kiosk: illustrated pages for a clinic waiting room."""

__version__ = "0.1.0"
