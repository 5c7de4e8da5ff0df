"""Is this the file that was signed? Checking a signed Word copy byte for byte.

A copy is valid only when every entry of its package but the signatures part is, name,
bytes and order, what the signed record lists; the record's signature checks out with its
key; that key is in the register of trusted signers; the signatures part cannot be shown
by Word; and every oversight entry in it is signed by a key in the register too. A file
whose text is what was signed but whose bytes are not (a re-save by another program) gets
a verdict of its own, still not valid. Nothing is rendered again, so old copies keep
verifying whatever later builds of the exporter do.

`verify_document` needs no store: the caller passes the register of trusted signers and,
to say whether a copy is out of date, the signed versions it knows (`signatures.signed_versions`).
"""

from __future__ import annotations

import binascii
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msoffcrypto.exceptions import DecryptionError, InvalidKeyError
from strategy_minutes.desktop.meeting.wording import when_signed
from strategy_minutes.desktop.signoff import canonical, oversight, register, text
from strategy_minutes.desktop.signoff.keys import fingerprint, same_fingerprint, verify_signature
from strategy_minutes.exporters import package, protect, safe_zip, signature_part
from strategy_minutes.exporters.package import Entry
from strategy_minutes.exporters.signature_part import OversightPart, SignaturePart, Unreadable

VALID, INVALID, UNREADABLE = 0, 1, 2
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
MOST_CHANGES_NAMED = 6
_WHAT = (  # what a reader would call each part of a .docx
    (r"\[Content_Types\]\.xml", "the list of content types"),
    (r"word/document\.xml", "the body of the minutes"),
    (r"word/header\d*\.xml", "a page header"),
    (r"word/footer\d*\.xml", "a page footer"),
    (r"word/footnotes\.xml", "the footnotes"),
    (r"word/endnotes\.xml", "the endnotes"),
    (r"word/comments\w*\.xml", "comments"),
    (r"word/media/.*", "a picture"),
    (r"word/styles\.xml", "the styles"),
    (r"word/settings\.xml", "the document settings"),
    (r"word/numbering\.xml", "the list numbering"),
    (r"word/theme/.*", "the theme"),
    (r"word/fontTable\.xml", "the font table"),
    (r"docProps/core\.xml", "the document properties"),
    (r"docProps/app\.xml", "the application properties"),
    (r"docProps/custom\.xml", "the custom document properties"),
    (r"customXml/.*", "custom XML data"),
    (r".*\.rels", "relationships between parts"),
    (r"word/.*(chunk|afchunk).*", "an embedded chunk of another document"),
)


@dataclass
class Verdict:
    code: int  # VALID, INVALID or UNREADABLE
    lines: list[str] = field(default_factory=list)  # sentences for the person checking
    record: dict[str, Any] | None = None
    signer_known: bool = False
    signed_by: list[dict[str, Any]] = field(default_factory=list)  # who signed what


class _Refused(Exception):
    def __init__(self, code: int, *lines: str) -> None:
        super().__init__(lines[0])
        self.code, self.lines = code, list(lines)


def describe(name: str) -> str:
    """An entry's name with what it holds, for a sentence: 'word/footnotes.xml (the footnotes)'."""
    what = next((w for pattern, w in _WHAT if re.fullmatch(pattern, name)), "")
    return f"{name} ({what})" if what else name


def verify_document(
    path: Path,
    trusted: list[dict[str, Any]] | None,
    allow_unknown: bool = False,
    password: str | None = None,
    versions: dict[str, list[dict[str, Any]]] | None = None,
) -> Verdict:
    """Check a signed copy: that it is the signed file, who signed it, and what came later.

    `trusted` is the register of trusted signers (None when no store is at hand). A valid
    signature by a key not in the register is not enough to call the copy valid, since anyone
    can make a key, unless `allow_unknown` says the caller will judge the signer itself. A
    copy protected by a password is opened in memory with `password`. `versions` maps a
    meeting id to the versions of it signed as far as the caller knows.
    """
    try:
        data = _plain_bytes(path, password)
    except Unreadable as exc:
        return Verdict(UNREADABLE, [str(exc)])
    return verify_data(data, path.name, trusted, allow_unknown, versions)


