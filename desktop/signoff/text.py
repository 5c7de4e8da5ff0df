"""The text of a .docx, paragraph by paragraph, where a reader would find it.

A signed record keeps the text of the file that was signed. Verification compares it with
the text of a file that is not byte for byte the signed one, only to say whether it is a
faithful re-save (the same words, saved again by another program) or has other words; the
bytes decide validity, never this text. So it must ignore what differs without anyone
changing the words: how Word splits text into runs, whitespace runs, and the cached results
of fields (page numbers), which Word and LibreOffice recompute on every save.

Text in drawings (the family map's boxes) is read box by box, each paragraph once, where it
stands. Word and LibreOffice save a drawing twice, the shapes and an older fallback picture
(`mc:AlternateContent`) holding the same words: the fallback is read only where its words
differ from the drawing's, so words changed in either one are still found.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree
from strategy_minutes.exporters import package
from strategy_minutes.exporters.package import Entry

_P, _T, _TAB, _BR, _CR = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_FLD_CHAR, _FLD_TYPE, _FLD_SIMPLE = qn("w:fldChar"), qn("w:fldCharType"), qn("w:fldSimple")
_P_STYLE, _VAL = qn("w:pStyle"), qn("w:val")
Element = Any  # an lxml element of the document (python-docx's oxml classes are untyped)
_TEXT_BOX = qn("w:txbxContent")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CHOICE, _FALLBACK = f"{_MC}Choice", f"{_MC}Fallback"
_BODY, _R_ID = qn("w:body"), qn("r:id")
_REFERENCES = {qn("w:headerReference"): "header", qn("w:footerReference"): "footer"}
_NOTES = {"footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}
_PLACES = {
    "header": "the page header",
    "footer": "the page footer",
    "footnote": "the footnotes",
    "endnote": "the endnotes",
    "comment": "the comments",
}


@dataclass(frozen=True)
class Line:
    """One non-empty paragraph: where it is (for a person) and what it says."""

    part: str  # "body", "header", "footer", "footnote", "endnote" or "comment"
    section: str  # the heading it falls under ("" before the first)
    number: int  # 1-based among the non-empty paragraphs of that section
    text: str

    @property
    def where(self) -> str:
        if self.part != "body":
            return f"{_PLACES.get(self.part, self.part)}, line {self.number}"
        under = f"section '{self.section}'" if self.section else "the top of the document"
        return f"{under}, paragraph {self.number}"


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _own_text(p: Element) -> Iterator[Element]:
    """The paragraph's elements in order, leaving out the paragraphs of text boxes in it."""
    for el in p.iterchildren():
        if el.tag in (_TEXT_BOX, _FALLBACK):
            continue
        yield el
        yield from _own_text(el)


def _paragraph_text(p: Element) -> str:
    out: list[str] = []
    in_result = 0  # inside the cached result of a complex field
    for el in _own_text(p):
        if el.tag == _FLD_CHAR:
            kind = el.get(_FLD_TYPE)
            if kind == "separate":
                in_result += 1
            elif kind == "end" and in_result:
                in_result -= 1
        elif in_result or any(a.tag == _FLD_SIMPLE for a in el.iterancestors()):
            continue
        elif el.tag == _T and el.text:
            out.append(el.text)
        elif el.tag in (_TAB, _BR, _CR):
            out.append(" ")
    return normalise("".join(out))


def _is_heading(p: Element) -> bool:
    style = p.find(f"{qn('w:pPr')}/{_P_STYLE}")
    value = (style.get(_VAL) or "") if style is not None else ""
    return value.lower().startswith("heading")


def _fallback_differs(fallback: Element) -> bool:
    """Whether a fallback says other words than the content it stands in for."""
    choice = fallback.getparent().find(_CHOICE)

    def words(root: Element | None) -> list[str]:
        return (
            sorted(t for t in map(_paragraph_text, root.iter(_P)) if t) if root is not None else []
        )

    return words(fallback) != words(choice)


def _paragraphs(root: Element) -> Iterator[Element]:
    """Every paragraph in reading order, a fallback's only where its words differ."""
    for el in root.iterchildren():
        if el.tag == _FALLBACK and not _fallback_differs(el):
            continue
        if el.tag == _P:
            yield el
        yield from _paragraphs(el)


def _lines(root: Element, part: str) -> Iterator[Line]:
    section, number = "", 0
    for p in _paragraphs(root):
        text = _paragraph_text(p)
        if not text:
            continue
        if part == "body" and _is_heading(p):
            section, number = text, 0
        number += 1
        yield Line(part, section, number, text)


def body_lines(document: Document) -> list[Line]:
    """Every non-empty paragraph of the body, tables included."""
    return list(_lines(document.element.body, "body"))


def package_lines(entries: list[Entry]) -> list[Line]:
    """The text of a package: the main body (tables included), then every header and footer
    its sections refer to, then footnotes, endnotes and comments. Read from the zip entries
    themselves, so the file is unzipped once; ValueError when a part is not XML."""
    parts = dict(entries)
    main = package.main_document(entries)
    if main is None or main not in parts:
        raise ValueError("no main document")
    rels = {
        rel_id: rel
        for rel_id, rel in package.rels_of(entries, main).items()
        if not rel.external and rel.target in parts
    }

    def parse(name: str) -> etree._Element:
        try:
            return etree.fromstring(parts[name], package.PARSER)
        except etree.XMLSyntaxError:
            raise ValueError(f"{name} is not XML") from None

    root = parse(main)
    body = root.find(_BODY)
    lines = list(_lines(body if body is not None else root, "body"))
    seen: set[str] = set()
    for ref in root.iter(*_REFERENCES):
        rel = rels.get(ref.get(_R_ID) or "")
        if rel is not None and rel.target not in seen:
            seen.add(rel.target)
            lines += _lines(parse(rel.target), _REFERENCES[ref.tag])
    for rel in rels.values():
        kind = rel.rel_type.rsplit("/", 1)[-1]
        if kind in _NOTES:
            lines += _lines(parse(rel.target), _NOTES[kind])
    return lines


def text_sha256(document: Document) -> str:
    """A digest of the body's visible text: tells a returned review copy's words were kept."""
    body = "\n".join(line.text for line in body_lines(document))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def first_difference(found: list[Line], expected: list[Line]) -> str | None:
    """One sentence on the first paragraph that differs, or None when the texts agree."""
    for have, want in zip(found, expected, strict=False):
        if have.text != want.text:
            return (
                f"In {want.where}, the document says {_quote(have.text)} where the signed "
                f"record gives {_quote(want.text)}."
            )
    if len(found) > len(expected):
        extra = found[len(expected)]
        return (
            f"The document has text the signed record does not: {_quote(extra.text)} "
            f"(in {extra.where})."
        )
    if len(found) < len(expected):
        gone = expected[len(found)]
        return (
            f"Text of the signed record is missing from the document from {gone.where} "
            f"on: {_quote(gone.text)}."
        )
    return None


def _quote(text: str, limit: int = 120) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
