"""Run every benchmark module in bench/ that has a `main()`: `python -m bench [NAME ...]`.

It re-runs itself inside tests/with-secret-service.sh, so that the keyring figures come from a
real Secret Service that is thrown away afterwards: never the user's own keyring. Each module
runs in a process of its own, so that one benchmark's imports, Qt application or crash cannot
change or hide another's figures. A module's `main()` returns True (targets met), False (a
target missed) or None (no verdict: nothing to measure yet, or figures without a target).
The exit code is 1 if any target was missed or a benchmark failed, else 0.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import time

import bench
from bench.common import ROOT, THROWAWAY_KEYRING, in_throwaway_keyring

WRAPPER = ROOT / "tests" / "with-secret-service.sh"
NOT_BENCHMARKS = {"common", "__main__"}
ONE = "--one"  # internal: run a single module's main() in this process
PASS, MISS, NO_VERDICT = 0, 10, 11  # exit codes of a single module's run
VERDICTS = {PASS: "PASS", MISS: "MISS", NO_VERDICT: "no verdict"}


def can_wrap() -> bool:
    return WRAPPER.exists() and all(
        shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon")
    )


def benchmarks() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name not in NOT_BENCHMARKS
    )


def run_one(name: str) -> int:
    module = importlib.import_module(f"bench.{name}")
    result = module.main() if callable(getattr(module, "main", None)) else None
    sys.stdout.flush()
    return PASS if result is True else MISS if result is False else NO_VERDICT


def main(args: list[str]) -> int:
    if args[:1] == [ONE]:
        return run_one(args[1])
    if not in_throwaway_keyring() and can_wrap():
        env = {**os.environ, THROWAWAY_KEYRING: "1"}
        return subprocess.call([str(WRAPPER), sys.executable, "-m", "bench", *args], env=env)
    found = benchmarks()
    unknown = sorted(set(args) - set(found))
    if unknown:
        print(
            f"No benchmark named {', '.join(unknown)}; there are: {', '.join(found)}.",
            file=sys.stderr,
        )
        return 2
    began = time.monotonic()
    verdicts = {}
    for name in args or found:
        code = subprocess.call([sys.executable, "-m", "bench", ONE, name], cwd=ROOT)
        verdicts[name] = VERDICTS.get(code, f"failed (exit {code})")
    print(
        f"\nsummary ({time.monotonic() - began:.0f} s):",
        ", ".join(f"{name} {verdict}" for name, verdict in verdicts.items()),
    )
    return 1 if any(v not in ("PASS", "no verdict") for v in verdicts.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
