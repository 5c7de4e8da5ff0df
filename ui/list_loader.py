"""The meeting list's slow questions, answered on a thread of their own: the rows after the
first screen, and the cases a search lists.

Why a thread: at 10,000 meetings a search of one or two letters matches most of them, and
SQLite must sort every match before it can give the rows after the first screen; that and
finding their cases cost 30 to 60 ms of queries a keystroke, which on the window's thread
stalled typing. Here the window's thread asks and goes on; a worker with its own read-only
connection (`MeetingService.list_reader`) answers. Only the newest question matters, so any
older one still queued is dropped, and each answer carries its question's generation so that
the list ignores one a newer search has overtaken. Answers reach the list as queued signals,
on the list's own thread.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance
from strategy_minutes.desktop.services import ListReader, MeetingService
from strategy_minutes.ui.background import emitted

# How long a question waits for a newer one before it is answered. The first screen is shown
# already; waiting lets the window paint it without sharing Python with the worker, and asks
# once for a burst of keystrokes, not for each.
SETTLE_S = 0.05


@dataclass(frozen=True)
class Ask:
    generation: int
    search: str
    binned: bool
    case: str
    after: dict[str, Any] | None  # the first screen's last row; None: its rows were all


class ListLoader(QObject):
    """One worker thread, started on the first question, stopped by `stop` (or when the
    list it answers is deleted)."""

    rows_loaded = Signal(int, object)  # generation, the rows after the first screen
    cases_loaded = Signal(int, object)  # generation, the case keys the search lists
    failed = Signal(int)  # generation: the question could not be answered there

    def __init__(self, service: MeetingService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._asked: queue.Queue[Ask | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def ask(self, ask: Ask) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="meeting list", daemon=True)
            self._thread.start()
        self._asked.put(ask)

    def stop(self) -> None:
        """Let the worker finish the question in hand, close its connection, and end."""
        if self._thread is not None:
            self._asked.put(None)
            self._thread.join()
            self._thread = None

    def _newest(self) -> Ask | None:
        """The newest question (blocking until there is one), once no newer one has come for
        SETTLE_S; None: stop."""
        ask = self._asked.get()
        while ask is not None:
            try:
                ask = self._asked.get(timeout=SETTLE_S)
            except queue.Empty:
                break
        return ask

    def _run(self) -> None:
        reader: ListReader | None = None
        try:
            while (ask := self._newest()) is not None:
                try:
                    reader = reader or self._service.list_reader()
                    self._answer(reader, ask)
                except _Gone:
                    return
                except Exception:  # noqa: BLE001 (any failure: the list asks on its own thread)
                    self._tell(self.failed, ask.generation)
        except _Gone:
            return
        finally:
            if reader is not None:
                reader.close()

    def _answer(self, reader: ListReader, ask: Ask) -> None:
        if ask.after is not None:
            rows = reader.summaries(ask.search, ask.binned, after=ask.after, case=ask.case)
            self._tell(self.rows_loaded, ask.generation, rows)
            if not self._asked.empty():
                return  # a newer search is waiting: its cases, not these
        self._tell(self.cases_loaded, ask.generation, reader.cases(ask.search, ask.binned))

    @staticmethod
    def _tell(signal: SignalInstance, *answer: object) -> None:
        """Emit, or end the worker: Qt has deleted this object already (the app is ending)."""
        if not emitted(signal, *answer):
            raise _Gone


class _Gone(Exception):
    """The loader's Qt object is gone: nobody is left to answer."""
