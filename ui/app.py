"""Starting the desktop app: open the store (asking for a passphrase if need be), then the window.

If the store cannot be opened (another copy has it, the key or passphrase is wrong, the
database is damaged) the chair gets one sentence and nothing is opened.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services import MeetingService
from desktop.session import env_passphrase
from storage.keys import KeyProblem, PassphraseRequired
from storage.lock import AlreadyOpen
from storage.store import StoreProblem, open_store
from ui import dialogs
from ui.main_window import MainWindow

APP_NAME = "Strategy Minutes"
CANNOT_OPEN = 2  # the command line's "bad usage or unreadable input"
PASSPHRASE_TRIES = 3


def problem_sentence(exc: Exception, data_dir: Path) -> str:
    if isinstance(exc, AlreadyOpen):
        return (f"Strategy Minutes is already open on {data_dir} in another window; use that "
                "one. Nothing was opened here.")
    if isinstance(exc, PassphraseRequired):  # the dialog was cancelled: no terminal advice
        return f"No passphrase was given, so the store in {data_dir} was not opened."
    if isinstance(exc, OSError):
        return f"Could not use {exc.filename or data_dir}: {exc.strerror or exc}."
    return str(exc)


def build(data_dir: Path) -> MainWindow | None:
    """Open the store in `data_dir` and make the main window (not shown); None if it cannot.

    A passphrase typed wrong in the dialog is asked for again (up to PASSPHRASE_TRIES times),
    saying why; one from the environment is not, since a script cannot retype it.
    """
    typed: list[bool] = []
    problem = ""

    def ask(confirm: bool) -> str | None:
        from_env = env_passphrase()
        if from_env:
            return from_env
        typed.append(True)
        return dialogs.ask_passphrase(data_dir, confirm, problem=problem)

    for attempt in range(1, PASSPHRASE_TRIES + 1):
        typed.clear()
        try:
            store = open_store(data_dir, ask)
            break
        except KeyProblem as exc:
            retry = typed and not isinstance(exc, PassphraseRequired) \
                and attempt < PASSPHRASE_TRIES
            if not retry:
                QMessageBox.critical(None, APP_NAME, problem_sentence(exc, data_dir))
                return None
            problem = str(exc)
        except (AlreadyOpen, StoreProblem, OSError) as exc:
            QMessageBox.critical(None, APP_NAME, problem_sentence(exc, data_dir))
            return None
    try:
        window = MainWindow(store, MeetingService(store))
    except BaseException:
        store.close()  # let go of the folder whatever went wrong
        raise
    if store.created:  # once the window is up, so the key is shown over it
        code = store.recovery_code()
        QTimer.singleShot(0, window, lambda: dialogs.show_recovery_key(code, window))
    return window


def run_gui(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    ending = _SessionEnd()
    try:
        window = build(data_dir)
        if window is None:
            return CANNOT_OPEN
        window.show()
        if not ending.attach(window):
            return 0  # told to stop while starting: closed cleanly already
        return app.exec()
    finally:
        ending.release()


class _SessionEnd:
    """On SIGTERM (logout, shutdown) or Ctrl+C, close as the window's Quit would: what is typed
    is saved and the store is let go cleanly, rather than dying with edits in the fields."""

    def __init__(self) -> None:
        self.window: MainWindow | None = None
        self.asked = False
        self._before = {sig: signal.signal(sig, self._handle)
                        for sig in (signal.SIGINT, signal.SIGTERM)}

    def release(self) -> None:
        for sig, handler in self._before.items():
            signal.signal(sig, handler)

    def _handle(self, _sig: int, _frame: object) -> None:
        self.asked = True
        if self.window is not None:
            self.window.close()

    def attach(self, window: MainWindow) -> bool:
        """Watch this window; False if it was closed because a signal came while starting."""
        self.window = window
        if self.asked:
            window.close()
            return False
        # Python runs signal handlers only when it has control; a light timer gives it some.
        poll = QTimer(window, interval=250)
        poll.timeout.connect(lambda: None)
        poll.start()
        return True
