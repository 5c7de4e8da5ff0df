"""Killing an export at any moment leaves no plaintext outside the file asked for.

`strategy-minutes export` runs in a child process with TMPDIR (and TMP, TEMP) pointed at a
folder of the test's own, and is killed with SIGKILL at random moments, again and again, some
while it is still starting. Afterwards that folder and the destination folder are searched for
every name in the demo meeting, in UTF-8 and in UTF-16 (both byte orders), in every file and
inside every zip entry of every file that is a zip.

- The system temp folder must hold nothing that names anyone, ever.
- With a password, the destination must hold nothing that names anyone either: the copy is
  encrypted before it touches the disk.
- Without one, names may be only in the file asked for or in the temporary file beside it
  that a kill cut short; the next export to that name removes such a leftover.

The kill delays follow EXPORT_KILL_SEED (default below), printed with every failure.
"""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from strategy_minutes.desktop.meeting.demo import demo_json

from tests.conftest import cli_env

KILLS = 10
SEED = int(os.environ.get("EXPORT_KILL_SEED", "20261202"))
PASSWORD = "Tr0ub4dor&3-kill"


def demo_names() -> list[str]:
    demo = demo_json()
    return sorted(
        {
            demo["facts"]["case_reference"],
            *(p["name"] for p in demo["people"] if p.get("name")),
            *(a["name"] for a in demo["attendees"] if a.get("name")),
        }
    )


def _blobs(path: Path) -> list[tuple[str, bytes]]:
    """The file's bytes, and the unpacked bytes of each entry when it is a zip."""
    data = path.read_bytes()
    found = [(path.name, data)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                try:
                    found.append((f"{path.name}!{info.filename}", z.read(info)))
                except (zipfile.BadZipFile, EOFError, OSError):
                    continue
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        pass
    return found


def names_in(folder: Path, names: list[str]) -> dict[str, list[str]]:
    """File -> the names it shows (as UTF-8 or UTF-16), for every file under `folder`."""
    out: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for where, blob in _blobs(path):
            hits = [
                n
                for n in names
                for enc in ("utf-8", "utf-16-le", "utf-16-be")
                if n.encode(enc) in blob
            ]
            if hits:
                out.setdefault(str(path.relative_to(folder)), []).extend(
                    f"{n} ({where})" for n in hits
                )
    return out


def _first_file(child: subprocess.Popen[bytes], folders: tuple[Path, ...], limit: float) -> float:
    """Seconds until a file not there before appears in any of `folders` (or the child ends)."""
    before = {p for f in folders for p in f.rglob("*") if p.is_file()}
    started = time.monotonic()
    while time.monotonic() - started < limit and child.poll() is None:
        if any(p not in before for f in folders for p in f.rglob("*") if p.is_file()):
            break
        time.sleep(0.002)
    return time.monotonic() - started


@pytest.fixture
def demo_store(cli, data_dir: Path) -> str:
    done = cli("demo")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("audience", "password"),
    [
        pytest.param("full", False, id="full"),
        pytest.param("full", True, id="full-password"),
        pytest.param("review", False, id="review"),
    ],
)
def test_killed_exports_leave_no_plaintext_outside_the_file_asked_for(
    data_dir: Path, tmp_path: Path, demo_store: str, audience: str, password: bool
) -> None:
    system_temp = tmp_path / "system-temp"
    dest = tmp_path / "out"
    system_temp.mkdir()
    dest.mkdir()
    out = dest / "minutes.docx"
    env = {**cli_env(), "TMPDIR": str(system_temp), "TMP": str(system_temp)}
    env["TEMP"] = str(system_temp)
    args = ["export", demo_store, "--out", str(out), "--audience", audience]
    if password:
        env["EXPORT_PASSWORD"] = PASSWORD
        args += ["--password-env", "EXPORT_PASSWORD"]
    argv = [sys.executable, "-m", "strategy_minutes", "--data-dir", str(data_dir), *args]
    names = demo_names()
    rng = random.Random(f"{SEED}-{audience}-{password}")
    started = time.monotonic()
    whole = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)

    took = time.monotonic() - started  # on this machine, now: the kills spread over it
    assert whole.returncode == 0, whole.stderr
    out.unlink()
    finished = 0
    for kill in range(KILLS):
        child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if kill % 2:  # at a random moment: a few while it starts, most while the copy is made
            delay = took * (rng.uniform(0.02, 0.5) if kill % 4 == 1 else rng.uniform(0.5, 1.0))
            time.sleep(delay)
        else:  # as a file appears in either folder: the moment a leak would be on disk
            delay = _first_file(child, (system_temp, dest), took * 3)
            time.sleep(rng.uniform(0, 0.1))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        else:
            finished += 1
        child.wait(timeout=60)
        context = f"seed {SEED}, kill {kill} after {delay:.2f}s of {took:.2f}s"
        assert names_in(system_temp, names) == {}, context
        leaked = names_in(dest, names)
        if password:
            assert leaked == {}, context
        else:
            assert all(
                f == out.name or (f.startswith(f".{out.name}.") and f.endswith(".tmp"))
                for f in leaked
            ), f"{context}: {sorted(leaked)}"
    assert finished < KILLS, "no export was ever killed: the delays are too long"

    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in dest.iterdir()) == [out.name]  # leftovers cleared
    assert names_in(system_temp, names) == {}
    assert bool(names_in(dest, names)) is not password
