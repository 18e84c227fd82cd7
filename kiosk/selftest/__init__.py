"""``kiosk self-test``: drive the real application with synthetic touches and report."""
