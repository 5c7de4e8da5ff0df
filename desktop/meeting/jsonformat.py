"""The interchange format `strategy-minutes/2`: a meeting as one JSON object.

Files of version 1 still import: `format_v1` reads them as version 2.

The JSON Schema (docs/meeting.schema.json) is generated from the spec, so the format and the
model cannot drift apart. A file is checked against the schema, then against the meaning of
its values; the first problem is reported by the path of the field at fault.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from strategy_minutes.desktop.meeting import format_v1, spec, validation
from strategy_minutes.desktop.meeting.fieldtypes import ID_SCHEMA, Ref, Refs, Someone, quoted
from strategy_minutes.desktop.meeting.model import STATUSES, Item, Meeting

if TYPE_CHECKING:
    import jsonschema

FORMAT = "strategy-minutes/2"


class FormatError(Exception):
    """The input is not a valid meeting; the message names the field at fault."""


_ID = ID_SCHEMA
DRAFT = "draft"
_TEXT_REFS = {"overrides": ("target",), "disclosure": ("target",)}  # may hold an item's id
MAX_DIGITS = 20  # no field holds a number; a count or a year fits with room to spare
MAX_DEPTH = 4  # the file, a list, an item, a list of references: nothing nests deeper
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class _Refused:
    """A value refused while parsing (NaN, Infinity, a number of thousands of digits), kept in
    its place so that the refusal can name the field; `reason` completes the sentence."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _constant(word: str) -> _Refused:
    return _Refused(f"{word} is not a number JSON allows")


def _integer(text: str) -> int | _Refused:
    """A whole number; one longer than any field needs is refused before Python converts it
    (it refuses thousands of digits itself, in a message that names no field)."""
    if len(text) <= MAX_DIGITS:
        return int(text)
    return _Refused(f"a number of {len(text):,} digits is longer than the format allows")


class _Duplicated(dict[str, Any]):
    """An object in which a key was written twice; `key` is the first such key."""

    key = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    dup = _Duplicated(out)
    keys = [k for k, _ in pairs]
    dup.key = next(k for n, k in enumerate(keys) if k in keys[:n])
    return dup


def _depth_problem(text: str) -> str:
    """Where the file nests deeper than the format allows, before the parser recurses."""
    depth = 0
    plain = _STRING.sub('""', text)
    for m in _BRACKET.finditer(plain):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line = plain.count("\n", 0, m.start()) + 1
            return f"the file nests deeper than the format allows ({MAX_DEPTH} levels; line {line})"
    return ""


def _at(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def _bad_value(value: Any, path: str) -> str:
    """The first value no meeting may hold: a duplicated key, NaN or Infinity, a lone
    surrogate (text no file can store). A sentence naming its field; empty when none."""
    where = path or "the file"
    if isinstance(value, _Refused):
        return f"{where}: {value.reason}"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{where}: holds a lone surrogate (\\u escape), which is not text"
        return ""
    if isinstance(value, _Duplicated):
        return f"{_at(path, value.key)}: the key is written twice"
    if isinstance(value, dict):
        for key, inner in value.items():
            found = _bad_value(key, _at(path, "(a key)")) or _bad_value(inner, _at(path, key))
            if found:
                return found
    if isinstance(value, list):
        for n, inner in enumerate(value):
            found = _bad_value(inner, _at(path, n))
            if found:
                return found
    return ""


def parse(raw: bytes | str) -> Any:
    """JSON text (UTF-8 bytes or str) as data, refusing what no meeting file may hold.

    Each refusal is a FormatError of one short sentence naming the field where it can:
    invalid UTF-8, nesting deeper than the format allows, NaN or Infinity, duplicated keys,
    lone surrogates. Nothing is kept of a refused file.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError(f"the file is not UTF-8 text (byte {exc.start + 1})") from None
    raw = raw.removeprefix("\ufeff")
    deep = _depth_problem(raw)
    if deep:
        raise FormatError(deep)
    try:
        data = json.loads(
            raw, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_integer
        )
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    bad = _bad_value(data, "")
    if bad:
        raise FormatError(bad)
    return data


def _kind_schema(k: spec.Kind) -> dict[str, Any]:
    props = {f.name: f.type.schema(f.label) for f in k.all_fields()}
    if k.is_list:
        props = {"id": _ID, **props}
    obj = {
        "type": "object",
        "description": k.label,
        "properties": props,
        "additionalProperties": False,
    }
    if k.is_list:
        obj["required"] = ["id"]
        return {"type": "array", "description": k.label, "items": obj}
    return obj


def schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://strategy-minutes.invalid/meeting.schema.json",
        "title": "Strategy Minutes meeting",
        "description": "One child-protection strategy meeting at any stage, drafts with gaps "
        "included. Ids are unique within the file; references use them.",
        "type": "object",
        "required": ["format"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "id": _ID,
            "status": {"enum": [s for s, _ in STATUSES]},
            **{k.name: _kind_schema(k) for k in spec.KINDS},
            "action_status": ACTION_STATUS_SCHEMA,
        },
    }


# Written by `show --json`, ignored on import: what became of each action since the meeting.
ACTION_STATUS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Read-only, ignored on import: each action's status now, by action id (the "
    "latest progress recorded after signing, else the action's own), and the review "
    "meeting it was carried to, if any.",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "status": {"enum": spec.ACTION_STATUSES.values()},
            "note": {"type": "string"},
            "carried_to": {"type": ["string", "null"]},
        },
    },
}


def action_status(m: Meeting) -> dict[str, dict[str, Any]]:
    """Each action's status now, for `show --json` and `list --json`."""
    return {a.id: status_entry(*m.action_status(a), m.carried_on.get(a.id)) for a in m.actions}


def status_entry(status: str, note: str, carried_to: str | None) -> dict[str, Any]:
    """One action's entry in `action_status`."""
    return {"status": status, "note": note, "carried_to": carried_to}


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def to_json(m: Meeting) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT, "id": m.id, "status": m.status}
    for k in spec.KINDS:
        if k.is_list:
            out[k.name] = [{"id": i.id, **i.data} for i in m.items_of(k.name)]
        else:
            out[k.name] = dict(m.section(k.name))
    return out


