"""One running copy per data folder, and a marker that reveals an unclean shutdown.

The lock is an OS advisory lock on a file, so it is released by the OS if the process dies;
the marker file is removed only by a clean close, so its presence at start-up means the last
session ended without one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


class AlreadyOpen(Exception):
    """Another running copy holds this data folder."""


class FolderLock:
    LOCK_NAME = "strategy-minutes.lock"
    MARKER_NAME = "session-open"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None
        self.unclean_shutdown = False

    def acquire(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.folder / self.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyOpen(str(self.folder))
        self._fd = fd
        marker = self.folder / self.MARKER_NAME
        self.unclean_shutdown = marker.exists()
        marker.write_text(str(os.getpid()))

    def release(self, clean: bool = True) -> None:
        """Let go of the folder; `clean=False` keeps the marker so the next start checks."""
        if self._fd is None:
            return
        if clean:
            (self.folder / self.MARKER_NAME).unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None
