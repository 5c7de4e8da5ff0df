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
from bench.scale_store import CACHE_ENV, cache_root

WRAPPER = ROOT / "tests" / "with-secret-service.sh"
NOT_BENCHMARKS = {"common", "__main__", "scale_store"}
ON_ITS_OWN = {"scale", "register"}  # minutes long: run only when named (`python -m bench scale`)
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


def run_one(name: str, options: list[str]) -> int:
    module = importlib.import_module(f"bench.{name}")
    main = getattr(module, "main", None)
    result = (main(options) if options else main()) if callable(main) else None
    sys.stdout.flush()
    return PASS if result is True else MISS if result is False else NO_VERDICT


def main(args: list[str]) -> int:
    if args[:1] == [ONE]:
        return run_one(args[1], args[2:])
    if not in_throwaway_keyring() and can_wrap():
        env = {**os.environ, THROWAWAY_KEYRING: "1", CACHE_ENV: str(cache_root())}
        return subprocess.call([str(WRAPPER), sys.executable, "-m", "bench", *args], env=env)
    found = benchmarks()
    first_option = next((n for n, a in enumerate(args) if a.startswith("-")), len(args))
    args, options = args[:first_option], args[first_option:]  # options go to each named one
    unknown = sorted(set(args) - set(found))
    if unknown:
        print(
            f"No benchmark named {', '.join(unknown)}; there are: {', '.join(found)}.",
            file=sys.stderr,
        )
        return 2
    began = time.monotonic()
    verdicts = {}
    for name in args or [n for n in found if n not in ON_ITS_OWN]:
        code = subprocess.call([sys.executable, "-m", "bench", ONE, name, *options], cwd=ROOT)
        verdicts[name] = VERDICTS.get(code, f"failed (exit {code})")
    print(
        f"\nsummary ({time.monotonic() - began:.0f} s):",
        ", ".join(f"{name} {verdict}" for name, verdict in verdicts.items()),
    )
    return 1 if any(v not in ("PASS", "no verdict") for v in verdicts.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
