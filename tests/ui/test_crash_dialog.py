"""An uncaught exception in the GUI shows a dialog saying what was kept and where the log is."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop import logs
from strategy_minutes.ui import crash_dialog


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash_dialog.install()
    return texts


def test_an_uncaught_exception_shows_the_dialog_and_logs_no_message(
    shown: list[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    log_file = logs.start(data_dir)
    try:
        raise LookupError("Wiśniewska")
    except LookupError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    said = shown[0]
    assert "unexpected problem (LookupError)" in said
    assert "Every change the app reported as saved is saved" in said
    assert str(log_file) in said and "no case details" in said
    text = log_file.read_text("utf-8") if log_file else ""
    assert "builtins.LookupError" in text and "Wiśniewska" not in text


def test_a_worker_thread_failure_is_logged_without_its_message(
    shown: list[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    log_file = logs.start(data_dir)

    def fail() -> None:
        raise KeyError("Larch Close")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    text = log_file.read_text("utf-8") if log_file else ""
    assert "builtins.KeyError" in text and "Larch" not in text
