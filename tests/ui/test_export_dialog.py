"""The Meeting menu and the export dialog: each audience's copy written off the UI thread."""

from __future__ import annotations

import gc
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.exporters import protect
from strategy_minutes.storage.store import Store
from strategy_minutes.ui import meeting_menu
from strategy_minutes.ui.disclosure_review import DisclosureReview
from strategy_minutes.ui.export_dialog import ExportDialog
from strategy_minutes.ui.main_window import MainWindow
from strategy_minutes.ui.meeting_menu import MeetingMenu

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def menu_window(
    qtbot: QtBot, store: Store, service: MeetingService, meeting_id: str | None = None
) -> tuple[MainWindow, MeetingMenu]:
    """A main window with the Meeting menu installed, and the meeting open if one is given."""
    window = MainWindow(store, service)
    qtbot.addWidget(window)
    meeting_menu.install(window)
    menu = window.findChild(MeetingMenu)
    assert menu is not None
    if meeting_id is not None:
        window.open_meeting(meeting_id)
    return window, menu


def _confirm_review(review: DisclosureReview) -> None:
    review.confirm.click()


def _export(
    qtbot: QtBot,
    menu: MeetingMenu,
    audience: str,
    out: Path,
    password: str = "",
    on_review: Callable[[DisclosureReview], None] = _confirm_review,
) -> ExportDialog:
    """Export through the dialog; a parent copy's disclosure review is met by `on_review`."""
    menu.export_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, ExportDialog)
    dialog.audience.setCurrentIndex(audiences.AUDIENCES.index(audience))
    dialog.path.setText(str(out))
    dialog.password.setText(password)
    dialog.again.setText(password)
    dialog.export_button.click()
    if audience == audiences.PARENT:
        assert not dialog.busy() and dialog.review is not None  # nothing written before it
        assert dialog.review.isVisible()
        on_review(dialog.review)
    assert dialog.busy() and not dialog.audience.isEnabled()  # the thread works; the form waits
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)
    assert dialog.audience.isEnabled()
    assert gc.isenabled()  # the export leaves Python's garbage collector alone
    return dialog


def test_the_menu_is_installed_once_before_view_and_follows_the_open_meeting(
    qtbot: QtBot, store: Store, service: MeetingService
) -> None:
    meeting_id = service.add_demo(date.today())
    window, menu = menu_window(qtbot, store, service)
    meeting_menu.install(window)  # the lead's line and the test's both call it
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.count("&Meeting") == 1
    assert titles.index("&Meeting") == titles.index("&View") - 1
    file = window.menuBar().actions()[0].menu()
    assert menu.verify_action in file.actions()
    assert not menu.export_action.isEnabled() and menu.verify_action.isEnabled()
    window.open_meeting(meeting_id)
    assert menu.export_action.isEnabled() and menu.sign_action.isEnabled()
    window.close_meeting()
    assert not menu.sign_action.isEnabled()


def test_each_audience_is_written_and_the_parent_preview_says_what_is_withheld(
    qtbot: QtBot, store: Store, service: MeetingService, tmp_path: Path
) -> None:
    window, menu = menu_window(qtbot, store, service, service.add_demo(date.today()))
    for audience in audiences.AUDIENCES:
        out = tmp_path / f"{audience}.docx"
        dialog = _export(qtbot, menu, audience, out)
        assert dialog.outcome.text().startswith(f"Written to {out}."), dialog.outcome.text()
        assert zipfile.is_zipfile(out)
        assert dialog.signed.text() == (
            "A draft sent out for comment."
            if audience == "review"
            else "Not signed as it stands: the copy is a draft."
        )
        if audience == audiences.PARENT:
            shown = dialog.withheld.text()
            assert "Information shared by agencies, One item: Police-sensitive" in shown
            assert "People, One item, after item 4 of this copy: Third-party information" in shown
            rows = {
                dialog.preview.item(r, 0).text(): dialog.preview.item(r, 2).text()
                for r in range(dialog.preview.rowCount())
            }
            assert rows["Information shared by agencies"] == "3"
        dialog.close()
    assert "DRAFT" in zipfile.ZipFile(tmp_path / "review.docx").read("word/document.xml").decode()
    assert service.get(window.editing.meeting_id).status == "review"
    assert "Circulated for review" in window.meeting_heading.text()  # the open meeting too


