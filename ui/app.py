"""Starting the desktop app: the main window first, then the store (asking for a passphrase).

The window shows at once and the store opens on the next turn of the event loop, so the chair
sees the app straight away and a passphrase dialog appears over it; everything that loads the
store, the rules and the editor is imported after the window is on screen. If the store cannot
be opened (another copy has it, the key or passphrase is wrong, the database is damaged) the
chair gets one sentence and the app ends without opening anything.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from strategy_minutes.desktop import logs
from strategy_minutes.ui import crash_dialog
from strategy_minutes.ui.main_window import MainWindow

if TYPE_CHECKING:
    from strategy_minutes.desktop.stores import Store

APP_NAME = "Strategy Minutes"
CANNOT_OPEN = 2  # the command line's "bad usage or unreadable input"
EXPOSE_GRACE_MS = 1000  # a window never exposed (started minimised) opens its store anyway
PASSPHRASE_TRIES = 3


def problem_sentence(exc: Exception, data_dir: Path) -> str:
    from strategy_minutes.desktop.stores import AlreadyOpen, PassphraseRequired

    if isinstance(exc, AlreadyOpen):
        return (
            f"Strategy Minutes is already open on {data_dir} in another window; use that "
            "one. Nothing was opened here."
        )
    if isinstance(exc, PassphraseRequired):  # the dialog was cancelled: no terminal advice
        return f"No passphrase was given, so the store in {data_dir} was not opened."
    if isinstance(exc, OSError):
        return f"Could not use {exc.filename or data_dir}: {exc.strerror or exc}."
    return str(exc)


def open_store_asking(data_dir: Path, parent: QWidget | None = None) -> Store | None:
    """The store in `data_dir`, or None after telling the chair in one sentence why not.

    A passphrase typed wrong in the dialog is asked for again (up to PASSPHRASE_TRIES times),
    saying why; one from the environment is not, since a script cannot retype it.
    """
    from strategy_minutes.desktop.session import env_passphrase
    from strategy_minutes.desktop.stores import (
        AlreadyOpen,
        KeyProblem,
        PassphraseRequired,
        StoreProblem,
        open_store,
    )
    from strategy_minutes.ui import dialogs

    typed: list[bool] = []
    problem = ""

    def ask(confirm: bool) -> str | None:
        from_env = env_passphrase()
        if from_env:
            return from_env
        typed.append(True)
        return dialogs.ask_passphrase(data_dir, confirm, parent, problem=problem)

    for attempt in range(1, PASSPHRASE_TRIES + 1):
        typed.clear()
        try:
            store = open_store(data_dir, ask)
            break
        except KeyProblem as exc:
            retry = typed and not isinstance(exc, PassphraseRequired) and attempt < PASSPHRASE_TRIES
            if not retry:
                QMessageBox.critical(parent, APP_NAME, problem_sentence(exc, data_dir))
                return None
            problem = str(exc)
        except (AlreadyOpen, StoreProblem, OSError) as exc:
            QMessageBox.critical(parent, APP_NAME, problem_sentence(exc, data_dir))
            return None
    return store


def _attach(window: MainWindow, store: Store) -> None:
    logs.start(store.folder)
    try:
        window.attach(store)
    except BaseException:
        store.close()  # let go of the folder whatever went wrong
        raise
    if store.created:  # once the window is up, so the key is shown over it
        from strategy_minutes.ui import dialogs

        code = store.recovery_code()
        QTimer.singleShot(0, window, lambda: dialogs.show_recovery_key(code, window))


def build(data_dir: Path) -> MainWindow | None:
    """Open the store in `data_dir` and make the main window (not shown); None if it cannot."""
    store = open_store_asking(data_dir)
    if store is None:
        return None
    window = MainWindow()
    _attach(window, store)
    return window


def start(data_dir: Path) -> MainWindow:
    """Show the main window now and open the store on the next turn of the event loop.

    The window's `store` is set once it is open; if it cannot be, the window goes and the
    event loop ends with CANNOT_OPEN.
    """
    window = MainWindow()
    window.show()
    opened: list[bool] = []

    def finish() -> None:
        if opened:
            return
        opened.append(True)
        store = open_store_asking(data_dir, window)
        if store is None:
            QApplication.exit(CANNOT_OPEN)
            window.hide()
            return
        if not window.isVisible():  # closed (logout, Ctrl+C) while the store was opening
            store.close()
            return
        _attach(window, store)

    _WhenOnScreen(window, finish)
    QTimer.singleShot(EXPOSE_GRACE_MS, window, finish)
    return window


class _WhenOnScreen(QObject):
    """Runs `then` once the window is exposed and painted, not merely shown: a timer started
    at show() would fire before the platform exposes the window, and the chair would see
    nothing until the store had opened."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then = then
        self._handle = window.windowHandle()
        self._handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Expose and self._handle.isExposed():
            self._handle.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)  # after the paint that follows the expose
        return False


def run_gui(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    crash_dialog.install()
    ending = _SessionEnd()
    try:
        window = start(data_dir)
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
        self._before = {
            sig: signal.signal(sig, self._handle) for sig in (signal.SIGINT, signal.SIGTERM)
        }

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
