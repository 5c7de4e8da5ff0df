"""The WordprocessingML python-docx has no API for, in one place.

Repeating header rows, rows that do not split, cell shading, page fields, bookmarks,
complex-script fonts, right-to-left runs and custom document properties. Each function
writes the smallest element Word and LibreOffice both understand, so the rest of the
exporter never touches raw XML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

CUSTOM_PROPERTIES_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# Word's fixed class id for user-defined properties in docProps/custom.xml.
USER_DEFINED_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
BOOKMARK_NAME_LIMIT = 40  # Word drops longer bookmark names
QUOTE = {'"': "&quot;"}


def _child(parent, tag: str, first: bool = False):  # type: ignore[no-untyped-def]
    """The parent's `tag` child, made if missing (at the front when `first`)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def add_row(table: Table) -> _Row:
    """A new bottom row of `table` (python-docx leaves `Table.add_row` unannotated)."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # untyped in python-docx
    return row


def row_properties(row: _Row, *, header: bool = False) -> None:
    """The row never splits across pages; a header row repeats at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit")
    if header:
        _child(tr_pr, "w:tblHeader")


def shade(cell_element, fill: str) -> None:  # type: ignore[no-untyped-def]
    """A solid background (hex RGB) on a table cell (`cell._tc`)."""
    tc_pr = cell_element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def fixed_layout(table: Table, widths: list[Length]) -> None:
    """Column widths both Word (tcW) and LibreOffice (tblGrid) honour, without autofit."""
    table.autofit = False  # python-docx writes w:tblLayout fixed, in schema order
    tbl_pr = table._tbl.tblPr
    width = _child(tbl_pr, "w:tblW")
    width.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    width.set(qn("w:type"), "dxa")
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = w


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> Run:
    """A complex field (PAGE, NUMPAGES...) that the reader's word processor keeps up to date."""

    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    shown = paragraph.add_run(placeholder)
    fld_char("end")
    return shown


def bookmark(first: Paragraph, last: Paragraph, name: str, number: int) -> None:
    """A named bookmark from the start of `first` to the end of `last` (may be the same)."""
    if len(name) > BOOKMARK_NAME_LIMIT:
        raise ValueError(f"bookmark name longer than {BOOKMARK_NAME_LIMIT}: {name!r}")
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    p_pr = first._p.pPr
    if p_pr is None:
        first._p.insert(0, start)
    else:
        p_pr.addnext(start)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    last._p.append(end)


def set_fonts(r_pr, latin: str, complex_script: str) -> None:  # type: ignore[no-untyped-def]
    """Fonts for Latin, East Asian and complex scripts (Arabic, Hebrew) on a run or style rPr."""
    fonts = _child(r_pr, "w:rFonts", first=True)
    for attr, family in (
        ("w:ascii", latin),
        ("w:hAnsi", latin),
        ("w:eastAsia", complex_script),
        ("w:cs", complex_script),
    ):
        fonts.set(qn(attr), family)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def complex_script_size(r_pr) -> None:  # type: ignore[no-untyped-def]
    """Give complex-script text (w:szCs) the size Latin text has (w:sz) in this rPr.

    Word sizes Arabic and Hebrew by szCs, which otherwise falls back to the template's 11 pt.
    """
    size = r_pr.find(qn("w:sz"))
    if size is None:
        return
    cs = r_pr.find(qn("w:szCs"))
    if cs is None:
        cs = OxmlElement("w:szCs")
        size.addnext(cs)
    cs.set(qn("w:val"), size.get(qn("w:val")))


def mark_rtl(run: Run) -> None:
    """Marks a run of right-to-left text so Word shapes and orders it as such."""
    r_pr = run._r.get_or_add_rPr()
    _child(r_pr, "w:rtl")


def complex_script_bold(r_pr) -> None:  # type: ignore[no-untyped-def]
    """Bold also for complex-script text (w:bCs, right after w:b): Word applies w:b to Latin
    only. For a run's or a style's rPr on which bold was already set."""
    bold = r_pr.find(qn("w:b"))
    if bold is not None and r_pr.find(qn("w:bCs")) is None:
        bold.addnext(OxmlElement("w:bCs"))


def custom_properties(document: Document, values: dict[str, str]) -> None:
    """User-defined document properties (File > Properties > Custom) in docProps/custom.xml."""
    props = "".join(
        f'<property fmtid="{USER_DEFINED_FMTID}" pid="{pid}" name="{escape(name, QUOTE)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    blob = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_PROPERTIES_NS}" xmlns:vt="{VT_NS}">{props}'
        f"</Properties>"
    ).encode()
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_CT, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def drop_thumbnail(document: Document) -> None:
    """Remove the template's preview picture, which shows a blank page, not these minutes."""
    rels = document.part.package.rels
    for r_id in [r for r, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[r_id]


def read_custom_properties(blob: bytes) -> dict[str, str]:
    """The name -> text of a docProps/custom.xml part (used by tests and by verification)."""
    from lxml import etree

    root = etree.fromstring(blob)
    return {
        name: "".join(cast("Iterator[str]", p.itertext()))  # parsed XML text is str, not bytes
        for p in root.iter(f"{{{CUSTOM_PROPERTIES_NS}}}property")
        if (name := p.get("name")) is not None
    }
