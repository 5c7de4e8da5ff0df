"""What each kind of field is, with all of its behaviour in one place.

A field of the spec has one of these types. The type knows its empty value, how text a chair
types becomes the stored value, whether a stored value is well-formed, its JSON Schema, how it
reads in the minutes, which editor the GUI gives it and how the generated typed records
annotate it. Adding a kind of field is one class here; nothing else branches on types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

MAX_TEXT = 100_000  # characters: a long statement fits; a pasted file by mistake does not
# What no minute may hold: control characters other than tab and line breaks (Word cannot store
# them, so an export would fail), and the bidirectional embeddings, overrides and isolates that
# make a name read on the page differently from what it holds.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
ID_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 100}

QUOTE_LIMIT = 80  # characters of a bad value a message repeats


def quoted(value: Any) -> str:
    """A bad value as a message quotes it: its repr, cut to about 80 characters."""
    text = repr(value)
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


TitleOf = Callable[[str], str]  # the title of the item with an id, or "" when there is none


class Editor(StrEnum):
    """The editor the GUI gives a field; the GUI maps each to a widget."""

    LINE = "line"
    PARAGRAPHS = "paragraphs"
    PICK_ONE = "pick_one"
    PICK_MANY = "pick_many"


@dataclass(frozen=True)
class ChoiceSet:
    """Stored values with the labels a chair reads; `name` names the generated enum."""

    name: str
    options: tuple[tuple[str, str], ...]

    def label(self, value: str | None) -> str:
        return dict(self.options).get(value or "", value or "")

    def values(self) -> list[str]:
        return [v for v, _ in self.options]


_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_LOOSE_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def parse_date(value: str) -> date:
    if len(value) != 10:
        raise ValueError(value)
    return date.fromisoformat(value)


def parse_time(value: str) -> tuple[int, int]:
    hours, sep, minutes = value.partition(":")
    if not sep or len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise ValueError(value)
    h, m = int(hours), int(minutes)
    if h > 23 or m > 59:
        raise ValueError(value)
    return h, m


def parse_datetime(value: str) -> datetime:
    day, sep, clock = value.partition("T")
    if not sep:
        raise ValueError(value)
    h, m = parse_time(clock)
    return datetime.combine(parse_date(day), datetime.min.time()).replace(hour=h, minute=m)


def tidy_date(text: str) -> str:
    m = _UK_DATE.match(text)
    return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else text


def tidy_time(text: str) -> str:
    m = _LOOSE_TIME.match(text)
    return f"{int(m[1]):02d}:{m[2]}" if m else text


def tidy_datetime(text: str) -> str:
    """A date and a time typed as the chair says them ("24/11/2026 9:30") in the stored form;
    anything else as typed, so that a problem quotes it as typed ("tomorrow afternoon" was
    quoted back as 'tomorrowTafternoon')."""
    day, _, clock = text.replace("T", " ").partition(" ")
    joined = f"{tidy_date(day)}T{tidy_time(clock.strip())}"
    return joined if _ISO_DATETIME.match(joined) else text


class FieldType:
    """One line of text: the base every type refines."""

    editor: ClassVar[Editor] = Editor.LINE
    short: ClassVar[bool] = False  # a decisive answer that fits a narrow table column
    placeholder: ClassVar[str] = ""

    def empty(self) -> Any:
        return None

    def annotation(self) -> str:
        """The Python type of a stored value, for the generated records."""
        return "str | None"

    def tidy(self, text: str) -> str:
        """What a chair typed (or pasted), in the stored form where it can be read that way."""
        return NOT_TEXT.sub("", text)

    def problem(self, label: str, value: Any) -> str | None:
        """Why a stored value is not well-formed, as a sentence; None when it is."""
        if value is None:
            return None
        if not isinstance(value, str):
            return f"{label} should be text."
        if len(value) > MAX_TEXT:
            return f"{label} is longer than {MAX_TEXT:,} characters."
        bad = NOT_TEXT.search(value)
        if bad:
            return (
                f"{label} holds a control character (U+{ord(bad.group()):04X}), which is not text."
            )
        return None

    def schema(self, label: str) -> dict[str, Any]:
        return {"type": ["string", "null"], "description": label, "maxLength": MAX_TEXT}

    def display(self, value: Any, title_of: TitleOf) -> str:
        """A stored (non-empty) value as a chair reads it."""
        return str(value)

    def ids(self, value: Any) -> list[str]:
        """The item ids a value refers to."""
        return []

    def refers_to_nothing(self, value: Any, exists: Callable[[str], bool]) -> bool:
        """Whether the value points at an item the meeting does not hold."""
        return any(not exists(v) for v in self.ids(value))

    def is_empty(self, value: Any) -> bool:
        return value is None or value == [] or value == ""


class Text(FieldType):
    pass


class LongText(FieldType):
    editor = Editor.PARAGRAPHS


class RuleCode(FieldType):
    """The code of a rule (stored for scripts and the audit); a chair reads its title."""

    def display(self, value: Any, title_of: TitleOf) -> str:
        from strategy_minutes.desktop.meeting.rules import title  # rules read the spec

        return title(str(value))


class _Formatted(FieldType):
    """Text with a fixed form (dates and times), typed the way people in England do."""

    short = True
    example: ClassVar[str]
    pattern: ClassVar[str]
    schema_note: ClassVar[str]

    @staticmethod
    def parse(value: str) -> object:
        """The stored text as a value; ValueError when it is not well-formed."""
        raise NotImplementedError

    @staticmethod
    def tidy_text(text: str) -> str:
        """What a chair typed, in the stored form (see `tidy`)."""
        raise NotImplementedError

    def tidy(self, text: str) -> str:
        return type(self).tidy_text(text)

    def problem(self, label: str, value: Any) -> str | None:
        found = super().problem(label, value)
        if found or value is None:
            return found
        try:
            type(self).parse(value)
        except ValueError:
            return f"{label}: {quoted(value)} is not {self.example}."
        return None

    def schema(self, label: str) -> dict[str, Any]:
        return {
            "type": ["string", "null"],
            "description": f"{label} ({self.schema_note})",
            "pattern": self.pattern,
        }


def uk_date(value: str) -> str:
    """'2026-11-24' as a chair in England writes it, '24/11/2026'; anything else as it is."""
    try:
        d = parse_date(value)
    except ValueError:
        return value
    return f"{d:%d/%m/%Y}"


class Date(_Formatted):
    example = "a date such as 24/11/2026"
    pattern = r"^\d{4}-\d{2}-\d{2}$"
    schema_note = "yyyy-mm-dd"
    placeholder = "dd/mm/yyyy"
    parse = staticmethod(parse_date)
    tidy_text = staticmethod(tidy_date)

    def display(self, value: Any, title_of: TitleOf) -> str:
        return uk_date(str(value))


class Time(_Formatted):
    example = "a time such as 09:30"
    pattern = r"^\d{2}:\d{2}$"
    schema_note = "HH:MM"
    placeholder = "HH:MM"
    parse = staticmethod(parse_time)
    tidy_text = staticmethod(tidy_time)


class DateTime(_Formatted):
    example = "a date and time such as 24/11/2026 09:30"
    pattern = _ISO_DATETIME.pattern
    schema_note = "local time, yyyy-mm-ddTHH:MM"
    placeholder = "dd/mm/yyyy HH:MM"
    parse = staticmethod(parse_datetime)
    tidy_text = staticmethod(tidy_datetime)

    def display(self, value: Any, title_of: TitleOf) -> str:
        day, _, clock = str(value).partition("T")
        return f"{uk_date(day)} {clock}".strip()


class YesNo(FieldType):
    """True, false or null: an unanswered question stays visibly unanswered."""

    editor = Editor.PICK_ONE
    short = True

    def annotation(self) -> str:
        return "bool | None"

    def problem(self, label: str, value: Any) -> str | None:
        return None if value is None or isinstance(value, bool) else f"{label} should be yes or no."

    def schema(self, label: str) -> dict[str, Any]:
        return {"type": ["boolean", "null"], "description": label}

    def display(self, value: Any, title_of: TitleOf) -> str:
        return "Yes" if value else "No"


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a set of choices."""

    choices: ChoiceSet
    editor: ClassVar[Editor] = Editor.PICK_ONE
    short: ClassVar[bool] = True

    def annotation(self) -> str:
        return f"{self.choices.name} | None"

    def problem(self, label: str, value: Any) -> str | None:
        found = super().problem(label, value)
        if found or value is None:
            return found
        return None if value in self.choices.values() else self._not_a_choice(label, value)

    @staticmethod
    def _not_a_choice(label: str, value: str) -> str:
        return f"{label}: {quoted(value)} is not one of the choices."

    def schema(self, label: str) -> dict[str, Any]:
        return {
            "type": ["string", "null"],
            "description": label,
            "enum": [*self.choices.values(), None],
        }

    def display(self, value: Any, title_of: TitleOf) -> str:
        return self.choices.label(value)


