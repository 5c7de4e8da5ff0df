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
    # Nearly always left as it starts (a restriction of none, an attendee present), or a
    # detail given later or rarely: Tab passes it by and its Alt+letter reaches it, so the
    # chair's way down the form is short. True, or the conditions (all must hold) under
    # which it is quiet (an adult's first language, asked of a child).
    quiet: bool | tuple[Condition, ...] = False

    def applies(self, record: Mapping[str, Any]) -> bool:
        return all(c.holds(record) for c in self.when)

    def is_quiet(self, record: Mapping[str, Any] | None) -> bool:
        """Whether Tab passes the field by in this record (None: no record chosen yet)."""
        if isinstance(self.quiet, bool):
            return self.quiet
        return record is not None and all(c.holds(record) for c in self.quiet)

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
    in_editor: bool = True  # False for records kept by their own dialog (disclosure decisions)

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
ONLY_ADULT = When("category", ("adult",))
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
            quiet=True,  # the authority's, the same at every meeting
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
            quiet=True,  # a review is made from the meeting it reviews, and says so itself
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
        # From the invitation list, usually filled in before or after the meeting.
        Field(
            "organisation",
            "Organisation",
            help="For example the school's or team's name.",
            quiet=True,
        ),
        Field("contact", "Contact", quiet=True),
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
            help="Left empty: as the meeting was held.",
            quiet=True,
        ),
    ),
)

