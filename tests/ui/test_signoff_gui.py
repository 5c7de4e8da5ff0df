"""Sign-off from the app: sign, verify, review comments, addendum, oversight, audit trail."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.exports import write_copy
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import lifecycle
from strategy_minutes.desktop.signoff.comments import import_file
from strategy_minutes.storage import signatures
from strategy_minutes.storage.store import Store
from strategy_minutes.ui.audit_view import AuditView
from strategy_minutes.ui.export_dialog import ExportDialog
from strategy_minutes.ui.signoff_dialogs import (
    AddendumDialog,
    CommentsDialog,
    OversightDialog,
    SignDialog,
)
from strategy_minutes.ui.verify_dialog import VerifyDialog

from tests.ui.test_export_dialog import menu_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_signing_is_refused_while_a_blocker_stands_and_allowed_once_overridden(
    qtbot: QtBot, store: Store, service: MeetingService
) -> None:
    meeting_id = service.add_demo(date.today())
    service.set_field(meeting_id, "outcome", None, "review_date", None)
    window, menu = menu_window(qtbot, store, service, meeting_id)
    menu.sign_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, SignDialog)
    assert dialog.name.text() == "Siân Llywelyn"
    assert dialog.role.text() == "Team manager, children's social care"
    assert len(dialog.fingerprint.text().split()) == 16  # the key, in groups of four
    assert dialog.heading.text() == "Signing is refused while these stand:"
    assert [dialog.blockers.item(r).text() for r in range(dialog.blockers.count())]
    assert not dialog.sign_button.isEnabled() and not dialog.findings_button.isHidden()
    dialog.sign()  # even if asked, the store refuses and says why
    assert dialog.outcome.text().startswith("Signing was refused while these stand:")
    assert lifecycle.status(store, meeting_id) != lifecycle.SIGNED
    dialog.findings_button.click()  # the way to the findings: the dialog makes room for them
    assert window.findings_dock.isVisibleTo(window) and not dialog.isVisible()

    menu.sign_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, SignDialog)
    window.editing.add_item(
        "overrides",
        {
            "rule": "review-date-missing",
            "target": "review_date",
            "reason": "Review set at the next panel.",
        },
    )
    dialog.refresh()
    assert dialog.sign_button.isEnabled() and dialog.blockers.count() == 0
    dialog.sign_button.click()
    assert dialog.outcome.text().startswith(
        "Signed version 1 of DEMO-2026-0147 as Siân Llywelyn (Team manager"
    )
    assert dialog.fingerprint.text() in dialog.outcome.text()
    dialog.close()
    assert window.editing.read_only_reason.startswith("This meeting was signed as version 1")

    menu.addendum_action.trigger()
    addendum = menu.dialog
    assert isinstance(addendum, AddendumDialog)
    addendum.open_addendum()
    assert addendum.outcome.text() == "An addendum needs its reason; nothing was opened."
    addendum.reason.setPlainText("The review date was agreed after the meeting.")
    addendum.open_addendum()
    assert addendum.version == 2 and window.editing.read_only_reason == ""


def test_a_signed_copy_verifies_valid_and_an_altered_one_says_what_differs(
    qtbot: QtBot,
    store: Store,
    service: MeetingService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting_id = service.add_demo(date.today())
    lifecycle.sign(store, service.get(meeting_id))
    signed, _said = write_copy(service, service.get(meeting_id), tmp_path / "full.docx", "full")
    window, menu = menu_window(qtbot, store, service)  # no meeting open: verify still works
    menu.verify_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, VerifyDialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(signed), ""))
    dialog.choose_file()
    assert dialog.heading.text() == "VALID", dialog.details.text()
    fingerprint = signatures.trusted(store.db)[0]["fingerprint"]
    for said in (
        "Siân Llywelyn",
        "Team manager",
        "version 1",
        fingerprint,
        "exactly what was signed",
    ):
        assert said in dialog.details.text()
    assert dialog.signer.text().startswith("Signed by: Siân Llywelyn\nRole: Team manager")
    assert f"Key fingerprint: {fingerprint}" in dialog.signer.text()

    locked, _said = write_copy(
        service, service.get(meeting_id), tmp_path / "locked.docx", "parent", "kestrel"
    )
    dialog.path.setText(str(locked))
    dialog.verify()
    assert dialog.heading.text() == "CANNOT BE READ"
    assert "protected by a password" in dialog.details.text() and dialog.signer.isHidden()
    dialog.password.setText("kestrel")
    dialog.verify()
    assert dialog.heading.text() == "VALID" and "copy for: parent" in dialog.signer.text()

    altered = tmp_path / "altered.docx"
    with zipfile.ZipFile(signed) as src, zipfile.ZipFile(altered, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                assert b"Hannah Reid" in data
                data = data.replace(b"Hannah Reid", b"Hannah Read", 1)
            out.writestr(info, data)
    dialog.path.setText(str(altered))
    dialog.verify()
    assert dialog.heading.text() == "INVALID"
    assert "not what was signed" in dialog.details.text()
    assert "Hannah Read" in dialog.details.text()

    register = tmp_path / "signers.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(register), ""))
    dialog.export_register()
    assert dialog.register_said.text() == f"Wrote 1 signer(s) to {register}."
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(signed), ""))
    dialog.import_register()
    assert dialog.register_said.text().startswith("full.docx is not a register of signers")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(register), ""))
    dialog.import_register()
    assert dialog.register_said.text() == "Imported 1 signer(s) from signers.json."


def test_returned_comments_land_on_their_item_and_are_resolved(
    qtbot: QtBot,
    store: Store,
    service: MeetingService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting_id = service.add_demo(date.today())
    sent, _said = write_copy(service, service.get(meeting_id), tmp_path / "review.docx", "review")
    doc = docx.Document(str(sent))
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    target = next(p for p in cells if "Northfield Public Protection Unit" in p.text and p.runs)
    doc.add_comment(
        target.runs, text="Team name is wrong.", author="DC Zofia Wiśniewska", initials="ZW"
    )
    returned = tmp_path / "returned.docx"
    doc.save(str(returned))

    window, menu = menu_window(qtbot, store, service, meeting_id)
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda *a, **k: ([str(returned), str(tmp_path / "review.docx")], ""),
    )
    menu.import_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, CommentsDialog)
    assert dialog.outcome.text() == (
        "returned.docx: 1 comment(s) imported. review.docx: 0 comment(s) imported."
    )
    model = dialog.model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[:2] == ["Attendance: DC Zofia Wiśniewska", "DC Zofia Wiśniewska"]
    assert len(row[2]) == 10  # the day the comment was made, yyyy-mm-dd
    assert row[3:] == ["Team name is wrong.", "Open"]

    dialog.resolve("declined")
    assert dialog.outcome.text() == "Choose a comment in the list first."
    dialog.table.selectRow(0)
    dialog.resolve("declined")
    assert dialog.outcome.text() == "Say why the comment is declined; nothing was changed."
    dialog.reason.setText("The team was renamed in October.")
    dialog.decline_button.click()
    assert model.index(0, 4).data() == "Declined: The team was renamed in October."
    assert lifecycle.blockers(store, service.get(meeting_id)) == []
    dialog.table.activated.emit(model.index(0, 0))  # Enter: to the item, to make a change
    page = window.editor.page("attendees")
    assert window.editor.stack.currentWidget() is page
    zofia = next(
        a.id
        for a in window.editing.meeting.items_of("attendees")
        if a["name"] == "DC Zofia Wiśniewska"
    )
    assert page.table.currentIndex().row() == page.model.row_of(zofia)
    assert not dialog.isVisible()


def test_oversight_and_the_audit_trail_with_a_tampered_entry(
    qtbot: QtBot, store: Store, service: MeetingService
) -> None:
    meeting_id = service.add_demo(date.today())
    lifecycle.sign(store, service.get(meeting_id))
    window, menu = menu_window(qtbot, store, service, meeting_id)
    menu.oversight_action.trigger()
    oversight = menu.dialog
    assert isinstance(oversight, OversightDialog)
    oversight.name.setText("Priya Example")
    oversight.record()
    assert oversight.outcome.text().startswith("Oversight needs the manager's name and a note")
    oversight.note.setPlainText("Plan reviewed; interviews proceed as agreed.")
    oversight.record()
    assert oversight.entry is not None and oversight.entry["version"] == 1

    menu.audit_action.trigger()
    view = menu.dialog
    assert isinstance(view, AuditView)
    rows = view.table.rowCount()
    assert rows >= 3
    actions = [view.table.item(r, 3).text() for r in range(rows)]
    assert actions[-2:] == ["sign", "oversight"]
    view.check()
    assert view.outcome.text().startswith(f"The audit trail is intact: {rows} entries.")
    store.db.execute(
        "UPDATE audit SET actor = 'someone else' WHERE meeting_id = ? AND seq = "
        "(SELECT MIN(seq) FROM audit WHERE meeting_id = ?)",
        [meeting_id, meeting_id],
    )
    view.refresh()
    view.check()
    assert view.outcome.text().startswith("The trail is broken: Entry ")
    assert "was changed after it was written" in view.outcome.text()


def test_the_whole_path_from_review_copy_to_a_verified_signed_copy(
    qtbot: QtBot,
    store: Store,
    service: MeetingService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, menu = menu_window(qtbot, store, service, service.add_demo(date.today()))
    menu.review_action.trigger()
    export = menu.dialog
    assert isinstance(export, ExportDialog) and export.chosen() == "review"
    export.path.setText(str(tmp_path / "review.docx"))
    export.export_button.click()
    qtbot.waitUntil(lambda: export.written is not None, timeout=30000)
    export.close()
    doc = docx.Document(str(export.written))
    doc.add_comment(doc.paragraphs[0].runs, text="Fine by me.", author="Hannah Reid", initials="HR")
    doc.save(str(tmp_path / "back.docx"))

    menu.sign_action.trigger()
    sign = menu.dialog
    assert isinstance(sign, SignDialog)
    assert sign.sign_button.isEnabled()  # nothing returned yet
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(tmp_path / "back.docx")], "")
    )
    sign.close()
    menu.import_action.trigger()
    menu.dialog.close()
    menu.sign_action.trigger()
    sign = menu.dialog
    assert not sign.sign_button.isEnabled() and not sign.comments_button.isHidden()
    sign.comments_button.click()
    comments = sign.findChild(CommentsDialog)
    comments.table.selectRow(0)
    comments.accept_button.click()
    assert sign.sign_button.isEnabled()  # the sign dialog read its blockers again
    comments.close()
    sign.sign_button.click()
    assert sign.outcome.text().startswith("Signed version 1")
    sign.close()

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "full.docx"), "")
    )
    menu.export_action.trigger()
    export = menu.dialog
    export.path.setText(str(tmp_path / "full.docx"))
    export.export_button.click()
    qtbot.waitUntil(lambda: export.written is not None, timeout=30000)
    assert export.signed.text().startswith("Signed as version 1 by Siân Llywelyn")
    assert "Carries version 1 as signed by Siân Llywelyn." in export.outcome.text()
    export.close()
    menu.verify_action.trigger()
    menu.dialog.choose_file()
    assert menu.dialog.heading.text() == "VALID"


def test_the_sign_dialog_says_when_a_review_copy_went_out_and_what_came_back(
    qtbot: QtBot, store: Store, service: MeetingService, tmp_path: Path
) -> None:
    meeting_id = service.add_demo(date.today())
    window, menu = menu_window(qtbot, store, service, meeting_id)
    menu.sign_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, SignDialog)
    assert dialog.review.isHidden()  # no review copy ever went out: nothing to say
    dialog.close()

    sent, _said = write_copy(service, service.get(meeting_id), tmp_path / "review.docx", "review")
    menu.sign_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, SignDialog)
    said = dialog.review.text()
    assert not dialog.review.isHidden()
    assert re.fullmatch(
        r"A review copy went out on \w+day \d{1,2} \w+ \d{4} at \d\d:\d\d \((GMT|BST)\), "
        r"and no comments have come back yet\.",
        said,
    ), said

    write_copy(service, service.get(meeting_id), tmp_path / "again.docx", "review")
    doc = docx.Document(str(sent))
    doc.add_comment(doc.paragraphs[1].runs or doc.paragraphs[0].runs, text="Agreed.", author="X")
    doc.save(str(tmp_path / "returned.docx"))
    import_file(store, service.get(meeting_id), tmp_path / "returned.docx")
    dialog.refresh()
    assert dialog.review.text().startswith("The last review copy went out on ")
    assert dialog.review.text().endswith(
        " (2 review copies in all); 1 comment(s) came back, 1 still open."
    )
