"""Cold start to the main window shown, against a bare PySide6 QMainWindow. Target: median <= 1.5x.

Each start is a fresh Python process, timed from just before it is launched until it says its
window is exposed (shown, events processed, and the platform reporting the window exposed). The
app starts as `strategy-minutes` does, through `ui.app.start(data_dir)`: the main window is
shown first and the store (holding the demo meeting) opens on the next turn of the event loop.
The time until the meetings are listed ("ready") is reported beside it, with no target. Both
ways a store can be protected are measured:

* the OS keyring (the real Secret Service, a throwaway gnome-keyring started by `python -m
  bench`): the headline figure, as most chairs will use it;
* a passphrase (STRATEGY_MINUTES_PASSPHRASE): costs one scrypt derivation on purpose, about
  0.3 s, to make guessing passphrases slow.

"Cold" means a new process; the OS file cache is warm, as it is on a laptop in daily use.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
    PASSPHRASE,
    ROOT,
    Comparison,
    in_throwaway_keyring,
    interleaved,
    machine,
    report,
)

REPETITIONS = 12
TARGET = 1.5
BASELINE = "bare PySide6 QMainWindow"
KEYRING_APP = "Strategy Minutes, OS keyring"
PASSPHRASE_APP = "Strategy Minutes, passphrase"


class StartFailed(Exception):
    """A child did not show its window; the message carries the end of its stderr."""


def child(kind: str, data_dir: str | None) -> int:
    """In the child: start, say "shown" the moment the window is exposed, "ready" once the
    meetings are listed (at once for the bare window), then close."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    app.setOrganizationName("Strategy Minutes")  # as ui.app.run_gui does: same settings file
    app.setApplicationName("Strategy Minutes")
    if kind == "bare":
        window = QMainWindow()
        window.setWindowTitle("Strategy Minutes")
        window.resize(1200, 800)
        window.show()
    else:
        from strategy_minutes.ui.app import start

        window = start(Path(data_dir or ""))
    exposed: list[bool] = []

    class Exposed(QObject):
        """Installed last, so it sees the expose event before the app's own filter does."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if (
                event.type() == QEvent.Type.Expose
                and not exposed
                and window.windowHandle().isExposed()
            ):
                exposed.append(True)
                print("shown", flush=True)
            return False

    watcher = Exposed()
    window.windowHandle().installEventFilter(watcher)
    deadline = time.monotonic() + 30
    while not exposed or (kind != "bare" and getattr(window, "store", None) is None):
        if time.monotonic() > deadline or (exposed and not window.isVisible()):
            print("the window was never exposed or its store never opened", file=sys.stderr)
            return 1
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    print("ready", flush=True)
    window.close()  # a clean close, so the next start finds no unclean-shutdown marker
    app.processEvents()
    return 0


def environment(tmp: Path, keyring: bool) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("STRATEGY_MINUTES_") and k != "PYTHON_KEYRING_BACKEND"
    }
    env.update(PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp / "config"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not keyring:
        env.update(
            STRATEGY_MINUTES_PASSPHRASE=PASSPHRASE,
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
    return env


def prepare_store(folder: Path, env: dict[str, str]) -> str:
    """A store holding the demo meeting, made by the command line; returns how it is protected."""
    done = subprocess.run(
        [sys.executable, "-m", "strategy_minutes", "--data-dir", str(folder), "demo"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    if done.returncode != 0:
        raise StartFailed(f"could not make the demo store: {done.stderr.strip()[-500:]}")
    return json.loads((folder / "keys.json").read_text())["protection"]


READY: dict[str, list[float]] = {}  # subject -> seconds until its meetings were listed


def start(kind: str, env: dict[str, str], data_dir: Path | None = None, subject: str = "") -> float:
    """Seconds from launching a child to its window being exposed (READY gets the rest)."""
    argv = [sys.executable, "-m", "bench.cold_start", "--child", kind]
    argv += [str(data_dir)] if data_dir else []
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    said = proc.stdout.readline()
    seconds = time.perf_counter() - began
    ready = proc.stdout.readline()
    READY.setdefault(subject, []).append(time.perf_counter() - began)
    _, err = proc.communicate(timeout=120)
    if said.strip() != "shown" or ready.strip() != "ready" or proc.returncode != 0:
        raise StartFailed(f"{kind} start failed (exit {proc.returncode}): {err.strip()[-800:]}")
    return seconds


def main() -> bool | None:
    """Measure and print; None when there is no app to start yet."""
    if importlib.util.find_spec("strategy_minutes.ui.app") is None:
        print("\ncold start: ui/app.py is not there yet; skipped")
        return None
    print(
        f"\ncold start, {REPETITIONS} starts each, interleaved; {machine()}; "
        f"Qt platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}"
    )
    with tempfile.TemporaryDirectory(prefix="strategy-minutes-bench-") as name:
        tmp = Path(name)
        plain = environment(tmp, keyring=False)
        subjects = {BASELINE: lambda: start("bare", plain)}
        if prepare_store(tmp / "passphrase", plain) == "passphrase":
            subjects[PASSPHRASE_APP] = lambda: start(
                "app", plain, tmp / "passphrase", PASSPHRASE_APP
            )
        if in_throwaway_keyring():
            with_keyring = environment(tmp, keyring=True)
            mode = prepare_store(tmp / "keyring", with_keyring)
            if mode == "keyring":
                subjects[KEYRING_APP] = lambda: start(
                    "app", with_keyring, tmp / "keyring", KEYRING_APP
                )
            else:
                print(f"the Secret Service was not used (the store is protected by {mode})")
        else:
            print("no throwaway Secret Service: run `python -m bench` for the keyring figure")
        samples = interleaved(subjects, REPETITIONS, warmup=1)
        for folder in ("keyring", "passphrase"):
            if (tmp / folder / "session-open").exists():
                print(f"note: the {folder} store was not closed cleanly by the app")
    met = report(
        "cold start to the main window shown (target: median at most 1.5x bare)",
        [
            Comparison(name, BASELINE, samples[name], samples[BASELINE], "median", TARGET)
            for name in subjects
            if name != BASELINE
        ],
    )
    bare = statistics.median(samples[BASELINE])
    for name in subjects:
        if name != BASELINE:  # warm-up starts included: a few more samples, same story
            ready = statistics.median(READY[name])
            print(
                f"  {name}: meetings listed after {ready * 1000:.0f} ms median "
                f"({ready / bare:.1f}x the bare window; no target)"
            )
    return met


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        raise SystemExit(child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
    raise SystemExit(0 if main() in (True, None) else 1)
