"""The meeting list's search: names found as a chair types them, kept in step with every edit.

All names are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage import listing, migrations

from strategy_minutes.folding import fold


def _refs(service: MeetingService, search: str, binned: bool = False) -> list[str]:
    return [r["case_reference"] for r in service.summaries(search, binned=binned)]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Siân Llywelyn", "sian"),
        ("Łukasz Wiśniewski", "Lukasz"),
        ("Bjørn Åsgård", "bjorn asgard"),
        ("Đorđe Petrović", "dorde"),
        ("Anneliese Groß", "gross"),
        ("Zoë Ní Bhriain", "ZOE NI"),
        ("Ffion ap Gwyndaf", "FFION"),
        ("يوسف حداد", "حداد"),
        ("Ωmega Qell'tharan", "qell'th"),  # a name from no real place
    ],
)
def test_fold_makes_typed_and_written_alike(written: str, typed: str) -> None:
    assert fold(typed) in fold(written)


def test_name_typed_without_accents_is_found_right_after_the_edit_that_added_it(
    service: MeetingService,
) -> None:
    meeting_id = service.new_meeting("SM-SEARCH-1")
    service.new_meeting("SM-OTHER-2")
    assert _refs(service, "Sian") == []
    person = service.add_item(meeting_id, "people", {"name": "Siân Pryce"})
    assert _refs(service, "Sian") == ["SM-SEARCH-1"]
    service.set_field(meeting_id, "people", person, "name", "Łukasz Nowak")
    assert _refs(service, "Sian") == []
    assert _refs(service, "Lukasz") == ["SM-SEARCH-1"]
    assert _refs(service, "lu") == ["SM-SEARCH-1"]  # shorter than a trigram: still found
    attendee = service.add_item(meeting_id, "attendees", {"name": "Gwenllian Hâf"})
    assert _refs(service, "gwenllian haf") == ["SM-SEARCH-1"]
    service.remove_item(meeting_id, attendee)
    assert _refs(service, "gwenllian") == []
    service.set_field(meeting_id, "facts", None, "chair", "Dafydd Ôwen")
    assert _refs(service, "dafydd owen") == ["SM-SEARCH-1"]
    service.set_field(meeting_id, "facts", None, "case_reference", "SM-RENAMED")
    assert _refs(service, "renamed") == ["SM-RENAMED"]
    assert _refs(service, "SEARCH-1") == []


def test_children_column_follows_role_and_name(service: MeetingService) -> None:
    meeting_id = service.new_meeting("SM-KIDS")
    child = service.add_item(meeting_id, "people", {"name": "Mali Rhys", "role": "subject_child"})
    service.add_item(meeting_id, "people", {"name": "Tomos Rhys", "role": "sibling"})
    assert service.summaries("SM-KIDS")[0]["children"] == "Mali Rhys"
    service.set_field(meeting_id, "people", child, "role", "sibling")
    assert service.summaries("SM-KIDS")[0]["children"] == ""


def test_bin_and_restore_move_a_meeting_between_searches(service: MeetingService) -> None:
    meeting_id = service.new_meeting("SM-BIN")
    service.add_item(meeting_id, "people", {"name": "Łucja Zielińska"})
    service.move_to_bin(meeting_id)
    assert _refs(service, "lucja") == []
    assert _refs(service, "lucja", binned=True) == ["SM-BIN"]
    service.restore(meeting_id)
    assert _refs(service, "lucja") == ["SM-BIN"]
    assert _refs(service, "lucja", binned=True) == []


@pytest.mark.parametrize("typed", ['"', '""', "a\"b'c", "100%_", "*", "NEAR(x y)", "x OR y", " "])
def test_search_text_is_never_query_syntax(service: MeetingService, typed: str) -> None:
    service.new_meeting("SM-PLAIN")
    found = _refs(service, typed)
    assert found == ([] if typed.strip() else ["SM-PLAIN"])


def test_one_meeting_row_and_pages_agree_with_the_whole_list(service: MeetingService) -> None:
    days = ["2026-01-05", "2026-03-01", "2026-03-01", "2025-12-31", "2026-02-01"]
    for n, day in enumerate(days):
        reference = ["sm / order", "SM-OTHER", "SM/ORDER", "", "SM/Order"][n]
        service.new_meeting(reference, on=date.fromisoformat(day))
    undated = service.new_meeting("SM/ORDER")
    service.set_field(undated, "facts", None, "date", None)
    whole = service.summaries()
    assert [(r["case_key"], r["meeting_date"]) for r in whole] == [
        ("SM-OTHER", "2026-03-01"),  # cases in order, a case's meetings newest first
        ("SM/ORDER", "2026-03-01"),
        ("SM/ORDER", "2026-02-01"),
        ("SM/ORDER", "2026-01-05"),
        ("SM/ORDER", None),
        ("", "2025-12-31"),  # no case reference: last
    ]
    assert sorted(reversed(whole), key=listing.order_key) == whole
    first = service.summaries(limit=2)
    assert first + service.summaries(after=first[-1]) == whole
    assert service.summaries(ids=[undated]) == [whole[4]]
    assert service.summaries(case="SM/ORDER") == whole[1:5]
    assert service.cases() == ["SM-OTHER", "SM/ORDER"]
    assert service.cases("other") == ["SM-OTHER"]


def test_the_migration_indexes_a_store_made_before_it(service: MeetingService) -> None:
    meeting_id = service.add_demo()
    db: Database = service.store.db
    db.execute("DROP TABLE meeting_search")
    db.execute("DROP TABLE meeting_list")
    db.execute("DROP INDEX meetings_listed")
    db.execute("DROP INDEX meetings_listed_by_id")
    db.execute("ALTER TABLE meetings DROP COLUMN case_key")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_meeting_list_index'")
    migrations.apply(db)
    [row] = service.summaries("sian llywelyn")  # the demo's chair, typed without accents
    assert row["id"] == meeting_id
    assert row["children"] == "Maisie Penrose, Lily Penrose"


@pytest.mark.parametrize("search", ["", "sm", "sm/tie", "gwen"])
@pytest.mark.parametrize("page", [1, 2, 3, 7])
def test_pages_hold_every_meeting_once_even_when_meetings_tie(
    service: MeetingService, search: str, page: int
) -> None:
    """Meetings alike in every listed key (one case, one date, made the same instant, as an
    import in one transaction can make them) still come one page after another, each once."""
    for n in range(7):
        meeting_id = service.new_meeting(["SM/TIE", "SM/TIE", "", "SM-B"][n % 4])
        service.add_item(meeting_id, "people", {"name": "Gwen Rhys"})
        if n % 3 == 0:
            service.set_field(meeting_id, "facts", None, "date", None)
    service.store.db.execute("UPDATE meetings SET created_at = '2026-01-01T00:00:00'")
    whole = service.summaries(search)
    assert len({r["id"] for r in whole}) == len(whole) > 1
    assert sorted(reversed(whole), key=listing.order_key) == whole
    paged = service.summaries(search, limit=page)
    for _page in whole:  # bounded: a page that never ends fails the test instead of hanging
        rows = service.summaries(search, limit=page, after=paged[-1])
        if not rows:
            break
        paged += rows
    assert paged == whole


@pytest.mark.parametrize("walk", [1, 3, 1000], ids=["walk too short", "walk ends", "walk all"])
@pytest.mark.parametrize("typed", ["a", "n", "nw", "ł", "lu", "zq", "s/"])
@pytest.mark.parametrize("case", ["", "SM/A"])
@pytest.mark.parametrize("binned", [False, True])
def test_a_short_search_gives_the_first_screen_the_whole_search_gives(
    service: MeetingService,
    monkeypatch: pytest.MonkeyPatch,
    walk: int,
    typed: str,
    case: str,
    binned: bool,
) -> None:
    """One or two characters: the first screen is looked for among the first meetings in the
    list's order. Whether it is found there, partly, or not at all, it is the same rows as the
    first rows of the whole search, in the same order."""
    names = ["Łukasz Nowak", "Siân Owen", "Nia Lloyd", "Aled Rhys", "Zofia Lis", "Anwen Rowe"]
    for n in range(12):
        meeting_id = service.new_meeting(
            ("SM/A", "SM/B", "")[n % 3], on=date(2026, 1 + n % 4, 1 + n)
        )
        service.add_item(meeting_id, "people", {"name": names[n % len(names)]})
        if n % 5 == 4:
            service.move_to_bin(meeting_id)
    monkeypatch.setattr(listing, "WALK", walk)
    whole = service.summaries(typed, binned=binned, case=case)
    for limit in (1, 2, 4, 20):
        assert service.summaries(typed, binned=binned, case=case, limit=limit) == whole[:limit]
