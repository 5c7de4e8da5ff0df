"""The canonical form of what a chair signs, and the meeting it stands for.

A signed record is the meeting in the JSON format (`strategy-minutes/2`; versions signed
earlier hold `strategy-minutes/1`) without its status
(the status changes *because* it is signed), wrapped with the version, the audience, the
signer and the time, the digest of every part of the Word file that was signed and that
file's text (`desktop.signoff.signed_file` adds those two), and serialised canonically: keys
sorted, no insignificant whitespace, UTF-8 (RFC 8785 in effect, as the format holds no
numbers that are not integers). The same meeting always gives the same bytes, so a signature
over them stays checkable for ever.

A copy for an audience that is not shown everything must not carry the rest hidden inside
the file either, so its record holds what `desktop.meeting.audiences.view` gives that audience:
sections it does not get are empty, a withheld item keeps only its id, source agency and
restriction (enough for the copy to list what was withheld, nothing of its content), and a
withheld field of a shown item (a police hold, professionals' contact details) is empty. The
full record holds the chair's disclosure decisions, so a signed copy for a parent stands for
exactly the decisions signed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from strategy_minutes.desktop import __version__
from strategy_minutes.desktop.meeting import audiences, jsonformat, spec
from strategy_minutes.desktop.meeting.model import Item, Meeting

RECORD_FORMAT = "strategy-minutes-signed/2"  # signs the file: its parts' digests and its text
WORDS_ONLY_FORMAT = "strategy-minutes-signed/1"  # signed the meeting, not the file; never valid
SIGNED_AUDIENCES = (audiences.FULL, audiences.ATTENDEE, audiences.PARENT)
_KEPT_WHEN_WITHHELD = ("id", "source_agency", "restriction")


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def meeting_content(meeting: Meeting, audience: str = "full") -> dict[str, Any]:
    """The meeting as signed for an audience: the JSON format without the status."""
    data = jsonformat.to_json(meeting)
    del data["status"]
    if audience == audiences.FULL:
        return data
    seen = audiences.view(meeting, audience)
    shown = {i.id: i.data for k in spec.LISTS for i in seen.meeting.items_of(k.name)}
    for k in spec.LISTS:  # a shown item as the copy shows it: withheld fields are empty
        data[k.name] = [
            {"id": raw["id"], **shown[raw["id"]]}
            if raw["id"] in shown
            else {key: raw.get(key) for key in _KEPT_WHEN_WITHHELD}
            for raw in data[k.name]
        ]
    for kind in seen.left_out_kinds:
        data[kind] = []
    for k in spec.SECTIONS:  # as the copy shows them: a withheld one is only its restriction
        data[k.name] = dict(seen.meeting.section(k.name))
    return data


def _said(content: dict[str, Any]) -> dict[str, Any]:
    """Meeting content less what later formats add without changing the meeting: the format
    name, and fields and lists left empty (a field or a list added to the spec is empty in
    every older record)."""

    def kept(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if v not in (None, "", [], {})}

    return {
        key: [kept(r) if isinstance(r, dict) else r for r in value]
        if isinstance(value, list)
        else kept(value)
        if isinstance(value, dict)
        else value
        for key, value in content.items()
        if key != "format" and value not in (None, "", [], {})
    }


def same_meeting(signed: dict[str, Any], now: dict[str, Any]) -> bool:
    """Does the meeting as it stands say what the signed record says? A record signed under
    an earlier format still matches the unchanged meeting."""
    return _said(signed) == _said(now)


def record_fields(
    meeting: Meeting,
    *,
    version: int,
    audience: str,
    signer_name: str,
    signer_role: str,
    fingerprint: str,
    signed_at: str,
    addendum: dict[str, Any] | None,
    full_sha256: str | None,
) -> dict[str, Any]:
    """What a chair signs for one audience's copy of one version, less the file itself."""
    return {
        "format": RECORD_FORMAT,
        "app_version": __version__,  # whose exporter laid the signed file out
        "meeting_id": meeting.id,
        "version": version,
        "audience": audience,
        "signer": {"name": signer_name, "role": signer_role, "fingerprint": fingerprint},
        "signed_at": signed_at,
        "addendum": addendum,
        "full_record_sha256": full_sha256,
        "meeting": meeting_content(meeting, audience),
    }


def parse_any(record: bytes) -> dict[str, Any]:
    """Canonical bytes back into data; ValueError when they are not a JSON object."""
    data = json.loads(record.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a Strategy Minutes record")
    return data


def parse_record(record: bytes) -> dict[str, Any]:
    """The signed record as data (this format or the earlier, words-only one); ValueError
    when the bytes are not one."""
    data = parse_any(record)
    if data.get("format") not in (RECORD_FORMAT, WORDS_ONLY_FORMAT):
        raise ValueError("not a signed Strategy Minutes record")
    return data


def meeting_from_record(data: dict[str, Any], status: str = "signed") -> Meeting:
    """The meeting a record stands for, ids kept, so it renders exactly as it was signed."""
    content = data["meeting"]
    sections = {k.name: dict(content.get(k.name) or {}) for k in spec.SECTIONS}
    items = {
        k.name: [
            Item(raw["id"], k.name, {f: v for f, v in raw.items() if f != "id"})
            for raw in content.get(k.name) or []
        ]
        for k in spec.LISTS
    }
    return Meeting(content["id"], status, sections, items)
