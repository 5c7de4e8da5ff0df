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

from dataclasses import dataclass
from enum import StrEnum


class FieldType(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # paragraphs
    DATE = "date"  # ISO yyyy-mm-dd
    TIME = "time"  # HH:MM, 24-hour
    DATETIME = "datetime"  # yyyy-mm-ddTHH:MM, local time of the meeting
    CHOICE = "choice"  # one of `choices`
    CHOICES = "choices"  # several of `choices`
    YESNO = "yesno"  # true, false, or null: an unanswered question stays visibly unanswered
    REF = "ref"  # id of an item of kind `ref`
    REFS = "refs"  # ids of items of kind `ref`


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: FieldType = FieldType.TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label a chair reads)
    ref: str = ""  # kind referred to by REF and REFS fields
    help: str = ""

    def choice_label(self, value: str | None) -> str:
        return dict(self.choices).get(value or "", value or "")


@dataclass(frozen=True)
class Kind:
    """A section (one record per meeting) or a list of items."""

    name: str  # key in the JSON format
    label: str  # heading a chair reads
    fields: tuple[Field, ...]
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


T = FieldType

AGENCIES = (
    ("childrens_social_care", "Children's social care"),
    ("police", "Police"),
    ("health", "Health"),
    ("education", "Education"),
    ("probation", "Probation"),
    ("adult_services", "Adult services"),
    ("referrer", "Referring agency"),
    ("other", "Other"),
)
RESTRICTIONS = (
    ("none", "No restriction"),
    ("police_sensitive", "Police-sensitive"),
    ("health_confidential", "Health-confidential"),
    ("third_party", "Third-party information"),
)
YES_NO_HELP = "Answer yes or no: silence is not a decision."

COMMON_ITEM_FIELDS = (
    Field(
        "source_agency",
        "Source agency",
        T.CHOICE,
        AGENCIES,
        help="The agency this information came from.",
    ),
    Field(
        "restriction",
        "Restriction",
        T.CHOICE,
        RESTRICTIONS,
        help="Restricted items are left out of the copy for parents.",
    ),
)

FACTS = Kind(
    "facts",
    "Meeting facts",
    is_list=False,
    restrictable=False,
    fields=(
        Field("case_reference", "Case reference"),
        Field("date", "Date", T.DATE),
        Field("start_time", "Start time", T.TIME),
        Field("end_time", "End time", T.TIME),
        Field(
            "held",
            "How held",
            T.CHOICE,
            (("in_person", "In person"), ("video", "Video call"), ("phone", "Phone discussion")),
        ),
        Field("venue", "Venue"),
        Field("chair", "Chair"),
        Field("chair_role", "Chair's role"),
        Field("minute_taker", "Minute-taker"),
        Field(
            "nation",
            "UK nation (for working days)",
            T.CHOICE,
            (
                ("england", "England"),
                ("wales", "Wales"),
                ("scotland", "Scotland"),
                ("northern_ireland", "Northern Ireland"),
            ),
        ),
        Field(
            "meeting_type",
            "First meeting or review",
            T.CHOICE,
            (("first", "First strategy meeting"), ("review", "Review strategy meeting")),
        ),
        Field(
            "previous_meeting",
            "Earlier meeting reviewed",
            help="Case reference and date, or id, of the meeting this one reviews.",
        ),
        Field(
            "procedures",
            "Procedures in use",
            T.CHOICES,
            (
                ("section_47", "Section 47 enquiry"),
                ("harm_to_others", "Children who present a risk of harm to others"),
                ("complex_abuse", "Organised and complex abuse"),
            ),
        ),
        Field("sexual_abuse_alleged", "Sexual abuse alleged", T.YESNO, help=YES_NO_HELP),
        Field(
            "reason",
            "Reason for the meeting",
            T.LONGTEXT,
            help="The referral or concern, and who may be at risk, including children "
            "outside the household.",
        ),
    ),
)

ATTENDEES = Kind(
    "attendees",
    "Attendance",
    title_field="name",
    restrictable=False,
    fields=(
        Field("name", "Name"),
        Field("role", "Role"),
        Field("agency", "Agency", T.CHOICE, AGENCIES),
        Field("organisation", "Organisation", help="For example the school's or team's name."),
        Field("contact", "Contact"),
        Field(
            "status",
            "Attendance",
            T.CHOICE,
            (
                ("present", "Present"),
                ("apologies", "Apologies"),
                ("report", "Sent a report"),
                ("absent", "Invited, absent"),
            ),
        ),
        Field("apology_reason", "Reason for apologies"),
    ),
)

INFORMATION_SHARED = Kind(
    "information_shared",
    "Information shared by agencies",
    title_field="summary",
    fields=(
        Field("agency", "Agency", T.CHOICE, AGENCIES),
        Field("shared_by", "Shared by", T.REF, ref="attendees"),
        Field("summary", "What the agency knows", T.LONGTEXT),
    ),
)

HOUSEHOLDS = Kind(
    "households",
    "Households",
    title_field="name",
    fields=(
        Field("name", "Household"),
        Field("address", "Address"),
    ),
)

