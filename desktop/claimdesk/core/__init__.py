"""Domain types and logic: pure Python, no Qt and no SQL (a test enforces it)."""
