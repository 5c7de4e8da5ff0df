"""A .docx as what it is on disk: an OPC package of named zip entries.

Verification signs and checks the file itself, entry by entry, so it needs the entries exactly
as they are stored: every name, in the zip's own order, with its bytes, duplicates included
(a zip may hold two entries of one name, and programs disagree on which one counts).
`read_entries` is the one place a package is unzipped for that, and the limits on what a
hostile file may make us unzip (`safe_zip`) are checked there first. The rest reads
relationships and content types from the entries, never from the zip again.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree
from strategy_minutes.exporters import safe_zip
from strategy_minutes.exporters.signature_part import Unreadable

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

Entry = tuple[str, bytes]


@dataclass(frozen=True)
class Relationship:
    source: str  # the entry whose .rels holds it ("" for the package itself)
    rel_id: str
    rel_type: str
    target: str  # the entry name it points to, or the URI when external
    external: bool


def read_entries(data: bytes, name: str) -> list[Entry]:
    """Every entry of the zip in `data`, in stored order; Unreadable when it is not a zip, and
    HostileFile (an Unreadable) when it is over a limit of `safe_zip`."""
    safe_zip.check(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [(info.filename, z.open(info).read()) for info in z.infolist()]
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,  # a damaged deflate stream (not every damage breaks the CRC first)
        EOFError,
        ValueError,
        NotImplementedError,
    ):
        raise Unreadable(f"{name} is not a Word document, or it is damaged.") from None


def write_entries(entries: list[Entry]) -> bytes:
    """A zip of the entries, in the order given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for entry_name, blob in entries:
            info = zipfile.ZipInfo(entry_name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED  # a ZipInfo ignores the file's default
            z.writestr(info, blob)
    return out.getvalue()


def part_key(entry_name: str) -> str:
    """How OPC compares part names: percent-decoded, without a leading '/', case-blind."""
    return unquote(entry_name).lstrip("/").casefold()


def source_of(rels_name: str) -> str:
    """'word/_rels/document.xml.rels' -> 'word/document.xml'; '_rels/.rels' -> ''."""
    folder, file = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), file[: -len(".rels")]).lstrip("/")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def relationships(entries: list[Entry]) -> list[Relationship]:
    """Every relationship of every .rels entry; ValueError when one is not XML."""
    out = []
    for entry_name, blob in entries:
        if not entry_name.endswith(".rels"):
            continue
        source = source_of(entry_name)
        try:
            root = etree.fromstring(blob, PARSER)
        except etree.XMLSyntaxError:
            raise ValueError(f"{entry_name} is not XML") from None
        for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target") or ""
            out.append(
                Relationship(
                    source,
                    rel.get("Id") or "",
                    rel.get("Type") or "",
                    target if external else _resolve(source, unquote(target)),
                    external,
                )
            )
    return out


def overrides(entries: list[Entry]) -> dict[str, str]:
    """The content types [Content_Types].xml gives by part name (part_key -> type)."""
    types = dict(entries).get("[Content_Types].xml")
    if types is None:
        return {}
    root = etree.fromstring(types, PARSER)
    return {
        part_key(o.get("PartName") or ""): o.get("ContentType") or ""
        for o in root.iter(f"{{{TYPES_NS}}}Override")
    }


def rels_of(entries: list[Entry], source: str) -> dict[str, Relationship]:
    """The relationships of one part, by their ids."""
    folder, file = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", f"{file}.rels")
    return {r.rel_id: r for r in relationships([e for e in entries if e[0] == rels_name])}


def main_document(entries: list[Entry]) -> str | None:
    """The entry the package names as its main document (word/document.xml as a rule)."""
    for rel in relationships([e for e in entries if e[0] == "_rels/.rels"]):
        if rel.rel_type == OFFICE_DOCUMENT and not rel.external:
            return rel.target
    return None
