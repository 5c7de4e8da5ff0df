"""The minutes as a Word document: a pure function of a meeting, an audience and an approval.

The same meeting, audience and approval always give the same visible text, so a signature
over the record can later be checked against the document. Nothing here reads the clock.

For callers: `export_meeting(meeting, path, audience, password=None, approval=None,
progress=None)` writes one copy (temporary name, then rename); `minutes_document` gives the
python-docx Document to sign or inspect. `desktop.meeting.audiences` has AUDIENCES, LABELS and
`audience_preview` for an export dialog. From the GUI, run exports in a QThread or
QThreadPool worker (not a bare Python thread: the family map is a Qt graphics scene, which
needs a Qt thread); `progress(done, total)` is called on that worker thread.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from strategy_minutes.desktop.meeting import audiences, clocks, family_layout, rules, spec
from strategy_minutes.desktop.meeting.audiences import View
from strategy_minutes.desktop.meeting.fieldtypes import Date, DateTime, Ref, Refs, YesNo
from strategy_minutes.desktop.meeting.model import CORE_AGENCIES, Item, Meeting, restriction
from strategy_minutes.desktop.meeting.records import (
    Action,
    AttendanceStatus,
    AttendedBy,
    Attendee,
    InformationItem,
    MappaCategory,
    Override,
    Person,
    PersonCategory,
)
from strategy_minutes.desktop.meeting.wording import (
    NOT_ANSWERED,
    XML_UNSAFE,
    age_on,
    long_date,
    long_datetime,
    script_runs,
    time_range,
    when_signed,
    yes_no,
)
from strategy_minutes.exporters import ooxml
from strategy_minutes.exporters.family_map_drawing import add_family_map
from strategy_minutes.storage.atomic_file import write_atomic

MARKING = "OFFICIAL-SENSITIVE"
LATIN_FONT = "Carlito"  # metric-compatible with Calibri; installed with LibreOffice
SCRIPT_FONT = "DejaVu Sans"  # Arabic, Hebrew, Cyrillic, Greek: the complex-script font
ACCENT = RGBColor(0x1F, 0x38, 0x64)
DRAFT_RED = RGBColor(0xB0, 0x1E, 0x1E)
HEADER_FILL = "D9E2F3"
LABEL_FILL = "F2F2F2"
TEXT_WIDTH = Cm(17)  # A4 less 2 cm margins
AGENCY = dict(spec.AGENCIES.options)

Progress = Callable[[int, int], None]
APPROVAL_FIELDS = (
    "name",
    "role",
    "signed_at",
    "fingerprint",
    "version",
    "addendum_reason",
)


def bookmark_name(item_id: str) -> str:
    """`sm_` + the id's letters and digits: 35 characters for a uuid, within Word's 40."""
    return ("sm_" + re.sub(r"[^0-9A-Za-z]", "", item_id))[: ooxml.BOOKMARK_NAME_LIMIT]


def approval_fields(approval: Any) -> dict[str, Any] | None:
    """The approval as a dict: given as one, or as an object with the same attribute names."""
    if approval is None or isinstance(approval, dict):
        return approval
    return {k: getattr(approval, k, None) for k in APPROVAL_FIELDS}


def _created(meeting: Meeting, approval: dict[str, Any] | None) -> datetime:
    """A fixed 'created' property: the signing time, else the meeting's own date."""
    if approval and approval.get("signed_at"):
        try:
            return datetime.fromisoformat(str(approval["signed_at"]))
        except ValueError:
            pass
    try:
        return datetime.combine(date.fromisoformat(meeting.facts["date"] or ""), time(9))
    except ValueError:
        return datetime(2000, 1, 1)


# Fields the full minutes do not print, each with why. Every other field of the spec reaches
# the full record (a test fills every field and reads the document back).
LEFT_OUT: dict[tuple[str, str], str] = {
    ("overrides", "target"): "the id of the item a finding points to; the minutes name the "
    "finding and the person instead",
    ("facts", "nation"): "it chooses the bank holidays for working-day deadlines; the minutes "
    "give the deadlines themselves",
    ("facts", "reviews"): "the id of the meeting reviewed, which links the two in the store; "
    "the minutes name that meeting by its case reference and date",
    ("actions", "origin_meeting"): "the id of the meeting that first agreed a carried action; "
    "the progress table gives that meeting's date",
    ("actions", "carried_action"): "the id of the action a carried one continues, which links "
    "the two in the store; the progress table says what became of it",
    **{
        ("disclosure", f.name): "the chair's disclosure decisions shape the copy for a parent "
        "(and are signed with the record); no copy prints them"
        for f in spec.DISCLOSURE_DECISIONS.fields
    },
}


