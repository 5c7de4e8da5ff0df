"""Driving the real window as a chair would: keys, typed text, shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from strategy_minutes.ui import app, dialogs
from strategy_minutes.ui.main_window import MainWindow


def open_window(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The app's main window on `data_dir`, shown; no dialog can block the test.

    The recovery key dialog is answered, and a warning about refused text before closing
    says "Discard" (tests that care replace it and look at what was asked).
    """
    monkeypatch.setattr(dialogs, "show_recovery_key", lambda code, parent=None: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = app.build(data_dir)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Type any script into the focused field (qtbot.keyClicks cannot send non-ASCII)."""
    target = widget or focused()
    QApplication.sendEvent(
        target, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text)
    )


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press (shortcuts included) delivered where the keyboard focus is, and what it
    queued (an item view commits a cell on Enter a moment later) done before the next key."""
    qtbot.keyClick(focused(), key, modifiers)
    QApplication.processEvents()


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
