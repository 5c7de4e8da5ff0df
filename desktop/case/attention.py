"""What is drifting, across every meeting in the data folder: one list, each line going to
the place to act.

Five concerns, each counted in working days of the meeting's UK nation:

- `action-overdue`: an action not done, dropped or carried to a review, past its due date
  (its status is the latest progress recorded after signing when there is any);
- `review-overdue`: the last meeting of a case set a review date that has passed, and no
  later meeting of the case exists;
- `conference-overdue`: the strategy meeting that started the enquiry was more than 15
  working days ago and no meeting of the case records the conference's date, or the date
  recorded is after it was due;
- `left-in-draft`: a meeting in draft or out for comments more than N working days after it
  was held;
- `oversight-missing`: signed minutes with no management oversight more than M working
  days after signing.

N and M are the data folder's settings (`desktop.case.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from strategy_minutes.desktop.case import settings
from strategy_minutes.desktop.case.cases import Case, all_cases, day
from strategy_minutes.desktop.meeting import clocks
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.wording import long_date
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage import signatures

CONCERNS = (
    ("action-overdue", "Action overdue"),
    ("review-overdue", "Review past its date"),
    ("conference-overdue", "Conference past due"),
    ("left-in-draft", "Left in draft"),
    ("oversight-missing", "No management oversight"),
)


@dataclass(frozen=True)
class Line:
    concern: str  # one of CONCERNS
    case_reference: str
    meeting_id: str
    sentence: str
    owner: str
    agency: str
    since: str  # the date it fell due
    working_days: int  # working days past that date
    kind: str  # where to act: the part of the meeting, the item and the field
    item_id: str
    field: str

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def working_days_since(since: date, today: date, nation: str | None) -> int:
    """Working days after `since`, up to and including `today`."""
    return clocks.working_days_between(since, today, nation)


def overdue_actions(m: Meeting, ref: str, today: date) -> list[Line]:
    """The meeting's actions still pending (its progress and carried actions counted) at
    least one working day past their due date."""
    from strategy_minutes.desktop.case.cases import owner_of

    out = []
    for a in m.actions:
        due = day(a.data["due"])
        if due is None or not m.action_pending(a):
            continue
        late = working_days_since(due, today, m.facts["nation"])
        if late < 1:
            continue
        status = m.action_status(a)[0].replace("_", " ")
        out.append(
            Line(
                "action-overdue",
                ref,
                m.id,
                f"'{(a.data['description'] or 'An action').rstrip('.')}' was due on "
                f"{long_date(due)} and is {status}.",
                owner_of(m, a),
                a.data["owner_agency"] or "",
                due.isoformat(),
                late,
                "actions",
                a.id,
                "status",
            )
        )
    return out


def review_overdue(last: Meeting, ref: str, today: date) -> Line | None:
    """The review date set by the last meeting of a case, at least one working day past;
    None when it is not (the caller knows that no later meeting of the case exists)."""
    review = day(last.outcome["review_date"])
    if review is None or (late := working_days_since(review, today, last.facts["nation"])) < 1:
        return None
    return Line(
        "review-overdue",
        ref,
        last.id,
        f"The review meeting was due on {long_date(review)}; no later meeting is "
        "recorded for this case.",
        last.facts["chair"] or "",
        "childrens_social_care",
        review.isoformat(),
        late,
        "outcome",
        "",
        "review_date",
    )


def oversight_missing(
    m: Meeting, ref: str, signed_on: date, today: date, limits: settings.Thresholds
) -> Line | None:
    """Minutes signed on `signed_on` with no management oversight (the caller knows there is
    none), more than the folder's limit of working days since; None while within it."""
    late = working_days_since(signed_on, today, m.facts["nation"]) - limits.oversight_days
    if late < 1:
        return None
    return Line(
        "oversight-missing",
        ref,
        m.id,
        f"Signed on {long_date(signed_on)} and no manager has recorded oversight "
        f"({limits.oversight_days + late} working days since).",
        m.outcome["oversight_manager"] or "",
        "childrens_social_care",
        signed_on.isoformat(),
        late,
        "outcome",
        "",
        "oversight_manager",
    )


def _case_clocks(case: Case, today: date) -> list[Line]:
    out = []
    last = case.meetings[-1]
    review = review_overdue(last, case.reference, today)
    if review is not None:
        out.append(review)
    due, first = case.conference_due(), case.first
    held = day(case.conference_date())
    if due is not None and first is not None and any(d.data["section_47"] for d in first.decisions):
        late = working_days_since(due, today if held is None else held, first.facts["nation"])
        if late >= 1:
            said = (
                f"is booked for {long_date(held)}, after it was due on {long_date(due)}"
                if held
                else f"was due on {long_date(due)} and no date is recorded"
            )
            out.append(
                Line(
                    "conference-overdue",
                    case.reference,
                    last.id,
                    f"The initial child protection conference {said}.",
                    last.facts["chair"] or "",
                    "childrens_social_care",
                    due.isoformat(),
                    late,
                    "outcome",
                    "",
                    "conference_date",
                )
            )
    return out


def _meeting_clocks(
    service: MeetingService, m: Meeting, ref: str, today: date, limits: settings.Thresholds
) -> list[Line]:
    nation, held = m.facts["nation"], day(m.facts["date"])
    if m.status in ("draft", "review") and held is not None:
        late = working_days_since(held, today, nation) - limits.draft_days
        if late >= 1:
            state = "in draft" if m.status == "draft" else "out for comments and not signed"
            return [
                Line(
                    "left-in-draft",
                    ref,
                    m.id,
                    f"The minutes of {long_date(held)} are still {state} "
                    f"({limits.draft_days + late} working days after the meeting).",
                    m.facts["chair"] or "",
                    "childrens_social_care",
                    held.isoformat(),
                    late,
                    "facts",
                    "",
                    "",
                )
            ]
    signed = signatures.signed(service.store.db, m.id) if m.status == "signed" else None
    if signed is not None and not signatures.oversight(service.store.db, m.id):
        line = oversight_missing(m, ref, date.fromisoformat(signed.signed_at[:10]), today, limits)
        return [line] if line else []
    return []


def attention(service: MeetingService, today: date | None = None) -> list[Line]:
    """Everything drifting, most overdue first within each concern, concerns in order."""
    today = today or date.today()
    limits = settings.load(service.store)
    lines: list[Line] = []
    for case in all_cases(service):
        ref = case.reference
        for m in case.meetings:
            lines += overdue_actions(m, ref, today)
            lines += _meeting_clocks(service, m, ref, today, limits)
        lines += _case_clocks(case, today)
    order = {c: n for n, (c, _label) in enumerate(CONCERNS)}
    return sorted(lines, key=lambda ln: (order[ln.concern], -ln.working_days, ln.case_reference))
