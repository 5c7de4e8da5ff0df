"""Help > About names the app, the version from pyproject.toml and the data folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from strategy_minutes import __version__
from tests.conftest import ROOT
from tests.ui.helpers import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_version_is_the_one_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert __version__ == project["version"]


def test_help_about_shows_name_version_and_data_folder(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus)[-1] == "Help"
    items = [a.text().replace("&", "") for a in menus["Help"].actions() if isinstance(a, QAction)]
    assert "About Strategy Minutes" in items
    box = window.about_box()
    assert box.text() == f"Strategy Minutes {__version__}"
    assert f"Data folder: {data_dir}" in box.informativeText()