INFORMATION_SHARED = Kind(
    "information_shared",
    "Information shared by agencies",
    record="InformationItem",
    title_field="summary",
    fields=(
        Field("shared_by", "Shared by", Ref("attendees")),
        Field(
            "agency",
            "Agency",
            Choice(AGENCIES),
            help="Follows the attendee who shared it.",
            quiet=True,
        ),
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
        Field("role", "Role", Choice(ROLES), help="The role the family map draws them by."),
        Field(
            "category",
            "Child, adult or unborn",
            Choice(
                ChoiceSet(
                    "PersonCategory",
                    (("child", "Child"), ("adult", "Adult"), ("unborn", "Unborn baby")),
                )
            ),
            help="A subject child or sibling is a child, a non-abusing parent an adult, "
            "unless you say otherwise.",
        ),
        Field(
            "other_roles",
            "Also",
            Choices(ROLES),
            help="Any further role they hold: a sibling who is also at risk, a child alleged "
            "to harm who may also be a victim.",
            quiet=True,
        ),
        Field("household", "Household", Ref("households")),
        # An adult's is often looked up after the meeting: Tab passes it by for them.
        Field("date_of_birth", "Date of birth", Date(), when=(BORN,), quiet=(ONLY_ADULT,)),
        Field("expected_date", "Expected date of birth", Date(), when=(UNBORN,)),
        Field("parental_responsibility", "Has parental responsibility", YesNo(), when=(ADULT,)),
        Field("school", "School or setting", when=(CHILD,)),
        Field("school_holiday_contact", "School holiday safeguarding contact", when=(CHILD,)),
        # Said when there are any (empty: none known); a child's language is asked, an
        # adult's when it matters.
        Field("communication_needs", "Communication needs", quiet=True),
        Field("first_language", "First language", quiet=(ONLY_ADULT,)),
        Field("interpreter_needed", "Interpreter needed", YesNo(), quiet=(ONLY_ADULT,)),
        Field(
            "interpreter_needs",
            "Interpreter: language and needs",
            when=(When("interpreter_needed", (True,)),),
            help="The language or dialect, and anything else that matters (for example the "
            "interpreter's sex, or someone outside the community).",
        ),
        Field("disability", "Disability", quiet=True),
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
        Field(
            "other_person",
            "Other person",
            Ref("people"),
            help="The subject child, unless you say otherwise.",
        ),
        Field("contact", "Contact between them", quiet=True),
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
        # Details a chair gives for some interviews only: Tab passes them by.
        Field("interview_end", "Interview ends", DateTime(), when=(INTERVIEWED,), quiet=True),
        Field("interview_place", "Place", when=(INTERVIEWED,)),
        Field("intermediary", "Intermediary", when=(INTERVIEWED,), quiet=True),
        Field("interpreter", "Interpreter", when=(INTERVIEWED,), quiet=True),
        Field("communication_aids", "Communication aids", when=(INTERVIEWED,), quiet=True),
        Field(
            "preparation",
            "How the child is prepared",
            LongText(),
            when=(INTERVIEWED,),
            quiet=True,  # often planned by the interviewers afterwards
        ),
        Field("views", "The child's views and wishes", LongText()),
        Field(
            "views_how",
            "How their views were obtained",
            help="For example spoken to alone by the social worker, through a parent, or not "
            "yet known.",
            quiet=True,
        ),
        Field("medical", "Medical examination", YesNo(), help=YES_NO_HELP),
        Field(
            "medical_reason",
            "Reason for the medical decision",
            LongText(),
            help="Needed when there is to be no medical; Tab passes it by after a yes.",
            quiet=(EXAMINED,),
        ),
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
        Field("family_told_when", "Told when", DateTime(), quiet=True),
        Field("police_hold", "Hold asked for by police", quiet=True),
        Field(
            "not_yet_told",
            "Not yet to be told",
            Refs("people"),
            quiet=True,
            help="People who must not be told yet (for example until police have spoken to "
            "them): their names are kept out of the copy for parents.",
        ),
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
        ("not_known", "Unknown so far"),
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
        Field("done", "Done", YesNo(), quiet=True),  # answered later, not at the meeting
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
        Field(
            "owner_agency",
            "Owner's agency",
            Choice(AGENCIES),
            help="Follows the owner's agency in the attendance list.",
            quiet=True,
        ),
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
            quiet=True,  # booked after the meeting
        ),
        Field("review_date", "Review meeting date", Date()),
        # Written by the manager after the meeting: Tab passes them by while it runs.
        Field("oversight_manager", "Manager overseeing the plan", quiet=True),
        Field("oversight_review_date", "Manager's review date", Date(), quiet=True),
        Field("oversight_note", "Management oversight note", LongText(), quiet=True),
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

DISCLOSURE_CHOICES = ChoiceSet(
    "DisclosureChoice", (("share", "Share with the parent"), ("withhold", "Withhold"))
)

DISCLOSURE_DECISIONS = Kind(
    "disclosure",
    "Decisions on what the copy for parents shares",
    record="DisclosureDecision",
    title_field="field",
    restrictable=False,
    in_editor=False,
    help="Made by the chair in the disclosure review before a copy for a parent is written.",
    fields=(
        Field("target", "Item or section", help="Id of the item, or the section's name."),
        Field("field", "Field", help="Empty for the whole item."),
        Field("decision", "Decision", Choice(DISCLOSURE_CHOICES)),
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
    DISCLOSURE_DECISIONS,
)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
SECTIONS = tuple(k for k in KINDS if not k.is_list)
LISTS = tuple(k for k in KINDS if k.is_list)


def kind(name: str) -> Kind:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no such part of a meeting: {name!r}") from None


# -- What a copy for a parent may share ------------------------------------------------------
@dataclass(frozen=True)
class Disclosure:
    """A field's disclosure class: shared with a parent by default, or withheld by default
    with a standing reason the copy's closing list gives.

    `whole_item`: withholding takes the whole item (the plan for a child who may harm others).
    `after_signing`: a chair's release counts only in a signed copy (interview and medical
    arrangements). `standing`: never shared, and nothing for the chair to decide (the chair's
    own working records, professionals' contact details). `discreet`: the copy's closing
    list must not even say what kind of thing was withheld (that police asked for a hold, or
    that an adult is MAPPA-managed, is itself a disclosure), so it gives one line per section.
    """

    name: str
    reason: str = ""
    whole_item: bool = False
    after_signing: bool = False
    standing: bool = False
    discreet: bool = False

    @property
    def withheld(self) -> bool:
        return bool(self.reason)


SHARED = Disclosure("shared")
POLICE_HOLD = Disclosure("police_hold", "Police asked that this is not disclosed", discreet=True)
INVESTIGATION_PLAN = Disclosure(
    "investigation_plan",
    "Interview and medical arrangements (who, when, where) are not shared before the "
    "minutes are signed and the chair releases them",
    after_signing=True,
)
HARM_TO_OTHERS_PLAN = Disclosure(
    "harm_to_others_plan", "The plan for a child who may harm others", whole_item=True
)
ADULT_RISK = Disclosure(
    "adult_risk", "Convictions, MAPPA, prison and risk information about an adult", discreet=True
)
ADULT_RISK_RECORD = Disclosure(  # a whole item that exists only because an adult is a risk
    "adult_risk_record", ADULT_RISK.reason, whole_item=True, discreet=True
)
HEALTH_DETAIL = Disclosure("health_detail", "Health detail")
AGENCY_INFORMATION = Disclosure(
    "agency_information",
    "Information shared by an agency, not marked shareable",
    whole_item=True,
)
THIRD_PARTY = Disclosure("third_party", "Information about a third party")
CONTACT_DETAILS = Disclosure("contact_details", "Professionals' contact details", standing=True)
CHAIR_RECORDS = Disclosure(
    "chair_records", "The chair's working records", whole_item=True, standing=True
)


def _classes(shared: str, **withheld: Disclosure) -> dict[str, Disclosure]:
    out = dict.fromkeys(shared.split(), SHARED)
    out.update(withheld)
    return out


def _each(names: str, cls: Disclosure) -> dict[str, Disclosure]:
    return dict.fromkeys(names.split(), cls)


_COMMON = "source_agency restriction"
# Every field of every kind, named once: a field missing here stops the app at import, so
# adding a field forces a decision about whether a parent may see it.
DISCLOSURE: dict[str, dict[str, Disclosure]] = {
    "facts": _classes(
        "case_reference date start_time end_time held venue chair chair_role minute_taker "
        "nation meeting_type previous_meeting procedures sexual_abuse_alleged reason reviews"
    ),
    "attendees": _classes(
        "name role agency organisation status apology_reason attended_by",
        contact=CONTACT_DETAILS,
    ),
    "information_shared": _classes(
        "",
        **_each(f"agency shared_by summary {_COMMON}", AGENCY_INFORMATION),
    ),
    "households": _classes(f"name {_COMMON}", address=THIRD_PARTY),
    "people": _classes(
        "name category role household date_of_birth expected_date parental_responsibility "
        f"school school_holiday_contact communication_needs first_language interpreter_needed "
        f"other_roles interpreter_needs {_COMMON}",
        disability=HEALTH_DETAIL,
        **_each(
            "registered_sex_offender in_prison prison mappa_category mappa_level convictions "
            "concerns_without_conviction probation_contact",
            ADULT_RISK,
        ),
    ),
    "relationships": _classes(f"person relationship other_person contact {_COMMON}"),
    "decisions": _classes(
        "child section_47 section_47_mode lead_agency interview interview_reason "
        "interview_type communication_aids preparation medical medical_consent family_told "
        f"family_told_by family_told_when views views_how {_COMMON}",
        medical_reason=HEALTH_DETAIL,
        police_hold=POLICE_HOLD,
        not_yet_told=POLICE_HOLD,
        **_each(
            "interviewers interview_start interview_end interview_place intermediary "
            "interpreter medical_by medical_when",
            INVESTIGATION_PLAN,
        ),
    ),
    "child_plans": _classes(
        "",
        **_each(
            f"child safety living school support restorative restorative_note {_COMMON}",
            HARM_TO_OTHERS_PLAN,
        ),
    ),
    "sibling_support": _classes(f"child may_discuss supporter views {_COMMON}"),
    "parent_support": _classes(f"parent support supporter {_COMMON}"),
    "support": _classes(f"pathway {_COMMON}"),
    "think_family": _classes(
        " ".join(key for key, _ in THINK_FAMILY_FACTORS)
        + " family_history_note neglect_note domestic_abuse_note "
        + _COMMON,
        substance_misuse_note=HEALTH_DETAIL,
        mental_health_note=HEALTH_DETAIL,
        learning_disability_note=HEALTH_DETAIL,
    ),
    "information_sharing": _classes(
        "",
        **_each(f"about recipient recipient_type by due done {_COMMON}", ADULT_RISK_RECORD),
    ),
    "grooming": _classes(f"children parents professionals {_COMMON}", note=ADULT_RISK),
    "prison_contact": _classes(
        "",
        **_each(
            f"prisoner probation_contact governor_application arrangements {_COMMON}",
            ADULT_RISK_RECORD,
        ),
    ),
    "adult_plans": _classes(
        "",
        **_each(f"person living contact conditions monitoring {_COMMON}", ADULT_RISK_RECORD),
    ),
    "actions": _classes(
        "description owner owner_agency due status progress_note origin_meeting origin_date "
        f"origin_owner carried_action {_COMMON}"
    ),
    "action_history": _classes("action date status note by where"),
    "outcome": _classes(
        "decision rationale review_date oversight_manager oversight_review_date "
        f"oversight_note immediate_safety conference_date {_COMMON}"
    ),
    "overrides": _classes("", **_each("rule target reason", CHAIR_RECORDS)),
    "disclosure": _classes("", **_each("target field decision reason", CHAIR_RECORDS)),
}


def disclosure(kind_name: str, field_name: str) -> Disclosure:
    """The disclosure class of one field."""
    return DISCLOSURE[kind_name][field_name]


def item_disclosure(k: Kind) -> Disclosure:
    """The class that withholds a whole item of this kind by default; SHARED when none does."""
    return next((c for c in DISCLOSURE[k.name].values() if c.withheld and c.whole_item), SHARED)


def _check_disclosure() -> None:
    """Every field has exactly one class, and a kind withholds whole items for one reason."""
    for k in KINDS:
        declared = set(DISCLOSURE.get(k.name, {}))
        fields = {f.name for f in k.all_fields()}
        if declared != fields:
            missing = ", ".join(sorted(fields - declared)) or "none"
            stray = ", ".join(sorted(declared - fields)) or "none"
            raise TypeError(
                f"spec.DISCLOSURE for {k.name}: no disclosure class for {missing}; "
                f"classes for fields it lacks: {stray}"
            )
        wholes = {c for c in DISCLOSURE[k.name].values() if c.withheld and c.whole_item}
        if len(wholes) > 1:
            raise TypeError(f"spec.DISCLOSURE for {k.name}: more than one whole-item class")
    if set(DISCLOSURE) != set(BY_NAME):
        raise TypeError("spec.DISCLOSURE names a kind the spec does not have")


_check_disclosure()
