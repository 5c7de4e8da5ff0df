"""Strategy Minutes: minutes of child-protection strategy meetings.

The only top-level name this project installs. Its parts keep the design card's folders in
the repository and are mapped under this package by `package-dir` in pyproject.toml:
`strategy_minutes.desktop` (entry point, commands, services, the meeting domain),
`strategy_minutes.ui` (Qt), `strategy_minutes.storage` (the encrypted store) and
`strategy_minutes.exporters` (Word and calendar outputs).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("strategy-minutes")
except PackageNotFoundError:  # run from a tree that was never installed
    __version__ = "0+unknown"