class _Writer:
    """Writes one copy of the minutes into a python-docx Document."""

    def __init__(self, view: View, approval: Any) -> None:
        self.v = view
        self.m = view.meeting
        self.approval = approval_fields(approval)
        self.doc: Document = docx.Document()
        self.bookmarks = 0
        self.section_number = 0

    # -- text ------------------------------------------------------------------------------
    def write(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        color: RGBColor | None = None,
    ) -> None:
        """Text in runs split by direction, so Arabic or Hebrew is shaped right-to-left."""
        for piece, rtl in script_runs(XML_UNSAFE.sub("", text)):
            r = paragraph._p.add_r()
            r.add_t(piece)  # the text as one w:t: lines were split into paragraphs already
            run = Run(r, paragraph)
            if bold:
                run.bold = True
                ooxml.complex_script_bold(r.rPr)
            if italic:
                run.italic = True
            if size:
                run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = color
            if rtl:
                ooxml.mark_rtl(run)

    def para(self, text: str = "", style: str | None = None, **kw: Any) -> Paragraph:
        p = self.doc.add_paragraph()
        if style:  # by style id: python-docx's lookup by name scans every style each time
            p._p.get_or_add_pPr().style = style.replace(" ", "")
        if text:
            self.write(p, text, **kw)
        return p

    def intro(self, text: str) -> Paragraph:
        """A sentence that introduces the table below it, kept on the same page."""
        p = self.para(text)
        p.paragraph_format.keep_with_next = True
        return p

    @property
    def nothing(self) -> str:
        """What an empty section says: in a parent's copy, where a section may be empty because
        its items were withheld, a sentence that is true either way and gives nothing away."""
        return "None in this copy." if self.v.audience == audiences.PARENT else "None recorded."

    def note(self, text: str) -> Paragraph:
        return self.para(text, italic=True, color=RGBColor(0x59, 0x59, 0x59))

    def heading(self, text: str, level: int = 1) -> Paragraph:
        if level == 1:
            self.section_number += 1
            text = f"{self.section_number}. {text}"
        return self.para(text, style=f"Heading {level}")

    def fill(self, cell_paragraphs: Paragraph, cell: Any, text: str, **kw: Any) -> None:
        lines = [line for line in str(text).split("\n") if line.strip()] or [""]
        self.write(cell_paragraphs, lines[0], **kw)
        for line in lines[1:]:
            self.write(cell.add_paragraph(), line, **kw)

    # -- anchors ---------------------------------------------------------------------------
    def anchor(self, name: str, first: Paragraph, last: Paragraph) -> None:
        """A bookmark returned comments attach to: only the review copy carries them."""
        if self.v.is_draft_for_comment:
            self.bookmarks += 1
            ooxml.bookmark(first, last, name, self.bookmarks)

    def anchor_row(self, item: Item[Any] | None, row: _Row) -> None:
        if item is not None:
            cells = row.cells
            self.anchor(bookmark_name(item.id), cells[0].paragraphs[0], cells[-1].paragraphs[-1])

    # -- tables ----------------------------------------------------------------------------
    def table(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        rows: Iterable[tuple[Item[Any] | None, Sequence[str]]],
        anchored: bool = True,
    ) -> Table | None:
        """A grid with a repeating header row; each row an item, kept whole on one page.

        `anchored` is False where the items were already shown (and bookmarked) elsewhere.
        """
        rows = list(rows)
        if not rows:
            self.note(self.nothing)
            return None
        t: Table = self.doc.add_table(rows=0, cols=len(headers))
        t._tbl.tblPr.style = "TableGrid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.fixed_layout(t, [Cm(w) for w in widths])
        head = ooxml.add_row(t)
        ooxml.row_properties(head, header=True)
        for cell, text in zip(head.cells, headers, strict=True):
            ooxml.shade(cell._tc, HEADER_FILL)
            self.write(cell.paragraphs[0], text, bold=True)
        for item, values in rows:
            self._row(t, item, values, anchored)
        self.doc.add_paragraph()
        return t

    def _row(self, t: Table, item: Item[Any] | None, values: Sequence[str], anchored: bool) -> _Row:
        row = ooxml.add_row(t)
        ooxml.row_properties(row)
        cells = row.cells
        for cell, text in zip(cells, values, strict=True):
            self.fill(cell.paragraphs[0], cell, text)
        if item is not None and self.restriction(item):
            self.write(
                cells[0].add_paragraph(),
                self.restriction(item),
                italic=True,
                size=8,
                color=DRAFT_RED,
            )
        if anchored:
            self.anchor_row(item, row)
        return row

    def grid(
        self, rows: Sequence[tuple[str, str]], anchor: str | None = None, restriction: str = ""
    ) -> Table:
        """Question and answer, two columns: the heading block and the per-child grids."""
        t: Table = self.doc.add_table(rows=0, cols=2)
        t._tbl.tblPr.style = "TableGrid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.fixed_layout(t, [Cm(5.2), Cm(11.8)])
        for label, value in rows:
            row = ooxml.add_row(t)
            ooxml.row_properties(row)
            label_cell, value_cell = row.cells
            ooxml.shade(label_cell._tc, LABEL_FILL)
            self.write(label_cell.paragraphs[0], label, bold=True)
            self.fill(value_cell.paragraphs[0], value_cell, value or "—")
        if restriction:
            row = ooxml.add_row(t)
            ooxml.row_properties(row)
            ooxml.shade(row.cells[0]._tc, LABEL_FILL)
            self.write(row.cells[0].paragraphs[0], "Restriction", bold=True)
            self.write(row.cells[1].paragraphs[0], restriction, italic=True, color=DRAFT_RED)
        if anchor:
            first = t.rows[0].cells[0].paragraphs[0]
            self.anchor(anchor, first, t.rows[-1].cells[-1].paragraphs[-1])
        self.doc.add_paragraph()
        return t

    # -- values ----------------------------------------------------------------------------
    def restriction(self, item: Item[Any]) -> str:
        r = restriction(item)
        if not r or r == "none":
            return ""
        return f"{audiences.RESTRICTION_LABELS.get(r, r)}: not for sharing with the family"

    def shown(self, kind: str, name: str, value: Any) -> str:
        """A stored value as the reader sees it; a reference to a withheld item says so."""
        f = spec.kind(kind).field(name)
        t = f.type
        if isinstance(t, Ref) and value in self.v.withheld_ids:
            return audiences.WITHHELD_TEXT
        if isinstance(t, Refs):
            return "; ".join(self.ref_name(v) for v in value or [])
        if isinstance(t, Date):
            return long_date(value)
        if isinstance(t, DateTime):
            return long_datetime(value)
        if isinstance(t, YesNo):
            return yes_no(value)
        return self.m.display(f, value)

    def text(self, target: str, name: str, value: str | None) -> str:
        """A free-text value; "(withheld)" where this copy withholds it and may say so."""
        if self.v.withheld_field(target, name):
            return audiences.WITHHELD_TEXT
        return value or ""

    def ref_name(self, item_id: str | None) -> str:
        if item_id in self.v.withheld_ids:
            return audiences.WITHHELD_TEXT
        return self.m.title(self.m.find(item_id)) or "(removed)"

    def person(self, item_id: str | None) -> str:
        """A person's name with their age, as a child is named in the minutes."""
        name = self.ref_name(item_id)
        p = self.m.find(item_id)
        age = age_on(p.data["date_of_birth"], self.m.facts["date"]) if p is not None else ""
        return (
            f"{name} (aged {age})"
            if age and p is not None and p.data["category"] == PersonCategory.CHILD
            else name
        )

    def someone(self, value: str | None) -> str:
        """Whom a field that names someone names: an attendee with their role and agency, a
        person by name, or a name as it was typed."""
        item = self.m.find(value)
        if item is None:
            return value or ""
        return self.attendee(value) if item.kind == "attendees" else self.m.title(item)

    def attendee(self, item_id: str | None) -> str:
        a = self.m.find(item_id)
        if a is None:
            return self.ref_name(item_id)
        agency = a.data["organisation"] or AGENCY.get(a.data["agency"] or "", "")
        return (
            f"{a.data['name']}, {a.data['role']}, {agency}"
            if a.data["role"]
            else f"{a.data['name']}, {agency}"
        )

    # -- the document ----------------------------------------------------------------------
    def build(self, progress: Progress | None) -> Document:
        steps: list[Callable[[], None]] = [
            self.setup,
            self.heading_block,
            self.attendance,
            self.reason,
            self.family,
            self.decisions,
            self.child_plans,
            self.adult_plans,
            self.support,
            self.think_family,
            self.risky_adults,
            self.outcome,
            self.progress_since,
            self.actions,
            self.overrides,
            self.distribution,
            self.approval_block,
            self.withheld,
            self.last_line,
        ]
        for n, step in enumerate(steps, start=1):
            step()
            if progress is not None:
                progress(n, len(steps))
        return self.doc

    def last_line(self) -> None:
        """The spacer after the last table is the body's last paragraph: one point high, so
        that a table ending at the foot of a page does not push it onto a blank page."""
        last = self.doc.paragraphs[-1]
        if not last.text:
            fmt = last.paragraph_format
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(1)

    def setup(self) -> None:
        doc, f = self.doc, self.m.facts
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2))
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
        section.header_distance, section.footer_distance = Cm(0.9), Cm(0.9)
        styles = doc.styles
        for name, size, bold, color, before, after in (
            ("Normal", 10.5, None, None, 0, 4),
            ("Title", 24, True, ACCENT, 0, 4),
            ("Heading 1", 14, True, ACCENT, 16, 6),
            ("Heading 2", 12, True, ACCENT, 10, 4),
            ("Heading 3", 11, True, ACCENT, 8, 3),
            ("Header", 9, None, None, 0, 0),
            ("Footer", 8.5, None, None, 0, 0),
        ):
            style = styles[name]
            ooxml.set_fonts(style.element.get_or_add_rPr(), LATIN_FONT, SCRIPT_FONT)
            style.font.size = Pt(size)
            ooxml.complex_script_size(style.element.rPr)
            style.font.bold = bold
            ooxml.complex_script_bold(style.element.rPr)
            if color is not None:
                style.font.color.rgb = color
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            if name.startswith("Heading"):
                style.paragraph_format.keep_with_next = True
        styles["Title"].font.color.rgb = ACCENT
        self.header_footer(section)
        props = doc.core_properties
        ref = f["case_reference"] or "(no case reference)"
        props.title = f"Strategy meeting minutes: {ref}"
        props.subject = (
            f"Child-protection strategy meeting on {long_date(f['date'])}: "
            f"{audiences.LABELS[self.v.audience]}"
        )
        props.author = props.last_modified_by = f["chair"] or "Strategy Minutes"
        props.category = MARKING
        props.keywords = MARKING
        props.comments = ""
        props.revision = 1
        props.created = props.modified = _created(self.m, self.approval)
        ooxml.drop_thumbnail(doc)
        ooxml.custom_properties(
            doc,
            {
                "Case reference": f["case_reference"] or "",
                "Meeting id": self.m.id,
                "Audience": self.v.audience,
                "Protective marking": MARKING,
            },
        )

    def header_footer(self, section: Any) -> None:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.write(header, MARKING, bold=True, size=10)
        if self.v.is_draft_for_comment or self.approval is None:
            words = (
                "DRAFT FOR COMMENT: NOT THE APPROVED RECORD"
                if self.v.is_draft_for_comment
                else "DRAFT: NOT YET SIGNED"
            )
            self.write(section.header.add_paragraph(), words, bold=True, size=9, color=DRAFT_RED)
            section.header.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark = section.footer.paragraphs[0]
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.write(mark, MARKING, bold=True, size=10)
        line = section.footer.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ref = self.m.facts["case_reference"] or "No case reference"
        self.write(line, f"{ref} · {audiences.LABELS[self.v.audience]} · Page ")
        ooxml.add_field(line, "PAGE")
        self.write(line, " of ")
        ooxml.add_field(line, "NUMPAGES")

    def heading_block(self) -> None:
        f = self.m.facts
        self.para("Strategy meeting minutes", style="Title")
        sub = self.para()
        self.write(
            sub,
            f"{MARKING} · {audiences.LABELS[self.v.audience]}",
            bold=True,
            color=DRAFT_RED if self.v.is_draft_for_comment else ACCENT,
        )
        if self.v.is_draft_for_comment:
            self.para("DRAFT FOR COMMENT", bold=True, size=20, color=DRAFT_RED)
            self.para(
                "This is the draft record sent to participants for their comments. "
                "Comment in Word or LibreOffice on the passage concerned and return the "
                "file to the chair; do not change the text itself. It is not the "
                "approved record until the chair signs it.",
                italic=True,
            )
        elif self.approval is None:
            self.para("Draft: not yet approved by the chair.", bold=True, color=DRAFT_RED)
        chair = ", ".join(x for x in (f["chair"], f["chair_role"]) if x)
        rows = [
            ("Case reference", f["case_reference"] or ""),
            ("Date", long_date(f["date"])),
            ("Time", time_range(f["start_time"], f["end_time"])),
            ("How held", self.shown("facts", "held", f["held"])),
            ("Venue", f["venue"] or ""),
            ("Chair", chair),
            ("Minute-taker", f["minute_taker"] or ""),
            ("Meeting", self.shown("facts", "meeting_type", f["meeting_type"])),
        ]
        if f["previous_meeting"]:
            rows.append(("Earlier meeting reviewed", f["previous_meeting"]))
        rows += [
            ("Procedures in use", self.shown("facts", "procedures", f["procedures"])),
            ("Sexual abuse alleged", yes_no(f["sexual_abuse_alleged"])),
        ]
        self.grid(rows, anchor="sm_facts")

    def attendance(self) -> None:
        self.heading("Attendance")
        order: dict[str, int] = {
            AttendanceStatus.PRESENT: 0,
            AttendanceStatus.REPORT: 1,
            AttendanceStatus.APOLOGIES: 2,
            AttendanceStatus.ABSENT: 3,
        }
        people = sorted(self.m.attendees, key=lambda a: order.get(a.data["status"] or "", 4))

        def status(a: Item[Attendee]) -> str:
            text = self.shown("attendees", "status", a.data["status"]) or NOT_ANSWERED
            if a.data["attended_by"] in (AttendedBy.PHONE, AttendedBy.VIDEO):
                by = "by phone" if a.data["attended_by"] == AttendedBy.PHONE else "by video"
                text += f" ({by})"
            return f"{text}: {a.data['apology_reason']}" if a.data["apology_reason"] else text

        self.table(
            ("Name", "Role", "Agency", "Attendance"),
            (4, 4.2, 4.8, 4),
            (
                (
                    a,
                    (
                        a.data["name"] or "",
                        a.data["role"] or "",
                        "\n".join(
                            x
                            for x in (
                                AGENCY.get(a.data["agency"] or "", ""),
                                a.data["organisation"],
                            )
                            if x
                        ),
                        status(a),
                    ),
                )
                for a in people
            ),
        )
        present = {
            a.data["agency"]
            for a in self.m.attendees
            if a.data["status"] == AttendanceStatus.PRESENT
        }
        missing = [AGENCY[a] for a in CORE_AGENCIES if a not in present]
        if missing:
            self.para(f"Core agencies not present: {', '.join(missing)}.", bold=True)

    def reason(self) -> None:
        f = self.m.facts
        self.heading("Reason for the meeting")
        first = self.para(f["reason"] or NOT_ANSWERED)
        self.anchor("sm_reason", first, first)
        self.heading("Information shared by agencies", 2)

        def who(i: Item[InformationItem]) -> str:
            agency = self.shown("information_shared", "agency", i.data["agency"])
            by = self.ref_name(i.data["shared_by"]) if i.data["shared_by"] else ""
            source = self.shown("information_shared", "source_agency", i.data["source_agency"])
            lines = [agency, f"Shared by {by}" if by else ""]
            if source and source != agency:
                lines.append(f"Source: {source}")
            return "\n".join(x for x in lines if x)

        self.table(
            ("Agency", "What the agency knows"),
            (5, 12),
            ((i, (who(i), i.data["summary"] or "")) for i in self.m.information_shared),
        )

    def family(self) -> None:
        self.heading("People and households")
        drawing = self.doc.add_paragraph()
        drawing.alignment = WD_ALIGN_PARAGRAPH.CENTER
        plan = family_layout.layout(self.m, _meeting_day(self.m))
        add_family_map(drawing, plan, TEXT_WIDTH, self.doc.part.next_id)
        self.note("Family map: people by household; lines show relationships.")
        self.heading("Households", 2)
        self.table(
            ("Household", "Address"),
            (6, 11),
            (
                (h, (h.data["name"] or "", self.text(h.id, "address", h.data["address"])))
                for h in self.m.households
            ),
        )
        self.heading("People", 2)
        homes = {h.id: n for n, h in enumerate(self.m.households)}
        people = sorted(
            self.m.people, key=lambda p: homes.get(p.data["household"] or "", len(homes))
        )
        self.table(
            ("Name", "Household", "Role", "Age", "Flags and needs"),
            (3.6, 3, 3.2, 1.6, 5.6),
            (
                (
                    p,
                    (
                        p.data["name"] or "",
                        self.shown("people", "household", p.data["household"]),
                        "\n".join(
                            x
                            for x in (
                                self.shown("people", "role", p.data["role"]),
                                "also "
                                + self.shown("people", "other_roles", p.data["other_roles"]).lower()
                                if p.data["other_roles"]
                                else "",
                            )
                            if x
                        ),
                        self.age(p),
                        self.flags(p),
                    ),
                )
                for p in people
            ),
        )
        children = [p for p in people if p.data["category"] == PersonCategory.CHILD]
        if children:
            self.heading("Children's schools and communication", 2)
            self.table(
                (
                    "Child",
                    "School or setting",
                    "Holiday safeguarding contact",
                    "Language and communication",
                ),
                (3.6, 4, 4, 5.4),
                (
                    (
                        None,
                        (
                            p.data["name"] or "",
                            p.data["school"] or "",
                            p.data["school_holiday_contact"] or "",
                            self.communication(p),
                        ),
                    )
                    for p in children
                ),
            )
        self.heading("Relationships", 2)
        self.table(
            ("Person", "Is the … of", "Other person", "Contact between them"),
            (4, 3, 4, 6),
            (
                (
                    r,
                    (
                        self.ref_name(r.data["person"]),
                        self.shown("relationships", "relationship", r.data["relationship"]),
                        self.ref_name(r.data["other_person"]),
                        r.data["contact"] or "",
                    ),
                )
                for r in self.m.relationships
            ),
        )

    def age(self, p: Item[Person]) -> str:
        if p.data["category"] == PersonCategory.UNBORN:
            due = long_date(p.data["expected_date"])
            return f"Unborn, due {due}" if due else "Unborn"
        return age_on(p.data["date_of_birth"], self.m.facts["date"])

    def flags(self, p: Item[Person]) -> str:
        out = []
        if p.data["parental_responsibility"]:
            out.append("Has parental responsibility")
        if p.data["registered_sex_offender"]:
            out.append("Registered sex offender")
        if p.data["in_prison"]:
            out.append(f"In prison ({p.data['prison']})" if p.data["prison"] else "In prison")
        if p.data["mappa_category"] and p.data["mappa_category"] != MappaCategory.NONE:
            level = self.shown("people", "mappa_level", p.data["mappa_level"])
            out.append(
                f"MAPPA category {p.data['mappa_category']}" + (f", {level}" if level else "")
            )
        if p.data["convictions"]:
            out.append("Convictions recorded")
        if p.data["concerns_without_conviction"]:
            out.append("Concerns without conviction")
        if p.data["disability"]:
            out.append(f"Disability: {p.data['disability']}")
        return "\n".join(out)

    def risk_status(self, p: Item[Person]) -> str:
        """Each risk question with its answer, so an unanswered one shows as such."""
        prison = yes_no(p.data["in_prison"]) + (
            f" ({p.data['prison']})" if p.data["prison"] else ""
        )
        mappa = self.shown("people", "mappa_category", p.data["mappa_category"]) or NOT_ANSWERED
        if p.data["mappa_level"]:
            mappa += f", {self.shown('people', 'mappa_level', p.data['mappa_level'])}"
        lines = [
            f"Registered sex offender: {yes_no(p.data['registered_sex_offender'])}",
            f"In prison: {prison}",
            f"MAPPA: {mappa}",
        ]
        if p.data["probation_contact"]:
            lines.append(f"Probation: {self.someone(p.data['probation_contact'])}")
        return "\n".join(lines)

    def communication(self, p: Item[Person]) -> str:
        out = []
        if p.data["first_language"]:
            out.append(f"First language: {p.data['first_language']}")
        if p.data["interpreter_needed"] is not None:
            out.append(f"Interpreter needed: {yes_no(p.data['interpreter_needed'])}")
        if p.data["interpreter_needs"]:
            out.append(f"Interpreter: {p.data['interpreter_needs']}")
        if p.data["communication_needs"]:
            out.append(p.data["communication_needs"])
        return "\n".join(out)

    def decisions(self) -> None:
        self.heading("Decisions for each child")
        items = self.m.decisions
        if not items:
            self.note(self.nothing)
        for d in items:
            h = self.heading(self.person(d.data["child"]), 2)
            table = self.grid(self.decision_rows(d), restriction=self.restriction(d))
            self.anchor(bookmark_name(d.id), h, table.rows[-1].cells[-1].paragraphs[-1])

    def decision_rows(self, d: Item[Any]) -> list[tuple[str, str]]:  # fields named at run time
        def v(name: str) -> str:
            return self.shown("decisions", name, d.data[name])

        def gone(name: str) -> bool:
            return self.v.withheld_field(d.id, name)

        def w(names: tuple[str, ...], text: str) -> str:
            return audiences.WITHHELD_TEXT if any(gone(n) for n in names) else text

        s47 = v("section_47")
        if d.data["section_47"]:
            detail = [
                v("section_47_mode").lower(),
                f"led by {v('lead_agency').lower()}" if d.data["lead_agency"] else "",
            ]
            s47 = ": ".join((s47, ", ".join(x for x in detail if x))) if any(detail) else s47
        interview = v("interview")
        if d.data["interview_type"]:
            interview += f": {v('interview_type')}"
        rows = [
            ("Section 47 enquiry", s47),
            ("Interview", interview),
            ("Why", d.data["interview_reason"] or ""),
        ]
        if d.data["interview"]:
            when = long_datetime(d.data["interview_start"])
            if d.data["interview_end"]:
                end = d.data["interview_end"].partition("T")
                same_day = end[0] == (d.data["interview_start"] or "").partition("T")[0]
                when += f" to {end[2] if same_day else long_datetime(d.data['interview_end'])}"
            how = [
                f"{label}: {d.data[name]}"
                for name, label in (
                    ("intermediary", "Intermediary"),
                    ("interpreter", "Interpreter"),
                    ("communication_aids", "Communication aids"),
                )
                if d.data[name]
            ]
            if gone("intermediary") or gone("interpreter"):
                how.append(audiences.WITHHELD_TEXT)
            who = "\n".join(self.attendee(a) for a in d.data["interviewers"])
            rows += [
                ("Who interviews", w(("interviewers",), who)),
                ("When", w(("interview_start", "interview_end"), when)),
                ("Where", w(("interview_place",), d.data["interview_place"] or "")),
                ("How", "\n".join(how)),
                ("How the child is prepared", d.data["preparation"] or ""),
            ]
        rows.append(("Medical examination", v("medical")))
        if d.data["medical_reason"]:
            rows.append(("Why", d.data["medical_reason"]))
        if d.data["medical"]:
            rows += [
                ("Medical by", w(("medical_by",), self.someone(d.data["medical_by"]))),
                ("Medical when", w(("medical_when",), v("medical_when"))),
                ("Consent route", v("medical_consent")),
            ]
        if d.data["views"] or d.data["views_how"]:
            rows.append(("The child's views and wishes", d.data["views"] or NOT_ANSWERED))
            rows.append(("How their views were obtained", d.data["views_how"] or ""))
        told = [self.someone(d.data["family_told_by"]), v("family_told_when")]
        rows += [
            ("What the family is told", d.data["family_told"] or ""),
            ("Told by and when", ", ".join(x for x in told if x)),
        ]
        if d.data["police_hold"]:  # empty in a copy that withholds it: no row says it exists
            rows.append(("Hold asked for by police", d.data["police_hold"]))
        if d.data["not_yet_told"]:
            rows.append(("Not yet to be told", v("not_yet_told")))
        return rows

    def child_plans(self) -> None:
        plans = self.m.child_plans
        if not plans and "harm_to_others" not in (self.m.facts["procedures"] or []):
            return
        self.heading("Plans for children who may harm others")
        if not plans:
            self.note(self.nothing)
        for c in plans:
            h = self.heading(self.person(c.data["child"]), 2)
            restorative = yes_no(c.data["restorative"])
            if c.data["restorative_note"]:
                restorative += f"\n{c.data['restorative_note']}"
            t = self.grid(
                [
                    ("Safety and supervision", c.data["safety"] or ""),
                    ("Where they live", c.data["living"] or ""),
                    ("School arrangements", c.data["school"] or ""),
                    ("Their own support and needs", c.data["support"] or ""),
                    ("Restorative approaches considered", restorative),
                ],
                restriction=self.restriction(c),
            )
            self.anchor(bookmark_name(c.id), h, t.rows[-1].cells[-1].paragraphs[-1])

    def adult_plans(self) -> None:
        plans = self.m.adult_plans
        if not plans:
            return
        self.heading("Safety and contact plans for adults")
        for c in plans:
            h = self.heading(self.person(c.data["person"]), 2)
            t = self.grid(
                [
                    ("Where they live", c.data["living"] or ""),
                    ("Contact with the children", c.data["contact"] or ""),
                    ("Bail or police conditions", c.data["conditions"] or ""),
                    ("Who monitors the plan", self.someone(c.data["monitoring"])),
                ],
                restriction=self.restriction(c),
            )
            self.anchor(bookmark_name(c.id), h, t.rows[-1].cells[-1].paragraphs[-1])

    def support(self) -> None:
        self.heading("Support")
        self.heading("Siblings", 2)
        self.table(
            (
                "Sibling",
                "What may be discussed with them",
                "Who supports them",
                "Their views and wishes",
            ),
            (3.2, 5, 3.4, 5.4),
            (
                (
                    s,
                    (
                        self.person(s.data["child"]),
                        s.data["may_discuss"] or "",
                        self.someone(s.data["supporter"]),
                        s.data["views"] or "",
                    ),
                )
                for s in self.m.sibling_support
            ),
        )
        self.heading("The non-abusing parent or carer", 2)
        self.table(
            ("Parent or carer", "Support offered", "Who supports them"),
            (4, 9, 4),
            (
                (
                    s,
                    (
                        self.ref_name(s.data["parent"]),
                        s.data["support"] or "",
                        self.someone(s.data["supporter"]),
                    ),
                )
                for s in self.m.parent_support
            ),
        )
        self.heading("Pathway of support", 2)
        if self.left_out("support"):
            return
        p = self.para(self.m.section("support")["pathway"] or NOT_ANSWERED)
        self.anchor("sm_support", p, p)

    def left_out(self, kind: str) -> bool:
        """Says so, in place, when this copy withholds a whole section; True if it does."""
        w = self.v.section_withheld(kind)
        if w is not None:
            self.para(f"Withheld from this copy ({w.reason.lower()}): see the list at the end.")
        return w is not None

    def think_family(self) -> None:
        self.heading("Think Family")
        if self.left_out("think_family"):
            return
        tf = self.m.section("think_family")
        t = self.table(
            ("Factor", "Considered", "Note"),
            (4.2, 4.3, 8.5),
            (
                (
                    None,
                    (
                        label,
                        self.shown("think_family", key, tf[key]) or NOT_ANSWERED,
                        self.text("think_family", f"{key}_note", tf[f"{key}_note"]),
                    ),
                )
                for key, label in spec.THINK_FAMILY_FACTORS
            ),
        )
        if t is not None:
            self.anchor(
                "sm_think_family",
                t.rows[0].cells[0].paragraphs[0],
                t.rows[-1].cells[-1].paragraphs[-1],
            )

    def risky_adults(self) -> None:
        self.heading("Risky adults and information sharing")
        risky = [
            p
            for p in self.m.people
            if p.data["category"] == PersonCategory.ADULT
            and (
                p.data["registered_sex_offender"]
                or p.data["in_prison"]
                or p.data["convictions"]
                or p.data["concerns_without_conviction"]
                or (p.data["mappa_category"] and p.data["mappa_category"] != MappaCategory.NONE)
            )
        ]
        self.heading("Risk information about adults", 2)
        self.table(
            ("Adult", "Status", "Convictions", "Concerns without conviction"),
            (3.4, 4.6, 4.5, 4.5),
            (
                (
                    p,
                    (
                        p.data["name"] or "",
                        self.risk_status(p),
                        p.data["convictions"] or "None recorded",
                        p.data["concerns_without_conviction"] or "None recorded",
                    ),
                )
                for p in risky
            ),
            anchored=False,
        )
        self.heading("Who must be told", 2)
        self.table(
            ("About", "Who must be told", "Told by", "By when", "Done"),
            (3, 4.6, 3.6, 3.8, 2),
            (
                (
                    i,
                    (
                        self.ref_name(i.data["about"]),
                        "\n".join(
                            x
                            for x in (
                                self.someone(i.data["recipient"]),
                                self.shown(
                                    "information_sharing",
                                    "recipient_type",
                                    i.data["recipient_type"],
                                ),
                            )
                            if x
                        ),
                        self.ref_name(i.data["by"]) if i.data["by"] else "",
                        long_date(i.data["due"]),
                        yes_no(i.data["done"]),
                    ),
                )
                for i in self.m.information_sharing
            ),
        )
        self.heading("Grooming", 2)
        g = self.m.section("grooming")
        if not self.left_out("grooming"):
            self.grid(
                [
                    ("Grooming of the children considered", yes_no(g["children"])),
                    ("Grooming of parents and carers considered", yes_no(g["parents"])),
                    ("Grooming of professionals considered", yes_no(g["professionals"])),
                    ("Note", self.text("grooming", "note", g["note"])),
                ],
                anchor="sm_grooming",
            )
        self.heading("Contact with a registered sex offender in prison", 2)
        self.table(
            (
                "Prisoner",
                "Probation contact",
                "Application to the governor",
                "Contact arrangements",
            ),
            (3.2, 4, 3.3, 6.5),
            (
                (
                    c,
                    (
                        self.ref_name(c.data["prisoner"]),
                        self.someone(c.data["probation_contact"]),
                        self.shown(
                            "prison_contact", "governor_application", c.data["governor_application"]
                        ),
                        c.data["arrangements"] or "",
                    ),
                )
                for c in self.m.prison_contact
            ),
        )

    def outcome(self) -> None:
        self.heading("Outcome")
        o, f = self.m.section("outcome"), self.m.facts
        conference, circulation = deadlines(f)
        if self.left_out("outcome"):  # the dates come from the meeting facts: still shown
            self.grid(
                [
                    ("Initial child protection conference due by", conference),
                    ("Minutes to be circulated by", circulation),
                ]
            )
            return
        self.grid(
            [
                ("Decision", o["decision"] or NOT_ANSWERED),
                ("Rationale", o["rationale"] or ""),
                ("Immediate safety until the next step", o["immediate_safety"] or ""),
                ("Initial child protection conference due by", conference),
                ("Initial child protection conference date", long_date(o["conference_date"])),
                ("Minutes to be circulated by", circulation),
                ("Review meeting", long_date(o["review_date"])),
                ("Manager overseeing the plan", o["oversight_manager"] or ""),
                ("Manager's review date", long_date(o["oversight_review_date"])),
                ("Management oversight note", o["oversight_note"] or ""),
            ],
            anchor="sm_outcome",
        )

    def owner(self, a: Item[Action]) -> str:
        who = self.ref_name(a.data["owner"]) if a.data["owner"] else a.data["origin_owner"] or ""
        return "\n".join(
            x for x in (who, self.shown("actions", "owner_agency", a.data["owner_agency"])) if x
        )

    def progress_since(self) -> None:
        """For a review: each action carried from the meeting reviewed, where it was first
        agreed, what happened since, and where it stands now."""
        carried = [a for a in self.m.actions if a.data["carried_action"]]
        if not carried:
            return
        self.heading("Progress since the last meeting")

        def since(a: Item[Action]) -> str:
            return "\n".join(
                f"{long_date(h.data['date'])}: "
                + self.shown("action_history", "status", h.data["status"])
                + (f" ({h.data['note']})" if h.data["note"] else "")
                + (f", {h.data['where']}" if h.data["where"] else "")
                + (f", said by {h.data['by']}" if h.data["by"] else "")
                for h in self.m.action_history
                if h.data["action"] == a.id
            )

        def now(a: Item[Action]) -> str:
            status = self.shown("actions", "status", a.data["status"]) or NOT_ANSWERED
            return f"{status}: {a.data['progress_note']}" if a.data["progress_note"] else status

        self.table(
            ("Action", "First agreed", "Since then", "Now"),
            (5.6, 3.4, 5, 3),
            (
                (
                    a,
                    (
                        self.text(a.id, "description", a.data["description"]),
                        "\n".join(
                            x
                            for x in (long_date(a.data["origin_date"]), a.data["origin_owner"])
                            if x
                        ),
                        since(a),
                        now(a),
                    ),
                )
                for a in carried
            ),
        )

    def actions(self) -> None:
        self.heading("Actions")
        owner = self.owner

        self.table(
            ("No.", "Action", "Owner", "Due", "Status"),
            (1.1, 7.3, 3.9, 3, 1.7),
            (
                (
                    a,
                    (
                        str(n),
                        self.text(a.id, "description", a.data["description"]),
                        owner(a),
                        long_date(a.data["due"]),
                        self.shown("actions", "status", a.data["status"]) or "",
                    ),
                )
                for n, a in enumerate(self.m.actions, start=1)
            ),
        )

    def overrides(self) -> None:
        if "overrides" in self.v.left_out_kinds:
            return
        self.heading("Findings overridden by the chair")
        messages = rule_messages(self.m)

        def target(o: Item[Override]) -> str:
            item = self.m.find(o.data["target"])
            if item is None:
                return "The meeting as a whole"
            return f"{spec.kind(item.kind).label}: {self.m.title(item)}"

        self.table(
            ("Finding", "Applies to", "Chair's reason"),
            (6, 4.5, 6.5),
            (
                (
                    o,
                    (
                        "\n".join(
                            x
                            for x in (
                                rules.title(o.data["rule"]) if o.data["rule"] else "",
                                messages.get(o.id, ""),
                            )
                            if x
                        ),
                        target(o),
                        o.data["reason"] or "",
                    ),
                )
                for o in self.m.overrides
            ),
        )

    def distribution(self) -> None:
        self.heading("Distribution")
        self.intro(
            "These minutes go only to those with a duty to act on them. Agencies that "
            "did not attend, and the referrer, are told of the outcome."
        )
        headers: tuple[str, ...] = ("Name", "Role", "Organisation")
        widths: tuple[float, ...] = (4.5, 5.5, 7)
        if self.v.shows_contacts:
            headers, widths = headers + ("Contact",), (4, 4.2, 4.8, 4)

        def row(a: Item[Attendee]) -> tuple[str, ...]:
            org = a.data["organisation"] or AGENCY.get(a.data["agency"] or "", "")
            base = (a.data["name"] or "", a.data["role"] or "", org)
            return base + (a.data["contact"] or "",) if self.v.shows_contacts else base

        self.table(headers, widths, ((None, row(a)) for a in self.m.attendees))

    def approval_block(self) -> None:
        self.heading("Approval")
        a = self.approval
        if a is None:
            self.grid(
                [("Status", "Not yet signed (DRAFT)"), ("Chair", self.m.facts["chair"] or "")]
            )
            return
        rows = [
            ("Approved by", a.get("name") or ""),
            ("Role", a.get("role") or ""),
            ("Date and time", when_signed(a.get("signed_at") or "")),
            ("Key fingerprint", a.get("fingerprint") or ""),
        ]
        if a.get("version"):
            rows.append(("Version", str(a["version"])))
        if a.get("addendum_reason"):
            rows.append(("Addendum", a["addendum_reason"]))
        self.grid(rows)

    def withheld(self) -> None:
        if self.v.audience != audiences.PARENT:
            return
        self.heading("Information withheld from this copy")
        listed = self.v.listed()
        if not listed:
            self.para("Nothing was withheld from this copy.")
            return
        self.intro(
            "The items below are in the full record but are left out of this copy. "
            "The reason is given for each; the information itself is not. Items are "
            "named and numbered as this copy shows them."
        )
        self.table(
            ("Section", "Item", "Reason withheld"),
            (5, 5.5, 6.5),
            ((None, (w.section, w.item, w.reason)) for w in listed),
        )


