"""Anonymous usage counts."""
