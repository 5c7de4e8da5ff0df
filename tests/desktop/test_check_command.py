"""`strategy-minutes check`: findings for a stored meeting or a file, and its exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.meeting.demo import demo_json


def write(tmp_path: Path, data: dict[str, Any], name: str = "meeting.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def with_gaps() -> dict[str, Any]:
    """The demo with one blocker standing, one overridden, and one warning."""
    data = demo_json(date.today())
    data["outcome"]["review_date"] = None
    data["people"][2]["school_holiday_contact"] = None  # Lily: a warning
    for a in data["attendees"]:
        if a["agency"] == "education":
            a["status"] = "absent"
    data["overrides"].append(
        {
            "id": "o-1",
            "rule": "core-agency-missing",
            "target": "",
            "reason": "School closed for the holiday; the DSL was phoned.",
        }
    )
    return data


def test_a_complete_file_passes_without_touching_the_store(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    done = cli("check", str(write(tmp_path, demo_json(date.today()))))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 blockers, 0 warnings, 0 overridden: nothing blocks signing."
    assert not data_dir.exists()  # not imported, and no store was opened or created


def test_a_file_with_a_blocker_exits_1_and_names_it(cli, data_dir: Path, tmp_path: Path) -> None:
    done = cli("check", str(write(tmp_path, with_gaps())))
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("BLOCKER Review date missing: Set the date of the review")
    assert lines[1] == (
        "BLOCKER Core agency missing: Education is not involved: invite the "
        "children's school or setting. [overridden: School closed for the "
        "holiday; the DSL was phoned.]"
    )
    assert lines[2].startswith("WARNING School holiday contact missing: ")
    assert "Lily Penrose" in lines[2]
    assert lines[-1] == "1 blocker, 1 warning, 1 overridden: the minutes cannot be signed yet."
    assert not data_dir.exists()


def test_json_output_keeps_the_file_ids(cli, tmp_path: Path) -> None:
    data = with_gaps()
    data["outcome"]["review_date"] = "2030-01-01"  # only the overridden blocker and a warning
    done = cli("check", str(write(tmp_path, data)), "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [f["rule"] for f in found] == ["core-agency-missing", "school-holiday-contact-missing"]
    assert found[1] == {
        "rule": "school-holiday-contact-missing",
        "severity": "warning",
        "message": found[1]["message"],
        "kind": "people",
        "item_id": "p-lily",
        "field": "school_holiday_contact",
        "overridden": False,
        "override_reason": "",
        "target": "p-lily",
    }
    assert found[0]["overridden"] is True and found[0]["severity"] == "blocker"
    assert found[0]["override_reason"].startswith("School closed")
    assert found[0]["target"] == "education" and found[0]["item_id"] == ""


def test_unreadable_files_exit_2_with_one_sentence(cli, data_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "strategy-minutes/1",', "utf-8")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"facts": {"chair": "Siân"}}'.encode("latin-1"))
    wrong = write(tmp_path, {**demo_json(date.today()), "status": "finished"}, "wrong.json")
    for path, says in (
        (broken, "not valid JSON"),
        (latin, "is not UTF-8 text"),
        (wrong, "status"),
        (tmp_path / "missing.json", "There is no file"),
    ):
        done = cli("check", str(path))
        assert done.returncode == 2, (path, done.stdout)
        assert says in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""
    assert not data_dir.exists()


def test_stored_meetings_by_id_or_prefix(cli, tmp_path: Path) -> None:
    demo = cli("demo")
    assert demo.returncode == 0, demo.stderr
    clean_id = demo.stdout.strip()
    gaps = with_gaps()  # and an overridden item-level blocker, whose target must follow import
    next(d for d in gaps["decisions"] if d["id"] == "d-p-maisie")["medical_consent"] = None
    gaps["overrides"].append(
        {
            "id": "o-2",
            "rule": "medical-consent-missing",
            "target": "d-p-maisie",
            "reason": "Court order sought today.",
        }
    )
    imported = cli("import", str(write(tmp_path, gaps)))
    assert imported.returncode == 0, imported.stderr
    gaps_id = imported.stdout.strip()

    done = cli("check", clean_id[:8])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("nothing blocks signing.")
    done = cli("check", gaps_id, "--json")
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    assert [f["rule"] for f in found if not f["overridden"] and f["severity"] == "blocker"] == [
        "review-date-missing"
    ]
    assert {f["rule"] for f in found if f["overridden"]} == {
        "core-agency-missing",
        "medical-consent-missing",
    }
    done = cli("check", "no-such-meeting")
    assert done.returncode == 2 and "no-such-meeting" in done.stderr
