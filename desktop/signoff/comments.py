"""Comments made in Word or LibreOffice on a review copy, brought back onto their items.

A review copy carries a bookmark around every item (`sm_` + the item id without dashes, or
`sm_` + a section's name) and a mark naming the meeting and the export it came from. A
comment belongs to the innermost item bookmark around the start of its range, else to the
item last begun before it. A returned file is checked first: it must be a review copy of
this meeting made by this store, readable, with its words as they were sent out (comments
are for comments; changing the text itself would slip past the chair). Any doubt, and the
file imports nothing.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.wording import when_signed
from strategy_minutes.desktop.signoff import lifecycle, text
from strategy_minutes.exporters import safe_zip, signature_part
from strategy_minutes.exporters.docx_minutes import bookmark_name
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.store import Store

ACCEPTED, DECLINED = "accepted", "declined"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_W = {
    name: qn(f"w:{name}")
    for name in (
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "t",
        "comment",
        "p",
        "id",
        "name",
        "author",
        "date",
    )
}


class CommentProblem(Exception):
    """A returned file or a resolution that cannot be taken; one sentence for the chair."""


@dataclass(frozen=True)
class Returned:
    """One comment as found in a file, before it is stored."""

    word_id: str
    author: str
    made_at: str
    text: str
    anchor: str  # the bookmark it belongs to, or ""
    quoted: str


def _anchors(meeting: Meeting) -> dict[str, tuple[str, str]]:
    """Bookmark name -> (kind, item id) for every item and section of the meeting."""
    out = {f"sm_{k.name}": (k.name, "") for k in spec.SECTIONS}
    out.update({f"sm_{f.name}": ("facts", "") for f in spec.kind("facts").fields})
    out.update({f"sm_{k.name}": (k.name, "") for k in spec.LISTS})
    for kind, items in meeting.items.items():
        for item in items:
            out[bookmark_name(item.id)] = (kind, item.id)
    return out


def _read_comments(z: zipfile.ZipFile) -> dict[str, dict[str, str]]:
    if "word/comments.xml" not in z.namelist():
        return {}
    root = etree.fromstring(z.read("word/comments.xml"), _PARSER)
    out = {}
    for c in root.iter(_W["comment"]):
        paragraphs = ["".join(t.text or "" for t in p.iter(_W["t"])) for p in c.iter(_W["p"])]
        out[c.get(_W["id"]) or ""] = {
            "author": c.get(_W["author"]) or "",
            "date": c.get(_W["date"]) or "",
            "text": "\n".join(p.strip() for p in paragraphs if p.strip()),
        }
    return out


def _placements(z: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Comment id -> (the bookmark it belongs to, the text it was made on)."""
    body = etree.fromstring(z.read("word/document.xml"), _PARSER)
    open_marks: list[tuple[str, str]] = []  # (bookmark id, name), innermost last
    last_begun = ""
    placed: dict[str, str] = {}
    quoting: dict[str, list[str]] = {}
    quoted: dict[str, str] = {}
    for el in body.iter():
        tag, cid = el.tag, el.get(_W["id"]) or ""
        if tag == _W["bookmarkStart"] and (el.get(_W["name"]) or "").startswith("sm_"):
            open_marks.append((cid, el.get(_W["name"]) or ""))
            last_begun = open_marks[-1][1]
        elif tag == _W["bookmarkEnd"]:
            open_marks = [m for m in open_marks if m[0] != cid]
        elif tag in (_W["commentRangeStart"], _W["commentReference"]):
            placed.setdefault(cid, open_marks[-1][1] if open_marks else last_begun)
            if tag == _W["commentRangeStart"]:
                quoting[cid] = []
        elif tag == _W["commentRangeEnd"] and cid in quoting:
            quoted[cid] = text.normalise("".join(quoting.pop(cid)))
        elif tag == _W["t"] and el.text:
            for words in quoting.values():
                words.append(el.text)
    return {cid: (anchor, quoted.get(cid, "")) for cid, anchor in placed.items()}


