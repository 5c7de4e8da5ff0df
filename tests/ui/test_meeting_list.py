"""The meeting list while it is still arriving in chunks: meetings made, edited, moved or
binned meanwhile are each listed once, in the store's order, none lost.

All case references are fictional.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.ui import meeting_list
from strategy_minutes.ui.meeting_list import MeetingList

DAY = date(2026, 3, 2)


def _ids(listing: MeetingList) -> list[str]:
    return [r["id"] for r in listing.model.rows]


@pytest.fixture
def chunky(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first screen of 3 rows, then chunks of 2: every change below meets a partial list."""
    monkeypatch.setattr(meeting_list, "FIRST_SCREEN", 3)
    monkeypatch.setattr(meeting_list, "CHUNK", 2)


def _listed_alongside_changes(qtbot: QtBot, service: MeetingService, told: bool) -> None:
    made = [service.new_meeting("SM/LIST", on=DAY - timedelta(days=n)) for n in range(10)]
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    assert _ids(listing) == made[:3] and listing._loading

    def changed(meeting_id: str) -> None:
        if told:
            listing.update_meeting(meeting_id)

    newest = service.new_meeting("SM/LIST", on=DAY + timedelta(days=1))  # before all shown
    changed(newest)
    service.move_to_bin(made[1])  # one shown, binned
    changed(made[1])
    service.set_field(made[9], "facts", None, "date", (DAY + timedelta(days=2)).isoformat())
    changed(made[9])  # one not yet fetched, moved to the top
    service.set_field(made[0], "facts", None, "date", (DAY - timedelta(days=30)).isoformat())
    changed(made[0])  # one shown, moved past the rows shown
    qtbot.waitUntil(lambda: not listing._loading)
    if not told:  # the window tells the list of every change; here, once all rows are in
        for meeting_id in (newest, made[1], made[9], made[0]):
            listing.update_meeting(meeting_id)
    assert len(set(_ids(listing))) == len(_ids(listing))
    assert _ids(listing) == [r["id"] for r in service.summaries()]


@pytest.mark.parametrize("told", [True, False], ids=["each change told", "told later"])
def test_changes_while_the_list_arrives_in_chunks_list_each_meeting_once(
    qtbot: QtBot, service: MeetingService, chunky: None, told: bool
) -> None:
    _listed_alongside_changes(qtbot, service, told)


def test_a_search_arriving_in_chunks_lists_each_match_once(
    qtbot: QtBot, service: MeetingService, chunky: None
) -> None:
    for n in range(9):
        meeting_id = service.new_meeting("SM/TIE" if n % 2 else "", on=DAY)
        service.add_item(meeting_id, "people", {"name": f"Nia Rhys {n}"})
    service.store.db.execute("UPDATE meetings SET created_at = '2026-03-02T09:00:00'")  # ties
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    listing.search.setText("nia rhys")
    qtbot.waitUntil(lambda: len(listing.model.rows) == 9 and not listing._loading)
    assert _ids(listing) == [r["id"] for r in service.summaries("nia rhys")]
    assert len(set(_ids(listing))) == 9


def test_the_case_filter_offers_the_cases_a_search_lists_and_keeps_the_choice(
    qtbot: QtBot, service: MeetingService
) -> None:
    for reference, name in (("SM/A", "Nia Rhys"), ("sm / b", "Nia Pryce"), ("SM/C", "Ifan Hâf")):
        meeting_id = service.new_meeting(reference, on=DAY)
        service.add_item(meeting_id, "people", {"name": name})
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    choices = listing.case_filter
    qtbot.waitUntil(lambda: choices.count() == 4)  # asked after the first screen is painted
    assert [choices.itemText(n) for n in range(choices.count())] == [
        "All cases", "SM/A", "SM/B", "SM/C"]  # fmt: skip
    choices.setCurrentIndex(2)  # SM/B
    assert [r["case_reference"] for r in listing.model.rows] == ["sm / b"]
    listing.search.setText("nia")
    qtbot.waitUntil(lambda: choices.count() == 3)  # SM/C has no Nia: not offered
    assert choices.currentText() == "SM/B"
    assert [r["case_reference"] for r in listing.model.rows] == ["sm / b"]
    listing.search.setText("ifan")
    qtbot.waitUntil(lambda: choices.count() == 2)
    assert choices.currentText() == "All cases"  # the case chosen lists no Ifan
    assert [r["case_reference"] for r in listing.model.rows] == ["SM/C"]


def test_the_case_filter_follows_a_meeting_into_and_out_of_its_cases(
    qtbot: QtBot, service: MeetingService
) -> None:
    first, second = (service.new_meeting(r, on=DAY) for r in ("SM/A", "SM/B"))
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    service.set_field(first, "facts", None, "case_reference", "SM/B")  # SM/A has none left
    listing.update_meeting(first)
    assert listing._cases == ["SM/B"]
    service.set_field(second, "facts", None, "case_reference", "SM/C")  # SM/B keeps `first`
    listing.update_meeting(second)
    assert listing._cases == ["SM/B", "SM/C"]
    service.move_to_bin(second)
    listing.update_meeting(second)
    assert listing._cases == ["SM/B"]
    made = service.new_meeting("SM/D", on=DAY)
    listing.update_meeting(made)
    assert listing._cases == ["SM/B", "SM/D"]
