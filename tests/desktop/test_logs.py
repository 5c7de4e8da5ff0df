"""The log file sits outside the encrypted store, so it must never hold case content."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from strategy_minutes.desktop import logs
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.model import Meeting

from strategy_minutes import __main__ as entry


def _demo_words() -> set[str]:
    """Every name, place and free text of the demo meeting, as a reader would spot them."""
    data = demo_json()
    words: set[str] = set()
    for value in _strings(data):
        words.update(w for w in value.replace(",", " ").split() if len(w) >= 5 and w[0].isupper())
    words.add(data["facts"]["case_reference"])
    return words - {"Strategy", "Minutes", "Police", "Health", "Education", "Children's"}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _log_text(data_dir: Path) -> str:
    folder = data_dir / logs.FOLDER
    return "".join(p.read_text("utf-8") for p in sorted(folder.glob("*")))


def test_every_command_on_the_demo_leaves_no_case_content_in_the_log(
    cli, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    meeting_id = cli("demo").stdout.strip()
    runs = [
        ("list",),
        ("show", meeting_id, "--json"),
        ("check", meeting_id),
        *[
            ("export", meeting_id, "--audience", a, "--out", str(tmp_path / f"{a}.docx"))
            for a in ("full", "attendee", "parent", "review")
        ],
        ("calendar", meeting_id, "--out", str(tmp_path / "plan.ics")),
        ("sign", meeting_id),
        ("export", meeting_id, "--out", str(tmp_path / "signed.docx")),
        ("verify", str(tmp_path / "signed.docx")),
        ("audit", meeting_id, "--verify"),
        ("show", "no-such-meeting", "--json"),
    ]
    for args in runs:
        cli(*args)
    text = _log_text(data_dir)
    assert "command export started" in text and "command sign ended" in text
    found = sorted(w for w in _demo_words() if w in text)
    assert not found, f"case content in the log: {found}"


def test_an_exception_is_logged_by_type_and_place_never_by_its_message(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = logs.start(data_dir)
    assert path is not None
    try:
        raise ValueError("Siân Llywelyn typed this")
    except ValueError as exc:
        logging.getLogger("strategy_minutes.test").error("it failed", exc_info=exc)
    text = path.read_text("utf-8")
    assert "builtins.ValueError" in text and "test_logs.py" in text
    assert "Siân" not in text and "typed this" not in text
    assert path.stat().st_mode & 0o077 == 0


def test_no_log_is_made_where_there_is_no_data_folder(tmp_path: Path) -> None:
    assert logs.start(tmp_path / "not-made") is None
    assert not (tmp_path / "not-made").exists()


def test_an_unexpected_problem_names_the_log_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    from strategy_minutes.desktop.meeting import demo

    def broken(today: object = None) -> Meeting:
        raise RuntimeError("Penrose")

    monkeypatch.setattr(demo, "demo_json", broken)
    monkeypatch.setattr("strategy_minutes.desktop.services.demo_json", broken)
    monkeypatch.setenv("STRATEGY_MINUTES_PASSPHRASE", "fictional passphrase for tests")
    assert entry.main(["--data-dir", str(data_dir), "demo"]) == 2
    said = capsys.readouterr().err
    assert "unexpected problem (RuntimeError)" in said
    assert str(logs.log_file(data_dir)) in said
    text = logs.log_file(data_dir).read_text("utf-8")
    assert "Penrose" not in text, text