def test_password_twice_file_chosen_and_failures_in_one_sentence(
    qtbot: QtBot,
    store: Store,
    service: MeetingService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, menu = menu_window(qtbot, store, service, service.add_demo(date.today()))
    menu.export_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.path.text().endswith("_full.docx")  # named as the command line names it
    chosen = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    dialog.choose_file()
    assert dialog.path.text() == str(chosen) + ".docx"
    dialog.password.setText("kestrel")
    dialog.again.setText("kestrell")
    dialog.export_button.click()
    assert dialog.outcome.text().startswith("The two passwords differ")
    assert dialog.worker is None and not chosen.with_suffix(".docx").exists()
    dialog.close()

    locked = _export(qtbot, menu, audiences.FULL, tmp_path / "locked.docx", "kestrel")
    assert protect.is_encrypted((tmp_path / "locked.docx").read_bytes())
    locked.close()

    (tmp_path / "taken.docx").mkdir()  # the rename cannot replace a folder
    failed = _export(qtbot, menu, audiences.FULL, tmp_path / "taken.docx")
    assert "nothing was saved under" in failed.outcome.text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") or "tmp" in p.name]


def test_police_hold_case_in_the_gui_review_then_export(
    qtbot: QtBot, store: Store, service: MeetingService, tmp_path: Path
) -> None:
    """A parent copy is written only after the chair confirms the disclosure review; the hits
    are shown, the decisions land in the audit trail, and the copy holds none of the hold."""
    from strategy_minutes.desktop.meeting import jsonformat

    from tests.exporters.test_disclosure import MUST_NOT_SHOW, police_hold_json

    meeting_id = service.add(jsonformat.from_json(police_hold_json()))
    _window, menu = menu_window(qtbot, store, service, meeting_id)
    seen: list[str] = []

    def confirm(review: DisclosureReview) -> None:
        seen.extend(row.text(0) for row, _e in review.rows.values())
        review.confirm.click()

    out = tmp_path / "parent.docx"
    dialog = _export(qtbot, menu, audiences.PARENT, out, on_review=confirm)
    assert dialog.written == out, dialog.outcome.text()
    assert any(text.startswith("⚠") for text in seen), seen
    text = "\n".join(
        zipfile.ZipFile(out).read(n).decode()
        for n in zipfile.ZipFile(out).namelist()
        if n.endswith(".xml")
    )
    for what, secret in MUST_NOT_SHOW:
        assert secret not in text, what
    actions = [e.action for e in service.repo.audit_entries(meeting_id)]
    assert actions.count("add") > 0
    decided = service.get(meeting_id).items_of("disclosure")[1:]  # the demo's own share first
    assert decided and all(d.data["decision"] == "withhold" for d in decided)


def test_cancelling_the_review_writes_nothing(
    qtbot: QtBot, store: Store, service: MeetingService, tmp_path: Path
) -> None:
    meeting_id = service.add_demo(date.today())
    before = service.get(meeting_id).items_of("disclosure")
    _window, menu = menu_window(qtbot, store, service, meeting_id)
    menu.export_action.trigger()
    dialog = menu.dialog
    dialog.audience.setCurrentIndex(audiences.AUDIENCES.index(audiences.PARENT))
    out = tmp_path / "parent.docx"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    assert dialog.review is not None
    dialog.review.reject()
    assert not out.exists() and "not confirmed" in dialog.outcome.text()
    assert service.get(meeting_id).items_of("disclosure") == before
