"""Cold start to the main window shown, against a bare PySide6 QMainWindow. Target: median <= 1.5x.

Each start is a fresh Python process, timed from just before it is launched until it says its
window is exposed (shown, events processed, and the platform reporting the window exposed). The
app opens a store already holding the demo meeting through `ui.app.build(data_dir)`, the same
call `strategy-minutes` makes, in both ways a store can be protected:

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
    """In the child: build the window, show it, wait until it is exposed, say so, close."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    app.setOrganizationName("Strategy Minutes")  # as ui.app.run_gui does: same settings file
    app.setApplicationName("Strategy Minutes")
    if kind == "bare":
        window = QMainWindow()
        window.setWindowTitle("Strategy Minutes")
        window.resize(1200, 800)
    else:
        from ui.app import build

        window = build(Path(data_dir or ""))
        if window is None:
            print("ui.app.build returned no window", file=sys.stderr)
            return 1
    window.show()
    handle = window.windowHandle()
    deadline = time.monotonic() + 30
    while not handle.isExposed():
        if time.monotonic() > deadline:
            print("the window was never exposed", file=sys.stderr)
            return 1
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    app.processEvents()
    print("shown", flush=True)
    window.close()  # a clean close, so the next start finds no unclean-shutdown marker
    app.processEvents()
    return 0


def environment(tmp: Path, keyring: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("STRATEGY_MINUTES_") and k != "PYTHON_KEYRING_BACKEND"}
    env.update(PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp / "config"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not keyring:
        env.update(STRATEGY_MINUTES_PASSPHRASE=PASSPHRASE,
                   PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def prepare_store(folder: Path, env: dict[str, str]) -> str:
    """A store holding the demo meeting, made by the command line; returns how it is protected."""
    done = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(folder), "demo"],
                          env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=120)
    if done.returncode != 0:
        raise StartFailed(f"could not make the demo store: {done.stderr.strip()[-500:]}")
    return json.loads((folder / "keys.json").read_text())["protection"]


def start(kind: str, env: dict[str, str], data_dir: Path | None = None) -> float:
    """Seconds from launching a child to its window being exposed."""
    argv = [sys.executable, "-m", "bench.cold_start", "--child", kind]
    argv += [str(data_dir)] if data_dir else []
    began = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    said = proc.stdout.readline()
    seconds = time.perf_counter() - began
    _, err = proc.communicate(timeout=120)
    if said.strip() != "shown" or proc.returncode != 0:
        raise StartFailed(f"{kind} start failed (exit {proc.returncode}): {err.strip()[-800:]}")
    return seconds


def main() -> bool | None:
    """Measure and print; None when there is no app to start yet."""
    if importlib.util.find_spec("ui.app") is None:
        print("\ncold start: ui/app.py is not there yet; skipped")
        return None
    print(f"\ncold start, {REPETITIONS} starts each, interleaved; {machine()}; "
          f"Qt platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    with tempfile.TemporaryDirectory(prefix="strategy-minutes-bench-") as name:
        tmp = Path(name)
        plain = environment(tmp, keyring=False)
        subjects = {BASELINE: lambda: start("bare", plain)}
        if prepare_store(tmp / "passphrase", plain) == "passphrase":
            subjects[PASSPHRASE_APP] = lambda: start("app", plain, tmp / "passphrase")
        if in_throwaway_keyring():
            with_keyring = environment(tmp, keyring=True)
            mode = prepare_store(tmp / "keyring", with_keyring)
            if mode == "keyring":
                subjects[KEYRING_APP] = lambda: start("app", with_keyring, tmp / "keyring")
            else:
                print(f"the Secret Service was not used (the store is protected by {mode})")
        else:
            print("no throwaway Secret Service: run `python -m bench` for the keyring figure")
        samples = interleaved(subjects, REPETITIONS, warmup=1)
        for folder in ("keyring", "passphrase"):
            if (tmp / folder / "session-open").exists():
                print(f"note: the {folder} store was not closed cleanly by the app")
    return report("cold start to the main window shown (target: median at most 1.5x bare)", [
        Comparison(name, BASELINE, samples[name], samples[BASELINE], "median", TARGET)
        for name in subjects if name != BASELINE])


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        raise SystemExit(child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
    raise SystemExit(0 if main() in (True, None) else 1)
