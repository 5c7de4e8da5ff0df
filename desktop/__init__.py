"""Strategy Minutes: entry point, command line, services and the meeting domain (no widgets)."""

__version__ = "0.1.0"
