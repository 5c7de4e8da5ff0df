"""Regenerate the README's screenshots from the running app, with the fictional demo meeting.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/take.py [OUT_DIR]

Runs on a throwaway data folder and settings (passphrase mode, no keyring touched), so it
never reads or writes the real store.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (1366, 768)  # a common council laptop


def main(out: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="strategy-minutes-shots-"))
    os.environ.update(
        {
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_CONFIG_HOME": str(scratch / "config"),
            "XDG_DATA_HOME": str(scratch / "data"),
            "STRATEGY_MINUTES_PASSPHRASE": "screenshots only, not a real passphrase",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    from PySide6.QtWidgets import QApplication
    from strategy_minutes.ui import app, dialogs

    qt = QApplication.instance() or QApplication(sys.argv)
    dialogs.show_recovery_key = lambda code, parent=None: None  # type: ignore[assignment]
    window = app.build(scratch / "store")
    assert window is not None
    # The status bar names the data folder; show where a chair's Windows laptop keeps it, not
    # this run's scratch folder (a path of the machine that took the pictures).
    laptop = "C:\\Users\\chair\\AppData\\Local\\Strategy Minutes"
    window.location.setText(window.location.text().replace(str(scratch / "store"), laptop))
    demo = window.service.add_demo()
    window.service.new_meeting("SM-2026-0139")
    window.meetings.refresh()
    window.resize(*SIZE)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            qt.processEvents()
        window.grab().save(str(out / name))
        print(out / name)

    shot("main-window.png")
    window.open_meeting(demo)
    assert window.editor is not None
    window.editor.show_section("facts")
    shot("meeting-facts.png")
    window.editor.show_section("think_family")
    shot("think-family.png")
    window.editor.show_section("attendees")
    shot("attendance.png")
    window.editor.show_section("people")
    shot("people.png")
    window.editor.show_section("family_map")
    shot("family-map-section.png")
    grid = window.editor.show_section("decisions")
    shot("decision-grid.png")
    # a chair's slip, shown where it happened: an interview that ends before it starts
    form = grid.form
    form.editors["interview_end"].setText("26/11/2026 9.00")
    form.commit("interview_end")
    form.editors["medical_when"].setText("tomorrow afternoon")
    form.commit("medical_when")
    window.editor.go_to("decisions", grid.model.item(0).id, "interview_end")
    shot("inline-problems.png")
    form.editors["medical_when"].clear()  # put the demo back as it was
    form.commit("medical_when")
    window.editing.stack.undo()  # type: ignore[union-attr]
    findings_in_app(window, shot)
    capture_forms(window, out)
    disclosure_review(window, demo, out)
    help_dialog(window, out)
    window.close()


def capture_forms(window: object, out: Path) -> None:
    """The forms a chair records in, at 1366x768, light and dark: a child's person form (the
    questions that fit a child), one child's decision whole on the screen, a decision reached
    from its finding (scrolled to, marked, said in the panel), and the override that can
    cover the same finding for both children."""
    from PySide6.QtWidgets import QApplication
    from strategy_minutes.ui.override_dialog import OverrideDialog
    from strategy_minutes.ui.theme import dark_palette

    qt = QApplication.instance()
    editor = window.editor  # type: ignore[attr-defined]
    panel = window.findings  # type: ignore[attr-defined]
    window.resize(1366, 768)  # type: ignore[attr-defined]
    for suffix, dark in (("", False), ("-dark", True)):
        before = qt.palette()
        if dark:
            qt.setPalette(dark_palette())

        def grab(widget: object, name: str, suffix: str = suffix) -> None:
            for _ in range(3):
                qt.processEvents()
            widget.grab().save(str(out / f"{name}{suffix}.png"))  # type: ignore[attr-defined]
            print(out / f"{name}{suffix}.png")

        people = editor.show_section("people")
        child = next(p for p in window.editing.meeting.people if p.data["category"] == "child")  # type: ignore[attr-defined]
        people.select(child.id)
        grab(window, "capture-person")
        # the common case, whole on one screen: an ABE interview planned, no medical
        decisions = editor.show_section("decisions")
        meeting = window.editing.meeting  # type: ignore[attr-defined]
        decisions.select(
            next(d.id for d in meeting.decisions if meeting.title(d) == "Lily Penrose")
        )
        decisions.form.clear_highlight()  # a mark left by the light pass
        grab(window, "capture-decision")
        row = next(n for n, f in enumerate(panel.model.rows) if f.kind == "decisions")
        panel.list.setCurrentIndex(panel.model.index(row))
        panel._activated(panel.model.index(row))
        grab(window, "capture-go-to-finding")
        finding = panel.model.rows[row]
        others = [
            f for f in panel.model.rows if f.rule == finding.rule and f.target != finding.target
        ]
        dialog = OverrideDialog(finding, others, window)  # type: ignore[arg-type]
        dialog.reason.setPlainText(
            "Both children were spoken to by the social worker this morning; the interview "
            "decision is made at the review on Tuesday, once police have seen the school."
        )
        dialog.tick_all()
        dialog.show()
        grab(dialog, "override")
        dialog.close()
        qt.setPalette(before)
    window.resize(*SIZE)  # type: ignore[attr-defined]


def help_dialog(window: object, out: Path) -> None:
    """Help > Keyboard shortcuts and guides (F1), at 1366x768, light and dark."""
    from PySide6.QtWidgets import QApplication
    from strategy_minutes.ui.help_dialog import HelpDialog
    from strategy_minutes.ui.theme import dark_palette

    qt = QApplication.instance()
    for name, dark in (("help.png", False), ("help-dark.png", True)):
        before = qt.palette()
        if dark:
            qt.setPalette(dark_palette())
        dialog = HelpDialog(window)  # type: ignore[arg-type]
        dialog.resize(1366, 768)
        dialog.show()
        for _ in range(3):
            qt.processEvents()
        dialog.grab().save(str(out / name))
        print(out / name)
        dialog.close()
        qt.setPalette(before)


def disclosure_review(window: object, meeting_id: str, out: Path) -> None:
    """The review a chair confirms before a copy for a parent: at 1366x768, light and dark."""
    from PySide6.QtWidgets import QApplication
    from strategy_minutes.ui.disclosure_review import DisclosureReview
    from strategy_minutes.ui.theme import dark_palette

    service = window.service  # type: ignore[attr-defined]
    qt = QApplication.instance()
    for name, dark in (("disclosure-review.png", False), ("disclosure-review-dark.png", True)):
        before = qt.palette()
        if dark:
            qt.setPalette(dark_palette())
        review = DisclosureReview(service, service.get(meeting_id), window)  # type: ignore[arg-type]
        review.resize(1366, 768)
        review.show()
        for _ in range(3):
            qt.processEvents()
        review.grab().save(str(out / name))
        print(out / name)
        review.close()
        qt.setPalette(before)


def findings_in_app(window: object, shot: object) -> None:
    """The same family with gaps a chair might leave: the findings panel says what they are."""
    service = window.service  # type: ignore[attr-defined]
    gaps = service.add_demo()
    meeting = service.get(gaps)
    lily = next(d for d in meeting.items_of("decisions") if meeting.title(d) == "Lily Penrose")
    service.set_field(gaps, "decisions", lily.id, "interviewers", [])
    probation = next(a for a in meeting.items_of("attendees") if a["agency"] == "probation")
    service.remove_item(gaps, probation.id)
    service.set_field(gaps, "think_family", None, "neglect", None)
    window.open_meeting(gaps)  # type: ignore[attr-defined]
    window.editor.show_section("decisions")  # type: ignore[attr-defined]
    shot("findings-in-app.png")  # type: ignore[operator]


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