@dataclass(frozen=True)
class Choices(FieldType):
    """Several of a set of choices."""

    choices: ChoiceSet
    editor: ClassVar[Editor] = Editor.PICK_MANY

    def empty(self) -> Any:
        return []

    def annotation(self) -> str:
        return f"list[{self.choices.name}]"

    def problem(self, label: str, value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None if value is None else f"{label} should be a list."
        bad = [v for v in value if v not in self.choices.values()]
        return Choice._not_a_choice(label, bad[0]) if bad else None

    def schema(self, label: str) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"enum": self.choices.values()},
            "uniqueItems": True,
            "description": label,
        }

    def display(self, value: Any, title_of: TitleOf) -> str:
        return "; ".join(self.choices.label(v) for v in value)


@dataclass(frozen=True)
class Ref(FieldType):
    """The id of one item of another kind (a person, an attendee...)."""

    kind: str
    editor: ClassVar[Editor] = Editor.PICK_ONE
    short: ClassVar[bool] = True

    def schema(self, label: str) -> dict[str, Any]:
        return {"type": ["string", "null"], "description": label, "maxLength": 100}

    def display(self, value: Any, title_of: TitleOf) -> str:
        return title_of(value) or "(removed)"

    def ids(self, value: Any) -> list[str]:
        return [value] if isinstance(value, str) and value else []


