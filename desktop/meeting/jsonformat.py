"""The interchange format `strategy-minutes/2`: a meeting as one JSON object.

Files of version 1 still import: `format_v1` reads them as version 2.

The JSON Schema (docs/meeting.schema.json) is generated from the spec, so the format and the
model cannot drift apart. A file is checked against the schema, then against the meaning of
its values; the first problem is reported by the path of the field at fault.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from strategy_minutes.desktop.meeting import format_v1, spec, validation
from strategy_minutes.desktop.meeting.fieldtypes import ID_SCHEMA, Ref, Refs
from strategy_minutes.desktop.meeting.model import STATUSES, Item, Meeting

if TYPE_CHECKING:
    import jsonschema

FORMAT = "strategy-minutes/2"


class FormatError(Exception):
    """The input is not a valid meeting; the message names the field at fault."""


_ID = ID_SCHEMA


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
    out = {}
    for a in m.actions:
        status, note = m.action_status(a)
        out[a.id] = {"status": status, "note": note, "carried_to": m.carried_on.get(a.id)}
    return out


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
        return f"{where}: {error.instance!r} is not one of the allowed values"
    if error.validator == "const":
        return f"{where}: expected {error.validator_value!r}"
    if error.validator == "pattern":
        return f"{where}: {error.instance!r} is not in the expected form"
    return f"{where}: {error.message}"


def from_json(data: Any, today: date | None = None) -> Meeting:
    """Build a meeting from the format, with new ids (references follow them).

    Raises FormatError naming the field at fault; nothing is kept of an invalid file.
    """
    if not isinstance(data, dict):
        raise FormatError(f'the file: expected a JSON object with "format": "{FORMAT}"')
    if data.get("format") == format_v1.FORMAT:
        data = format_v1.upgrade(data, FORMAT)
    if data.get("format") != FORMAT:
        raise FormatError(f"format: expected {FORMAT!r}, found {data.get('format')!r}")
    import jsonschema  # only when a file is read: it costs a tenth of the app's start-up

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise FormatError(_describe(error))
    new_ids: dict[str, str] = {}
    for k in spec.LISTS:
        for n, raw in enumerate(data.get(k.name, [])):
            if raw["id"] in new_ids:
                raise FormatError(f"{k.name}[{n}].id: {raw['id']!r} is used twice")
            new_ids[raw["id"]] = str(uuid.uuid4())

    def new_id(value: str, where: str) -> str:
        if value not in new_ids:
            raise FormatError(f"{where}: refers to {value!r}, which is not in the file")
        return new_ids[value]

    def remap(f: spec.Field, value: Any, where: str) -> Any:
        if isinstance(f.type, Ref) and value is not None:
            return new_id(value, where)
        if isinstance(f.type, Refs):
            return [new_id(v, where) for v in value]
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
            if k.name == "overrides" and fields.get("target") in new_ids:
                fields["target"] = new_ids[fields["target"]]  # text, but may name an item
            items.setdefault(k.name, []).append(Item(new_ids[raw["id"]], k.name, fields))
    meeting = Meeting(str(uuid.uuid4()), data.get("status", "draft"), sections, items)
    problems = validation.meeting_problems(meeting, today)
    if problems:
        raise FormatError(_problem_path(meeting, problems[0]))
    return meeting


def _problem_path(m: Meeting, p: validation.Problem) -> str:
    if not p.item_id:
        return f"{p.kind}.{p.field}: {p.message}"
    index = next(n for n, i in enumerate(m.items_of(p.kind)) if i.id == p.item_id)
    return f"{p.kind}[{index}].{p.field}: {p.message}"


def loads(text: str) -> Meeting:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    return from_json(data)


def dumps(m: Meeting) -> str:
    return json.dumps(to_json(m), indent=2, ensure_ascii=False) + "\n"
