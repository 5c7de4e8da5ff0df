"""Every field of the spec reaches the full minutes, or is on the exporter's list of fields
left out, with a reason: a field added to the spec cannot silently vanish from the record."""

from __future__ import annotations

import copy
from pathlib import Path

from docx2python import docx2python
from strategy_minutes.desktop.meeting import fieldtypes, jsonformat, spec
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.wording import age_on, long_date, long_datetime
from strategy_minutes.exporters.docx_minutes import LEFT_OUT, export_meeting

from tests.desktop.test_jsonformat import _full_record

FREE_TEXT = (fieldtypes.Text, fieldtypes.LongText)


def _every_field_answered() -> dict:
    """Every field filled, every question answered yes (so no detail is hidden behind a
    "No"), nothing restricted, and a child and an adult so that both sets of details show."""
    data = _full_record()
    for k in spec.KINDS:
        for record in data[k.name] if k.is_list else [data[k.name]]:
            for f in k.all_fields():
                if isinstance(f.type, fieldtypes.YesNo):
                    record[f.name] = True
            if k.restrictable:  # the full record shows a restriction beside the item
                record["restriction"] = "police_sensitive"
    child = data["people"][0]
    child.update(category="child", role="subject_child")
    adult = copy.deepcopy(child)
    adult.update(id="people-adult", name="An adult of the family", category="adult", role="other")
    data["people"].append(adult)
    return data


def test_every_field_reaches_the_full_minutes_or_is_left_out_with_a_reason(
    tmp_path: Path,
) -> None:
    meeting = jsonformat.from_json(_every_field_answered())
    out = tmp_path / "full.docx"
    export_meeting(meeting, out, "full")
    text = docx2python(str(out)).text
    missing = []
    for k in spec.KINDS:
        for f in k.all_fields():
            if (k.name, f.name) in LEFT_OUT:
                continue
            if type(f.type) in FREE_TEXT:
                shown = f"{k.name}.{f.name} ✓" in text
            else:
                shown = any(form.casefold() in text.casefold() for form in _forms(meeting, k, f))
            if not shown:
                missing.append(f"{k.name}.{f.name}")
    assert not missing, f"fields that never reach the minutes: {missing}"


def _forms(meeting: Meeting, k: spec.Kind, f: spec.Field) -> list[str]:
    """The ways the minutes may word a field's answer."""
    record = meeting.items_of(k.name)[0].data if k.is_list else meeting.section(k.name)
    value = record[f.name]
    if isinstance(f.type, fieldtypes.DateTime):
        return [long_datetime(value), value[-5:]]
    if isinstance(f.type, fieldtypes.Date):
        return [long_date(value), f"aged {age_on(value, meeting.facts['date'])}"]
    if isinstance(f.type, fieldtypes.YesNo):
        return [f"{f.label}: Yes", f.label]
    return [meeting.display(f, value)] if value else []


def test_fields_left_out_are_real_fields_with_a_reason() -> None:
    for (kind, name), reason in LEFT_OUT.items():
        spec.kind(kind).field(name)  # raises for a field that no longer exists
        assert len(reason) > 20
