"""Opening a .docx someone else sent, with bounded work: the checks run before any parser.

A .docx is a zip of XML. A file of 1 MB can declare gigabytes of content (a zip bomb), and an
XML part can declare entities that expand a billion-fold (billion laughs). Verification and
comment import read files from outside, so each file is checked here first, from the zip's
own directory and without unpacking anything large:

- the file itself, the number of entries, the total unpacked size, and the unpacked size of
  the XML (which lxml holds as a tree about 20 times its size) are capped well above what
  any minutes need (the demo meeting is 20 entries, 1 MB unpacked, 0.9 MB of it XML);
- no entry may unpack to more than `MAX_RATIO` times its packed size once it is large;
- no XML part may carry a document type declaration: Word never writes one, and it is what
  entity expansion needs, so refusing it makes every later parser safe from it.

Reading an entry never returns more than its declared size (zipfile stops there and checks
the CRC), so limits taken from the directory hold for what is read. Each refusal is one
sentence naming the file and the limit.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from strategy_minutes.exporters.signature_part import Unreadable

MAX_FILE_BYTES = 50 * 1024 * 1024  # the .docx as sent
MAX_ENTRIES = 1000
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # every entry together
MAX_XML_BYTES = 8 * 1024 * 1024  # XML parts together: about 160 MB as trees
MAX_RATIO = 100  # unpacked / packed, for entries over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MB = 1024 * 1024


class HostileFile(Unreadable):
    """A file over a limit, or with a DTD; the message is one sentence naming which (an
    Unreadable, so every reader that refuses unreadable files refuses these alike)."""


def read_file(path: Path) -> bytes:
    """The bytes of `path`, refused before reading when the file is larger than any .docx
    the app would be asked to check."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise HostileFile(
            f"{path.name} is {size // _MB} MB, larger than any minutes "
            f"({MAX_FILE_BYTES // _MB} MB at most); it was not opened."
        )
    return path.read_bytes()


def _is_xml(name: str) -> bool:
    return name.lower().endswith(_XML_SUFFIXES) or name == "[Content_Types].xml"


def _declares_doctype(blob: bytes) -> bool:
    """True when the XML part has a DTD, in UTF-8 or in UTF-16 (either byte order)."""
    if b"<!DOCTYPE" in blob or b"<!ENTITY" in blob:
        return True
    head = blob[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        for codec in ("utf-16-le", "utf-16-be"):
            text = blob.decode(codec, errors="ignore")
            if "<!DOCTYPE" in text or "<!ENTITY" in text:
                return True
    return False


def check(data: bytes, name: str) -> None:
    """Raise HostileFile unless the zip in `data` is within every limit and has no DTD.

    A file that is not a zip at all passes: the caller's own reader says it is not a .docx.
    """
    if len(data) > MAX_FILE_BYTES:
        raise HostileFile(
            f"{name} is larger than any minutes ({MAX_FILE_BYTES // _MB} MB at most); "
            "it was not opened."
        )
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return
    with z:
        entries = z.infolist()
        if len(entries) > MAX_ENTRIES:
            raise HostileFile(
                f"{name} holds {len(entries)} parts, more than any minutes "
                f"({MAX_ENTRIES} at most); it was not opened."
            )
        unpacked = sum(i.file_size for i in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise HostileFile(
                f"{name} unpacks to {unpacked // _MB} MB, more than any minutes "
                f"({MAX_UNPACKED_BYTES // _MB} MB at most); it was not opened."
            )
        xml = [i for i in entries if _is_xml(i.filename)]
        if sum(i.file_size for i in xml) > MAX_XML_BYTES:
            raise HostileFile(
                f"{name} holds more XML than any minutes ({MAX_XML_BYTES // _MB} MB at "
                "most); it was not opened."
            )
        for i in entries:
            if i.file_size > RATIO_FROM and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise HostileFile(
                    f"{name} has a part ({i.filename}) packed over {MAX_RATIO} times "
                    "tighter than any minutes, as a zip bomb is; it was not opened."
                )
        for i in xml:
            try:
                blob = z.read(i)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
                raise HostileFile(
                    f"{name} is a damaged Word document; it was not opened."
                ) from None
            if _declares_doctype(blob):
                raise HostileFile(
                    f"{name} has a part ({i.filename}) with a document type declaration, "
                    "which Word never writes and which can expand without end; it was "
                    "not opened."
                )


def read_checked(path: Path) -> bytes:
    """The bytes of the .docx at `path`, checked (HostileFile when over a limit)."""
    data = read_file(path)
    check(data, Path(path).name)
    return data


def open_docx_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The zip in `data` once checked: HostileFile over a limit, BadZipFile if not a zip."""
    check(data, name)
    return zipfile.ZipFile(io.BytesIO(data))
