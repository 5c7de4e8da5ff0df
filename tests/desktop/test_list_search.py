"""`list --search` matches as the search box does; reading commands load only what they use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_env


def test_list_search_finds_a_name_typed_without_accents_right_after_the_edit(
    cli, tmp_path: Path
) -> None:
    made = cli("demo")
    assert made.returncode == 0, made.stderr
    demo = made.stdout.strip()
    meeting = json.loads(cli("show", demo, "--json").stdout)
    meeting["people"][0]["name"] = "Łukasz Wiśniewski"  # the edit that added the name
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(meeting, ensure_ascii=False), "utf-8")
    edited = cli("import", str(path)).stdout.strip()

    def found(*args: str) -> list[str]:
        result = cli("list", *args, "--json")
        assert result.returncode == 0, result.stderr
        return [r["id"] for r in json.loads(result.stdout)]

    assert found("--search", "Lukasz") == [edited]
    assert found("--search", "SIAN LLYWELYN") == sorted([demo, edited], key=found().index)
    assert found("--search", "Siobhan") == []
    plain = cli("list", "--search", "lukasz")
    assert plain.stdout.startswith(edited) and plain.returncode == 0
    nothing = cli("list", "--search", "Siobhan")
    assert nothing.returncode == 0 and "No meeting matches" in nothing.stderr


HEAVY = (
    "docx",
    "lxml",
    "PySide6",
    "strategy_minutes.desktop.signoff",
    "strategy_minutes.storage.signatures",
    "strategy_minutes.exporters",
    "cryptography.hazmat.primitives.asymmetric.ed25519",
)
PROBE = """
import sys
from strategy_minutes.desktop import cli
code = cli.main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.startswith({heavy!r}))
print(f"{{code}}|{{','.join(heavy)}}")
"""


@pytest.mark.parametrize("command", ["check FILE", "list", "list --json", "show ID"])
def test_reading_commands_load_no_word_qt_or_signing(
    cli, command: str, data_dir: Path, tmp_path: Path
) -> None:
    meeting_id = cli("demo").stdout.strip()
    shown = tmp_path / "meeting.json"
    shown.write_text(cli("show", meeting_id, "--json").stdout, "utf-8")
    argv = command.replace("FILE", str(shown)).replace("ID", meeting_id).split()
    probe = PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(data_dir), *argv],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        timeout=60,
    )
    code, loaded = done.stdout.strip().splitlines()[-1].split("|")
    assert code in ("0", "1"), done.stderr  # check exits 1 while a blocker stands
    assert loaded == "", f"{command} imported {loaded}"
