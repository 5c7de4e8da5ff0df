"""A fictional sample meeting that fills every section. No real people; dates follow today.

Dates are relative to the day it is made so that the sample never shows an interview in the
past or an overdue action just because time has passed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from strategy_minutes.desktop.meeting import clocks, jsonformat


def demo_json(today: date | None = None) -> dict[str, Any]:
    d = today or date.today()

    def day(n: int) -> str:
        return (d + timedelta(days=n)).isoformat()

    def workday(n: int) -> str:  # actions fall due on working days
        return clocks.add_working_days(d, n).isoformat()

    def born(years: int) -> str:
        return (d - timedelta(days=365 * years + 40)).isoformat()

    attendees = [
        (
            "a-chair",
            "Siân Llywelyn",
            "Team manager (chair)",
            "childrens_social_care",
            "Northfield Children's Services",
            "present",
            None,
        ),
        (
            "a-sw",
            "Hannah Reid",
            "Social worker",
            "childrens_social_care",
            "Northfield Children's Services",
            "present",
            None,
        ),
        (
            "a-police",
            "DC Zofia Wiśniewska",
            "Detective constable",
            "police",
            "Northfield Public Protection Unit",
            "present",
            None,
        ),
        (
            "a-paed",
            "Dr Layla Haddad (ليلى حداد)",
            "Consultant community paediatrician",
            "health",
            "Northfield Community Health",
            "present",
            None,
        ),
        (
            "a-school",
            "Priya Natarajan",
            "Designated safeguarding lead",
            "education",
            "Larch Close Primary School",
            "present",
            None,
        ),
        (
            "a-probation",
            "Tom Okafor",
            "Offender manager",
            "probation",
            "National Probation Service",
            "present",
            None,
        ),
        (
            "a-nurse",
            "Ruth Calder",
            "School nurse",
            "health",
            "Northfield Community Health",
            "apologies",
            "On annual leave; sent a written update",
        ),
        (
            "a-high",
            "Megan Price",
            "Designated safeguarding lead",
            "education",
            "Harbour High School",
            "report",
            None,
        ),
    ]
    restricted = {"source_agency": "childrens_social_care", "restriction": "none"}
    people = [
        ("p-dana", "Dana Penrose", "adult", "non_abusing_parent", "h-larch", born(36), True),
        ("p-maisie", "Maisie Penrose", "child", "subject_child", "h-larch", born(10), None),
        ("p-lily", "Lily Penrose", "child", "subject_child", "h-larch", born(7), None),
        ("p-oscar", "Oscar Penrose", "child", "sibling", "h-larch", born(4), None),
        ("p-gareth", "Gareth Penrose", "adult", "other", "h-harbour", born(40), True),
        ("p-callum", "Callum Penrose", "child", "alleged_perpetrator", "h-harbour", born(15), None),
        ("p-roy", "Roy Penrose", "adult", "other", None, born(52), False),
    ]
    person_rows = []
    for pid, name, category, role, household, dob, pr in people:
        row: dict[str, Any] = {
            "id": pid,
            "name": name,
            "category": category,
            "role": role,
            "household": household,
            "date_of_birth": dob,
            "parental_responsibility": pr,
            **restricted,
        }
        if category == "child":
            row["school"] = (
                "Harbour High School" if pid == "p-callum" else "Larch Close Primary School"
            )
            row["school_holiday_contact"] = "Safeguarding line, staffed in holidays"
            row["first_language"] = "English"
            row["interpreter_needed"] = False
        person_rows.append(row)
    person_rows[1]["communication_needs"] = "Anxious with new adults; prefers short sessions"
    person_rows[3]["other_roles"] = ["subject_child"]  # a sibling who may be at risk too
    person_rows[4].update(
        first_language="Welsh",
        interpreter_needed=True,
        interpreter_needs="Welsh for meetings and letters; prefers a woman interpreter",
    )
    person_rows[2]["disability"] = "Hearing impairment (left ear)"
    person_rows[2]["communication_needs"] = "Needs a quiet room and to face the speaker"
    roy = person_rows[6]
    roy.update(
        {
            "registered_sex_offender": True,
            "in_prison": True,
            "prison": "HMP Eastmoor (fictional)",
            "mappa_category": "1",
            "mappa_level": "2",
            "convictions": "Sexual offences against a child outside the family (2019).",
            "concerns_without_conviction": "Earlier concern from a cousin, not charged.",
            "probation_contact": "a-probation",
            "restriction": "third_party",
            "source_agency": "probation",
        }
    )

    def decision(child: str, start: str, medical: bool) -> dict[str, Any]:
        return {
            "id": f"d-{child}",
            "child": child,
            "section_47": True,
            "section_47_mode": "joint",
            "lead_agency": "childrens_social_care",
            "interview": True,
            "interview_reason": "The child has made a disclosure at school; an evidential "
            "interview gives the best account and spares repetition.",
            "interview_type": "abe",
            "interviewers": ["a-police", "a-sw"],
            "interview_start": f"{start}T10:00",
            "interview_end": f"{start}T11:00",
            "interview_place": "Northfield ABE suite",
            "intermediary": "Not needed",
            "interpreter": "Not needed",
            "communication_aids": "Drawing materials",
            "preparation": "Explained by the social worker the day before, with mother "
            "present, in simple words.",
            "views": "Wants to stay at home with mum and her brother; does not want to see "
            "Callum for now.",
            "views_how": "Spoken to alone at school by the social worker.",
            "medical": medical,
            "medical_reason": "Recent abuse alleged: a medical may find injury and gives "
            "reassurance."
            if medical
            else "Abuse alleged was not recent and there is no injury: no forensic value.",
            "medical_by": "a-paed" if medical else None,
            "medical_when": f"{start}T14:00" if medical else None,
            "medical_consent": "parental_responsibility" if medical else None,
            "family_told": "That the children will be seen by a social worker and a police "
            "officer; not the detail of the allegation.",
            "family_told_by": "a-sw",
            "family_told_when": f"{day(0)}T16:00",
            "police_hold": "Do not tell the father or Callum until after the interviews.",
            "not_yet_told": ["p-gareth", "p-callum"],
            "source_agency": "police",
            "restriction": "police_sensitive",
        }

    oscar = {
        "id": "d-p-oscar",
        "child": "p-oscar",
        "section_47": True,
        "section_47_mode": "single",
        "lead_agency": "childrens_social_care",
        "interview": False,
        "interview_reason": "Aged four and has made no disclosure: seen on his own at "
        "home by the social worker in an age-appropriate way instead.",
        "views": "Too young to give a view on the enquiry; happy at home and nursery.",
        "views_how": "Observed at home and nursery by the social worker.",
        "medical": False,
        "medical_reason": "No allegation concerns him and there is no sign of injury.",
        "family_told": "That he will be visited at home.",
        "family_told_by": "a-sw",
        "family_told_when": f"{day(0)}T16:00",
        **restricted,
    }
    tf = {}
    for key, value, note in (
        (
            "family_history",
            "concern",
            "Uncle is a registered sex offender; father's family minimised it.",
        ),
        ("neglect", "no_concern", "Home conditions good; health appointments kept."),
        ("domestic_abuse", "not_known", "Police to check call-outs to both addresses."),
        ("substance_misuse", "no_concern", "No known misuse by either parent."),
        ("mental_health", "concern", "Mother treated for anxiety; GP to update."),
        ("learning_disability", "no_concern", "None known."),
    ):
        tf[key], tf[f"{key}_note"] = value, note
    return {
        "format": jsonformat.FORMAT,
        "status": "draft",
        "facts": {
            "case_reference": "DEMO-2026-0147",
            "date": day(0),
            "start_time": "09:30",
            "end_time": "11:15",
            "held": "in_person",
            "venue": "Northfield Civic Centre, room 2",
            "chair": "Siân Llywelyn",
            "chair_role": "Team manager, children's social care",
            "minute_taker": "Ben Ashworth",
            "nation": "england",
            "meeting_type": "first",
            "previous_meeting": None,
            "procedures": ["section_47", "harm_to_others"],
            "sexual_abuse_alleged": True,
            "reason": "Maisie (10) told her teacher that her half-brother Callum (15) touched "
            "her sexually during weekend contact at her father's home. Lily (7) may "
            "also have been harmed. Their uncle, a registered sex offender, is due "
            "for release and has asked for contact.",
        },
        "attendees": [
            {
                "id": a,
                "name": n,
                "role": r,
                "agency": ag,
                "organisation": o,
                "contact": "via the secure email list",
                "status": s,
                "apology_reason": why,
                "attended_by": None
                if s != "present"
                else "video"
                if a == "a-probation"
                else "in_person",
            }
            for a, n, r, ag, o, s, why in attendees
        ],
        "information_shared": [
            {
                "id": "i-police",
                "agency": "police",
                "shared_by": "a-police",
                "summary": "Callum was spoken to in 2025 about an image shared at school; no "
                "further action.",
                "source_agency": "police",
                "restriction": "police_sensitive",
            },
            {
                "id": "i-health",
                "agency": "health",
                "shared_by": "a-paed",
                "summary": "Maisie seen at the GP twice this year with urinary symptoms.",
                "source_agency": "health",
                "restriction": "health_confidential",
            },
            {
                "id": "i-school",
                "agency": "education",
                "shared_by": "a-school",
                "summary": "Maisie's disclosure was recorded word for word by her teacher. "
                "Attendance good; recently withdrawn.",
                "source_agency": "education",
                "restriction": "none",
            },
        ],
        "households": [
            {
                "id": "h-larch",
                "name": "Mother's home",
                "address": "14 Larch Close, Northfield",
                **restricted,
            },
            {
                "id": "h-harbour",
                "name": "Father's home",
                "address": "3 Harbour Street, Northfield",
                **restricted,
            },
        ],
        "people": person_rows,
        "relationships": [
            {
                "id": f"r-{n}",
                "person": a,
                "relationship": rel,
                "other_person": b,
                "contact": contact,
                **restricted,
            }
            for n, (a, rel, b, contact) in enumerate(
                [
                    ("p-dana", "parent", "p-maisie", "Lives with her"),
                    ("p-dana", "parent", "p-lily", "Lives with her"),
                    ("p-dana", "parent", "p-oscar", "Lives with him"),
                    ("p-gareth", "parent", "p-maisie", "Alternate weekends"),
                    ("p-gareth", "parent", "p-lily", "Alternate weekends"),
                    ("p-gareth", "parent", "p-callum", "Lives with him"),
                    ("p-callum", "half_sibling", "p-maisie", "Alternate weekends"),
                    ("p-roy", "aunt_uncle", "p-maisie", "Letters from prison"),
                ]
            )
        ],
        "decisions": [decision("p-maisie", day(2), True), decision("p-lily", day(3), False), oscar],
        "adult_plans": [
            {
                "id": "ap-roy",
                "person": "p-roy",
                "living": "HMP Eastmoor (fictional) until release, not before next year.",
                "contact": "No contact with any of the children; letters to Maisie stopped.",
                "conditions": "Registered sex offender; licence conditions to bar contact "
                "with children on release.",
                "monitoring": "Tom Okafor, offender manager",
                "source_agency": "probation",
                "restriction": "third_party",
            }
        ],
        "child_plans": [
            {
                "id": "cp-callum",
                "child": "p-callum",
                "safety": "No unsupervised contact with younger children; weekend contact "
                "suspended pending enquiries.",
                "living": "Stays with his father; father agrees to the safety plan.",
                "school": "Harbour High DSL informed; risk assessment for school trips.",
                "support": "Referral to the harmful sexual behaviour service; his own history to "
                "be explored, as he may be a victim too.",
                "restorative": True,
                "restorative_note": "To be considered after the enquiry, not before.",
                "source_agency": "childrens_social_care",
                "restriction": "third_party",
            }
        ],
        "sibling_support": [
            {
                "id": "ss-oscar",
                "child": "p-oscar",
                "may_discuss": "That his sisters are being helped; no detail of the allegation.",
                "supporter": "Hannah Reid, with the nursery key worker",
                "views": "To be seen alone at home; mother reluctant but agrees he is asked.",
                **restricted,
            }
        ],
        "parent_support": [
            {
                "id": "ps-dana",
                "parent": "p-dana",
                "support": "Referral to the parents' support service for child sexual abuse; "
                "GP informed of the stress on her mental health.",
                "supporter": "Hannah Reid",
                **restricted,
            }
        ],
        "support": {
            "pathway": "Local support pathway for families affected by child sexual "
            "abuse: ISVA for the girls, counselling after the interviews.",
            **restricted,
        },
        # about the parents and the wider family: third-party information in a parent's copy
        "think_family": {
            **tf,
            "source_agency": "childrens_social_care",
            "restriction": "third_party",
        },
        "information_sharing": [
            {
                "id": "is-dana",
                "about": "p-roy",
                "recipient": "p-dana",
                "recipient_type": "parent",
                "by": "a-sw",
                "due": day(1),
                "done": False,
                "source_agency": "probation",
                "restriction": "none",
            },
            {
                "id": "is-gareth",
                "about": "p-roy",
                "recipient": "p-gareth",
                "recipient_type": "parent",
                "by": "a-sw",
                "due": day(1),
                "done": False,
                "source_agency": "probation",
                "restriction": "none",
            },
            {
                "id": "is-school",
                "about": "p-roy",
                "recipient": "Larch Close Primary DSL",
                "recipient_type": "professional",
                "by": "a-probation",
                "due": day(1),
                "done": True,
                "source_agency": "probation",
                "restriction": "none",
            },
        ],
        "grooming": {
            "children": True,
            "parents": True,
            "professionals": True,
            "note": "Uncle's letters to Maisie to be read by probation before they "
            "are passed on; father's minimising noted.",
            **restricted,
        },
        "prison_contact": [
            {
                "id": "pc-roy",
                "prisoner": "p-roy",
                "probation_contact": "a-probation",
                "governor_application": "pending",
                "arrangements": "No contact, including letters and calls, until the governor "
                "decides with probation and social care.",
                "source_agency": "probation",
                "restriction": "third_party",
            }
        ],
        "actions": [
            {
                "id": f"ac-{n}",
                "description": text,
                "owner": owner,
                "owner_agency": agency,
                "due": workday(due),
                "status": "in_progress" if n == 0 else "open",
                "progress_note": "The suite is held for both days; police confirm today."
                if n == 0
                else None,
                "source_agency": agency,
                "restriction": restriction,
            }
            for n, (text, owner, agency, due, restriction) in enumerate(
                [
                    (
                        "Arrange ABE interviews for Maisie and Lily, on separate days.",
                        "a-police",
                        "police",
                        1,
                        "none",
                    ),
                    (
                        "Child protection medical for Maisie.",
                        "a-paed",
                        "health",
                        2,
                        "health_confidential",
                    ),
                    (
                        "Share the risk from Roy Penrose with both parents, in writing.",
                        "a-sw",
                        "childrens_social_care",
                        1,
                        "none",
                    ),
                    (
                        "Check call-outs to both addresses for domestic abuse.",
                        "a-police",
                        "police",
                        3,
                        "police_sensitive",
                    ),
                    (
                        "Refer Callum to the harmful sexual behaviour service.",
                        "a-sw",
                        "childrens_social_care",
                        5,
                        "third_party",
                    ),
                    (
                        "Tell the governor of HMP Eastmoor that no contact is agreed.",
                        "a-probation",
                        "probation",
                        2,
                        "third_party",
                    ),
                ]
            )
        ],
        "action_history": [],
        "outcome": {
            "decision": "Section 47 enquiries to start for Maisie, Lily and Oscar, jointly "
            "with police for the girls; an initial child protection conference "
            "to be convened.",
            "rationale": "A clear disclosure of sexual abuse by a family member, a second "
            "child possibly harmed, and a registered sex offender seeking "
            "contact.",
            "immediate_safety": "The children stay at home with their mother; no contact with "
            "Callum or their father until after the interviews; the social worker visits daily.",
            "conference_date": workday(12),
            "review_date": day(10),
            "oversight_manager": "Alex Morgan, service manager",
            "oversight_review_date": day(7),
            "oversight_note": "To review progress of the interviews and the safety plan.",
            **restricted,
        },
        "overrides": [],
        "disclosure": [
            {
                "id": "dd-address",
                "target": "h-larch",
                "field": "address",
                "decision": "share",
                "reason": "The copy goes to the mother; this is her own address.",
            }
        ],
    }
