"""The raw WordprocessingML helpers, each checked on a fresh document and read back."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from strategy_minutes.exporters import ooxml

from tests.exporters.conftest import part


def saved(doc) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_row_properties_and_fixed_layout() -> None:
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    ooxml.row_properties(table.rows[0], header=True)
    ooxml.row_properties(table.rows[1])
    ooxml.row_properties(table.rows[1])  # idempotent
    ooxml.fixed_layout(table, [Cm(3), Cm(5)])
    ooxml.shade(table.rows[0].cells[0]._tc, "D9E2F3")
    again = Document(io.BytesIO(saved(doc))).tables[0]
    head, body = (r._tr.trPr for r in again.rows)
    assert head.find(qn("w:tblHeader")) is not None and head.find(qn("w:cantSplit")) is not None
    assert body.find(qn("w:tblHeader")) is None and len(body.findall(qn("w:cantSplit"))) == 1
    assert [round(c.w.cm, 2) for c in again._tbl.tblGrid.gridCol_lst] == [3, 5]
    assert again._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert 'w:fill="D9E2F3"' in part(saved(doc), "word/document.xml").decode()


def test_page_fields() -> None:
    doc = Document()
    p = doc.add_paragraph("Page ")
    ooxml.add_field(p, "PAGE")
    xml = part(saved(doc), "word/document.xml").decode()
    assert xml.count("w:fldCharType=") == 3 and '<w:instrText xml:space="preserve"> PAGE ' in xml


def test_bookmark_spans_paragraphs_and_refuses_long_names() -> None:
    doc = Document()
    first, last = doc.add_paragraph("one"), doc.add_paragraph("two")
    ooxml.bookmark(first, last, "sm_" + "a" * 32, 7)
    xml = part(saved(doc), "word/document.xml").decode()
    assert xml.index('<w:bookmarkStart w:id="7" w:name="sm_') < xml.index(">one<")
    assert xml.index(">two<") < xml.index('<w:bookmarkEnd w:id="7"/>')
    with pytest.raises(ValueError):
        ooxml.bookmark(first, last, "x" * 41, 8)


def test_fonts_and_right_to_left() -> None:
    doc = Document()
    run = doc.add_paragraph().add_run("حداد")
    ooxml.set_fonts(run._r.get_or_add_rPr(), "Carlito", "DejaVu Sans")
    ooxml.mark_rtl(run)
    run.bold = True
    ooxml.complex_script_bold(run._r.rPr)
    fonts = run._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "DejaVu Sans" and fonts.get(qn("w:ascii")) == "Carlito"
    assert run._r.rPr.find(qn("w:rtl")) is not None
    assert run._r.rPr.find(qn("w:bCs")).getprevious().tag == qn("w:b")


def test_custom_properties_round_trip() -> None:
    doc = Document()
    ooxml.custom_properties(doc, {"Case reference": "A&B <1>", 'Say "hi"': "ŵ ليلى"})
    data = saved(doc)
    assert ooxml.read_custom_properties(part(data, "docProps/custom.xml")) == {
        "Case reference": "A&B <1>",
        'Say "hi"': "ŵ ليلى",
    }
    assert b"custom-properties" in part(data, "_rels/.rels")
    assert b"custom-properties+xml" in part(data, "[Content_Types].xml")


def test_template_thumbnail_is_dropped() -> None:
    doc = Document()
    ooxml.drop_thumbnail(doc)
    data = saved(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]
    assert b"thumbnail" not in part(data, "_rels/.rels")


def test_complex_script_size_follows_latin_size() -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    ooxml.complex_script_size(style.element.rPr)
    ooxml.complex_script_size(style.element.rPr)  # idempotent
    sizes = style.element.rPr.findall(qn("w:szCs"))
    assert len(sizes) == 1 and sizes[0].get(qn("w:val")) == "21"
    assert sizes[0].getprevious().tag == qn("w:sz")
