"""Labour-market intelligence. ``kasip.labour.coder`` is the occupation coder (pure Python)."""
