"""The signed record inside a .docx, and the marks a review copy carries.

A signed copy of the minutes carries, as a custom XML part (customXml/itemN.xml with its
itemProps, related from the main document), the canonical record the chair signed (base64),
the signature, the signer, and the public key with its fingerprint. Anyone holding the file
can then check it without the store. A review copy carries a part of its own naming the
meeting and the draft it was made from, so returned comments can be matched to it. Word and
LibreOffice keep custom XML parts when they save a .docx, and show nothing of them; a review
copy's mark is also kept as a custom document property, which survives a trip through
LibreOffice's own format (ODF) too.

This module only packs and unpacks; what a signature means is `desktop.signoff`'s business.
"""

from __future__ import annotations

import base64
import binascii
import io
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree
from strategy_minutes.storage.atomic_file import write_atomic

SIGNATURE_NS = "urn:strategy-minutes:signature:1"
REVIEW_NS = "urn:strategy-minutes:review:1"
OVERSIGHT_NS = "urn:strategy-minutes:oversight:1"
SIGNATURES_NS = "urn:strategy-minutes:signatures:2"  # the part a signed file's digest leaves out
REVIEW_PROPERTY = "Strategy Minutes review copy"
CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
CUSTOM_PROPERTIES_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
USER_DEFINED_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # Word's, for custom properties
MAX_PART_BYTES = 50 * 1024 * 1024  # a record is a few hundred kB; refuse absurd parts
_BINARY = ("record", "signature", "public_key", "entries")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class Unreadable(Exception):
    """Not a .docx, or one without the part asked for; the message is one sentence."""


class Missing(Unreadable):
    """A readable .docx without the part asked for."""


@dataclass(frozen=True)
class SignaturePart:
    meeting_id: str
    audience: str
    version: int
    record: bytes
    signature: bytes
    public_key: bytes
    fingerprint: str
    signer_name: str
    signer_role: str
    signed_at: str


@dataclass(frozen=True)
class ReviewMark:
    meeting_id: str
    token: str  # names the review export in the store that made it
    record_sha256: str  # of the meeting content the review copy showed
    text_sha256: str  # of the copy's visible body text


@dataclass(frozen=True)
class OversightPart:
    """Management oversight recorded after signing: each entry signed on its own."""

    meeting_id: str
    entries: bytes  # canonical JSON: [{"record", "signature", "public_key"} in base64]


Packed = SignaturePart | ReviewMark | OversightPart
_KINDS: dict[type, str] = {
    SignaturePart: SIGNATURE_NS,
    ReviewMark: REVIEW_NS,
    OversightPart: OVERSIGHT_NS,
}


def _element(part: Packed) -> etree._Element:
    ns = _KINDS[type(part)]
    root = etree.Element(f"{{{ns}}}{type(part).__name__}", nsmap={"sm": ns})
    for f in fields(part):
        value = getattr(part, f.name)
        child = etree.SubElement(root, f"{{{ns}}}{f.name}")
        child.text = base64.b64encode(value).decode() if isinstance(value, bytes) else str(value)
    return root


def _to_xml(part: Packed) -> bytes:
    return etree.tostring(_element(part), xml_declaration=True, encoding="UTF-8", standalone=True)


def _from_xml(cls: type, root: etree._Element) -> Packed:
    ns = _KINDS[cls]
    values: dict[str, object] = {}
    for f in fields(cls):
        child = root.find(f"{{{ns}}}{f.name}")
        if child is None:
            raise ValueError(f"missing {f.name}")
        text = child.text or ""
        if f.name in _BINARY:
            values[f.name] = base64.b64decode(text.encode(), validate=True)
        elif f.name == "version":
            values[f.name] = int(text)
        else:
            values[f.name] = text
    part: Packed = cls(**values)  # `cls` is one of the Packed dataclasses (see _KINDS)
    return part


def _props_xml() -> bytes:
    ds = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ds:datastoreItem ds:itemID="{{{str(uuid.uuid4()).upper()}}}" '
        f'xmlns:ds="{ds}"/>'
    ).encode()


