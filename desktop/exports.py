"""Writing copies of the minutes to files: the one export service the commands and the GUI share.

`strategy-minutes export`, `export-all` and the GUI's export dialog all come here, so a copy
is made, signed or marked, encrypted and put in place the same way whoever asks.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

from strategy_minutes.desktop.meeting import disclosure
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.wording import safe_filename
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import document as signed_copy
from strategy_minutes.exporters.docx_minutes import minutes_document
from strategy_minutes.exporters.protect import encrypt
from strategy_minutes.storage.atomic_file import write_atomic

log = logging.getLogger(__name__)


def write_copy(
    service: MeetingService,
    meeting: Meeting,
    out: Path,
    audience: str,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, str]:
    """One copy of the minutes, with its sign-off inside, onto `out` in a single rename.

    Returns the path and a sentence saying what the copy carries (signed version, review
    mark, or draft). The GUI's export dialog calls this from its worker thread as well.

    While the meeting stands signed for this audience, the copy is the file signed then,
    byte for byte (with any oversight signed since in its signatures part); nothing is
    rendered. Otherwise it is rendered and, for a review copy, marked so that returned
    comments can be matched. All of it happens in memory, never in a temporary folder: the
    copy is encrypted if asked, and only then written, to a temporary name beside `out` and
    renamed, so the only bytes on disk are the file asked for (encrypted, when a password
    was given). Raises SignoffProblem for a version signed before signed files were kept.
    """
    signed = signed_copy.signed_copy(service, meeting.id, audience)
    if signed is not None:
        data, said = signed
    else:
        buffer = io.BytesIO()
        minutes_document(meeting, audience, progress=progress).save(buffer)
        data, said = signed_copy.with_signoff(service, meeting.id, buffer.getvalue(), audience)
    log.info(
        "meeting %s: %s copy written (%s, %s)",
        meeting.id,
        audience,
        "as signed" if signed is not None else "rendered",
        "password-protected" if password is not None else "no password",
    )
    return write_atomic(out, encrypt(data, password) if password is not None else data), said


def parent_copy_problem(meeting: Meeting, accept_defaults: bool) -> str:
    """Why a copy for a parent may not be written from the command line as things stand, in
    one sentence; empty when it may.

    Free text that would be shared and names someone withheld (or repeats withheld text)
    always stops it until the chair decides that field; undecided items of a withheld-by-
    default class stop it unless the chair accepts the defaults, which withhold them. A
    meeting that stands signed hands out the copy signed, made with the decisions signed then
    and everything undecided withheld: nothing is left to decide.
    """
    if meeting.status == disclosure.SIGNED:
        return ""
    review = disclosure.review(meeting)
    hits = review.hits()
    if hits:
        first = hits[0]
        more = f" ({len(hits)} places in all)" if len(hits) > 1 else ""
        return (
            f"Nothing was exported: text the copy for a parent would share at "
            f"{review.place(first)} {first.hit[0].lower()}{first.hit[1:]}{more}; decide it "
            "with `strategy-minutes disclosure`."
        )
    undecided = review.undecided()
    if undecided and not accept_defaults:
        first = undecided[0]
        return (
            f"Nothing was exported: {len(undecided)} part(s) of the record are withheld by "
            f"default and the chair has not decided them (first: {review.place(first)}: "
            f"{first.reason}); review them with `strategy-minutes disclosure`, or pass "
            "--accept-defaults to withhold them."
        )
    return ""


def file_name(meeting: Meeting, audience: str) -> str:
    """'<case-ref>_<date>_<audience>.docx' in letters, digits, '-' and '_' only."""
    f = meeting.facts
    ref = safe_filename(f["case_reference"] or "no-case-reference")
    return f"{ref}_{f['date'] or 'no-date'}_{audience}.docx"
