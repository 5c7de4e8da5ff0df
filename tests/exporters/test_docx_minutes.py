"""The Word minutes read back with docx2python and lxml, one audience at a time."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx2python import docx2python
from lxml import etree
from strategy_minutes.desktop.meeting import audiences, disclosure, jsonformat, spec
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.exporters import ooxml, protect
from strategy_minutes.exporters.docx_minutes import bookmark_name, export_meeting, minutes_bytes

from tests.exporters.conftest import package_text, part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
APPROVAL = {
    "name": "Siân Llywelyn",
    "role": "Team manager",
    "fingerprint": "SHA256:ab12cd34",
    "signed_at": datetime(2026, 11, 24, 15, 5, tzinfo=UTC),
}


def text_of(data: bytes) -> str:
    with docx2python(io.BytesIO(data)) as d:
        return d.text


def body(data: bytes) -> etree._Element:
    return etree.fromstring(part(data, "word/document.xml"))


@pytest.fixture(scope="module")
def copies() -> dict[str, bytes]:
    from tests.exporters.conftest import demo_meeting

    m = demo_meeting()
    copies = {a: minutes_bytes(m, a) for a in audiences.AUDIENCES}
    copies["meeting"] = m  # type: ignore[assignment]
    return copies


def test_full_record_holds_every_section_in_order(copies: dict[str, bytes]) -> None:
    text = text_of(copies["full"])
    headings = [
        "Attendance",
        "Reason for the meeting",
        "People and households",
        "Decisions for each child",
        "Plans for children who may harm others",
        "Safety and contact plans for adults",
        "Support",
        "Think Family",
        "Risky adults and information sharing",
        "Outcome",
        "Actions",
        "Findings overridden by the chair",
        "Distribution",
        "Approval",
    ]
    positions = [text.index(f"{n}. {h}") for n, h in enumerate(headings, start=1)]
    assert positions == sorted(positions)
    for expected in (
        "Tuesday 24 November 2026",
        "09:30 to 11:15",
        "Maisie Penrose (aged 10)",
        "Thursday 26 November 2026 at 10:00 to 11:00",
        "Not yet signed (DRAFT)",
        "Callum was spoken to in 2025",
        "Police-sensitive: not for sharing",
        "Initial child protection conference due by",
        "Tuesday 15 December 2026",
        "Wednesday 25 November 2026",
        "Dr Layla Haddad (ليلى حداد)",
        "DC Zofia Wiśniewska",
        "Siân Llywelyn",
    ):
        assert expected in text, expected


def test_headings_use_built_in_styles_so_the_navigation_pane_works(
    copies: dict[str, bytes],
) -> None:
    doc = Document(io.BytesIO(copies["full"]))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    assert doc.paragraphs[0].style.name == "Title"


def test_marking_and_page_numbers_on_every_page(copies: dict[str, bytes]) -> None:
    for audience in audiences.AUDIENCES:
        with docx2python(io.BytesIO(copies[audience])) as d:
            assert "OFFICIAL-SENSITIVE" in str(d.header)
            assert "OFFICIAL-SENSITIVE" in str(d.footer)
        footer = part(copies[audience], "word/footer1.xml").decode()
        assert " PAGE " in footer and " NUMPAGES " in footer


def test_tables_repeat_headers_and_keep_rows_whole(copies: dict[str, bytes]) -> None:
    root = body(copies["full"])
    rows = root.findall(f".//{W}tr")
    assert rows and all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    headers = root.findall(f".//{W}tr/{W}trPr/{W}tblHeader")
    assert len(headers) >= 10
    for table in root.iter(f"{W}tbl"):  # a repeating header is the table's first row
        for n, row in enumerate(table.findall(f"{W}tr")):
            if row.find(f"{W}trPr/{W}tblHeader") is not None:
                assert n == 0


def test_properties_core_and_custom(copies: dict[str, bytes]) -> None:
    m: Meeting = copies["meeting"]  # type: ignore[assignment]
    doc = Document(io.BytesIO(copies["full"]))
    props = doc.core_properties
    assert props.title == "Strategy meeting minutes: DEMO-2026-0147"
    assert "Tuesday 24 November 2026" in props.subject
    assert props.author == "Siân Llywelyn"
    assert props.created.date().isoformat() == "2026-11-24"
    custom = ooxml.read_custom_properties(part(copies["full"], "docProps/custom.xml"))
    assert custom["Case reference"] == "DEMO-2026-0147"
    assert custom["Meeting id"] == m.id
    assert custom["Audience"] == "full"


def test_arabic_is_a_right_to_left_run_with_a_complex_script_font(copies: dict[str, bytes]) -> None:
    root = body(copies["full"])
    rtl_runs = [r for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}rtl") is not None]
    assert any("ليلى" in "".join(r.itertext()) for r in rtl_runs)
    assert all(re.search("[\u0600-\u06ff]", "".join(r.itertext())) for r in rtl_runs)
    styles = part(copies["full"], "word/styles.xml").decode()
    assert 'w:cs="DejaVu Sans"' in styles and 'w:ascii="Carlito"' in styles


def test_the_same_meeting_gives_the_same_text(copies: dict[str, bytes]) -> None:
    m: Meeting = copies["meeting"]  # type: ignore[assignment]
    again = minutes_bytes(m, "full")
    assert part(again, "word/document.xml") == part(copies["full"], "word/document.xml")


def test_attendee_copy_is_the_record_without_the_overridden_findings(
    copies: dict[str, bytes],
) -> None:
    full, attendee = text_of(copies["full"]), text_of(copies["attendee"])
    assert "Findings overridden by the chair" not in attendee
    assert "Callum was spoken to in 2025" in attendee  # restricted items stay for professionals
    assert "via the secure email list" in attendee
    assert "Copy for meeting participants" in attendee and "Full record" in full


def test_parent_copy_withholds_restricted_items_and_says_what_and_why(
    copies: dict[str, bytes],
) -> None:
    m: Meeting = copies["meeting"]  # type: ignore[assignment]
    text = text_of(copies["parent"])
    everything = package_text(copies["parent"])
    gone = disclosure.review(m).withheld_whole()
    kept = [i for kind in m.items for i in m.items_of(kind) if i.id not in gone]
    open_text = " ".join(str(v) for i in kept for v in i.data.values()) + " ".join(
        str(v) for s in m.sections.values() for v in s.values()
    )
    for kind in m.items:
        for item in m.items_of(kind):
            if item.id in gone:
                for value in item.data.values():
                    if isinstance(value, str) and len(value) > 12 and value not in open_text:
                        assert value not in everything, value
    assert "Information withheld from this copy" in text
    assert "Police-sensitive" in text and "Third-party information" in text
    assert "Decisions for each child" in text and "(withheld)" in text
    assert "via the secure email list" not in text
    assert "Findings overridden by the chair" not in text
    assert "Maisie's disclosure was recorded word for word" not in text  # an agency's, by default
    assert "That his sisters are being helped" in text  # what is shared by default stays


def test_review_copy_is_marked_draft_and_every_item_is_bookmarked(copies: dict[str, bytes]) -> None:
    m: Meeting = copies["meeting"]  # type: ignore[assignment]
    text = text_of(copies["review"])
    assert "DRAFT FOR COMMENT" in text
    root = body(copies["review"])
    starts = {b.get(f"{W}name"): b.get(f"{W}id") for b in root.iter(f"{W}bookmarkStart")}
    ends = {b.get(f"{W}id") for b in root.iter(f"{W}bookmarkEnd")}
    printed = [k for k in m.items if spec.kind(k).in_editor]  # disclosure decisions: never
    items: list[Item] = [i for kind in printed for i in m.items_of(kind)]
    assert items
    for item in items:
        name = bookmark_name(item.id)
        assert len(name) == 35 and name in starts, item.kind
        assert starts[name] in ends
    for section in (
        "sm_facts",
        "sm_reason",
        "sm_think_family",
        "sm_grooming",
        "sm_outcome",
        "sm_support",
    ):
        assert section in starts
    assert len(set(starts.values())) == len(starts)
    assert not list(body(copies["full"]).iter(f"{W}bookmarkStart"))


def test_bookmark_wraps_the_item_text(copies: dict[str, bytes]) -> None:
    m: Meeting = copies["meeting"]  # type: ignore[assignment]
    action = m.items_of("actions")[0]
    xml = part(copies["review"], "word/document.xml").decode()
    start = xml.index(f'w:name="{bookmark_name(action.id)}"')
    bid = re.search(r'w:id="(\d+)"', xml[start - 40 : start + 80]).group(1)
    end = xml.index(f'<w:bookmarkEnd w:id="{bid}"/>', start)
    inside = re.sub(r"<[^>]+>", "", xml[start:end])
    assert action["description"] in inside


def test_approval_block_shows_the_signature(meeting: Meeting) -> None:
    data = minutes_bytes(meeting, "full", APPROVAL)
    text = text_of(data)
    assert "Not yet signed" not in text and "DRAFT" not in text
    for expected in (
        "Approved by",
        "Team manager",
        "SHA256:ab12cd34",
        "Tuesday 24 November 2026 at 15:05 (GMT)",
    ):
        assert expected in text


def test_audience_preview_counts_what_each_copy_gets(meeting: Meeting) -> None:
    full = dict((label, (n, w)) for label, n, w in audiences.audience_preview(meeting, "full"))
    parent = dict((label, (n, w)) for label, n, w in audiences.audience_preview(meeting, "parent"))
    assert full["Information shared by agencies"] == (3, 0)
    assert parent["Information shared by agencies"] == (0, 3)
    assert parent["Decisions for each child"] == (1, 2)
    assert parent["Meeting facts"] == (1, 0)
    with pytest.raises(ValueError):
        audiences.audience_preview(meeting, "press")


def test_password_protected_copy_is_encrypted_and_opens_with_the_password(
    meeting: Meeting, tmp_path: Path
) -> None:
    path = export_meeting(meeting, tmp_path / "m.docx", "attendee", password="pa55 wörd")
    data = path.read_bytes()
    assert protect.is_encrypted(data)
    assert b"Penrose" not in data
    plain = protect.decrypt(data, "pa55 wörd")
    assert "Penrose" in text_of(plain)
    with pytest.raises(Exception):  # noqa: B017 - msoffcrypto raises its own InvalidKeyError
        protect.decrypt(data, "wrong")


def test_progress_is_reported_to_the_end(meeting: Meeting, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_meeting(meeting, tmp_path / "m.docx", progress=lambda n, total: seen.append((n, total)))
    assert seen[-1][0] == seen[-1][1] and len(seen) == seen[-1][1]
    assert [p.name for p in tmp_path.iterdir()] == ["m.docx"]


def test_an_empty_meeting_still_exports(tmp_path: Path) -> None:
    data = minutes_bytes(Meeting("00000000-0000-0000-0000-000000000000"), "parent")
    text = text_of(data)
    assert "None in this copy." in text and "Nothing was withheld from this copy." in text


def test_family_map_is_drawn_as_word_shapes_with_the_words_as_text(
    copies: dict[str, bytes],
) -> None:
    meeting: Meeting = copies["meeting"]  # type: ignore[assignment]
    for audience in (audiences.FULL, audiences.PARENT):
        xml = body(copies[audience])
        groups = xml.findall(f".//{WPG}wgp")
        assert len(groups) == 1
        assert "media/image" not in part(copies[audience], "word/_rels/document.xml.rels").decode()
        boxes = ["".join(t.itertext()) for t in groups[0].iter(f"{W}txbxContent")]
        for p in audiences.view(meeting, audience).meeting.items_of("people"):
            assert p["name"] in boxes, (audience, p["name"])
        assert "Key" in boxes and "Family map" in package_text(copies[audience])
    full = body(copies[audiences.FULL]).find(f".//{WPG}wgp")
    assert full is not None
    words = ["".join(t.itertext()) for t in full.iter(f"{W}txbxContent")]
    assert "Registered sex offender" in words and "Alleged perpetrator (child)" in words
    colours = {c.get("val") for c in full.iter(f"{A}srgbClr")}
    assert {"B00020", "6A1B9A", "44515F"} <= colours  # sex offender, perpetrator, lines
    lines = [g for g in full.iter(f"{A}custGeom") if g.find(f".//{A}path").get("fill") == "none"]
    assert len(lines) == 8  # one per relationship


def test_the_map_is_drawn_without_qt_and_the_same_every_time(
    meeting: Meeting, tmp_path: Path
) -> None:
    saved = tmp_path / "meeting.json"
    saved.write_text(jsonformat.dumps(meeting), encoding="utf-8")
    script = (
        "import hashlib, io, os, sys, zipfile\n"
        "from strategy_minutes.desktop.meeting import jsonformat\n"
        "from strategy_minutes.exporters.docx_minutes import minutes_bytes\n"
        "before = dict(os.environ)\n"
        "m = jsonformat.loads(open(sys.argv[1], encoding='utf-8').read())\n"
        "data = minutes_bytes(m, 'full')\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
        "assert dict(os.environ) == before, 'the environment was changed'\n"
        "body = zipfile.ZipFile(io.BytesIO(data)).read('word/document.xml')\n"
        "print(hashlib.sha256(body).hexdigest())\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DISPLAY", "WAYLAND"))}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(saved)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert runs[0].stdout == runs[1].stdout


def test_signing_time_reads_as_uk_clock_time(meeting: Meeting) -> None:
    summer = dict(APPROVAL, signed_at="2026-07-01T12:00:00+00:00")
    assert "Wednesday 1 July 2026 at 13:00 (BST)" in text_of(minutes_bytes(meeting, "full", summer))


def test_control_characters_pasted_into_a_field_do_not_break_the_export(meeting: Meeting) -> None:
    meeting.facts["reason"] = "Pasted\x0bfrom\x00 a form\tand\x1f more"
    assert "Pastedfrom a form\tand more" in text_of(minutes_bytes(meeting, "full"))


def test_overridden_findings_show_the_rule_sentence_and_the_reason(meeting: Meeting) -> None:
    meeting.section("think_family")["neglect"] = None
    meeting.items["overrides"] = [
        Item(
            "o1",
            "overrides",
            {
                "rule": "think-family-not-considered",
                "target": "",
                "reason": "Neglect to be considered at the review meeting.",
            },
        )
    ]
    meeting.__post_init__()
    full = text_of(minutes_bytes(meeting, "full"))
    assert "Think Family: say whether neglect was considered." in full
    assert "Think Family not considered" in full  # the rule's title, never its code
    assert "think-family-not-considered" not in full
    assert "Neglect to be considered at the review meeting." in full
    assert "Neglect to be considered" not in text_of(minutes_bytes(meeting, "attendee"))
