"""The built Linux app: its size, and its cold start to the main window against the same app run
from source, in one run. Target: the built app's median at most 1.5x the source's.

Both start as a chair starts them, `strategy-minutes` with no command, on a store holding the
demo meeting (passphrase mode), each on a virtual X display (Xvfb). A start is timed from just
before the process is launched until X reports the window titled "Strategy Minutes" viewable,
polled with `xwininfo` every few milliseconds, the same way for both; then the app is sent
SIGTERM and closes cleanly. The built app is the tarball in dist/ (`make package`), unpacked.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from bench.common import PASSPHRASE, ROOT, Comparison, interleaved, machine, report

REPETITIONS = 10
TARGET = 1.5
POLL_S = 0.005
SOURCE = "from source (.venv)"
BUILT = "built app (PyInstaller one-folder)"


class StartFailed(Exception):
    """The window never appeared; the message says which app."""


def artifacts() -> list[Path]:
    return sorted((ROOT / "dist").glob("strategy-minutes*"))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def sizes(unpacked: Path) -> None:
    print("\nartifact size")
    for path in artifacts():
        print(f"  {path.name:<48} {path.stat().st_size / 2**20:7.1f} MiB")
    print(f"  {'unpacked one-folder app':<48} {folder_size(unpacked) / 2**20:7.1f} MiB")
    parts: dict[str, int] = {}
    for child in (unpacked / "_internal").iterdir():
        size = folder_size(child) if child.is_dir() else child.stat().st_size
        parts[child.name] = size
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:5]:
        print(f"    {name:<46} {size / 2**20:7.1f} MiB")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A virtual X display of its own, answering, as packaging/smoke-test.sh starts it:
    -noreset, or an app connecting as a xwininfo probe leaves meets a server resetting."""
    rng = random.Random()
    for _ in range(5):
        display = f":{rng.randrange(100, 900)}"
        if Path(f"/tmp/.X{display[1:]}-lock").exists():
            continue
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"],
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            if xvfb.poll() is not None:
                break
            answered = subprocess.run(
                ["xwininfo", "-display", display, "-root"], capture_output=True
            )
            if answered.returncode == 0:
                return xvfb, display
            time.sleep(0.1)
        xvfb.kill()
        xvfb.wait()
    raise StartFailed("Xvfb did not start")


def window_viewable(display: str) -> bool:
    found = subprocess.run(
        ["xwininfo", "-display", display, "-name", "Strategy Minutes"],
        capture_output=True,
        text=True,
    )
    return found.returncode == 0 and "IsViewable" in found.stdout


def start(argv: list[str], env: dict[str, str], display: str, name: str) -> float:
    """Seconds from launch to the main window viewable; then a clean SIGTERM."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while not window_viewable(display):
            if proc.poll() is not None or time.perf_counter() - began > 60:
                raise StartFailed(f"{name}: no window ({proc.stderr.read().decode()[-500:]})")
            time.sleep(POLL_S)
        seconds = time.perf_counter() - began
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    return seconds


def main() -> bool | None:
    tarballs = sorted((ROOT / "dist").glob("strategy-minutes-*-linux-*.tar.gz"))
    if not tarballs:
        print("\nbuilt app: no tarball in dist/; run `make package` first. Skipped.")
        return None
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        print("\nbuilt app: needs Xvfb and xwininfo (make test-packages). Skipped.")
        return None
    source_app = Path(sys.executable).with_name("strategy-minutes")
    with tempfile.TemporaryDirectory(prefix="strategy-minutes-bench-") as name:
        tmp = Path(name)
        with tarfile.open(tarballs[-1]) as tar:
            tar.extractall(tmp / "app", filter="tar")
        built_app = next((tmp / "app").glob("strategy-minutes-*/strategy-minutes"))
        sizes(built_app.parent)
        xvfb, display = start_xvfb()
        try:
            env = {
                "PATH": "/usr/bin:/bin",
                "HOME": str(tmp / "home"),
                "LANG": "C.UTF-8",
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                "STRATEGY_MINUTES_PASSPHRASE": PASSPHRASE,
            }
            stores = {SOURCE: tmp / "source-store", BUILT: tmp / "built-store"}
            for app, store in ((source_app, stores[SOURCE]), (built_app, stores[BUILT])):
                subprocess.run(
                    [str(app), "--data-dir", str(store), "demo"],
                    env=env,
                    check=True,
                    capture_output=True,
                    timeout=120,
                )
            print(
                f"\ncold start to the main window, {REPETITIONS} starts each, interleaved; "
                f"{machine()}; Xvfb"
            )
            samples = interleaved(
                {
                    label: (
                        lambda a=app, s=stores[label], n=label: start(
                            [str(a), "--data-dir", str(s)], env, display, n
                        )
                    )
                    for label, app in ((SOURCE, source_app), (BUILT, built_app))
                },
                REPETITIONS,
            )
        finally:
            xvfb.terminate()
            xvfb.wait(timeout=30)
    return report(
        f"cold start to the main window viewable (target: median at most {TARGET}x source)",
        [Comparison(BUILT, SOURCE, samples[BUILT], samples[SOURCE], "median", TARGET)],
    )


if __name__ == "__main__":
    raise SystemExit(0 if main() in (True, None) else 1)
