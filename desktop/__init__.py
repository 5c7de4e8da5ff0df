"""Entry point, command line, services and the meeting domain (no widgets)."""

from strategy_minutes import __version__

__all__ = ["__version__"]
