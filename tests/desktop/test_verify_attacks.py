"""Every way of hiding, overlaying or adding visible content must fail `verify`.

One row per attack: each takes the signed full copy apart entry by entry, changes it as an
attacker with a text editor (or with a key of their own) would, and must exit 1 with a
sentence naming what changed. A faithful re-save by another program gets its own verdict,
and a copy signed before the exporter's layout changed still verifies. Future changes to
signing or verification run this table.
"""

from __future__ import annotations

import base64
import re
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backends import fail
from strategy_minutes.desktop.exports import write_copy
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import canonical, lifecycle, oversight, verify
from strategy_minutes.desktop.signoff.keys import SigningKey, signing_key
from strategy_minutes.exporters import docx_minutes
from strategy_minutes.exporters.package import Entry
from strategy_minutes.exporters.signature_part import OversightPart
from strategy_minutes.storage import signatures
from strategy_minutes.storage.store import open_store

from tests.conftest import PASSPHRASE
from tests.desktop.signed_copies import (
    entries,
    resign,
    rezip,
    signatures_of,
    with_signatures,
    write,
)

TARGET = b"<w:r><w:t>Northfield Public Protection Unit</w:t></w:r>"
FAKE = "no further action; the interviews are cancelled"
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo meeting signed, its full copy exported, the register and the laptop's key."""
    folder = tmp_path_factory.mktemp("signed")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    store = open_store(folder / "store", lambda confirm: PASSPHRASE)
    try:
        service = MeetingService(store)
        meeting_id = service.add_demo()
        lifecycle.sign(store, service.get(meeting_id))
        path, said = write_copy(service, service.get(meeting_id), folder / "full.docx", "full")
        assert said.startswith("Carries version 1"), said
        result = {
            "full": path.read_bytes(),
            "trusted": signatures.trusted(store.db),
            "key": signing_key(store),
            "meeting_id": meeting_id,
        }
    finally:
        store.close()
        keyring.set_keyring(previous)
    return result


def _fresh_key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    return SigningKey(private, private.public_key().public_bytes_raw())


# -- how each attack changes the package -------------------------------------------------
Attack = Callable[[list[Entry], dict], list[Entry]]


def _edit(name: str, change: Callable[[bytes], bytes]) -> Attack:
    def attack(parts: list[Entry], _signed: dict) -> list[Entry]:
        out = [(n, change(b) if n == name else b) for n, b in parts]
        assert out != parts, f"the attack did not change {name}"
        return out

    return attack


def _body(change: Callable[[bytes], bytes]) -> Attack:
    return _edit("word/document.xml", change)


def _field(text: str) -> bytes:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        f' QUOTE "{text}" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{text}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    ).encode()


def _styled(props: str) -> Callable[[bytes], bytes]:
    """The target run given run properties, and the fake words put beside it in a field."""
    run = TARGET.replace(b"<w:r>", f"<w:r><w:rPr>{props}</w:rPr>".encode())
    return lambda xml: xml.replace(TARGET, run + _field(FAKE), 1)


def _add_part(
    name: str, blob: bytes, rel_type: str, content_type: str, body: Callable[[bytes, str], bytes]
) -> Attack:
    """A new part related from the main document, typed, and referred to from the body."""

    def attack(parts: list[Entry], _signed: dict) -> list[Entry]:
        rel_id = "rId901"
        target = name.removeprefix("word/")
        out = []
        for n, b in parts:
            if n == "word/_rels/document.xml.rels":
                b = b.replace(
                    b"</Relationships>",
                    f'<Relationship Id="{rel_id}" Type="{REL}{rel_type}" '
                    f'Target="{target}"/></Relationships>'.encode(),
                )
            elif n == "[Content_Types].xml":
                b = b.replace(
                    b"</Types>",
                    f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode(),
                )
            elif n == "word/document.xml":
                b = body(b, rel_id)
            out.append((n, b))
        return [*out, (name, blob)]

    return attack


