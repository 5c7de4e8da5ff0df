"""The app's log: a rotating file in the data folder that a person can send with a report.

It must never hold case content, because it sits outside the encrypted store. So modules log
ids, counts, kinds and field names, never values, names or paths chosen by a chair; and an
exception is logged by its type and the code it passed through (file, line, function),
never by its message, which may quote a value a chair typed. `SafeFormatter` enforces the
second rule for every handler; the first is a rule for whoever writes a log line, and a test
writes the demo meeting through every command and searches the log for every demo name.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType

ROOT = "strategy_minutes"
FOLDER = "logs"
FILE = "strategy-minutes.log"
MAX_BYTES = 1_000_000  # a few weeks of use; enough to read a report, small enough to email
BACKUPS = 3

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def frames(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """An exception as its type and where it passed: no message, no source text, no values."""
    where = [f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)]
    return "\n".join([f"{exc_type.__module__}.{exc_type.__qualname__}", *where])


class SafeFormatter(logging.Formatter):
    """Formats exceptions by type and frames only (see the module's docstring)."""

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:  # noqa: N802 (logging's API)
        exc_type, _exc, tb = ei
        if exc_type is None:  # logger.exception() outside an except block: no exception
            return "NoneType: None"  # as logging.Formatter writes it
        return frames(exc_type, tb)

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback, message included, on the
        # record; format it afresh here and leave the record as it was.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached


def log_file(data_dir: Path) -> Path:
    return data_dir / FOLDER / FILE


def start(data_dir: Path) -> Path | None:
    """Log to the data folder's rotating file from now on; None where the folder does not
    exist (nothing about a case can happen there, and a log must not create it)."""
    logger = logging.getLogger(ROOT)
    path = log_file(data_dir)
    if any(getattr(h, "baseFilename", None) == str(path) for h in logger.handlers):
        return path
    if not data_dir.is_dir():
        return None
    path.parent.mkdir(mode=0o700, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    os.chmod(path, 0o600)
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in logger.handlers if isinstance(h, logging.FileHandler)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # nothing of ours reaches a handler someone else configured
    return path


def current_file() -> Path | None:
    for h in logging.getLogger(ROOT).handlers:
        if isinstance(h, logging.FileHandler):
            return Path(h.baseFilename)
    return None
