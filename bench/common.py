"""Timing and reporting shared by the benchmarks: each subject is measured against a baseline
in the same run, interleaved, so that the machine's noise falls on both alike.

A benchmark's verdict is a ratio (subject / baseline) of one statistic, median or p99, held
against a target such as "at most 1.5x". Absolute times differ from machine to machine; the
ratio is what the issue promises.
"""

from __future__ import annotations

import math
import os
import platform
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THROWAWAY_KEYRING = "STRATEGY_MINUTES_BENCH_KEYRING"  # set once inside with-secret-service.sh
PASSPHRASE = "benchmark passphrase, fictional store"


def p99(samples: Sequence[float]) -> float:
    """Nearest-rank 99th percentile: a value that was actually observed."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Comparison:
    """One subject against its baseline; `statistic` is 'median' or 'p99'."""

    subject: str
    baseline: str
    subject_samples: Sequence[float]
    baseline_samples: Sequence[float]
    statistic: str
    target: float

    def stat(self, samples: Sequence[float]) -> float:
        return p99(samples) if self.statistic == "p99" else statistics.median(samples)

    @property
    def ratio(self) -> float:
        return self.stat(self.subject_samples) / self.stat(self.baseline_samples)

    @property
    def met(self) -> bool:
        return self.ratio <= self.target


def interleaved(
    subjects: dict[str, Callable[[], float]], repetitions: int, warmup: int = 1, seed: int = 1
) -> dict[str, list[float]]:
    """Run each measurement `repetitions` times, round robin in a shuffled order each round.

    Each callable returns the seconds one repetition took (it times itself, so that set-up
    and tear-down around the measured moment stay out of the figure).
    """
    rng = random.Random(seed)
    names = list(subjects)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(warmup + repetitions):
        rng.shuffle(names)
        for name in names:
            seconds = subjects[name]()
            if round_no >= warmup:
                samples[name].append(seconds)
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f}"


def report(title: str, comparisons: Sequence[Comparison]) -> bool:
    """Print a table of every subject against its baseline; True if every target was met."""
    print(f"\n{title}")
    print(f"{'subject':<44} {'n':>5} {'median ms':>10} {'p99 ms':>9} {'ratio':>14}  target")
    shown: set[str] = set()
    for c in comparisons:
        for name, samples in ((c.baseline, c.baseline_samples), (c.subject, c.subject_samples)):
            if name in shown:
                continue
            shown.add(name)
            ratio = "" if name == c.baseline else f"{c.ratio:5.2f}x {c.statistic:>6}"
            verdict = "" if name == c.baseline else f"<= {c.target}x {'PASS' if c.met else 'MISS'}"
            print(
                f"{name:<44} {len(samples):>5} {ms(statistics.median(samples)):>10} "
                f"{ms(p99(samples)):>9} {ratio:>14}  {verdict}"
            )
    return all(c.met for c in comparisons)


def machine() -> str:
    """A one-line description of where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), "
        f"Python {platform.python_version()}"
    )


def in_throwaway_keyring() -> bool:
    """True inside tests/with-secret-service.sh as started by `python -m bench`."""
    return bool(os.environ.get(THROWAWAY_KEYRING) and os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