def _header(kind: str) -> Attack:
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr '
        + W_NS
        + b"><w:p><w:r><w:t>"
        + FAKE.encode()
        + b"</w:t></w:r></w:p></w:hdr>"
    )

    def body(b: bytes, rel_id: str) -> bytes:
        b = re.sub(
            rb"(<w:sectPr[^>]*>)",
            lambda m: m.group(1) + f'<w:headerReference w:type="{kind}" r:id="{rel_id}"/>'.encode(),
            b,
        )
        return b.replace(b"</w:sectPr>", b"<w:titlePg/></w:sectPr>" if kind == "first" else b"")

    attack = _add_part("word/header9.xml", xml, "header", CT + "header+xml", body)
    if kind == "first":
        return attack

    def even(parts: list[Entry], signed: dict) -> list[Entry]:
        parts = attack(parts, signed)
        return _edit(
            "word/settings.xml",
            lambda b: b.replace(b"</w:settings>", b"<w:evenAndOddHeaders/></w:settings>"),
        )(parts, signed)

    return even


def _footnote() -> Attack:
    xml = (
        b"<w:footnotes "
        + W_NS
        + b'><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        + b'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>'
        + FAKE.encode()
        + b"</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    return _add_part(
        "word/footnotes.xml",
        xml,
        "footnotes",
        CT + "footnotes+xml",
        lambda b, _id: b.replace(TARGET, TARGET + b'<w:r><w:footnoteReference w:id="1"/></w:r>', 1),
    )


def _comment() -> Attack:
    xml = (
        b"<w:comments "
        + W_NS
        + b'><w:comment w:id="7" w:author="A. Nother"><w:p><w:r><w:t>'
        + FAKE.encode()
        + b"</w:t></w:r></w:p></w:comment></w:comments>"
    )
    return _add_part(
        "word/comments.xml",
        xml,
        "comments",
        CT + "comments+xml",
        lambda b, _id: b.replace(
            TARGET,
            b'<w:commentRangeStart w:id="7"/>'
            + TARGET
            + b'<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>',
            1,
        ),
    )


def _alt_chunk() -> Attack:
    return _add_part(
        "word/afchunk.htm",
        f"<html><body><p>{FAKE}</p></body></html>".encode(),
        "aFChunk",
        "text/html",
        lambda b, rel_id: b.replace(
            b"<w:sectPr", f'<w:altChunk r:id="{rel_id}"/><w:sectPr'.encode(), 1
        ),
    )


