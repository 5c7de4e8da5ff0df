"""The interchange format: documented by its schema, round-trips, and names bad fields."""

from __future__ import annotations

import copy
import json
from datetime import date

import jsonschema
import pytest
from strategy_minutes.desktop.meeting import fieldtypes, jsonformat, spec
from strategy_minutes.desktop.meeting.demo import demo_json

from tests.conftest import ROOT

TODAY = date(2026, 11, 24)


def _without_ids(data: dict) -> dict:
    """The record with ids replaced by their position, so two imports compare equal."""
    ids = {}
    for k in spec.LISTS:
        for n, item in enumerate(data[k.name]):
            ids[item["id"]] = f"{k.name}#{n}"
    text = json.dumps({k: v for k, v in data.items() if k != "id"}, sort_keys=True)
    for old, new in ids.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    return json.loads(text)


def test_committed_schema_is_the_generated_one() -> None:
    assert (
        json.loads((ROOT / "docs" / "meeting.schema.json").read_text("utf-8"))
        == jsonformat.schema()
    ), "docs/meeting.schema.json is stale: run `make generate`"


def test_committed_records_are_the_generated_ones() -> None:
    from strategy_minutes.desktop.meeting import codegen

    committed = (ROOT / "desktop" / "meeting" / "records.py").read_text("utf-8")
    assert committed == codegen.records_text(), "records.py is stale: run `make generate`"


# A first meeting reviews nothing and carries no action; the demo has no unborn baby.
FIRST_MEETING_LEAVES_EMPTY = (
    "previous_meeting",
    "reviews",
    "expected_date",
    "origin_meeting",
    "origin_date",
    "origin_owner",
    "carried_action",
)


def test_demo_fills_every_field_and_validates() -> None:
    data = jsonformat.to_json(jsonformat.from_json(demo_json(TODAY), TODAY))
    jsonschema.validate(data, jsonformat.schema())
    for k in spec.KINDS:
        records = data[k.name] if k.is_list else [data[k.name]]
        if k.name in ("overrides", "action_history"):  # a first meeting carries no history
            continue
        assert records, k.name
        for f in k.all_fields():
            if f.name in FIRST_MEETING_LEAVES_EMPTY:
                continue
            assert any(r.get(f.name) not in (None, [], "") for r in records), (
                f"the demo leaves {k.name}.{f.name} empty"
            )


def test_round_trip_through_the_store(service) -> None:
    first = service.import_json(demo_json(TODAY))
    exported = service.to_json(first)
    second = service.import_json(json.loads(json.dumps(exported)))
    assert second != first
    assert _without_ids(service.to_json(second)) == _without_ids(exported)


def test_a_draft_with_gaps_imports() -> None:
    meeting = jsonformat.from_json(
        {"format": jsonformat.FORMAT, "facts": {"case_reference": "X"}, "attendees": [{"id": "a"}]}
    )
    assert meeting.facts["date"] is None
    assert meeting.items_of("attendees")[0]["name"] is None


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format="strategy-minutes/3"), "format"),
        (lambda d: d["facts"].update(date="2026-02-30"), "facts.date"),
        (lambda d: d["facts"].update(start_time="25:00"), "facts.start_time"),
        (lambda d: d["facts"].update(end_time="09:00"), "facts.end_time"),
        (lambda d: d["attendees"][2].update(status="maybe"), "attendees[2].status"),
        (lambda d: d["attendees"][0].update(shoe_size=9), "attendees[0]"),
        (lambda d: d["people"][1].update(date_of_birth="2099-01-01"), "people[1].date_of_birth"),
        (lambda d: d["decisions"][0].update(interviewers=["nobody"]), "decisions[0].interviewers"),
        (lambda d: d["people"].append(dict(d["people"][1], id="twin")), "people[7].name"),
        (lambda d: d["people"][2].update(id=d["people"][1]["id"]), "people[2].id"),
    ],
)
def test_invalid_input_names_the_field(mutate, expected: str) -> None:
    data = copy.deepcopy(demo_json(TODAY))
    mutate(data)
    with pytest.raises(jsonformat.FormatError) as caught:
        jsonformat.from_json(data, TODAY)
    assert str(caught.value).startswith(expected), str(caught.value)


