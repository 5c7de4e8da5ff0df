"""The findings panel puts blockers first, counts what stands, and says where to go."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting.findings import BLOCKER, WARNING, Finding
from strategy_minutes.ui.findings_panel import FINDING_ROLE, FindingsPanel

# The offscreen platform says this whenever a window is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

INTERVIEWERS = Finding(
    "interview-decision-missing",
    BLOCKER,
    "Name who interviews Lily.",
    "decisions",
    "d-lily",
    "interviewers",
    target="d-lily",
)
TOGETHER = Finding(
    "siblings-interviewed-together",
    BLOCKER,
    "Maisie and Lily are planned to be interviewed together.",
    "decisions",
    "d-maisie",
    "interview_start",
)
REVIEW = Finding(
    "review-date-missing",
    WARNING,
    "Set the date of the review meeting.",
    "outcome",
    "",
    "review_date",
)
PROBATION = Finding(
    "probation-missing",
    BLOCKER,
    "Probation is not involved.",
    "people",
    "p-roy",
    "",
    override_reason="Offender manager briefed by phone.",
)
COMPLEX = Finding(
    "complex-abuse-procedure-suggested",
    WARNING,
    "Children in 3 households.",
    "facts",
    "",
    "procedures",
    override_reason="A one-off weekend visit.",
)


@pytest.fixture
def panel(qtbot: QtBot) -> FindingsPanel:
    w = FindingsPanel()
    qtbot.addWidget(w)
    w.resize(480, 700)
    w.set_findings([COMPLEX, REVIEW, PROBATION, INTERVIEWERS, TOGETHER])
    w.show()
    qtbot.waitExposed(w)
    return w


def choose(panel: FindingsPanel, row: int) -> None:
    panel.list.setCurrentIndex(panel.model.index(row))


def test_blockers_come_first_then_warnings_then_overridden(panel: FindingsPanel) -> None:
    assert panel.model.rows == [INTERVIEWERS, TOGETHER, REVIEW, PROBATION, COMPLEX]
    assert panel.header.text() == "2 blockers, 1 warning (2 overridden)"


def test_the_header_says_clearly_when_nothing_is_missing(panel: FindingsPanel) -> None:
    panel.set_findings([])
    assert panel.header.text() == "✓ Nothing missing: no blockers or warnings."
    assert panel.model.rowCount() == 0
    panel.set_findings([PROBATION])
    assert panel.header.text() == "✓ Nothing missing: no blockers or warnings (1 overridden)."
    panel.set_findings([REVIEW, REVIEW])
    assert panel.header.text() == "0 blockers, 2 warnings"


def test_each_row_says_its_severity_in_words_and_overrides_show_the_reason(
    panel: FindingsPanel,
) -> None:
    def read(row: int) -> str:
        return panel.model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)

    assert read(0) == ("Blocker: Interview not decided. Name who interviews Lily.")
    assert read(2).startswith("Warning: Review date missing. Set the date")
    assert read(3) == (
        "Blocker, overridden: Probation missing. Probation is not involved. Overridden by "
        "the chair: Offender manager briefed by phone."
    )
    assert not any("-missing" in read(n) for n in range(panel.model.rowCount()))
    option = QStyleOptionViewItem()
    option.initFrom(panel.list)
    delegate = panel.list.itemDelegate()
    plain = delegate.sizeHint(option, panel.model.index(2))
    overridden = delegate.sizeHint(option, panel.model.index(4))
    assert overridden.height() > plain.height()  # the reason gets its own line


def test_enter_and_double_click_go_to_the_field(qtbot: QtBot, panel: FindingsPanel) -> None:
    choose(panel, 1)
    with qtbot.waitSignal(panel.finding_chosen) as chosen:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert chosen.args == ["decisions", "d-maisie", "interview_start"]
    where = panel.list.visualRect(panel.model.index(2)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(panel.finding_chosen) as chosen:
        qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert chosen.args == ["outcome", "", "review_date"]


def test_override_is_offered_only_for_a_chosen_standing_finding(
    qtbot: QtBot, panel: FindingsPanel
) -> None:
    panel.list.setCurrentIndex(QModelIndex())
    assert not panel.override.isEnabled() and not panel.go.isEnabled()
    choose(panel, 3)
    assert panel.selected() == PROBATION and not panel.override.isEnabled()
    choose(panel, 0)
    assert panel.override.isEnabled()
    with qtbot.waitSignal(panel.override_requested) as asked:
        qtbot.mouseClick(panel.override, Qt.MouseButton.LeftButton)
    assert asked.args == ["interview-decision-missing", "d-lily"]


def test_the_chosen_finding_stays_chosen_when_findings_refresh(panel: FindingsPanel) -> None:
    choose(panel, 1)
    panel.set_findings([REVIEW, TOGETHER])
    assert panel.selected() == TOGETHER
    assert panel.list.currentIndex().data(FINDING_ROLE) == TOGETHER
    panel.set_findings([REVIEW])
    assert panel.selected() is None and not panel.override.isEnabled()


def test_refreshing_keeps_the_chairs_place_in_the_list(qtbot: QtBot, panel: FindingsPanel) -> None:
    many = [
        replace(REVIEW, item_id=f"a-{n}", message=f"Action {n} has no owner.") for n in range(40)
    ]
    panel.set_findings(many)
    panel.list.verticalScrollBar().setValue(300)
    with qtbot.assertNotEmitted(panel.model.modelReset):
        panel.set_findings(list(many))  # every edit re-runs the rules
    assert panel.list.verticalScrollBar().value() == 300
    panel.set_findings(many[1:])  # the first one was fixed
    qtbot.wait(50)  # the list lays itself out again later
    assert panel.list.verticalScrollBar().value() == 300
    assert panel.header.text() == "0 blockers, 39 warnings"