def verify_data(
    data: bytes,
    name: str,
    trusted: list[dict[str, Any]] | None,
    allow_unknown: bool = False,
    versions: dict[str, list[dict[str, Any]]] | None = None,
) -> Verdict:
    """`verify_document` on bytes already in memory (a copy pulled from the team register,
    which is never written to a file to be checked); `name` is what sentences call it."""
    verdict = Verdict(VALID)
    try:
        entries = package.read_entries(data, name)
        _check(name, entries, trusted, allow_unknown, versions or {}, verdict)
    except Unreadable as exc:
        return Verdict(UNREADABLE, [str(exc)])
    except _Refused as refused:
        verdict.code, verdict.lines = refused.code, refused.lines
    return verdict


def _plain_bytes(path: Path, password: str | None) -> bytes:
    data = safe_zip.read_file(path)  # refused before reading when larger than any minutes
    if not protect.is_encrypted(data):
        return data
    if not password:
        raise Unreadable(f"{path.name} is protected by a password; give it to verify the copy.")
    try:
        return protect.decrypt(data, password)
    except (InvalidKeyError, DecryptionError):
        raise Unreadable(f"That password does not open {path.name}.") from None


def _check(
    name: str,
    entries: list[Entry],
    trusted: list[dict[str, Any]] | None,
    allow_unknown: bool,
    versions: dict[str, list[dict[str, Any]]],
    verdict: Verdict,
) -> None:
    """Fill `verdict` for a valid copy; raise _Refused with the sentences when it is not."""
    try:
        main = package.main_document(entries)
    except ValueError:
        main = None
    if main is None:
        raise Unreadable(f"{name} is not a Word document.")
    _refuse_duplicates(entries)
    holder, chair, carried = _signatures(name, entries)
    record = _signed_record(chair)
    verdict.record = record
    signer = record["signer"]
    signed = (
        f"{signer['name']} ({signer['role'] or 'no role given'}) over version "
        f"{record['version']} of the minutes, copy for: {record['audience']}, signed on "
        f"{when_signed(record['signed_at'])}"
    )
    changes = _changes(entries, holder, record["package"])
    if changes:
        shown = changes[:MOST_CHANGES_NAMED]
        more = len(changes) - len(shown)
        raise _Refused(
            INVALID,
            f"{name} is not the file that was signed: "
            + "; ".join(shown)
            + (f"; and {more} more change(s)" if more else "")
            + ".",
            _text_verdict(entries, record),
            f"It carries the signature of {signed}; that signature covers the signed file, "
            "not this one.",
        )
    shows = _signatures_shown(entries, holder, main)
    if shows:
        raise _Refused(
            INVALID,
            f"{name} is not safe to call signed: " + "; ".join(shows) + ".",
            f"It carries the signature of {signed}.",
        )
    problems: list[str] = []  # said first, before anything that holds
    verdict.signer_known = _signer(verdict, problems, trusted, allow_unknown, signed, record)
    for entry in _oversight(record, chair, carried):
        _oversight_signer(verdict, problems, trusted, allow_unknown, entry)
    verdict.lines.append(_later_versions(record, versions))
    if problems:
        raise _Refused(INVALID, *problems, *verdict.lines)


def _refuse_duplicates(entries: list[Entry]) -> None:
    seen: dict[str, str] = {}
    for entry_name, _blob in entries:
        key = package.part_key(entry_name)
        if key in seen:
            raise _Refused(
                INVALID,
                f"The file holds two entries named {seen[key]!r} and {entry_name!r}: a signed file "
                "never does, and programs differ in which of the two they show.",
            )
        seen[key] = entry_name


def _signatures(name: str, entries: list[Entry]) -> tuple[str, SignaturePart, OversightPart | None]:
    """Where the signatures part is, the chair's signature and any oversight it holds."""
    holders = [n for n, blob in entries if signature_part.is_signatures(blob)]
    if not holders:
        if any(signature_part.is_words_only_signature(blob) for _n, blob in entries):
            raise _Refused(
                INVALID,
                f"{name} carries a signature made by an earlier Strategy Minutes, which "
                "signed the words of the minutes and not the file, so it cannot show that "
                "what a reader sees is what was signed; ask the chair for a copy exported now.",
            )
        raise Unreadable(f"{name} carries no signed record of Strategy Minutes.")
    if len(holders) > 1:
        raise _Refused(
            INVALID,
            f"{name} carries {len(holders)} signatures parts ({', '.join(holders)}): a signed "
            "file has one, so one was copied or added.",
        )
    try:
        chair, carried = signature_part.read_signatures(dict(entries)[holders[0]])
    except ValueError:
        raise _Refused(
            INVALID,
            f"The signatures part of {name} ({holders[0]}) is damaged or holds something "
            "a signed file does not: it was changed.",
        ) from None
    return holders[0], chair, carried


