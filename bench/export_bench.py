"""Word export of a large meeting against a bare python-docx script. Target: median <= 1.5x, < 1 s.

The large meeting is the demo grown programmatically to 40 attendees, 12 children (each with
a decision) and 150 actions. The baseline writes the very same paragraphs (text and style),
tables (every cell's text) with plain python-docx calls, and the family map's drawing copied
in as it is: no repeating headers, bookmarks, fonts, fields or properties. Both save to memory; the
two are timed interleaved in the same run, so the ratio is the exporter's own overhead.
"""

from __future__ import annotations

import copy
import io
import time
import uuid
from datetime import date, timedelta

import docx
from docx.document import Document
from docx.oxml.ns import qn
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.jsonformat import from_json
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.exporters.docx_minutes import minutes_document

from bench.common import Comparison, interleaved, machine, report

REPETITIONS = 7
TARGET = 1.5
LIMIT_S = 1.0
BASELINE = "bare python-docx: same paragraphs and tables"
SUBJECT = "export_meeting (full record)"


def large_meeting(today: date = date(2026, 11, 24)) -> Meeting:
    """The demo with 40 attendees, 12 children with decisions, and 150 actions."""
    m = from_json(demo_json(today), today=today)
    attendees, people, decisions = (
        m.items_of("attendees"),
        m.items_of("people"),
        m.items_of("decisions"),
    )
    while len(attendees) < 40:
        a = copy.deepcopy(attendees[len(attendees) % 8])
        a.id, a.data["name"] = str(uuid.uuid4()), f"{a['name']} {len(attendees)}"
        attendees.append(a)
    children = [p for p in people if p["category"] == "child"]
    n = 0
    while len([p for p in people if p["category"] == "child"]) < 12:
        child = copy.deepcopy(children[n % 2 + 1])
        child.id, child.data["name"] = str(uuid.uuid4()), f"Child {n + 1} Penrose"
        people.append(child)
        d = copy.deepcopy(decisions[n % 2])
        d.id, d.data["child"] = str(uuid.uuid4()), child.id
        start = today + timedelta(days=2 + n)
        d.data["interview_start"] = f"{start.isoformat()}T10:00"
        d.data["interview_end"] = f"{start.isoformat()}T11:00"
        decisions.append(d)
        n += 1
    actions = m.items_of("actions")
    while len(actions) < 150:
        a = copy.deepcopy(actions[len(actions) % 6])
        a.id = str(uuid.uuid4())
        a.data["description"] = f"{a['description']} (step {len(actions) + 1})"
        actions.append(a)
    m.items["actions"] = [Item(i.id, i.kind, i.data) for i in actions]
    return m


def blueprint(document: Document) -> list[tuple[str, object]]:
    """What the exporter wrote, in order: ('p', (style, text)), ('t', rows of cell texts) and
    ('drawing', the runs holding a drawing)."""
    body = document.element.body
    out: list[tuple[str, object]] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            style = child.pPr.style if child.pPr is not None and child.pPr.style else None
            drawn = [
                r for r in child.iterchildren(qn("w:r")) if r.find(qn("w:drawing")) is not None
            ]
            out.append(("drawing", drawn) if drawn else ("p", (style, "".join(child.itertext()))))
        elif child.tag == qn("w:tbl"):
            rows = [
                [
                    "\n".join("".join(p.itertext()) for p in tc.iterchildren(qn("w:p")))
                    for tc in tr.iterchildren(qn("w:tc"))
                ]
                for tr in child.iterchildren(qn("w:tr"))
            ]
            out.append(("t", rows))
    return out


STYLE_NAMES = {
    "Title": "Title",
    "Heading1": "Heading 1",
    "Heading2": "Heading 2",
    "Heading3": "Heading 3",
}


def bare(plan: list[tuple[str, object]]) -> bytes:
    """The same content written the plainest way python-docx allows."""
    doc = docx.Document()
    for kind, content in plan:
        if kind == "t":
            rows = content  # type: ignore[assignment]
            table = doc.add_table(rows=0, cols=len(rows[0]))  # type: ignore[index]
            table.style = "Table Grid"
            for values in rows:  # type: ignore[union-attr]
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = text
        elif kind == "drawing":
            paragraph = doc.add_paragraph()._p
            for run in content:  # type: ignore[attr-defined]
                paragraph.append(copy.deepcopy(run))
        else:
            style, text = content  # type: ignore[misc]
            doc.add_paragraph(text, style=STYLE_NAMES.get(style or ""))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def main() -> bool:
    meeting = large_meeting()
    plan = blueprint(minutes_document(meeting))
    paragraphs = sum(1 for k, _ in plan if k == "p")
    tables = [c for k, c in plan if k == "t"]
    print(
        f"\nWord export of a large meeting: 40 attendees, 12 children, 150 actions -> "
        f"{paragraphs} paragraphs, {len(tables)} tables, "
        f"{sum(len(t) for t in tables)} rows; {REPETITIONS} repetitions each, interleaved; "
        f"{machine()}"
    )

    def subject() -> float:
        began = time.perf_counter()
        buffer = io.BytesIO()
        minutes_document(meeting).save(buffer)
        return time.perf_counter() - began

    def baseline() -> float:
        began = time.perf_counter()
        bare(plan)
        return time.perf_counter() - began

    samples = interleaved({SUBJECT: subject, BASELINE: baseline}, REPETITIONS)
    ratio_met = report(
        f"Word export (target: median at most {TARGET}x the bare script, under {LIMIT_S:.0f} s)",
        [Comparison(SUBJECT, BASELINE, samples[SUBJECT], samples[BASELINE], "median", TARGET)],
    )
    median = sorted(samples[SUBJECT])[len(samples[SUBJECT]) // 2]
    fast = median < LIMIT_S
    print(f"median export {median * 1000:.0f} ms: {'under' if fast else 'OVER'} {LIMIT_S:.0f} s")
    return ratio_met and fast


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
