"""Typed records of a meeting, generated from desktop/meeting/spec.py: do not edit.

Regenerate with `make generate`; a test fails when this file is stale.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, TypedDict, cast

from strategy_minutes.desktop.meeting.item import Item


class Held(StrEnum):
    IN_PERSON = 'in_person'  # In person
    VIDEO = 'video'  # Video call
    PHONE = 'phone'  # Phone discussion


class Nation(StrEnum):
    ENGLAND = 'england'  # England
    WALES = 'wales'  # Wales
    SCOTLAND = 'scotland'  # Scotland
    NORTHERN_IRELAND = 'northern_ireland'  # Northern Ireland


class MeetingType(StrEnum):
    FIRST = 'first'  # First strategy meeting
    REVIEW = 'review'  # Review strategy meeting


class Procedure(StrEnum):
    SECTION_47 = 'section_47'  # Section 47 enquiry
    HARM_TO_OTHERS = 'harm_to_others'  # Children who present a risk of harm to others
    COMPLEX_ABUSE = 'complex_abuse'  # Organised and complex abuse


class Agency(StrEnum):
    CHILDRENS_SOCIAL_CARE = 'childrens_social_care'  # Children's social care
    POLICE = 'police'  # Police
    HEALTH = 'health'  # Health
    EDUCATION = 'education'  # Education
    PROBATION = 'probation'  # Probation
    ADULT_SERVICES = 'adult_services'  # Adult services
    REFERRER = 'referrer'  # Referring agency
    OTHER = 'other'  # Other


class AttendanceStatus(StrEnum):
    PRESENT = 'present'  # Present
    APOLOGIES = 'apologies'  # Apologies
    REPORT = 'report'  # Sent a report
    ABSENT = 'absent'  # Invited, absent


class AttendedBy(StrEnum):
    IN_PERSON = 'in_person'  # In person
    VIDEO = 'video'  # Video call
    PHONE = 'phone'  # Phone


class Restriction(StrEnum):
    NONE = 'none'  # No restriction
    POLICE_SENSITIVE = 'police_sensitive'  # Police-sensitive
    HEALTH_CONFIDENTIAL = 'health_confidential'  # Health-confidential
    THIRD_PARTY = 'third_party'  # Third-party information


class Role(StrEnum):
    SUBJECT_CHILD = 'subject_child'  # Subject child
    SIBLING = 'sibling'  # Sibling
    ALLEGED_PERPETRATOR = 'alleged_perpetrator'  # Alleged perpetrator
    NON_ABUSING_PARENT = 'non_abusing_parent'  # Non-abusing parent or carer
    OTHER = 'other'  # Other


class PersonCategory(StrEnum):
    CHILD = 'child'  # Child
    ADULT = 'adult'  # Adult
    UNBORN = 'unborn'  # Unborn baby


class MappaCategory(StrEnum):
    CATEGORY_1 = '1'  # Category 1
    CATEGORY_2 = '2'  # Category 2
    CATEGORY_3 = '3'  # Category 3
    NONE = 'none'  # Not MAPPA


class MappaLevel(StrEnum):
    LEVEL_1 = '1'  # Level 1
    LEVEL_2 = '2'  # Level 2
    LEVEL_3 = '3'  # Level 3


class RelationshipType(StrEnum):
    PARENT = 'parent'  # Parent
    STEP_PARENT = 'step_parent'  # Step-parent
    PARTNER = 'partner'  # Partner
    SIBLING = 'sibling'  # Sibling
    HALF_SIBLING = 'half_sibling'  # Half-sibling
    GRANDPARENT = 'grandparent'  # Grandparent
    AUNT_UNCLE = 'aunt_uncle'  # Aunt or uncle
    COUSIN = 'cousin'  # Cousin
    OTHER = 'other'  # Other


class Section47Mode(StrEnum):
    SINGLE = 'single'  # Single-agency
    JOINT = 'joint'  # Joint with police


class InterviewType(StrEnum):
    ABE = 'abe'  # Achieving Best Evidence (video-recorded)
    JOINT = 'joint'  # Joint interview
    SINGLE_AGENCY_VISIT = 'single_agency_visit'  # Single-agency visit
    CONVERSATION = 'conversation'  # Age-appropriate conversation


class MedicalConsent(StrEnum):
    PARENTAL_RESPONSIBILITY = 'parental_responsibility'  # Person with parental responsibility
    COMPETENT_CHILD = 'competent_child'  # Competent child
    COURT = 'court'  # Court order


class Considered(StrEnum):
    CONCERN = 'concern'  # Concern
    NO_CONCERN = 'no_concern'  # No concern
    NOT_KNOWN = 'not_known'  # Unknown so far


class RecipientType(StrEnum):
    PROFESSIONAL = 'professional'  # Professional working with the children
    PARENT = 'parent'  # Parent with parental responsibility
    OTHER = 'other'  # Other


class GovernorApplication(StrEnum):
    NONE = 'none'  # No application
    PENDING = 'pending'  # Pending
    REFUSED = 'refused'  # Refused
    APPROVED = 'approved'  # Approved with conditions


class ActionStatus(StrEnum):
    OPEN = 'open'  # Open
    IN_PROGRESS = 'in_progress'  # In progress
    DONE = 'done'  # Done
    DROPPED = 'dropped'  # Dropped
    CANCELLED = 'cancelled'  # Cancelled (recorded before 'dropped' existed)


class DisclosureChoice(StrEnum):
    SHARE = 'share'  # Share with the parent
    WITHHOLD = 'withhold'  # Withhold


class Facts(TypedDict):
    """Meeting facts."""

    case_reference: str | None
    date: str | None
    start_time: str | None
    end_time: str | None
    held: Held | None
    venue: str | None
    chair: str | None
    chair_role: str | None
    minute_taker: str | None
    nation: Nation | None
    meeting_type: MeetingType | None
    previous_meeting: str | None
    reviews: str | None
    procedures: list[Procedure]
    sexual_abuse_alleged: bool | None
    reason: str | None


class Attendee(TypedDict):
    """Attendance."""

    name: str | None
    role: str | None
    agency: Agency | None
    organisation: str | None
    contact: str | None
    status: AttendanceStatus | None
    apology_reason: str | None
    attended_by: AttendedBy | None


class InformationItem(TypedDict):
    """Information shared by agencies."""

    shared_by: str | None
    agency: Agency | None
    summary: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class Household(TypedDict):
    """Households."""

    name: str | None
    address: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class Person(TypedDict):
    """People."""

    name: str | None
    role: Role | None
    category: PersonCategory | None
    other_roles: list[Role]
    household: str | None
    date_of_birth: str | None
    expected_date: str | None
    parental_responsibility: bool | None
    school: str | None
    school_holiday_contact: str | None
    communication_needs: str | None
    first_language: str | None
    interpreter_needed: bool | None
    interpreter_needs: str | None
    disability: str | None
    registered_sex_offender: bool | None
    in_prison: bool | None
    prison: str | None
    mappa_category: MappaCategory | None
    mappa_level: MappaLevel | None
    convictions: str | None
    concerns_without_conviction: str | None
    probation_contact: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class Relationship(TypedDict):
    """Relationships."""

    person: str | None
    relationship: RelationshipType | None
    other_person: str | None
    contact: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class Decision(TypedDict):
    """Decisions for each child."""

    child: str | None
    section_47: bool | None
    section_47_mode: Section47Mode | None
    lead_agency: Agency | None
    interview: bool | None
    interview_reason: str | None
    interview_type: InterviewType | None
    interviewers: list[str]
    interview_start: str | None
    interview_end: str | None
    interview_place: str | None
    intermediary: str | None
    interpreter: str | None
    communication_aids: str | None
    preparation: str | None
    views: str | None
    views_how: str | None
    medical: bool | None
    medical_reason: str | None
    medical_by: str | None
    medical_when: str | None
    medical_consent: MedicalConsent | None
    family_told: str | None
    family_told_by: str | None
    family_told_when: str | None
    police_hold: str | None
    not_yet_told: list[str]
    source_agency: Agency | None
    restriction: Restriction | None


class ChildPlan(TypedDict):
    """Plans for children who may harm others."""

    child: str | None
    safety: str | None
    living: str | None
    school: str | None
    support: str | None
    restorative: bool | None
    restorative_note: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class AdultPlan(TypedDict):
    """Safety and contact plans for adults alleged to harm."""

    person: str | None
    living: str | None
    contact: str | None
    conditions: str | None
    monitoring: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class SiblingSupport(TypedDict):
    """Support for siblings."""

    child: str | None
    may_discuss: str | None
    supporter: str | None
    views: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class ParentSupport(TypedDict):
    """Support for the non-abusing parent or carer."""

    parent: str | None
    support: str | None
    supporter: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class SupportPathway(TypedDict):
    """Support pathway."""

    pathway: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class ThinkFamily(TypedDict):
    """Think Family."""

    family_history: Considered | None
    family_history_note: str | None
    neglect: Considered | None
    neglect_note: str | None
    domestic_abuse: Considered | None
    domestic_abuse_note: str | None
    substance_misuse: Considered | None
    substance_misuse_note: str | None
    mental_health: Considered | None
    mental_health_note: str | None
    learning_disability: Considered | None
    learning_disability_note: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class InformationSharing(TypedDict):
    """Who must be told about a risky adult."""

    about: str | None
    recipient: str | None
    recipient_type: RecipientType | None
    by: str | None
    due: str | None
    done: bool | None
    source_agency: Agency | None
    restriction: Restriction | None


class Grooming(TypedDict):
    """Grooming considered."""

    children: bool | None
    parents: bool | None
    professionals: bool | None
    note: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class PrisonContact(TypedDict):
    """Contact with a registered sex offender in prison."""

    prisoner: str | None
    probation_contact: str | None
    governor_application: GovernorApplication | None
    arrangements: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class Action(TypedDict):
    """Actions."""

    description: str | None
    owner: str | None
    owner_agency: Agency | None
    due: str | None
    status: ActionStatus | None
    progress_note: str | None
    origin_meeting: str | None
    origin_date: str | None
    origin_owner: str | None
    carried_action: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class ActionHistoryEntry(TypedDict):
    """Status history of carried actions."""

    action: str | None
    date: str | None
    status: ActionStatus | None
    note: str | None
    by: str | None
    where: str | None


class Outcome(TypedDict):
    """Outcome."""

    decision: str | None
    rationale: str | None
    immediate_safety: str | None
    conference_date: str | None
    review_date: str | None
    oversight_manager: str | None
    oversight_review_date: str | None
    oversight_note: str | None
    source_agency: Agency | None
    restriction: Restriction | None


class Override(TypedDict):
    """Findings overridden by the chair."""

    rule: str | None
    target: str | None
    reason: str | None


class DisclosureDecision(TypedDict):
    """Decisions on what the copy for parents shares."""

    target: str | None
    field: str | None
    decision: DisclosureChoice | None
    reason: str | None


SectionName = Literal['facts', 'support', 'think_family', 'grooming', 'outcome']
ListName = Literal['attendees', 'information_shared', 'households', 'people', 'relationships', 'decisions', 'child_plans', 'adult_plans', 'sibling_support', 'parent_support', 'information_sharing', 'prison_contact', 'actions', 'action_history', 'overrides', 'disclosure']


class MeetingParts:
    """Typed access to the sections and lists of a meeting (Meeting inherits it)."""

    sections: dict[str, dict[str, Any]]
    items: dict[str, list[Item[Any]]]

    @property
    def facts(self) -> Facts:
        return cast(Facts, self.sections["facts"])

    @property
    def attendees(self) -> list[Item[Attendee]]:
        return cast("list[Item[Attendee]]", self.items["attendees"])

    @property
    def information_shared(self) -> list[Item[InformationItem]]:
        return cast("list[Item[InformationItem]]", self.items["information_shared"])

    @property
    def households(self) -> list[Item[Household]]:
        return cast("list[Item[Household]]", self.items["households"])

    @property
    def people(self) -> list[Item[Person]]:
        return cast("list[Item[Person]]", self.items["people"])

    @property
    def relationships(self) -> list[Item[Relationship]]:
        return cast("list[Item[Relationship]]", self.items["relationships"])

    @property
    def decisions(self) -> list[Item[Decision]]:
        return cast("list[Item[Decision]]", self.items["decisions"])

    @property
    def child_plans(self) -> list[Item[ChildPlan]]:
        return cast("list[Item[ChildPlan]]", self.items["child_plans"])

    @property
    def adult_plans(self) -> list[Item[AdultPlan]]:
        return cast("list[Item[AdultPlan]]", self.items["adult_plans"])

    @property
    def sibling_support(self) -> list[Item[SiblingSupport]]:
        return cast("list[Item[SiblingSupport]]", self.items["sibling_support"])

    @property
    def parent_support(self) -> list[Item[ParentSupport]]:
        return cast("list[Item[ParentSupport]]", self.items["parent_support"])

    @property
    def support(self) -> SupportPathway:
        return cast(SupportPathway, self.sections["support"])

    @property
    def think_family(self) -> ThinkFamily:
        return cast(ThinkFamily, self.sections["think_family"])

    @property
    def information_sharing(self) -> list[Item[InformationSharing]]:
        return cast("list[Item[InformationSharing]]", self.items["information_sharing"])

    @property
    def grooming(self) -> Grooming:
        return cast(Grooming, self.sections["grooming"])

    @property
    def prison_contact(self) -> list[Item[PrisonContact]]:
        return cast("list[Item[PrisonContact]]", self.items["prison_contact"])

    @property
    def actions(self) -> list[Item[Action]]:
        return cast("list[Item[Action]]", self.items["actions"])

    @property
    def action_history(self) -> list[Item[ActionHistoryEntry]]:
        return cast("list[Item[ActionHistoryEntry]]", self.items["action_history"])

    @property
    def outcome(self) -> Outcome:
        return cast(Outcome, self.sections["outcome"])

    @property
    def overrides(self) -> list[Item[Override]]:
        return cast("list[Item[Override]]", self.items["overrides"])

    @property
    def disclosure(self) -> list[Item[DisclosureDecision]]:
        return cast("list[Item[DisclosureDecision]]", self.items["disclosure"])
