"""The staff side of the kiosk, Qt-free: the PIN, the panel's report."""
