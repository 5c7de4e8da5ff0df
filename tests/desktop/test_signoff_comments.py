"""Comments made in Word (python-docx) and LibreOffice come back onto the right items."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import comments, document, lifecycle
from strategy_minutes.exporters.docx_minutes import export_meeting
from strategy_minutes.storage import signatures

from strategy_minutes.__main__ import main


def _paragraphs(doc) -> Iterator:  # type: ignore[no-untyped-def]
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(doc, words: str):  # type: ignore[no-untyped-def]
    return next(p for p in _paragraphs(doc) if words in p.text and p.runs)


@pytest.fixture
def review(service: MeetingService, tmp_path: Path) -> tuple[str, Path]:
    meeting_id = service.add_demo(date.today())
    path = tmp_path / "review.docx"
    export_meeting(service.get(meeting_id), path, "review")
    assert "review copy" in document.attach_signature(service, meeting_id, path, "review")
    return meeting_id, path


def _attendee(service: MeetingService, meeting_id: str, name: str) -> str:
    return next(a.id for a in service.get(meeting_id).items_of("attendees") if a["name"] == name)


def _commented(path: Path, out: Path, notes: list[tuple[str, str, str]]) -> Path:
    """A returned copy: (words to comment on, comment, author), as python-docx makes them."""
    doc = docx.Document(str(path))
    for words, note, author in notes:
        doc.add_comment(_find(doc, words).runs, text=note, author=author, initials="X")
    doc.save(str(out))
    return out


def test_comments_attach_to_their_items(
    service: MeetingService, review: tuple[str, Path], tmp_path: Path
) -> None:
    meeting_id, path = review
    returned = _commented(
        path,
        tmp_path / "back.docx",
        [
            ("Northfield Public Protection Unit", "Team name is wrong.", "DC Zofia Wiśniewska"),
            ("Strategy meeting minutes", "Title fine.", "Hannah Reid"),
        ],
    )
    meeting = service.get(meeting_id)
    assert comments.import_file(service.store, meeting, returned) == (2, 0)
    rows = {r["text"]: r for r in comments.listing(service.store, meeting)}
    police = rows["Team name is wrong."]
    assert police["kind"] == "attendees"
    assert police["item_id"] == _attendee(service, meeting_id, "DC Zofia Wiśniewska")
    assert police["author"] == "DC Zofia Wiśniewska" and police["made_at"]
    assert "Northfield Public Protection Unit" in police["quoted"]
    assert police["where"] == "Attendance: DC Zofia Wiśniewska"
    assert rows["Title fine."]["item_id"] == ""  # before the first item: the meeting itself
    assert comments.import_file(service.store, meeting, returned) == (0, 2)


def test_open_comments_block_signing_until_resolved(
    service: MeetingService, review: tuple[str, Path], tmp_path: Path
) -> None:
    meeting_id, path = review
    returned = _commented(
        path,
        tmp_path / "back.docx",
        [("Northfield Public Protection Unit", "Team name is wrong.", "DC Zofia Wiśniewska")],
    )
    comments.import_file(service.store, service.get(meeting_id), returned)
    assert lifecycle.status(service.store, meeting_id) == "review"
    with pytest.raises(lifecycle.SignRefused):
        lifecycle.sign(service.store, service.get(meeting_id))
    comment_id = signatures.comments(service.store.db, meeting_id)[0]["id"]
    with pytest.raises(comments.CommentProblem, match="Say why"):
        comments.resolve(service.store, meeting_id, comment_id, comments.DECLINED, "")
    with pytest.raises(comments.CommentProblem, match="no comment"):
        comments.resolve(service.store, meeting_id, "nope", comments.ACCEPTED, "")
    comments.resolve(
        service.store,
        meeting_id,
        comment_id,
        comments.DECLINED,
        "The unit's name is right; checked with the police.",
    )
    assert lifecycle.sign(service.store, service.get(meeting_id)).version == 1


def _edited(path: Path, out: Path) -> Path:
    doc = docx.Document(str(path))
    _find(doc, "Northfield Public Protection Unit").runs[0].text = "Someone else"
    doc.save(str(out))
    return out


def _truncated(path: Path, out: Path) -> Path:
    out.write_bytes(path.read_bytes()[:5000])
    return out


def _plain(path: Path, out: Path) -> Path:
    docx.Document().save(str(out))
    return out


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_edited, "was changed, not only commented on"),
        (_truncated, "not a Word document, or it is damaged"),
        (_plain, "carries no review-copy mark"),
    ],
)
def test_bad_returns_import_nothing(
    service: MeetingService, review: tuple[str, Path], tmp_path: Path, make, said: str
) -> None:  # type: ignore[no-untyped-def]
    meeting_id, path = review
    commented = _commented(path, tmp_path / "c.docx", [("Strategy meeting minutes", "x", "Y")])
    bad = make(commented, tmp_path / "bad.docx")
    with pytest.raises(comments.CommentProblem, match=said):
        comments.import_file(service.store, service.get(meeting_id), bad)
    assert signatures.comments(service.store.db, meeting_id) == []


def test_copy_of_another_meeting_is_refused(
    service: MeetingService, review: tuple[str, Path], tmp_path: Path
) -> None:
    meeting_id, path = review
    other = service.add_demo(date.today())
    with pytest.raises(comments.CommentProblem, match="another meeting"):
        comments.import_file(service.store, service.get(other), path)


def test_command_imports_many_and_lists(
    service: MeetingService,
    review: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting_id, path = review
    one = _commented(
        path,
        tmp_path / "one.docx",
        [("Northfield Public Protection Unit", "Team name is wrong.", "DC Zofia Wiśniewska")],
    )
    two = _commented(path, tmp_path / "two.docx", [("Strategy meeting minutes", "Ok.", "HR")])
    bad = _edited(path, tmp_path / "bad.docx")
    folder = service.store.folder
    service.store.close()
    args = ["--data-dir", str(folder), "comments"]
    assert main([*args, "import", meeting_id, str(one), str(bad), str(two)]) == 2
    out = capsys.readouterr()
    assert "one.docx: 1 comment(s) imported" in out.out and "two.docx: 1" in out.out
    assert "bad.docx was changed" in out.err.replace("The text of ", "")
    assert main([*args, "list", meeting_id, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 2 and all(c["resolution"] == "" for c in listed)
    cid = listed[0]["id"]
    assert main([*args, "resolve", meeting_id, cid, "--accepted"]) == 0
    assert main([*args, "list", meeting_id]) == 0
    text = capsys.readouterr().out
    assert "(accepted)" in text and "(OPEN)" in text


FODT_ANNOTATION = (
    "<office:annotation><dc:creator>Dr Layla Haddad</dc:creator>"
    "<dc:date>2026-11-24T10:00:00</dc:date><text:p>Add the GP.</text:p>"
    "</office:annotation>"
)


def test_libreoffice_comments_round_trip(
    service: MeetingService, review: tuple[str, Path], tmp_path: Path
) -> None:
    """An attendee comments in LibreOffice: the review copy goes through ODF and back."""
    meeting_id, path = review
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"

    def convert(source: Path, to: str, out: Path) -> Path:
        subprocess.run(
            [
                "soffice",
                profile,
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return out / (source.stem + "." + to.split(":")[0])

    fodt = convert(path, "fodt", tmp_path / "odf")
    xml = fodt.read_text("utf-8")
    at = xml.index("Northfield Public Protection Unit")
    start = xml.rindex("<text:p", 0, at)
    open_end = xml.index(">", start) + 1
    fodt.write_text(xml[:open_end] + FODT_ANNOTATION + xml[open_end:], "utf-8")
    back = convert(fodt, "docx:MS Word 2007 XML", tmp_path / "back")
    with zipfile.ZipFile(back) as z:
        assert re.search(rb"commentReference|commentRangeStart", z.read("word/document.xml"))
    meeting = service.get(meeting_id)
    assert comments.import_file(service.store, meeting, back) == (1, 0)
    [row] = comments.listing(service.store, meeting)
    assert row["author"] == "Dr Layla Haddad" and row["text"] == "Add the GP."
    assert row["item_id"] == _attendee(service, meeting_id, "DC Zofia Wiśniewska")


def test_a_comment_on_any_item_lands_on_that_item(
    service: MeetingService, review: tuple[str, Path], tmp_path: Path
) -> None:
    from docx.oxml.ns import qn
    from strategy_minutes.desktop.meeting import spec
    from strategy_minutes.exporters.docx_minutes import bookmark_name

    meeting_id, path = review
    meeting = service.get(meeting_id)
    doc = docx.Document(str(path))
    starts = {
        b.get(qn("w:name")): p for p in _paragraphs(doc) for b in p._p.iter(qn("w:bookmarkStart"))
    }
    expected = {}
    for k in spec.LISTS:
        if not k.in_editor:  # the chair's disclosure decisions are never printed
            continue
        for item in meeting.items_of(k.name):
            paragraph = starts[bookmark_name(item.id)]  # every item is anchored
            if paragraph.runs:
                doc.add_comment(paragraph.runs, text=f"on {item.id}", author="T")
                expected[f"on {item.id}"] = (k.name, item.id)
    doc.save(str(tmp_path / "all.docx"))
    comments.import_file(service.store, meeting, tmp_path / "all.docx")
    got = {r["text"]: (r["kind"], r["item_id"]) for r in comments.listing(service.store, meeting)}
    assert len(expected) > 30 and got == expected
