"""What PyInstaller freezes: the installed entry point, run as `strategy-minutes` runs it."""

from strategy_minutes.__main__ import run

run()