ROLES = (
    ("subject_child", "Subject child"),
    ("sibling", "Sibling"),
    ("alleged_perpetrator", "Alleged perpetrator"),
    ("non_abusing_parent", "Non-abusing parent or carer"),
    ("other", "Other"),
)

PEOPLE = Kind(
    "people",
    "People",
    title_field="name",
    fields=(
        Field("name", "Name"),
        Field(
            "category",
            "Child, adult or unborn",
            T.CHOICE,
            (("child", "Child"), ("adult", "Adult"), ("unborn", "Unborn baby")),
        ),
        Field("role", "Role", T.CHOICE, ROLES),
        Field("household", "Household", T.REF, ref="households"),
        Field("date_of_birth", "Date of birth", T.DATE),
        Field("expected_date", "Expected date of birth", T.DATE),
        Field("parental_responsibility", "Has parental responsibility", T.YESNO),
        Field("school", "School or setting"),
        Field("school_holiday_contact", "School holiday safeguarding contact"),
        Field("communication_needs", "Communication needs"),
        Field("first_language", "First language"),
        Field("interpreter_needed", "Interpreter needed", T.YESNO),
        Field("disability", "Disability"),
        Field("registered_sex_offender", "Registered sex offender", T.YESNO),
        Field("in_prison", "In prison", T.YESNO),
        Field("prison", "Which prison"),
        Field(
            "mappa_category",
            "MAPPA category",
            T.CHOICE,
            (("1", "Category 1"), ("2", "Category 2"), ("3", "Category 3"), ("none", "Not MAPPA")),
        ),
        Field(
            "mappa_level",
            "MAPPA level",
            T.CHOICE,
            (("1", "Level 1"), ("2", "Level 2"), ("3", "Level 3")),
        ),
        Field("convictions", "Convictions", T.LONGTEXT),
        Field(
            "concerns_without_conviction",
            "Concerns without conviction",
            T.LONGTEXT,
            help="Absence of a conviction is not absence of risk.",
        ),
        Field("probation_contact", "Probation contact"),
    ),
)

RELATIONSHIPS = Kind(
    "relationships",
    "Relationships",
    title_field="relationship",
    fields=(
        Field("person", "Person", T.REF, ref="people"),
        Field(
            "relationship",
            "Is the ... of",
            T.CHOICE,
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
        ),
        Field("other_person", "Other person", T.REF, ref="people"),
        Field("contact", "Contact between them"),
    ),
)

DECISIONS = Kind(
    "decisions",
    "Decisions for each child",
    title_field="child",
    help="One row for each child in scope. Every question needs an explicit answer.",
    fields=(
        Field("child", "Child", T.REF, ref="people"),
        Field("section_47", "Section 47 enquiry", T.YESNO, help=YES_NO_HELP),
        Field(
            "section_47_mode",
            "Single-agency or joint",
            T.CHOICE,
            (("single", "Single-agency"), ("joint", "Joint with police")),
        ),
        Field("lead_agency", "Lead agency", T.CHOICE, AGENCIES),
        Field("interview", "Interview", T.YESNO, help=YES_NO_HELP),
        Field("interview_reason", "Reason for the interview decision", T.LONGTEXT),
        Field(
            "interview_type",
            "Type of interview",
            T.CHOICE,
            (
                ("abe", "Achieving Best Evidence (video-recorded)"),
                ("joint", "Joint interview"),
                ("single_agency_visit", "Single-agency visit"),
                ("conversation", "Age-appropriate conversation"),
            ),
        ),
        Field("interviewers", "Interviewers", T.REFS, ref="attendees"),
        Field("interview_start", "Interview starts", T.DATETIME),
        Field("interview_end", "Interview ends", T.DATETIME),
        Field("interview_place", "Place"),
        Field("intermediary", "Intermediary"),
        Field("interpreter", "Interpreter"),
        Field("communication_aids", "Communication aids"),
        Field("preparation", "How the child is prepared", T.LONGTEXT),
        Field("medical", "Medical examination", T.YESNO, help=YES_NO_HELP),
        Field("medical_by", "Medical by"),
        Field("medical_when", "Medical when", T.DATETIME),
        Field(
            "medical_consent",
            "Consent route",
            T.CHOICE,
            (
                ("parental_responsibility", "Person with parental responsibility"),
                ("competent_child", "Competent child"),
                ("court", "Court order"),
            ),
        ),
        Field("family_told", "What the family is told", T.LONGTEXT),
        Field("family_told_by", "Told by"),
        Field("family_told_when", "Told when", T.DATETIME),
        Field("police_hold", "Hold asked for by police"),
    ),
)

