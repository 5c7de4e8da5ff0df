"""What the chair sees when the app meets a problem nobody foresaw: a dialog, not a vanishing
window. The problem goes to the log (by type and place only: desktop/logs.py), and the dialog
says what was kept, what to do now and where the log is for IT."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox
from strategy_minutes.desktop import logs

log = logging.getLogger(__name__)


def message(exc_type: type[BaseException], log_file: Path | None) -> str:
    where = (
        f"If it happens again, send the log file to your IT support: {log_file}. "
        "It holds no case details."
        if log_file
        else "If it happens again, tell your IT support what you were doing."
    )
    return (
        f"Strategy Minutes met an unexpected problem ({exc_type.__name__}). Every change the "
        "app reported as saved is saved. You can carry on; if something looks wrong, close "
        f"the app and start it again. {where}"
    )


def _show(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.error("unexpected problem in the app", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Strategy Minutes", "")
    box.setText(message(exc_type, logs.current_file()))
    box.setAccessibleName("Unexpected problem")
    box.exec()


def install() -> None:
    """Route uncaught exceptions, on the GUI thread or any other, to the log and the dialog."""

    def on_error(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _show(exc_type, exc, tb)

    def on_thread_error(args: threading.ExceptHookArgs) -> None:
        exc = args.exc_value or args.exc_type()
        log.error(
            "unexpected problem in a worker", exc_info=(args.exc_type, exc, args.exc_traceback)
        )

    sys.excepthook = on_error
    threading.excepthook = on_thread_error
