"""Word, calendar and other outputs: pure functions of a meeting."""