def _png() -> bytes:
    """A one-pixel red PNG: a picture, but not the one that was signed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _added(parts: list[Entry], _signed: dict) -> list[Entry]:
    return [*parts, ("word/extra.xml", b"<extra/>")]


def _removed(parts: list[Entry], _signed: dict) -> list[Entry]:
    return [(n, b) for n, b in parts if n != "docProps/app.xml"]


def _reordered(parts: list[Entry], _signed: dict) -> list[Entry]:
    names = [n for n, _b in parts]
    i, j = names.index("word/styles.xml"), names.index("word/settings.xml")
    out = list(parts)
    out[i], out[j] = out[j], out[i]
    return out


def _duplicate_name(parts: list[Entry], _signed: dict) -> list[Entry]:
    body = dict(parts)["word/document.xml"]
    return [*parts, ("word/document.xml", body.replace(TARGET, _field(FAKE), 1))]


def _signatures_moved(parts: list[Entry], _signed: dict) -> list[Entry]:
    holder, _chair, _carried = signatures_of(parts)
    return [("customXml/item9.xml" if n == holder else n, b) for n, b in parts]


def _signatures_duplicated(parts: list[Entry], _signed: dict) -> list[Entry]:
    holder, _chair, _carried = signatures_of(parts)
    return [*parts, ("customXml/item9.xml", dict(parts)[holder])]


def _unknown_signer(parts: list[Entry], _signed: dict) -> list[Entry]:
    changed = _body(_styled('<w:color w:val="FFFFFF"/>'))(parts, _signed)
    return resign(changed, _fresh_key())


def _unknown_oversight(parts: list[Entry], signed: dict) -> list[Entry]:
    _holder, chair, _carried = signatures_of(parts)
    key = _fresh_key()
    entry = canonical.canonical_bytes(
        {
            "format": oversight.FORMAT,
            "meeting_id": signed["meeting_id"],
            "version": 1,
            "signed_record_sha256": canonical.sha256(chair.record),
            "name": "A. Nother",
            "date": "2026-11-26",
            "note": FAKE,
            "recorded_at": "2026-11-26T10:00:00Z",
            "fingerprint": key.fingerprint,
        }
    )
    raw = {"record": entry, "signature": key.sign(entry), "public_key": key.public_key}
    carried = [{k: base64.b64encode(v).decode() for k, v in raw.items()}]
    return with_signatures(
        parts, chair, OversightPart(signed["meeting_id"], canonical.canonical_bytes(carried))
    )


def _bound_by_a_known_key(parts: list[Entry], signed: dict) -> list[Entry]:
    """Content bound to the signatures part (which no digest covers), signed by our own key."""
    binding = (
        b'<w:sdt><w:sdtPr><w:dataBinding w:xpath="/sms:Signatures[1]" '
        b'w:storeItemID="{00000000-0000-0000-0000-000000000000}"/></w:sdtPr>'
        b"<w:sdtContent><w:r><w:t>x</w:t></w:r></w:sdtContent></w:sdt>"
    )
    changed = _body(lambda b: b.replace(TARGET, TARGET + binding, 1))(parts, signed)
    return resign(changed, signed["key"])


def _related_by_a_known_key(parts: list[Entry], signed: dict) -> list[Entry]:
    """The signatures part related as a header, which Word would show, signed by our own key."""
    holder, _chair, _carried = signatures_of(parts)
    changed = _edit(
        "word/_rels/document.xml.rels",
        lambda b: b.replace(
            b"</Relationships>",
            f'<Relationship Id="rId902" Type="{REL}header" Target="../{holder}"/>'
            "</Relationships>".encode(),
        ),
    )(parts, signed)
    return resign(changed, signed["key"])


BODY = "word/document.xml (the body of the minutes) was changed"
ATTACKS: list[tuple[str, Attack, str]] = [
    ("hidden run and a field", _body(_styled("<w:vanish/>")), BODY),
    ("white text", _body(_styled('<w:color w:val="FFFFFF"/>')), BODY),
    ("1-point text", _body(_styled('<w:sz w:val="2"/><w:szCs w:val="2"/>')), BODY),
    (
        "a paragraph made only of a field",
        _body(lambda b: b.replace(b"<w:sectPr", b"<w:p>" + _field(FAKE) + b"</w:p><w:sectPr", 1)),
        BODY,
    ),
    ("first-page header", _header("first"), "word/header9.xml (a page header) was added"),
    ("even-page header", _header("even"), "word/settings.xml (the document settings) was changed"),
    ("footnote", _footnote(), "word/footnotes.xml (the footnotes) was added"),
    (
        "moved-from markup",
        _body(
            lambda b: b.replace(
                TARGET,
                b'<w:moveFrom w:id="9001" w:author="A" w:date="2026-11-25T00:00:00Z">'
                + TARGET
                + b"</w:moveFrom>",
                1,
            )
        ),
        BODY,
    ),
    ("strikethrough", _body(lambda b: b.replace(TARGET, _styled("<w:strike/>")(TARGET), 1)), BODY),
    (  # the family map is drawn as shapes: a badge's red made white hides its words
        "recoloured shape in the family map",
        _body(lambda b: b.replace(b'<a:srgbClr val="B00020"/>', b'<a:srgbClr val="FFFFFF"/>')),
        BODY,
    ),
    (
        "changed alt text",
        _body(
            lambda b: b.replace(
                b'name="Family map" descr="', f'name="Family map" descr="{FAKE} '.encode()
            )
        ),
        BODY,
    ),
    (
        "added picture",
        _add_part(
            "word/media/image9.png",
            _png(),
            "image",
            "image/png",
            lambda b, rel_id: b.replace(b'name="Family map"', b'name="Family map, see image"'),
        ),
        "word/media/image9.png (a picture) was added",
    ),
    (
        "changed document properties",
        _edit(
            "docProps/core.xml",
            lambda b: re.sub(
                rb"<dc:title>[^<]*</dc:title>", b"<dc:title>" + FAKE.encode() + b"</dc:title>", b
            ),
        ),
        "docProps/core.xml (the document properties) was changed",
    ),
    ("added comment", _comment(), "word/comments.xml (comments) was added"),
    (
        "altChunk",
        _alt_chunk(),
        "word/afchunk.htm (an embedded chunk of another document) was added",
    ),
    ("an extra zip entry", _added, "word/extra.xml was added"),
    ("a removed entry", _removed, "docProps/app.xml (the application properties) was removed"),
    ("a reordered entry", _reordered, "in another order than signed"),
    ("a duplicate entry name", _duplicate_name, "two entries named 'word/document.xml'"),
    (
        "the signatures part moved",
        _signatures_moved,
        "the signatures part was moved from customXml/item2.xml to customXml/item9.xml",
    ),
    ("the signatures part duplicated", _signatures_duplicated, "carries 2 signatures parts"),
    ("a signature from a key not in the register", _unknown_signer, "not in the register"),
    (
        "an oversight entry signed by an unknown key",
        _unknown_oversight,
        "An oversight entry in the file is signed by a key that is not in the register",
    ),
    ("content bound to the signatures part", _bound_by_a_known_key, "binds content"),
    (
        "the signatures part related as a header",
        _related_by_a_known_key,
        "refers to the signatures",
    ),
]


@pytest.mark.parametrize(("attack", "change", "said"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attack_fails_with_a_sentence_naming_the_change(
    signed: dict, tmp_path: Path, attack: str, change: Attack, said: str
) -> None:
    path = write(tmp_path, rezip(change(entries(signed["full"]), signed)))
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == verify.INVALID, verdict.lines
    assert said in verdict.lines[0], verdict.lines
    assert "is valid" not in verdict.lines[0]
    if "not the file that was signed" in verdict.lines[0]:
        assert not any("is valid" in line for line in verdict.lines), verdict.lines


def test_the_signed_file_is_valid_and_says_who_signed(signed: dict, tmp_path: Path) -> None:
    verdict = verify.verify_document(write(tmp_path, signed["full"]), signed["trusted"])
    assert verdict.code == verify.VALID, verdict.lines
    assert "is valid" in verdict.lines[0] and "Siân Llywelyn" in verdict.lines[0]
    assert "copy for: full" in verdict.lines[0] and "version 1" in verdict.lines[0]
    assert any("exactly what was signed" in line for line in verdict.lines)
    assert [s["name"] for s in verdict.signed_by] == ["Siân Llywelyn"]


def test_a_zip_written_again_with_the_same_entries_is_still_the_signed_file(
    signed: dict, tmp_path: Path
) -> None:
    """Compression and timestamps are not shown to a reader; names, bytes and order are."""
    path = write(tmp_path, rezip(entries(signed["full"])))
    assert verify.verify_document(path, signed["trusted"]).code == verify.VALID


def _resave_verdict(verdict: verify.Verdict) -> None:
    assert verdict.code == verify.INVALID, verdict.lines
    assert "is not the file that was signed" in verdict.lines[0]
    assert verdict.lines[1].startswith(
        "Its text matches the text that was signed, but it is not the signed file"
    ), verdict.lines


def test_resave_by_python_docx_gets_its_own_verdict(signed: dict, tmp_path: Path) -> None:
    source = write(tmp_path, signed["full"])
    out = tmp_path / "resaved.docx"
    docx.Document(str(source)).save(str(out))
    _resave_verdict(verify.verify_document(out, signed["trusted"]))


def test_resave_by_libreoffice_gets_its_own_verdict(signed: dict, tmp_path: Path) -> None:
    source = write(tmp_path, signed["full"], "minutes.docx")
    out = tmp_path / "resaved"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    _resave_verdict(verify.verify_document(out / "minutes.docx", signed["trusted"]))


def test_changed_words_are_named_with_where(signed: dict, tmp_path: Path) -> None:
    change = _body(lambda b: b.replace(b"Protection Unit</w:t>", b"Protection Team</w:t>", 1))
    path = write(tmp_path, rezip(change(entries(signed["full"]), signed)))
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == verify.INVALID and BODY in verdict.lines[0]
    assert verdict.lines[1].startswith("The document's text is not what was signed.")
    assert "section '1. Attendance'" in verdict.lines[1]
    assert "Protection Team" in verdict.lines[1] and "Protection Unit" in verdict.lines[1]


def test_command_line_routes_valid_to_stdout_and_failures_to_stderr(
    cli, signed: dict, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    valid = cli("verify", str(write(tmp_path, signed["full"])), "--allow-unknown")
    assert valid.returncode == 0 and "is valid" in valid.stdout and valid.stderr == ""
    for _name, change, said in (ATTACKS[0], ATTACKS[14], ATTACKS[17]):
        path = write(tmp_path, rezip(change(entries(signed["full"]), signed)), "attacked.docx")
        done = cli("verify", str(path), "--allow-unknown")
        assert done.returncode == 1 and done.stdout == "", done.stdout
        assert said in done.stderr.splitlines()[0]
        assert "is valid" not in done.stderr


def test_copy_signed_before_a_layout_change_still_verifies(
    service: MeetingService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = service.add_demo()
    lifecycle.sign(service.store, service.get(meeting_id))
    before, _said = write_copy(service, service.get(meeting_id), tmp_path / "before.docx", "full")
    heading = docx_minutes._Writer.heading
    monkeypatch.setattr(
        docx_minutes._Writer,
        "heading",
        lambda self, text, level=1: heading(self, f"Part: {text.upper()}", level),
    )
    monkeypatch.setattr(docx_minutes, "MARKING", "OFFICIAL")
    relaid = docx_minutes.minutes_bytes(service.get(meeting_id), "full")
    assert b"Part: " in entries(relaid)[4][1] or any(b"Part: " in b for _n, b in entries(relaid))
    trusted = signatures.trusted(service.store.db)
    verdict = verify.verify_document(before, trusted)
    assert verdict.code == verify.VALID, verdict.lines
    again, _said = write_copy(service, service.get(meeting_id), tmp_path / "again.docx", "full")
    assert again.read_bytes() == before.read_bytes()  # the signed file, not a new rendering


def test_an_old_version_says_it_is_out_of_date(service: MeetingService, tmp_path: Path) -> None:
    store = service.store
    meeting_id = service.add_demo()
    lifecycle.sign(store, service.get(meeting_id))
    first, _said = write_copy(service, service.get(meeting_id), tmp_path / "v1.docx", "full")
    lifecycle.open_addendum(store, meeting_id, "Police asked to correct the venue")
    service.set_field(meeting_id, "facts", None, "venue", "Room 9")
    lifecycle.sign(store, service.get(meeting_id))
    second, _said = write_copy(service, service.get(meeting_id), tmp_path / "v2.docx", "full")
    trusted, known = signatures.trusted(store.db), signatures.signed_versions(store.db)
    old = verify.verify_document(first, trusted, versions=known)
    assert old.code == verify.VALID, old.lines
    assert old.lines[-1].startswith("This is version 1 of 2; version 2 was signed on ")
    assert old.lines[-1].endswith("this copy is out of date.")
    new = verify.verify_document(second, trusted, versions=known)
    assert new.code == verify.VALID and new.lines[-1].startswith("This is version 2 of 2")
    elsewhere = verify.verify_document(first, trusted)
    assert "a later one may exist" in elsewhere.lines[-1]


def test_oversight_is_listed_with_who_signed_it(service: MeetingService, tmp_path: Path) -> None:
    store = service.store
    meeting_id = service.add_demo()
    lifecycle.sign(store, service.get(meeting_id))
    plain, _said = write_copy(service, service.get(meeting_id), tmp_path / "plain.docx", "full")
    oversight.record(store, meeting_id, "Grace Obi", "Plan reviewed.", "2026-11-26")
    carried, said = write_copy(service, service.get(meeting_id), tmp_path / "later.docx", "full")
    assert "1 management oversight entry signed since" in said
    verdict = verify.verify_document(carried, signatures.trusted(store.db))
    assert verdict.code == verify.VALID, verdict.lines
    assert [s["name"] for s in verdict.signed_by] == ["Siân Llywelyn", "Grace Obi"]
    assert any("management oversight by Grace Obi" in line for line in verdict.lines)
    holder, _chair, _carried = signatures_of(entries(plain.read_bytes()))
    assert [(n, b) for n, b in entries(carried.read_bytes()) if n != holder] == [
        (n, b) for n, b in entries(plain.read_bytes()) if n != holder
    ]  # every digested part is as the chair signed it


@pytest.fixture(scope="module")
def resaved(signed: dict, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The signed full copy saved again by LibreOffice: its family map now comes twice, as
    shapes (mc:Choice) and as an older fallback picture (mc:Fallback) with the same words."""
    folder = tmp_path_factory.mktemp("resaved")
    source = write(folder, signed["full"], "minutes.docx")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/lo",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    data = (folder / "out" / "minutes.docx").read_bytes()
    assert b"<mc:Fallback>" in dict(entries(data))["word/document.xml"]
    return data