@dataclass(frozen=True)
class Refs(FieldType):
    """The ids of several items of another kind."""

    kind: str
    editor: ClassVar[Editor] = Editor.PICK_MANY
    short: ClassVar[bool] = True

    def empty(self) -> Any:
        return []

    def annotation(self) -> str:
        return "list[str]"

    def problem(self, label: str, value: Any) -> str | None:
        if value is None:
            return None
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else f"{label} should be a list."

    def schema(self, label: str) -> dict[str, Any]:
        return {"type": "array", "items": ID_SCHEMA, "uniqueItems": True, "description": label}

    def display(self, value: Any, title_of: TitleOf) -> str:
        return "; ".join(title_of(v) or "(removed)" for v in value)

    def ids(self, value: Any) -> list[str]:
        return list(value or [])


@dataclass(frozen=True)
class Someone(FieldType):
    """A field that names someone: the id of an attendee or a person of the meeting, picked
    from a list, so rules match the person and not the spelling of a name.

    A value that is no item's id is a name as typed: what earlier versions of the app stored
    here (the field was text), or someone the meeting does not list. It stays readable, is
    shown as written, and is never taken for a dangling reference. The JSON format is
    unchanged: a string or null."""

    kinds: tuple[str, ...] = ("attendees", "people")
    editor: ClassVar[Editor] = Editor.PICK_ONE
    short: ClassVar[bool] = True

    def schema(self, label: str) -> dict[str, Any]:
        return {
            "type": ["string", "null"],
            "description": f"{label} (the id of an attendee or person, or a name as typed)",
            "maxLength": MAX_TEXT,
        }

    def display(self, value: Any, title_of: TitleOf) -> str:
        return title_of(value) or str(value)

    def ids(self, value: Any) -> list[str]:
        return [value] if isinstance(value, str) and value else []

    def refers_to_nothing(self, value: Any, exists: Callable[[str], bool]) -> bool:
        return False  # a name as typed