def deadlines(facts: Mapping[str, object]) -> tuple[str, str]:
    """The conference and circulation dates, in working days of the meeting's nation."""
    due = clocks.deadlines(facts)
    if due is None:
        return "", ""
    return long_date(due.initial_conference), long_date(due.minutes)


def rule_messages(meeting: Meeting) -> dict[str, str]:
    """Override id -> the sentences of the findings it overrides, as of the meeting day.

    An override names a rule and, as target, the item the finding points to, or for the
    meeting as a whole a field or nothing; the same matching the rules module applies.
    """
    findings = [f for f in rules.check(meeting, today=_meeting_day(meeting)) if f.overridden]
    out = {}
    for o in meeting.overrides:
        target = o.data["target"] or ""
        said = [
            f.message
            for f in findings
            if f.rule == o.data["rule"]
            and (
                target == f.item_id
                if f.item_id
                else target in ("", f.field, getattr(f, "target", ""))
            )
        ]
        if said:
            out[o.id] = " ".join(dict.fromkeys(said))
    return out


def _meeting_day(meeting: Meeting) -> date | None:
    try:
        return date.fromisoformat(meeting.facts["date"] or "")
    except ValueError:
        return None


def minutes_document(
    meeting: Meeting,
    audience: str = audiences.FULL,
    approval: Any = None,
    progress: Progress | None = None,
) -> Document:
    """The minutes for one audience as a python-docx Document, ready to save or sign."""
    return _Writer(audiences.view(meeting, audience), approval).build(progress)


def minutes_bytes(meeting: Meeting, audience: str = audiences.FULL, approval: Any = None) -> bytes:
    buffer = io.BytesIO()
    minutes_document(meeting, audience, approval).save(buffer)
    return buffer.getvalue()


def save_document(document: Document, path: Path, password: str | None = None) -> Path:
    """Save to `path` via a temporary file and a rename, encrypted when a password is given."""
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if password is not None:
        from strategy_minutes.exporters.protect import encrypt

        data = encrypt(data, password)
    return write_atomic(Path(path), data)


def export_meeting(
    meeting: Meeting,
    path: Path | str,
    audience: str = audiences.FULL,
    password: str | None = None,
    approval: Any = None,
    progress: Progress | None = None,
) -> Path:
    """Write one copy of the minutes. Safe to call off the UI thread (no Qt widgets)."""
    document = minutes_document(meeting, audience, approval, progress)
    return save_document(document, Path(path), password)