def test_unborn_baby_may_have_a_future_date() -> None:
    data = demo_json(TODAY)
    data["people"].append(
        {
            "id": "baby",
            "name": "Baby Penrose",
            "category": "unborn",
            "expected_date": "2027-03-01",
            "date_of_birth": "2027-03-01",
        }
    )
    jsonformat.from_json(data, TODAY)


def test_text_of_any_length_and_script() -> None:
    data = demo_json(TODAY)
    data["facts"]["reason"] = "Ŵ ść لا 漢字 👶 " * 5000
    meeting = jsonformat.from_json(data, TODAY)
    assert meeting.facts["reason"] == data["facts"]["reason"]
    data["facts"]["reason"] = "x" * 100_001
    with pytest.raises(jsonformat.FormatError, match="facts.reason"):
        jsonformat.from_json(data, TODAY)


def test_not_json_and_not_an_object() -> None:
    with pytest.raises(jsonformat.FormatError, match="not valid JSON"):
        jsonformat.loads("{")
    with pytest.raises(jsonformat.FormatError, match="JSON object"):
        jsonformat.loads("[1, 2]")


def _full_record() -> dict:
    """Every field of every kind set to a valid, non-empty value, generated from the spec."""
    values = {
        fieldtypes.Date: "2026-11-20",
        fieldtypes.Time: "09:30",
        fieldtypes.DateTime: "2026-11-25T10:00",
        fieldtypes.YesNo: False,
    }
    data: dict = {"format": jsonformat.FORMAT, "status": "draft"}
    for k in spec.KINDS:
        record = {}
        for f in k.all_fields():
            if f.choices:
                first = f.choices[-1][0]
                record[f.name] = [first] if isinstance(f.type, fieldtypes.Choices) else first
            elif f.ref:
                target = f"{f.ref}-0"
                record[f.name] = [target] if isinstance(f.type, fieldtypes.Refs) else target
            else:
                record[f.name] = values.get(type(f.type), f"{k.name}.{f.name} ✓")
        if k.name == "facts":
            record["end_time"] = "11:00"
        if k.name == "decisions":
            record["interview_end"] = "2026-11-25T11:00"
        if k.name == "people":
            record["date_of_birth"] = "2016-05-01"
        data[k.name] = [{"id": f"{k.name}-0", **record}] if k.is_list else record
    return data


def test_every_field_round_trips_through_the_store(service) -> None:
    data = _full_record()
    meeting_id = service.import_json(copy.deepcopy(data))
    back = _without_ids(service.to_json(meeting_id))
    assert back == _without_ids(jsonformat.to_json(jsonformat.from_json(data, TODAY)))
    for k in spec.KINDS:
        record = back[k.name][0] if k.is_list else back[k.name]
        assert all(v not in (None, [], "") for v in record.values()), k.name


def test_someone_picked_from_a_list_stays_that_person_through_a_file() -> None:
    """A picked attendee or person is stored by id; a file gets new ids on import, and the
    pick must follow (it came back as a bare id shown 'as typed'). A typed name stays as typed."""
    data = demo_json(TODAY)
    data["decisions"][0]["family_told_by"] = "Someone not in the meeting"
    first = jsonformat.from_json(data, TODAY)
    again = jsonformat.from_json(json.loads(json.dumps(jsonformat.to_json(first))), TODAY)
    for m, raw in ((first, data), (again, data)):
        for k in spec.LISTS:
            for item, row in zip(m.items_of(k.name), raw.get(k.name, []), strict=True):
                for f in k.all_fields():
                    if isinstance(f.type, fieldtypes.Someone) and row.get(f.name):
                        picked = any(
                            row[f.name] == r["id"] for n in spec.LISTS for r in raw.get(n.name, [])
                        )
                        found = m.find(item.data[f.name])
                        assert (found is not None) is picked, (k.name, f.name, row[f.name])
    told_by = first.decisions[0].data["family_told_by"]
    assert told_by == "Someone not in the meeting"
