"""Help: the shortcuts read from the window's own actions, and the guides that ship with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot
from strategy_minutes.ui.help_dialog import HelpDialog

from tests.ui.helpers import open_window, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_f1_lists_the_shortcuts_the_menus_really_have_and_links_the_guides(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, tmp_path / "data", monkeypatch)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions() if a.text()] == [
        "Keyboard &shortcuts and guides…",
        "The user &guide",
        "&About Strategy Minutes",
    ]
    press(qtbot, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    rows = dialog.rows()
    for row in (
        ("File", "New meeting", "Ctrl+N"),
        ("Edit", "Add person", "Ctrl+Shift+P"),
        ("Go", "Go to section", "Ctrl+G"),
        ("Meeting", "Export minutes", "Ctrl+E"),
        ("View", "Needs attention", "Ctrl+Shift+E"),
        ("In a list", "Move to bin", "Del"),
    ):
        assert row in rows, row
    keys = {(g, w): k for g, w, k in rows}
    assert keys["Help", "Keyboard shortcuts and guides"].startswith("F1")
    assert ("Edit", "Redo") in {(g, w) for g, w, _k in rows}
    assert not any("&" in what or what.endswith("…") for _g, what, _k in rows)
    dialog.close()

    # Built from the actions when opened: a new or changed shortcut shows without editing it.
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    added = QAction("&Somewhere new", window)
    added.setShortcut(QKeySequence("Ctrl+Alt+J"))
    go_menu.addAction(added)
    window.new_action.setShortcut(QKeySequence("Ctrl+Alt+M"))
    rows = HelpDialog(window).rows()
    assert ("Go", "Somewhere new", "Ctrl+Alt+J") in rows
    assert ("File", "New meeting", "Ctrl+Alt+M") in rows
    assert ("File", "New meeting", "Ctrl+N") not in rows

    # The guides: links to files that are there (the README first), opened by the system.
    dialog = HelpDialog(window)
    assert dialog.guides.openExternalLinks()
    text = dialog.guides.text()
    targets = [Path(QUrl(part.split('"')[0]).toLocalFile()) for part in text.split('href="')[1:]]
    assert [t.name for t in targets] == ["README.md", "rules.md", "signing.md"]
    assert all(t.is_file() for t in targets)
    assert "Strategy Minutes" in targets[0].read_text(encoding="utf-8")


def test_a_table_of_the_meeting_lists_its_delete_key(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, tmp_path / "data", monkeypatch)
    window.new_meeting()
    assert window.editor is not None
    window.editor.show_section("attendees")
    assert ("In a list", "Remove the chosen row", "Del") in HelpDialog(window).rows()