def _signed_record(chair: SignaturePart) -> dict[str, Any]:
    """The chair's record, once its signature and its agreement with the part are checked."""
    if not verify_signature(chair.public_key, chair.signature, chair.record):
        raise _Refused(
            INVALID,
            "The signature does not match the signed record inside the document: the "
            "record or the signature was changed.",
        )
    try:
        record = canonical.parse_record(chair.record)
        if record["format"] == canonical.WORDS_ONLY_FORMAT:
            raise _Refused(
                INVALID,
                "This copy carries a record signed by an earlier Strategy Minutes, which "
                "signed the words of the minutes and not the file; ask the chair for a copy "
                "exported now.",
            )
        signer, files = record["signer"], record["package"]
        ok = (
            (
                chair.meeting_id,
                chair.audience,
                chair.version,
                chair.signer_name,
                chair.signer_role,
                chair.signed_at,
                chair.fingerprint,
            )
            == (
                record["meeting_id"],
                record["audience"],
                record["version"],
                signer["name"],
                signer["role"],
                record["signed_at"],
                signer["fingerprint"],
            )
            and same_fingerprint(signer["fingerprint"], fingerprint(chair.public_key))
            and isinstance(files["signatures_part"], str)
            and all(len(e) == 2 for e in files["entries"])
            and all(len(line) == 4 for line in record["text"])
        )
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise _Refused(
            INVALID,
            "The signed part of the document does not agree with the record it carries: it "
            "was changed, or the record belongs to another copy or key.",
        )
    return record


def _changes(entries: list[Entry], holder: str, files: dict[str, Any]) -> list[str]:
    """What differs from the signed file, one phrase each; empty when nothing does."""
    found = [(n, canonical.sha256(b)) for n, b in entries if n != holder]
    signed = [(str(n), str(d)) for n, d in files["entries"]]
    have, want = dict(found), dict(signed)
    out = [f"{describe(n)} was removed" for n, _d in signed if n not in have]
    out += [f"{describe(n)} was added" for n, _d in found if n not in want]
    out += [f"{describe(n)} was changed" for n, d in found if n in want and want[n] != d]
    if not out and found != signed:
        moved = next(n for (n, _d), (m, _e) in zip(found, signed, strict=True) if n != m)
        out.append(f"its parts are in another order than signed ({describe(moved)} was moved)")
    if holder != files["signatures_part"]:
        out.append(f"the signatures part was moved from {files['signatures_part']} to {holder}")
    return out


def _text_verdict(entries: list[Entry], record: dict[str, Any]) -> str:
    """For a file that is not the signed one: are its words still the signed words?"""
    try:
        found = text.package_lines(entries)
    except ValueError:
        return "Its text cannot be read to compare with the text that was signed."
    difference = text.first_difference(found, [text.Line(*line) for line in record["text"]])
    if difference:
        return "The document's text is not what was signed. " + difference
    return (
        "Its text matches the text that was signed, but it is not the signed file: it may "
        "have been saved again by another program, or changed in how it looks without "
        "changing its words. Only the signed file itself can be verified; ask for it."
    )


def _signatures_shown(entries: list[Entry], holder: str, main: str) -> list[str]:
    """Ways the file could show the signatures part, which no digest covers; one phrase each."""
    out = []
    key = package.part_key(holder)
    try:
        rels = package.relationships([e for e in entries if e[0] != holder])
    except ValueError as exc:
        return [f"its relationships cannot be read ({exc})"]
    for rel in rels:
        if rel.external or package.part_key(rel.target) != key:
            continue
        if rel.source != main or rel.rel_type != CUSTOM_XML:
            out.append(
                f"{rel.source or 'the package'} refers to the signatures part ({holder}) as "
                f"{posixpath.basename(rel.rel_type)}, which a word processor may show"
            )
    if key in package.overrides(entries):
        out.append(f"[Content_Types].xml gives the signatures part ({holder}) a type of its own")
    out += [
        f"{describe(n)} binds content to custom XML data, which could show the signatures part"
        for n, blob in entries
        if n != holder and n.endswith(".xml") and b"dataBinding" in blob
    ]
    return out


def _known(trusted: list[dict[str, Any]] | None, fp: str, at: str) -> dict[str, Any] | None:
    """The register's row for the key, unless it was retired before `at` (when it signed)."""
    return register.known(trusted, fp, at)