def _path(error: jsonschema.ValidationError) -> str:
    text = ""
    for part in error.absolute_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def _describe(error: jsonschema.ValidationError) -> str:
    where = _path(error)
    if error.validator == "additionalProperties":
        return f"{where}: {error.message.split('(')[-1].rstrip(')')}"
    if error.validator == "enum":
        return f"{where}: {quoted(error.instance)} is not one of the allowed values"
    if error.validator == "const":
        return f"{where}: expected {error.validator_value!r}"
    if error.validator == "pattern":
        return f"{where}: {quoted(error.instance)} is not in the expected form"
    if error.validator == "maxLength":
        return f"{where}: longer than {error.validator_value:,} characters"
    if error.validator == "type":
        return f"{where}: {quoted(error.instance)} is not of the expected type"
    return f"{where}: {error.message[:200]}"


def from_json(data: Any, today: date | None = None) -> Meeting:
    """Build a meeting from the format, with new ids (references follow them), as a draft.

    Whatever status the file states, the meeting is a draft: a signed version exists only
    with its signature, made in the app. Raises FormatError naming the field at fault;
    nothing is kept of an invalid file.
    """
    if not isinstance(data, dict):
        raise FormatError(f'the file: expected a JSON object with "format": "{FORMAT}"')
    if data.get("format") == format_v1.FORMAT:
        data = format_v1.upgrade(data, FORMAT)
    if data.get("format") != FORMAT:
        raise FormatError(f"format: expected {FORMAT!r}, found {quoted(data.get('format'))}")
    import jsonschema  # only when a file is read: it costs a tenth of the app's start-up

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise FormatError(_describe(error))
    new_ids: dict[str, str] = {}
    for k in spec.LISTS:
        for n, raw in enumerate(data.get(k.name, [])):
            if raw["id"] in new_ids:
                raise FormatError(f"{k.name}[{n}].id: {quoted(raw['id'])} is used twice")
            new_ids[raw["id"]] = str(uuid.uuid4())

    def new_id(value: str, where: str) -> str:
        if value not in new_ids:
            raise FormatError(f"{where}: refers to {quoted(value)}, which is not in the file")
        return new_ids[value]

    def remap(f: spec.Field, value: Any, where: str) -> Any:
        if isinstance(f.type, Ref) and value is not None:
            return new_id(value, where)
        if isinstance(f.type, Refs):
            return [new_id(v, where) for v in value]
        if isinstance(f.type, Someone) and value in new_ids:  # picked; a typed name stays
            return new_ids[value]
        return value

    sections = {k.name: dict(data.get(k.name) or {}) for k in spec.SECTIONS}
    items: dict[str, list[Item[Any]]] = {}
    for k in spec.LISTS:
        for n, raw in enumerate(data.get(k.name, [])):
            fields = {
                f.name: remap(f, raw.get(f.name), f"{k.name}[{n}].{f.name}")
                for f in k.all_fields()
                if f.name in raw
            }
            for name in _TEXT_REFS.get(k.name, ()):  # text, but may name an item
                if fields.get(name) in new_ids:
                    fields[name] = new_ids[fields[name]]
            items.setdefault(k.name, []).append(Item(new_ids[raw["id"]], k.name, fields))
    meeting = Meeting(str(uuid.uuid4()), DRAFT, sections, items)
    problems = validation.meeting_problems(meeting, today)
    if problems:
        raise FormatError(_problem_path(meeting, problems[0]))
    return meeting


def _problem_path(m: Meeting, p: validation.Problem) -> str:
    if not p.item_id:
        return f"{p.kind}.{p.field}: {p.message}"
    index = next(n for n, i in enumerate(m.items_of(p.kind)) if i.id == p.item_id)
    return f"{p.kind}[{index}].{p.field}: {p.message}"


def loads(text: bytes | str) -> Meeting:
    return from_json(parse(text))


def dumps(m: Meeting) -> str:
    return json.dumps(to_json(m), indent=2, ensure_ascii=False) + "\n"