CHILD_PLANS = Kind(
    "child_plans",
    "Plans for children who may harm others",
    title_field="child",
    help="A plan under the 'children who present a risk of harm to others' procedure.",
    fields=(
        Field("child", "Child", T.REF, ref="people"),
        Field("safety", "Safety and supervision", T.LONGTEXT),
        Field("living", "Where they live", T.LONGTEXT),
        Field("school", "School arrangements", T.LONGTEXT),
        Field(
            "support", "Their own support and needs", T.LONGTEXT, help="They may be a victim too."
        ),
        Field("restorative", "Restorative approaches considered", T.YESNO),
        Field("restorative_note", "Restorative approaches: note", T.LONGTEXT),
    ),
)

SIBLING_SUPPORT = Kind(
    "sibling_support",
    "Support for siblings",
    title_field="child",
    fields=(
        Field("child", "Sibling", T.REF, ref="people"),
        Field("may_discuss", "What may be discussed with them", T.LONGTEXT),
        Field("supporter", "Who supports them"),
        Field(
            "views",
            "Their views and wishes",
            T.LONGTEXT,
            help="Recorded even where a parent is reluctant.",
        ),
    ),
)

PARENT_SUPPORT = Kind(
    "parent_support",
    "Support for the non-abusing parent or carer",
    title_field="parent",
    fields=(
        Field("parent", "Parent or carer", T.REF, ref="people"),
        Field("support", "Support offered", T.LONGTEXT),
        Field("supporter", "Who supports them"),
    ),
)

CONSIDERED = (
    ("concern", "Considered: a concern"),
    ("no_concern", "Considered: no concern"),
    ("not_known", "Considered: not yet known"),
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
    is_list=False,
    help="Each factor needs an explicit answer and a note.",
    fields=tuple(
        f
        for key, label in THINK_FAMILY_FACTORS
        for f in (
            Field(key, label, T.CHOICE, CONSIDERED),
            Field(f"{key}_note", f"{label}: note", T.LONGTEXT),
        )
    ),
)

SUPPORT = Kind(
    "support",
    "Support pathway",
    is_list=False,
    fields=(Field("pathway", "Pathway of support for the family", T.LONGTEXT),),
)

INFORMATION_SHARING = Kind(
    "information_sharing",
    "Who must be told about a risky adult",
    title_field="recipient",
    fields=(
        Field("about", "About", T.REF, ref="people"),
        Field("recipient", "Who must be told"),
        Field(
            "recipient_type",
            "Recipient is",
            T.CHOICE,
            (
                ("professional", "A professional working with the children"),
                ("parent", "A parent with parental responsibility"),
                ("other", "Other"),
            ),
        ),
        Field("by", "Told by", T.REF, ref="attendees"),
        Field("due", "By when", T.DATE),
        Field("done", "Done", T.YESNO),
    ),
)

GROOMING = Kind(
    "grooming",
    "Grooming considered",
    is_list=False,
    fields=(
        Field("children", "Grooming of the children considered", T.YESNO),
        Field("parents", "Grooming of parents and carers considered", T.YESNO),
        Field("professionals", "Grooming of professionals considered", T.YESNO),
        Field("note", "Note", T.LONGTEXT),
    ),
)

PRISON_CONTACT = Kind(
    "prison_contact",
    "Contact with a registered sex offender in prison",
    title_field="prisoner",
    fields=(
        Field("prisoner", "Prisoner", T.REF, ref="people"),
        Field("probation_contact", "Probation (offender manager) contact"),
        Field(
            "governor_application",
            "Application to the governor",
            T.CHOICE,
            (
                ("none", "No application"),
                ("pending", "Pending"),
                ("refused", "Refused"),
                ("approved", "Approved with conditions"),
            ),
        ),
        Field("arrangements", "Contact arrangements", T.LONGTEXT),
    ),
)

ACTIONS = Kind(
    "actions",
    "Actions",
    title_field="description",
    fields=(
        Field("description", "Action", T.LONGTEXT),
        Field("owner", "Owner", T.REF, ref="attendees"),
        Field("owner_agency", "Owner's agency", T.CHOICE, AGENCIES),
        Field("due", "Due", T.DATE),
        Field(
            "status",
            "Status",
            T.CHOICE,
            (("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")),
        ),
    ),
)

OUTCOME = Kind(
    "outcome",
    "Outcome",
    is_list=False,
    fields=(
        Field("decision", "Decision", T.LONGTEXT),
        Field("rationale", "Rationale", T.LONGTEXT),
        Field("review_date", "Review meeting date", T.DATE),
        Field("oversight_manager", "Manager overseeing the plan"),
        Field("oversight_review_date", "Manager's review date", T.DATE),
        Field("oversight_note", "Management oversight note", T.LONGTEXT),
    ),
)

OVERRIDES = Kind(
    "overrides",
    "Findings overridden by the chair",
    title_field="rule",
    restrictable=False,
    fields=(
        Field("rule", "Rule"),
        Field("target", "Item", help="Id of the item the finding points to, or empty."),
        Field("reason", "Reason", T.LONGTEXT),
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
    SIBLING_SUPPORT,
    PARENT_SUPPORT,
    SUPPORT,
    THINK_FAMILY,
    INFORMATION_SHARING,
    GROOMING,
    PRISON_CONTACT,
    ACTIONS,
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