def read_returned(store: Store, meeting: Meeting, path: Path) -> list[Returned]:
    """The comments of one returned review copy; CommentProblem when it must be refused."""
    name = path.name
    try:
        data = safe_zip.read_checked(path)  # before any parser: bounded work on any file
        mark = signature_part.extract_review(path)
    except safe_zip.HostileFile as exc:
        raise CommentProblem(str(exc)) from None
    except signature_part.Unreadable as exc:
        raise CommentProblem(f"{exc} It was not imported.") from None
    if mark.meeting_id != meeting.id:
        raise CommentProblem(f"{name} is a review copy of another meeting; nothing was imported.")
    sent = signatures.review_copy(store.db, mark.token)
    if sent is None or sent["meeting_id"] != meeting.id or sent["text_sha256"] != mark.text_sha256:
        raise CommentProblem(
            f"{name} was not exported for review from this data folder; nothing was imported."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            words = text.text_sha256(docx.Document(io.BytesIO(data)))
            found = _read_comments(z)
            placed = _placements(z)
    except (
        zipfile.BadZipFile,
        zlib.error,
        PackageNotFoundError,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ):
        raise CommentProblem(f"{name} is damaged; nothing was imported.") from None
    if words != sent["text_sha256"]:
        raise CommentProblem(
            f"The text of {name} was changed, not only commented on; nothing "
            "was imported (ask for comments instead of edits)."
        )
    return [
        Returned(cid, c["author"], c["date"], c["text"], *placed.get(cid, ("", "")))
        for cid, c in found.items()
        if c["text"]
    ]


def import_file(store: Store, meeting: Meeting, path: Path) -> tuple[int, int]:
    """Store the comments of one returned copy: (new, already imported before)."""
    if lifecycle.status(store, meeting.id) == lifecycle.SIGNED:
        raise CommentProblem(
            "This meeting is signed; open an addendum before taking in more "
            "comments. Nothing was imported."
        )
    returned = read_returned(store, meeting, path)
    anchors = _anchors(meeting)
    new = 0
    repo = store.repo
    with store.db.atomic():
        for c in returned:
            kind, item_id = anchors.get(c.anchor, ("", ""))
            digest = hashlib.sha256(
                "\x1f".join((meeting.id, c.author, c.made_at, c.text, c.anchor, c.quoted)).encode()
            ).hexdigest()
            new += signatures.add_comment(
                store.db,
                {
                    "id": digest[:10],
                    "meeting_id": meeting.id,
                    "fingerprint": digest,
                    "kind": kind,
                    "item_id": item_id,
                    "author": c.author,
                    "made_at": c.made_at,
                    "text": c.text,
                    "quoted": c.quoted,
                    "source_file": path.name,
                    "imported_at": audit.now(),
                },
            )
        if new:
            audit.append(
                store.db,
                meeting.id,
                repo.actor,
                "comments",
                new={"file": path.name, "imported": new},
            )
    return new, len(returned) - new


def imported_sentence(name: str, new: int, again: int) -> str:
    """One returned file's import, as the `comments import` command and the GUI both say it."""
    return (
        f"{name}: {new} comment(s) imported{f', {again} already imported before' if again else ''}."
    )


def listing(store: Store, meeting: Meeting) -> list[dict[str, Any]]:
    """The meeting's comments with where they were made, as a chair reads it."""
    out = []
    for c in signatures.comments(store.db, meeting.id):
        item = meeting.find(c["item_id"])
        where = spec.kind(c["kind"]).label if c["kind"] in spec.BY_NAME else "The minutes"
        if item is not None:
            where += f": {meeting.title(item) or 'untitled item'}"
        elif c["item_id"]:
            where += ": (item since removed)"
        out.append({**c, "where": where})
    return out


def review_sentence(store: Store, meeting_id: str) -> str:
    """Where the review stands, for the chair about to sign: when a review copy last went
    out and whether anything came back; "" when no review copy was ever exported.

    Signing while a review copy is out and nothing has come back is allowed (attendees may
    have nothing to say), but the chair should decide that knowingly, not by forgetting.
    """
    sent = signatures.review_copies_sent(store.db, meeting_id)
    if not sent:
        return ""
    copies = f" ({len(sent)} review copies in all)" if len(sent) > 1 else ""
    went_out = f"{'The last' if copies else 'A'} review copy went out on {when_signed(sent[-1])}"
    back = signatures.comments(store.db, meeting_id)
    if not back:
        return f"{went_out}{copies}, and no comments have come back yet."
    still_open = sum(not c["resolution"] for c in back)
    return (
        f"{went_out}{copies}; {len(back)} comment(s) came back, {still_open or 'none'} still open."
    )


def resolve(store: Store, meeting_id: str, comment_id: str, resolution: str, reason: str) -> None:
    """Accepted (the change was made in the app) or declined, which needs a reason."""
    reason = " ".join(reason.split())
    if resolution == DECLINED and not reason:
        raise CommentProblem("Say why the comment is declined (--reason); nothing was changed.")
    repo = store.repo
    with store.db.atomic():
        if not signatures.resolve_comment(
            store.db, meeting_id, comment_id, resolution, reason, audit.now()
        ):
            raise CommentProblem(
                f"This meeting has no comment {comment_id!r}; nothing was changed."
            )
        audit.append(
            store.db,
            meeting_id,
            repo.actor,
            "resolve",
            item_id=comment_id,
            new={"resolution": resolution, "reason": reason},
        )
