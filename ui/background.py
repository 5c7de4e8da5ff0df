"""One slow piece of work on a thread of its own, its answer handed back to the window's thread.

For reads that take seconds (checking the signed record of every published meeting that may
need attention) and must not freeze the window meanwhile: the work runs on a Python thread,
and its result, or the exception that stopped it, reaches the window as a queued signal. The
work must use connections of its own: a database connection is not shared between threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance


def emitted(signal: SignalInstance, *answer: object) -> bool:
    """Emit from a worker thread; False when Qt has deleted the object meanwhile (the window
    that asked was closed, or the app is ending), which PySide reports as RuntimeError."""
    try:
        signal.emit(*answer)
    except RuntimeError:
        return False
    return True


class Background(QObject):
    done = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception that stopped it

    def __init__(self, work: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread = threading.Thread(target=self._run, name="background", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self, seconds: float | None = None) -> bool:
        """Whether the work has ended (after waiting up to `seconds` for it)."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # noqa: BLE001 (handed to the window, which says it)
            emitted(self.failed, exc)
        else:
            emitted(self.done, result)
