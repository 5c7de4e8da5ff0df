"""The meeting list's worker thread: what a careless or hurried user, or a failing store, could
do to the rows and cases it reads, case by case.

All case references and names are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.ui import meeting_list
from strategy_minutes.ui.meeting_list import MeetingList

DAY = date(2026, 3, 2)


@pytest.fixture
def small_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first screen of 2 rows: every list below has rows for the worker to read."""
    monkeypatch.setattr(meeting_list, "FIRST_SCREEN", 2)
    monkeypatch.setattr(meeting_list, "CHUNK", 2)


def _made(service: MeetingService) -> None:
    for n, (reference, name) in enumerate(
        [("SM/A", "Nia Rhys"), ("SM/B", "Nia Pryce"), ("SM/C", "Ifan Hâf"), ("", "Nia Owen")] * 2
    ):
        meeting_id = service.new_meeting(reference, on=DAY.replace(day=n + 1))
        service.add_item(meeting_id, "people", {"name": f"{name} {n}"})


def _settled(qtbot: QtBot, listing: MeetingList, search: str) -> None:
    wanted = [r["id"] for r in listing.service.summaries(search)]
    qtbot.waitUntil(
        lambda: not listing._loading and [r["id"] for r in listing.model.rows] == wanted
    )


@pytest.mark.parametrize(
    "typed",
    [
        ["n", "ni", "nia", "nia r"],  # typed fast: the older searches' answers come late
        ["nia", "", "ifan", "nia"],  # back and forth: an answer for the same text, but older
        ["hâf", "haf"],  # accents or none: the same meetings
        ["zzz", "nia"],  # from nothing matching to most
    ],
    ids=["typed fast", "back and forth", "accents", "none then many"],
)
def test_the_list_shows_the_newest_search_only_and_each_match_once(
    qtbot: QtBot, service: MeetingService, small_screens: None, typed: list[str]
) -> None:
    _made(service)
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    for text in typed:
        listing.search.setText(text)
        listing.refresh()  # each at once, as coalesced keystrokes would be
    _settled(qtbot, listing, typed[-1])
    ids = [r["id"] for r in listing.model.rows]
    assert len(set(ids)) == len(ids)
    wanted_cases = service.cases(typed[-1])
    qtbot.waitUntil(lambda: listing._cases == wanted_cases)


def test_a_failing_worker_leaves_the_list_whole(
    qtbot: QtBot, service: MeetingService, small_screens: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the second connection cannot be opened (or a query fails there), the list asks the
    store on its own thread: slower, never incomplete."""

    def refuse() -> None:
        raise OSError("no second connection")

    monkeypatch.setattr(service, "list_reader", refuse)
    _made(service)
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    _settled(qtbot, listing, "")
    qtbot.waitUntil(lambda: listing._cases == ["SM/A", "SM/B", "SM/C"])
    listing.search.setText("nia")
    listing.refresh()
    _settled(qtbot, listing, "nia")


def test_a_case_chosen_is_offered_with_the_other_cases_of_the_search(
    qtbot: QtBot, service: MeetingService
) -> None:
    """A case's own rows fit the first screen, but the choices come from the whole search."""
    _made(service)
    listing = MeetingList(service)
    qtbot.addWidget(listing)
    qtbot.waitUntil(lambda: listing.case_filter.count() == 4)
    listing.case_filter.setCurrentIndex(1)  # SM/A
    listing.search.setText("nia")
    listing.refresh()
    qtbot.waitUntil(lambda: listing._cases == ["SM/A", "SM/B"])
    assert listing.case_filter.currentText() == "SM/A"
    assert {r["case_reference"] for r in listing.model.rows} == {"SM/A"}


def test_stopping_or_deleting_the_list_ends_its_worker(
    qtbot: QtBot, service: MeetingService, small_screens: None
) -> None:
    _made(service)
    for how in ("stop", "delete"):
        listing = MeetingList(service)
        _settled(qtbot, listing, "")
        worker = listing.loader._thread
        assert worker is not None and worker.is_alive()
        if how == "stop":
            listing.stop()
            assert not worker.is_alive()
        listing.deleteLater()
        qtbot.waitUntil(lambda w=worker: not w.is_alive())