def _namespace(blob: bytes) -> str | None:
    try:
        return etree.QName(etree.fromstring(blob, _PARSER)).namespace
    except etree.XMLSyntaxError:
        return None


def _new_custom_xml(main: Part, blob: bytes) -> Part:
    """A custom XML part with its itemProps, related from the main document."""
    used = {str(p.partname) for p in main.package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in used:
        n += 1
    item = Part(PackURI(f"/customXml/item{n}.xml"), CT.XML, blob, main.package)
    props = Part(
        PackURI(f"/customXml/itemProps{n}.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        _props_xml(),
        main.package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    main.relate_to(item, RT.CUSTOM_XML)
    return item


def add_signatures_slot(document: DocxDocument) -> str:
    """Make room, before the file is signed, for the part its signatures will go in.

    The part is related from the main document as custom XML (which Word and LibreOffice
    keep and never show), so its relationship, content type and itemProps are in place
    when the rest of the file is digested; only its own content is filled in afterwards.
    Returns its entry name in the zip.
    """
    empty = etree.Element(f"{{{SIGNATURES_NS}}}Signatures", nsmap={"sms": SIGNATURES_NS})
    item = _new_custom_xml(document.part, etree.tostring(empty, xml_declaration=True))
    return str(item.partname).lstrip("/")


def signatures_xml(chair: SignaturePart, oversight: OversightPart | None = None) -> bytes:
    """The content of the signatures part: the chair's signature, then any oversight entries."""
    root = etree.Element(f"{{{SIGNATURES_NS}}}Signatures", nsmap={"sms": SIGNATURES_NS})
    for part in (chair, oversight):
        if part is not None:
            root.append(_element(part))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def is_words_only_signature(blob: bytes) -> bool:
    """A signed record of the earlier kind, carried on its own: it signed the words only."""
    return SIGNATURE_NS.encode() in blob[:4096] and _namespace(blob) == SIGNATURE_NS


def is_signatures(blob: bytes) -> bool:
    return SIGNATURES_NS.encode() in blob[:4096] and _namespace(blob) == SIGNATURES_NS


def read_signatures(blob: bytes) -> tuple[SignaturePart, OversightPart | None]:
    """The chair's signature and the oversight a signatures part holds; ValueError when it
    is damaged or holds anything else, or more than one of either."""
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError:
        raise ValueError("not XML") from None
    found: dict[type, list[Packed]] = {SignaturePart: [], OversightPart: []}
    for child in root:
        kind = next((k for k, ns in _KINDS.items() if child.tag == f"{{{ns}}}{k.__name__}"), None)
        if kind not in found:
            raise ValueError(f"unexpected element {child.tag}")
        try:
            found[kind].append(_from_xml(kind, child))
        except binascii.Error:
            raise ValueError("damaged base64") from None
    chair, oversight = found[SignaturePart], found[OversightPart]
    if len(chair) != 1 or len(oversight) > 1:
        raise ValueError("not one chair's signature")
    first = chair[0]
    assert isinstance(first, SignaturePart)
    extra = oversight[0] if oversight else None
    assert extra is None or isinstance(extra, OversightPart)
    return first, extra


def embed(path: Path, part: Packed) -> None:
    """Put the part into the .docx at `path`, replacing one of the same kind; atomically."""
    write_atomic(path, embedded(Path(path).read_bytes(), part))


def embedded(data: bytes, part: Packed) -> bytes:
    """The .docx `data` with the part put in (replacing one of the same kind), in memory:
    a copy being exported is never on disk before it is whole (and encrypted, if asked)."""
    document = Document(io.BytesIO(data))
    main = document.part
    blob = _to_xml(part)
    for rel in main.rels.values():
        if (
            rel.reltype == RT.CUSTOM_XML
            and not rel.is_external
            and _namespace(rel.target_part.blob) == _KINDS[type(part)]
        ):
            rel.target_part._blob = blob
            break
    else:
        _new_custom_xml(main, blob)
    if isinstance(part, ReviewMark):
        _set_property(
            document,
            REVIEW_PROPERTY,
            " ".join((part.meeting_id, part.token, part.record_sha256, part.text_sha256)),
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_property(document: DocxDocument, name: str, value: str) -> None:
    """Set one custom document property, keeping the others the exporter wrote."""
    package = document.part.package
    found = [r for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES]
    if found:
        holder = found[0].target_part
        root = etree.fromstring(holder.blob, _PARSER)
    else:
        # lxml takes None as the default namespace's prefix; lxml-stubs want str keys only
        root = etree.Element(
            f"{{{CUSTOM_PROPERTIES_NS}}}Properties",
            nsmap={None: CUSTOM_PROPERTIES_NS, "vt": VT_NS},  # type: ignore[dict-item]
        )
        holder = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_CT, b"", package)
        package.relate_to(holder, RT.CUSTOM_PROPERTIES)
    props = root.findall(f"{{{CUSTOM_PROPERTIES_NS}}}property")
    for prop in props:
        if prop.get("name") == name:
            root.remove(prop)
    pids = [int(p.get("pid") or 1) for p in props]
    prop = etree.SubElement(
        root,
        f"{{{CUSTOM_PROPERTIES_NS}}}property",
        fmtid=USER_DEFINED_FMTID,
        pid=str(max(pids, default=1) + 1),
        name=name,
    )
    etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    holder._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _review_property(z: zipfile.ZipFile) -> ReviewMark | None:
    if "docProps/custom.xml" not in z.namelist():
        return None
    root = etree.fromstring(z.read("docProps/custom.xml"), _PARSER)
    for prop in root.iter(f"{{{CUSTOM_PROPERTIES_NS}}}property"):
        if prop.get("name") == REVIEW_PROPERTY:
            words = "".join(cast("Iterator[str]", prop.itertext())).split()  # text, not bytes
            return ReviewMark(*words) if len(words) == 4 else None
    return None


def _find(path: Path, cls: type, data: bytes | None = None) -> Packed:
    what = {
        SignaturePart: "signed record",
        ReviewMark: "review-copy mark",
        OversightPart: "oversight record",
    }[cls]
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise Unreadable(f"{path.name} is not a Word document.")
            for info in z.infolist():
                name = info.filename
                if not (
                    name.startswith("customXml/item")
                    and name.endswith(".xml")
                    and not name.startswith("customXml/itemProps")
                ):
                    continue
                if info.file_size > MAX_PART_BYTES:
                    continue
                blob = z.read(name)
                if _namespace(blob) != _KINDS[cls]:
                    continue
                try:
                    return _from_xml(cls, etree.fromstring(blob, _PARSER))
                except (ValueError, binascii.Error, etree.XMLSyntaxError):
                    raise Unreadable(f"The {what} inside {path.name} is damaged.") from None
            if cls is ReviewMark and (mark := _review_property(z)) is not None:
                return mark
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, etree.XMLSyntaxError):
        raise Unreadable(f"{path.name} is not a Word document, or it is damaged.") from None
    except KeyError:
        raise Unreadable(f"{path.name} is a damaged Word document.") from None
    raise Missing(f"{path.name} carries no {what} of Strategy Minutes.")


def extract(path: Path, data: bytes | None = None) -> SignaturePart:
    """The signed record carried by the .docx (read from `data` when given, the file
    decrypted in memory); Unreadable when there is none."""
    found = _find(path, SignaturePart, data)
    assert isinstance(found, SignaturePart)
    return found


def extract_review(path: Path) -> ReviewMark:
    found = _find(path, ReviewMark)
    assert isinstance(found, ReviewMark)
    return found


def extract_oversight(path: Path, data: bytes | None = None) -> OversightPart | None:
    """The oversight entries a signed copy carries, or None when it carries none."""
    try:
        found = _find(path, OversightPart, data)
    except Missing:
        return None
    assert isinstance(found, OversightPart)
    return found