def _inside(tag: str, change: Callable[[str], str]) -> Callable[[str], str]:
    """Apply change(text) only inside the first <mc:tag>...</mc:tag> of the body."""

    def edit(xml: str) -> str:
        start = xml.index(f"<mc:{tag}")
        end = xml.index(f"</mc:{tag}>", start)
        return xml[:start] + change(xml[start:end]) + xml[end:]

    return edit


def _rename(xml: str) -> str:
    return xml.replace(">Roy Penrose<", ">Ray Penrose<")


def _unflag(xml: str) -> str:
    return xml.replace(">Registered sex offender<", "><")


@pytest.mark.parametrize(
    "case,edit",
    [
        ("a name changed in the map's shapes only", _inside("Choice", _rename)),
        ("a name changed in the fallback only", _inside("Fallback", _rename)),
        ("a name changed in both", _rename),
        ("a risk badge's words removed from the shapes", _inside("Choice", _unflag)),
        ("a risk badge's words removed from the fallback", _inside("Fallback", _unflag)),
        (
            "the fallback's words swapped for another person's",
            _inside("Fallback", lambda x: x.replace(">Roy Penrose<", ">Gareth Penrose<")),
        ),
    ],
)
def test_words_changed_in_either_copy_of_the_family_map_are_not_a_faithful_resave(
    signed: dict, resaved: bytes, tmp_path: Path, case: str, edit: Callable[[str], str]
) -> None:
    _resave_verdict(
        verify.verify_document(write(tmp_path, resaved, "same.docx"), signed["trusted"])
    )
    changed = [
        (name, edit(data.decode("utf-8")).encode("utf-8") if name == "word/document.xml" else data)
        for name, data in entries(resaved)
    ]
    assert changed != entries(resaved), case
    verdict = verify.verify_document(write(tmp_path, rezip(changed)), signed["trusted"])
    assert verdict.code == verify.INVALID, case
    assert verdict.lines[1].startswith("The document's text is not what was signed."), (
        case,
        verdict.lines,
    )


@pytest.mark.parametrize("where", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_damaged_bytes_get_a_verdict_not_a_crash(
    signed: dict, tmp_path: Path, where: float
) -> None:
    """Bytes damaged in transit (or by hand) anywhere in the compressed parts: a sentence saying
    the copy is damaged or altered, never 'valid' and never an unexpected error."""
    data = bytearray(signed["full"])
    start = int(len(data) * where)
    data[start : start + 16] = bytes(16)
    verdict = verify.verify_document(write(tmp_path, bytes(data)), signed["trusted"])
    assert verdict.code in (verify.INVALID, verify.UNREADABLE), verdict.lines
    assert "is valid" not in verdict.lines[0] and len(verdict.lines[0]) < 300
