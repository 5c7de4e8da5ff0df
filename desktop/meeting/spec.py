"""The shape of a strategy meeting record, declared once.

Every other layer reads this spec rather than restating it: the JSON Schema is generated
from it, the importer validates against it, the editor builds its forms and tables from it,
and the exporters and rules look fields up by the names given here. Adding a field is a
one-line change here (plus a schema regeneration), not a change in five places.

A meeting holds *sections* (one record each, such as the meeting facts) and *lists* of items
(attendees, people, decisions...). Items have stable ids so that other items, review comments
and the audit trail can point at them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from strategy_minutes.desktop.meeting.fieldtypes import (
    Choice,
    Choices,
    ChoiceSet,
    Date,
    DateTime,
    FieldType,
    LongText,
    Ref,
    Refs,
    RuleCode,
    Someone,
    Text,
    Time,
    YesNo,
)


@dataclass(frozen=True)
class When:
    """A field applies while another field of the same record holds one of `values`.

    `or_unanswered`: it applies too while that field has no answer yet, so a new record asks
    everything until the answer that narrows it is given (a person's category), whereas
    details of a yes (the interview's) wait for the yes. For a several-choice field, one of
    its values is enough."""

    field: str
    values: tuple[object, ...]
    or_unanswered: bool = False

    def holds(self, record: Mapping[str, Any]) -> bool:
        value = record.get(self.field)
        if value is None or value == [] or value == "":
            return self.or_unanswered
        if isinstance(value, list):
            return any(v in self.values for v in value)
        return any(value == v and type(value) is type(v) for v in self.values)


@dataclass(frozen=True)
class Filled:
    """A field applies while another holds a value (details the app fills in, such as where
    a carried action came from)."""

    field: str

    def holds(self, record: Mapping[str, Any]) -> bool:
        return record.get(self.field) not in (None, "", [])


@dataclass(frozen=True)
class AnyOf:
    """A field applies while any of these conditions holds."""

    conditions: tuple[When | Filled, ...]

    def holds(self, record: Mapping[str, Any]) -> bool:
        return any(c.holds(record) for c in self.conditions)


Condition = When | Filled | AnyOf


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: FieldType = Text()
    help: str = ""
    # Where the field applies (all must hold); elsewhere the form hides it, the minutes leave
    # it out and the rules do not ask for it. A value it holds is kept, never dropped.
    when: tuple[Condition, ...] = ()
    # Nearly always left as it starts (a restriction of none, an attendee present): Tab
    # passes it by and its Alt+letter reaches it, so the chair's way down the form is short.
    quiet: bool = False

    def applies(self, record: Mapping[str, Any]) -> bool:
        return all(c.holds(record) for c in self.when)

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """(stored value, label a chair reads) for a choice field; empty for the rest."""
        t = self.type
        return t.choices.options if isinstance(t, Choice | Choices) else ()

    @property
    def ref(self) -> str:
        """The kind a reference field points at; empty for the rest."""
        t = self.type
        return t.kind if isinstance(t, Ref | Refs) else ""

    def lists(self, kind: str) -> bool:
        """Whether the field's choices are items of `kind` (a reference, or naming someone)."""
        return self.ref == kind or (isinstance(self.type, Someone) and kind in self.type.kinds)

    def choice_label(self, value: str | None) -> str:
        return dict(self.choices).get(value or "", value or "")


@dataclass(frozen=True)
class Kind:
    """A section (one record per meeting) or a list of items."""

    name: str  # key in the JSON format
    label: str  # heading a chair reads
    fields: tuple[Field, ...]
    record: str = ""  # the name of its generated typed record (desktop/meeting/records.py)
    is_list: bool = True
    title_field: str = ""  # the field that names an item in pickers and messages
    help: str = ""
    restrictable: bool = True  # records carry a source agency and a restriction

    def all_fields(self) -> tuple[Field, ...]:
        return self.fields + (COMMON_ITEM_FIELDS if self.restrictable else ())

    def field(self, name: str) -> Field:
        for f in self.all_fields():
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")


AGENCIES = ChoiceSet(
    "Agency",
    (
        ("childrens_social_care", "Children's social care"),
        ("police", "Police"),
        ("health", "Health"),
        ("education", "Education"),
        ("probation", "Probation"),
        ("adult_services", "Adult services"),
        ("referrer", "Referring agency"),
        ("other", "Other"),
    ),
)
RESTRICTIONS = ChoiceSet(
    "Restriction",
    (
        ("none", "No restriction"),
        ("police_sensitive", "Police-sensitive"),
        ("health_confidential", "Health-confidential"),
        ("third_party", "Third-party information"),
    ),
)
YES_NO_HELP = "Answer yes or no: silence is not a decision."

# Conditions said once and used by several fields.
REVIEW = When("meeting_type", ("review",))
CARRIED = AnyOf((Filled("origin_meeting"), Filled("carried_action")))
CHILD = When("category", ("child",), or_unanswered=True)
ADULT = When("category", ("adult",), or_unanswered=True)
BORN = When("category", ("child", "adult"), or_unanswered=True)
UNBORN = When("category", ("unborn",), or_unanswered=True)
REGISTERED = When("registered_sex_offender", (True,))
MAY_HARM = AnyOf(
    (
        When("role", ("alleged_perpetrator",)),
        When("other_roles", ("alleged_perpetrator",)),
        REGISTERED,
    )
)
ENQUIRY = When("section_47", (True,))
INTERVIEWED = When("interview", (True,))
EXAMINED = When("medical", (True,))

COMMON_ITEM_FIELDS = (
    Field(
        "source_agency",
        "Source agency",
        Choice(AGENCIES),
        help="The agency this information came from.",
        quiet=True,
    ),
    Field(
        "restriction",
        "Restriction",
        Choice(RESTRICTIONS),
        help="Restricted items are left out of the copy for parents.",
        quiet=True,
    ),
)

FACTS = Kind(
    "facts",
    "Meeting facts",
    record="Facts",
    is_list=False,
    restrictable=False,
    fields=(
        Field("case_reference", "Case reference"),
        Field("date", "Date", Date()),
        Field("start_time", "Start time", Time()),
        Field("end_time", "End time", Time()),
        Field(
            "held",
            "How held",
            Choice(
                ChoiceSet(
                    "Held",
                    (
                        ("in_person", "In person"),
                        ("video", "Video call"),
                        ("phone", "Phone discussion"),
                    ),
                )
            ),
        ),
        Field("venue", "Venue"),
        Field("chair", "Chair"),
        Field("chair_role", "Chair's role"),
        Field("minute_taker", "Minute-taker"),
        Field(
            "nation",
            "UK nation (for working days)",
            Choice(
                ChoiceSet(
                    "Nation",
                    (
                        ("england", "England"),
                        ("wales", "Wales"),
                        ("scotland", "Scotland"),
                        ("northern_ireland", "Northern Ireland"),
                    ),
                )
            ),
        ),
        Field(
            "meeting_type",
            "First meeting or review",
            Choice(
                ChoiceSet(
                    "MeetingType",
                    (("first", "First strategy meeting"), ("review", "Review strategy meeting")),
                )
            ),
        ),
        Field(
            "previous_meeting",
            "Earlier meeting reviewed",
            when=(REVIEW,),
            help="Case reference and date of the meeting this one reviews, as a person reads it.",
        ),
        Field(
            "reviews",
            "Id of the meeting reviewed",
            when=(REVIEW,),
            help="Set when a review meeting is made from the one it reviews; links the two.",
        ),
        Field(
            "procedures",
            "Procedures in use",
            Choices(
                ChoiceSet(
                    "Procedure",
                    (
                        ("section_47", "Section 47 enquiry"),
                        ("harm_to_others", "Children who present a risk of harm to others"),
                        ("complex_abuse", "Organised and complex abuse"),
                    ),
                )
            ),
        ),
        Field("sexual_abuse_alleged", "Sexual abuse alleged", YesNo(), help=YES_NO_HELP),
        Field(
            "reason",
            "Reason for the meeting",
            LongText(),
            help="The referral or concern, and who may be at risk, including children "
            "outside the household.",
        ),
    ),
)

ATTENDEES = Kind(
    "attendees",
    "Attendance",
    record="Attendee",
    title_field="name",
    restrictable=False,
    fields=(
        Field("name", "Name"),
        Field("role", "Role"),
        Field("agency", "Agency", Choice(AGENCIES)),
        Field("organisation", "Organisation", help="For example the school's or team's name."),
        Field("contact", "Contact"),
        Field(
            "status",
            "Attendance",
            Choice(
                ChoiceSet(
                    "AttendanceStatus",
                    (
                        ("present", "Present"),
                        ("apologies", "Apologies"),
                        ("report", "Sent a report"),
                        ("absent", "Invited, absent"),
                    ),
                )
            ),
            quiet=True,
        ),
        Field(
            "apology_reason",
            "Reason for apologies",
            when=(When("status", ("apologies", "absent")),),
        ),
        Field(
            "attended_by",
            "Attended by",
            Choice(
                ChoiceSet(
                    "AttendedBy",
                    (("in_person", "In person"), ("video", "Video call"), ("phone", "Phone")),
                )
            ),
            when=(When("status", ("present",), or_unanswered=True),),
        ),
    ),
)

INFORMATION_SHARED = Kind(
    "information_shared",
    "Information shared by agencies",
    record="InformationItem",
    title_field="summary",
    fields=(
        Field("agency", "Agency", Choice(AGENCIES)),
        Field("shared_by", "Shared by", Ref("attendees")),
        Field("summary", "What the agency knows", LongText()),
    ),
)

HOUSEHOLDS = Kind(
    "households",
    "Households",
    record="Household",
    title_field="name",
    fields=(
        Field("name", "Household"),
        Field("address", "Address"),
    ),
)

ROLES = ChoiceSet(
    "Role",
    (
        ("subject_child", "Subject child"),
        ("sibling", "Sibling"),
        ("alleged_perpetrator", "Alleged perpetrator"),
        ("non_abusing_parent", "Non-abusing parent or carer"),
        ("other", "Other"),
    ),
)

PEOPLE = Kind(
    "people",
    "People",
    record="Person",
    title_field="name",
    fields=(
        Field("name", "Name"),
        Field(
            "category",
            "Child, adult or unborn",
            Choice(
                ChoiceSet(
                    "PersonCategory",
                    (("child", "Child"), ("adult", "Adult"), ("unborn", "Unborn baby")),
                )
            ),
        ),
        Field("role", "Role", Choice(ROLES), help="The role the family map draws them by."),
        Field(
            "other_roles",
            "Also",
            Choices(ROLES),
            help="Any further role they hold: a sibling who is also at risk, a child alleged "
            "to harm who may also be a victim.",
        ),
        Field("household", "Household", Ref("households")),
        Field("date_of_birth", "Date of birth", Date(), when=(BORN,)),
        Field("expected_date", "Expected date of birth", Date(), when=(UNBORN,)),
        Field("parental_responsibility", "Has parental responsibility", YesNo(), when=(ADULT,)),
        Field("school", "School or setting", when=(CHILD,)),
        Field("school_holiday_contact", "School holiday safeguarding contact", when=(CHILD,)),
        Field("communication_needs", "Communication needs"),
        Field("first_language", "First language"),
        Field("interpreter_needed", "Interpreter needed", YesNo()),
        Field(
            "interpreter_needs",
            "Interpreter: language and needs",
            when=(When("interpreter_needed", (True,)),),
            help="The language or dialect, and anything else that matters (for example the "
            "interpreter's sex, or someone outside the community).",
        ),
        Field("disability", "Disability"),
        Field("registered_sex_offender", "Registered sex offender", YesNo(), when=(ADULT,)),
        Field("in_prison", "In prison", YesNo(), when=(ADULT, MAY_HARM)),
        Field("prison", "Which prison", when=(When("in_prison", (True,)),)),
        Field(
            "mappa_category",
            "MAPPA category",
            Choice(
                ChoiceSet(
                    "MappaCategory",
                    (
                        ("1", "Category 1"),
                        ("2", "Category 2"),
                        ("3", "Category 3"),
                        ("none", "Not MAPPA"),
                    ),
                )
            ),
            when=(REGISTERED,),
        ),
        Field(
            "mappa_level",
            "MAPPA level",
            Choice(ChoiceSet("MappaLevel", (("1", "Level 1"), ("2", "Level 2"), ("3", "Level 3")))),
            when=(REGISTERED,),
        ),
        Field("convictions", "Convictions", LongText(), when=(MAY_HARM,)),
        Field(
            "concerns_without_conviction",
            "Concerns without conviction",
            LongText(),
            help="Absence of a conviction is not absence of risk.",
            when=(MAY_HARM,),
        ),
        Field("probation_contact", "Probation contact", Someone(), when=(MAY_HARM,)),
    ),
)

RELATIONSHIPS = Kind(
    "relationships",
    "Relationships",
    record="Relationship",
    title_field="relationship",
    fields=(
        Field("person", "Person", Ref("people")),
        Field(
            "relationship",
            "Is the ... of",
            Choice(
                ChoiceSet(
                    "RelationshipType",
                    (
                        ("parent", "Parent"),
                        ("step_parent", "Step-parent"),
                        ("partner", "Partner"),
                        ("sibling", "Sibling"),
                        ("half_sibling", "Half-sibling"),
                        ("grandparent", "Grandparent"),
                        ("aunt_uncle", "Aunt or uncle"),
                        ("cousin", "Cousin"),
                        ("other", "Other"),
                    ),
                )
            ),
        ),
        Field("other_person", "Other person", Ref("people")),
        Field("contact", "Contact between them"),
    ),
)

DECISIONS = Kind(
    "decisions",
    "Decisions for each child",
    record="Decision",
    title_field="child",
    help="One row for each child in scope. Every question needs an explicit answer.",
    fields=(
        Field("child", "Child", Ref("people")),
        Field("section_47", "Section 47 enquiry", YesNo(), help=YES_NO_HELP),
        Field(
            "section_47_mode",
            "Single-agency or joint",
            Choice(
                ChoiceSet(
                    "Section47Mode", (("single", "Single-agency"), ("joint", "Joint with police"))
                )
            ),
            when=(ENQUIRY,),
        ),
        Field("lead_agency", "Lead agency", Choice(AGENCIES), when=(ENQUIRY,)),
        Field("interview", "Interview", YesNo(), help=YES_NO_HELP),
        Field("interview_reason", "Reason for the interview decision", LongText()),
        Field(
            "interview_type",
            "Type of interview",
            Choice(
                ChoiceSet(
                    "InterviewType",
                    (
                        ("abe", "Achieving Best Evidence (video-recorded)"),
                        ("joint", "Joint interview"),
                        ("single_agency_visit", "Single-agency visit"),
                        ("conversation", "Age-appropriate conversation"),
                    ),
                )
            ),
            when=(INTERVIEWED,),
        ),
        Field("interviewers", "Interviewers", Refs("attendees"), when=(INTERVIEWED,)),
        Field("interview_start", "Interview starts", DateTime(), when=(INTERVIEWED,)),
        Field("interview_end", "Interview ends", DateTime(), when=(INTERVIEWED,)),
        Field("interview_place", "Place", when=(INTERVIEWED,)),
        Field("intermediary", "Intermediary", when=(INTERVIEWED,)),
        Field("interpreter", "Interpreter", when=(INTERVIEWED,)),
        Field("communication_aids", "Communication aids", when=(INTERVIEWED,)),
        Field("preparation", "How the child is prepared", LongText(), when=(INTERVIEWED,)),
        Field("views", "The child's views and wishes", LongText()),
        Field(
            "views_how",
            "How their views were obtained",
            help="For example spoken to alone by the social worker, through a parent, or not "
            "yet known.",
        ),
        Field("medical", "Medical examination", YesNo(), help=YES_NO_HELP),
        Field("medical_reason", "Reason for the medical decision", LongText()),
        Field("medical_by", "Medical by", Someone(), when=(EXAMINED,)),
        Field("medical_when", "Medical when", DateTime(), when=(EXAMINED,)),
        Field(
            "medical_consent",
            "Consent route",
            Choice(
                ChoiceSet(
                    "MedicalConsent",
                    (
                        ("parental_responsibility", "Person with parental responsibility"),
                        ("competent_child", "Competent child"),
                        ("court", "Court order"),
                    ),
                )
            ),
            when=(EXAMINED,),
        ),
        Field("family_told", "What the family is told", LongText()),
        Field("family_told_by", "Told by", Someone()),
        Field("family_told_when", "Told when", DateTime()),
        Field("police_hold", "Hold asked for by police"),
    ),
)

CHILD_PLANS = Kind(
    "child_plans",
    "Plans for children who may harm others",
    record="ChildPlan",
    title_field="child",
    help="A plan under the 'children who present a risk of harm to others' procedure.",
    fields=(
        Field("child", "Child", Ref("people")),
        Field("safety", "Safety and supervision", LongText()),
        Field("living", "Where they live", LongText()),
        Field("school", "School arrangements", LongText()),
        Field(
            "support", "Their own support and needs", LongText(), help="They may be a victim too."
        ),
        Field("restorative", "Restorative approaches considered", YesNo()),
        Field("restorative_note", "Restorative approaches: note", LongText()),
    ),
)

ADULT_PLANS = Kind(
    "adult_plans",
    "Safety and contact plans for adults alleged to harm",
    record="AdultPlan",
    title_field="person",
    help="Needed for an adult alleged perpetrator who lives with, or has contact with, a "
    "child in scope.",
    fields=(
        Field("person", "Adult", Ref("people")),
        Field("living", "Where they live", LongText()),
        Field("contact", "Contact with the children", LongText()),
        Field("conditions", "Bail or police conditions", LongText(), help="Say 'none' if none."),
        Field("monitoring", "Who monitors the plan", Someone()),
    ),
)

SIBLING_SUPPORT = Kind(
    "sibling_support",
    "Support for siblings",
    record="SiblingSupport",
    title_field="child",
    fields=(
        Field("child", "Sibling", Ref("people")),
        Field("may_discuss", "What may be discussed with them", LongText()),
        Field("supporter", "Who supports them", Someone()),
        Field(
            "views",
            "Their views and wishes",
            LongText(),
            help="Recorded even where a parent is reluctant.",
        ),
    ),
)

PARENT_SUPPORT = Kind(
    "parent_support",
    "Support for the non-abusing parent or carer",
    record="ParentSupport",
    title_field="parent",
    fields=(
        Field("parent", "Parent or carer", Ref("people")),
        Field("support", "Support offered", LongText()),
        Field("supporter", "Who supports them", Someone()),
    ),
)

CONSIDERED = ChoiceSet(
    "Considered",
    (
        ("concern", "Concern"),
        ("no_concern", "No concern"),
        ("not_known", "Not yet known"),
    ),
)
THINK_FAMILY_FACTORS = (
    ("family_history", "Family history"),
    ("neglect", "Neglect"),
    ("domestic_abuse", "Domestic abuse"),
    ("substance_misuse", "Parental substance misuse"),
    ("mental_health", "Parental mental ill health"),
    ("learning_disability", "Parental learning disability"),
)

THINK_FAMILY = Kind(
    "think_family",
    "Think Family",
    record="ThinkFamily",
    is_list=False,
    help="Each factor needs an explicit answer and a note.",
    fields=tuple(
        f
        for key, label in THINK_FAMILY_FACTORS
        for f in (
            Field(key, label, Choice(CONSIDERED)),
            Field(f"{key}_note", f"{label}: note", LongText()),
        )
    ),
)

SUPPORT = Kind(
    "support",
    "Support pathway",
    record="SupportPathway",
    is_list=False,
    fields=(Field("pathway", "Pathway of support for the family", LongText()),),
)

INFORMATION_SHARING = Kind(
    "information_sharing",
    "Who must be told about a risky adult",
    record="InformationSharing",
    title_field="recipient",
    fields=(
        Field("about", "About", Ref("people")),
        Field("recipient", "Who must be told", Someone()),
        Field(
            "recipient_type",
            "Recipient is",
            Choice(
                ChoiceSet(
                    "RecipientType",
                    (
                        ("professional", "Professional working with the children"),
                        ("parent", "Parent with parental responsibility"),
                        ("other", "Other"),
                    ),
                )
            ),
        ),
        Field("by", "Told by", Ref("attendees")),
        Field("due", "By when", Date()),
        Field("done", "Done", YesNo()),
    ),
)

GROOMING = Kind(
    "grooming",
    "Grooming considered",
    record="Grooming",
    is_list=False,
    fields=(
        Field("children", "Grooming of the children considered", YesNo()),
        Field("parents", "Grooming of parents and carers considered", YesNo()),
        Field("professionals", "Grooming of professionals considered", YesNo()),
        Field("note", "Note", LongText()),
    ),
)

PRISON_CONTACT = Kind(
    "prison_contact",
    "Contact with a registered sex offender in prison",
    record="PrisonContact",
    title_field="prisoner",
    fields=(
        Field("prisoner", "Prisoner", Ref("people")),
        Field("probation_contact", "Probation (offender manager) contact", Someone()),
        Field(
            "governor_application",
            "Application to the governor",
            Choice(
                ChoiceSet(
                    "GovernorApplication",
                    (
                        ("none", "No application"),
                        ("pending", "Pending"),
                        ("refused", "Refused"),
                        ("approved", "Approved with conditions"),
                    ),
                )
            ),
        ),
        Field("arrangements", "Contact arrangements", LongText()),
    ),
)

ACTION_STATUSES = ChoiceSet(
    "ActionStatus",
    (
        ("open", "Open"),
        ("in_progress", "In progress"),
        ("done", "Done"),
        ("dropped", "Dropped"),
        ("cancelled", "Cancelled (recorded before 'dropped' existed)"),
    ),
)

ACTIONS = Kind(
    "actions",
    "Actions",
    record="Action",
    title_field="description",
    fields=(
        Field("description", "Action", LongText()),
        Field("owner", "Owner", Ref("attendees")),
        Field("owner_agency", "Owner's agency", Choice(AGENCIES)),
        Field("due", "Due", Date()),
        Field("status", "Status", Choice(ACTION_STATUSES), quiet=True),
        Field(
            "progress_note",
            "Progress note, or why it was dropped",
            LongText(),
            help="In progress needs a note; dropped needs its reason.",
            when=(When("status", ("in_progress", "done", "dropped", "cancelled")),),
        ),
        Field(
            "origin_meeting",
            "First agreed at (meeting id)",
            help="Set when the action was carried from an earlier meeting.",
            when=(CARRIED,),
        ),
        Field("origin_date", "First agreed on", Date(), when=(CARRIED,)),
        Field("origin_owner", "Owner when agreed", when=(CARRIED,)),
        Field(
            "carried_action",
            "Carried from (action id)",
            help="The action of the meeting reviewed that this one continues.",
            when=(CARRIED,),
        ),
    ),
)

ACTION_HISTORY = Kind(
    "action_history",
    "Status history of carried actions",
    record="ActionHistoryEntry",
    title_field="action",
    restrictable=False,
    help="Copied from the meetings reviewed: each status an action had, when and who said so.",
    fields=(
        Field("action", "Action", Ref("actions")),
        Field("date", "Date", Date()),
        Field("status", "Status", Choice(ACTION_STATUSES), quiet=True),
        Field("note", "Note", LongText()),
        Field("by", "Recorded by"),
        Field("where", "Recorded at", help="The meeting, or 'after signing' of it."),
    ),
)

OUTCOME = Kind(
    "outcome",
    "Outcome",
    record="Outcome",
    is_list=False,
    fields=(
        Field("decision", "Decision", LongText()),
        Field("rationale", "Rationale", LongText()),
        Field(
            "immediate_safety",
            "Immediate safety arrangements until the next step",
            LongText(),
            help="Where each child sleeps tonight, who they may see, and who checks.",
        ),
        Field(
            "conference_date",
            "Initial child protection conference date",
            Date(),
            help="When it is booked for or was held; recording it stops the 15 working day clock.",
        ),
        Field("review_date", "Review meeting date", Date()),
        Field("oversight_manager", "Manager overseeing the plan"),
        Field("oversight_review_date", "Manager's review date", Date()),
        Field("oversight_note", "Management oversight note", LongText()),
    ),
)

OVERRIDES = Kind(
    "overrides",
    "Findings overridden by the chair",
    record="Override",
    title_field="rule",
    restrictable=False,
    fields=(
        Field("rule", "Finding", RuleCode()),
        Field("target", "Item", help="Id of the item the finding points to, or empty."),
        Field("reason", "Reason", LongText()),
    ),
)

# In the order the meeting runs: the editor's sections and the minutes follow it.
KINDS: tuple[Kind, ...] = (
    FACTS,
    ATTENDEES,
    INFORMATION_SHARED,
    HOUSEHOLDS,
    PEOPLE,
    RELATIONSHIPS,
    DECISIONS,
    CHILD_PLANS,
    ADULT_PLANS,
    SIBLING_SUPPORT,
    PARENT_SUPPORT,
    SUPPORT,
    THINK_FAMILY,
    INFORMATION_SHARING,
    GROOMING,
    PRISON_CONTACT,
    ACTIONS,
    ACTION_HISTORY,
    OUTCOME,
    OVERRIDES,
)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
SECTIONS = tuple(k for k in KINDS if not k.is_list)
LISTS = tuple(k for k in KINDS if k.is_list)


def kind(name: str) -> Kind:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no such part of a meeting: {name!r}") from None
