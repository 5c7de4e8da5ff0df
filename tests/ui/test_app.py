"""Starting the app: the store's protection, a second copy refused, the meeting list and bin."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.ui import app, dialogs
from strategy_minutes.ui.dialogs import PassphraseDialog, RecoveryKeyDialog

from tests.conftest import PASSPHRASE, cli_env
from tests.ui.helpers import CTRL, open_window, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app would have told the chair in a message box (none is shown)."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: said.append(text))
    return said


def test_a_second_window_on_the_same_folder_is_refused(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    assert app.build(data_dir) is None
    assert app.run_gui(data_dir) == 2
    assert len(messages) == 2 and "already open" in messages[0]
    assert str(data_dir) in messages[0]
    window.close()
    assert app.build(data_dir) is not None  # the first window let go of the folder
    assert len(messages) == 2


def test_without_a_keyring_the_passphrase_is_asked_twice_then_once(
    qtbot: QtBot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_keyring: None,
    messages: list[str],
) -> None:
    asked: list[bool] = []

    def ask(folder: Path, confirm: bool, parent: object = None, problem: str = "") -> str:
        asked.append(confirm)
        return PASSPHRASE

    monkeypatch.setattr(dialogs, "ask_passphrase", ask)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_recovery_key", lambda code, parent=None: shown.append(code))
    window = app.build(data_dir)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown))  # the one-time recovery key, over the window
    assert shown == [window.store.recovery_code()]
    assert asked == [True]
    assert "protected by a passphrase" in window.location.text()
    assert str(data_dir) in window.location.text()
    window.close()

    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *a, **k: None)
    assert app.build(data_dir) is None  # the chair cancelled the dialog
    assert messages[-1] == f"No passphrase was given, so the store in {data_dir} was not opened."

    tries: list[str] = []

    def mistyped(folder: Path, confirm: bool, parent: object = None, problem: str = "") -> str:
        tries.append(problem)
        return "wrong" if len(tries) < 2 else PASSPHRASE

    monkeypatch.setattr(dialogs, "ask_passphrase", mistyped)
    window = app.build(data_dir)  # asked again, saying why, and the second is right
    assert window is not None
    qtbot.addWidget(window)
    assert tries[0] == "" and "passphrase is not right" in tries[1]
    window.close()
    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *a, **k: "wrong")
    assert app.build(data_dir) is None  # three wrong: one sentence, nothing opened
    assert "passphrase is not right" in messages[-1]

    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *a: pytest.fail("asked again"))
    monkeypatch.setenv("STRATEGY_MINUTES_PASSPHRASE", PASSPHRASE)  # scripts drive the GUI too
    window = app.build(data_dir)
    assert window is not None
    qtbot.addWidget(window)
    window.close()
    assert shown == [shown[0]]  # not shown again


def test_the_passphrase_dialog_explains_what_is_wrong(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(tmp_path, confirm=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog.accept()
    assert "at least 10 characters" in dialog.problem.text() and not dialog.result()
    dialog.first.setText("a long enough phrase")
    dialog.second.setText("a long enough phrasE")
    dialog.accept()
    assert "not the same" in dialog.problem.text() and not dialog.result()
    dialog.second.setText("a long enough phrase")
    dialog.accept()
    assert dialog.result() and dialog.passphrase() == "a long enough phrase"


def test_search_bin_and_restore(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = service.add_demo()
    other = service.new_meeting("SM-OTHER")
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    listing = window.meetings
    assert {r["id"] for r in listing.model.rows} == {demo, other}
    listing.search.setText("حداد")  # an attendee's name, in Arabic
    qtbot.waitUntil(lambda: [r["id"] for r in listing.model.rows] == [demo])
    listing.search.setText("sm-oth")
    qtbot.waitUntil(lambda: [r["id"] for r in listing.model.rows] == [other])
    listing.search.clear()
    qtbot.waitUntil(lambda: len(listing.model.rows) == 2)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    listing.table.selectRow(next(n for n, r in enumerate(listing.model.rows) if r["id"] == other))
    listing.table.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert [r["id"] for r in listing.model.rows] == [demo]
    window.bin_action.trigger()
    assert [r["id"] for r in listing.model.rows] == [other]
    assert not listing.open_button.isEnabled()
    listing.restore_button.click()
    assert listing.model.rows == []
    assert "bin is empty" in listing.empty.text()
    window.bin_action.trigger()
    assert {r["id"] for r in listing.model.rows} == {demo, other}

    listing.table.selectRow(next(n for n, r in enumerate(listing.model.rows) if r["id"] == demo))
    listing.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # Enter opens
    assert window.editing is not None and window.editing.meeting_id == demo
    press(qtbot, Qt.Key.Key_W, CTRL)  # close the meeting: back to the list
    assert window.editing is None and window.pages.currentWidget() is listing
    listing.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    window.close()
    # the window's shape is remembered, and nothing about the case is
    state = QSettings("Strategy Minutes", "Strategy Minutes")
    assert state.value("window/geometry") is not None
    keys = state.allKeys()
    assert keys and all(k.startswith("window/") for k in keys)
    text = Path(state.fileName()).read_bytes()
    assert b"DEMO" not in text and b"Penrose" not in text


def test_an_unclean_shutdown_is_mentioned_in_the_status_bar(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.new_meeting("SM-CRASH")
    store = service.store
    store.db.conn.close()
    store._lock.release(clean=False)  # as if the app had died: the session marker stays
    window = open_window(qtbot, data_dir, monkeypatch)
    assert "did not close cleanly" in window.statusBar().currentMessage()
    assert "nothing saved was lost" in window.statusBar().currentMessage()
    assert window.meetings.model.rows[0]["case_reference"] == "SM-CRASH"


def test_the_app_closes_cleanly_when_the_session_ends(cli: object, data_dir: Path) -> None:
    """SIGTERM (logout, shutdown) closes the window as Quit does: store let go, no crash."""
    assert cli("demo").returncode == 0  # type: ignore[operator]
    env = {**cli_env(), "QT_QPA_PLATFORM": "offscreen"}
    app_process = subprocess.Popen(
        [sys.executable, "-m", "strategy_minutes", "--data-dir", str(data_dir)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    marker = data_dir / "session-open"
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), "the app did not open its store"
        app_process.send_signal(signal.SIGTERM)
        _out, err = app_process.communicate(timeout=30)
    finally:
        app_process.kill()
    assert app_process.returncode == 0, err
    assert not marker.exists()  # a clean close: the next start finds no unclean shutdown
    assert "Traceback" not in err


def test_a_data_folder_that_cannot_be_made_is_one_sentence(
    tmp_path: Path, messages: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert app.build(blocker / "store") is None
    assert messages and messages[0].startswith("Could not use ")


def test_the_recovery_key_dialog_copies_the_key(qtbot: QtBot) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-2345")
    qtbot.addWidget(dialog)
    assert "administrator" in dialog.findChild(QLabel).text()
    copy = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Copy")
    copy.click()
    assert QGuiApplication.clipboard().text() == "ABCD-EFGH-2345"
    assert dialog.code.isReadOnly()


def test_the_status_line_names_the_keyring_when_it_holds_the_key(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    assert window.location.text() == f"Data in {data_dir}, protected by the OS keyring"


def test_gui_search_finds_a_name_typed_without_accents_right_after_the_edit(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list and `list --search` ask the store the same query (storage/listing.py)."""
    meeting_id = service.new_meeting("SM-ACCENTS")
    service.new_meeting("SM-ELSE")
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.open_meeting(meeting_id)
    assert window.editing is not None
    window.editing.add_item("people", {"name": "Siân Łukaszewska", "role": "subject_child"})
    window.close_meeting()
    listing = window.meetings
    row = listing.model.rows[listing.model.row_of(meeting_id)]
    assert row["children"] == "Siân Łukaszewska"  # the closed meeting's row, fetched again
    for typed in ("Sian", "LUKASZEW", "si"):
        listing.search.setText(typed)
        qtbot.waitUntil(lambda: [r["id"] for r in listing.model.rows] == [meeting_id])
    listing.search.setText("Siobhan")
    qtbot.waitUntil(lambda: listing.model.rows == [])
    assert "No meeting matches" in listing.empty.text()


def test_dates_and_times_read_as_a_chair_in_england_writes_them(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's date as dd/mm/yyyy and its last change on the UK clock (stored in UTC); the
    open meeting's heading with the date in words."""
    import re
    from datetime import UTC, datetime

    from strategy_minutes.desktop.meeting.wording import LONDON

    demo = service.add_demo()
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    model = window.meetings.model
    row = model.row_of(demo)
    shown = {
        model.headerData(c, Qt.Orientation.Horizontal): model.data(model.index(row, c))
        for c in range(model.columnCount())
    }
    stored = model.rows[row]
    day = datetime.fromisoformat(stored["meeting_date"])
    assert shown["Date"] == f"{day:%d/%m/%Y}"
    changed = datetime.fromisoformat(stored["updated_at"]).replace(tzinfo=UTC).astimezone(LONDON)
    assert shown["Last changed"] == f"{changed:%d/%m/%Y %H:%M}"
    window.open_meeting(demo)
    assert re.search(r"\w+day \d{1,2} \w+ \d{4}", window.meeting_heading.text())
    window.close()