def _unknown_key(trusted: list[dict[str, Any]] | None) -> str:
    return (
        "this laptop cannot tell who holds it (import the signer's key with 'signers import')"
        if trusted is not None
        else "no register of trusted signers could be read here, so who holds it is not known"
    )


def _signer(
    verdict: Verdict,
    problems: list[str],
    trusted: list[dict[str, Any]] | None,
    allow_unknown: bool,
    signed: str,
    record: dict[str, Any],
) -> bool:
    signer = record["signer"]
    known = _known(trusted, signer["fingerprint"], str(record["signed_at"]))
    verdict.signed_by.append(
        {
            "what": f"version {record['version']} of the minutes, copy for {record['audience']}",
            "name": signer["name"],
            "role": signer["role"],
            "fingerprint": signer["fingerprint"],
            "known": known is not None,
        }
    )
    if known is None and not allow_unknown:
        problems.append(
            "The key that signed this file is not in the register of trusted signers: "
            f"{_unknown_key(trusted)}. The file is as that key signed it, but anyone can "
            f"make a key; it names {signer['name']}."
        )
        return False
    verdict.lines.append(
        f"The signature of {signed}, is valid; key fingerprint {signer['fingerprint']}."
    )
    verdict.lines.append(
        "Every part of the file a reader can be shown is exactly what was signed "
        f"({len(record['package']['entries'])} parts, each digested when it was signed)."
    )
    verdict.lines.append(
        f"The key is in the register of trusted signers as {known['name']}"
        f"{', ' + known['role'] if known['role'] else ''}."
        if known is not None
        else f"The key is not in the register of trusted signers: {_unknown_key(trusted)}; "
        "accepted as asked."
    )
    return known is not None


def _oversight(
    record: dict[str, Any], chair: SignaturePart, carried: OversightPart | None
) -> list[dict[str, Any]]:
    """The oversight entries the signatures part holds, each checked against its signature."""
    if carried is None:
        return []
    try:
        raw = json.loads(carried.entries.decode("utf-8"))
        if carried.meeting_id != record["meeting_id"] or not isinstance(raw, list):
            raise ValueError("oversight of other minutes")
        full_sha = record["full_record_sha256"] or canonical.sha256(chair.record)
        return oversight.check(raw, record["meeting_id"], full_sha)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise _Refused(
            INVALID,
            "The oversight inside the document was changed (management oversight or action "
            "progress, signed after the minutes), or belongs to other minutes.",
        ) from None


def _oversight_signer(
    verdict: Verdict,
    problems: list[str],
    trusted: list[dict[str, Any]] | None,
    allow_unknown: bool,
    entry: dict[str, Any],
) -> None:
    known = _known(trusted, str(entry["fingerprint"]), str(entry.get("recorded_at") or ""))
    progress = entry["format"] == oversight.PROGRESS_FORMAT
    what = (
        f"progress on the action {entry['action']!r} ({entry['status'].replace('_', ' ')})"
        if progress
        else "management oversight"
    )
    verdict.signed_by.append(
        {
            "what": f"{what} of {entry['date']}",
            "name": entry["name"],
            "role": "",
            "fingerprint": entry["fingerprint"],
            "known": known is not None,
        }
    )
    said = (
        f"{what} by {entry['name']} of {entry['date']} (recorded "
        f"{when_signed(entry['recorded_at'])})" + (f": {entry['note']!r}" if entry["note"] else "")
    )
    if known is None and not allow_unknown:
        problems.append(
            f"An {'action progress' if progress else 'oversight'} entry in the file is signed "
            f"by a key that is not in the register "
            f"of trusted signers ({entry['fingerprint']}): {_unknown_key(trusted)}. It is the "
            f"{said}."
        )
        return
    by = f"in the register as {known['name']}" if known else "not in the register; accepted"
    verdict.lines.append(
        f"Signed separately after the minutes: {said}; its signature is valid, by the key "
        f"{entry['fingerprint']}, {by}."
    )


def _later_versions(record: dict[str, Any], versions: dict[str, list[dict[str, Any]]]) -> str:
    version = record["version"]
    known = versions.get(record["meeting_id"], [])
    later = [v for v in known if v["version"] > version]
    if later:
        newest = max(later, key=lambda v: v["version"])
        return (
            f"This is version {version} of {newest['version']}; version {newest['version']} "
            f"was signed on {when_signed(newest['signed_at'])} by {newest['signer_name']}: "
            "this copy is out of date."
        )
    if known:
        return f"This is version {version} of {version}: no later version is known here."
    return "No other version of these minutes is known here, so a later one may exist."
