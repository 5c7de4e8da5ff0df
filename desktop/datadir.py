"""Where the store lives unless told otherwise: the platform's per-user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "StrategyMinutes"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
