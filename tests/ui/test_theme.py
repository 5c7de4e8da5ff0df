"""Dark and light themes: text that carries meaning is readable in both (WCAG AA, 4.5:1).

Qt's offscreen platform ignores the system's colour scheme, so each test sets a dark
QPalette on the application, builds the window in it, and reads the rendered pixels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting.findings import BLOCKER, WARNING, Finding
from strategy_minutes.ui import theme
from strategy_minutes.ui.findings_panel import FindingDelegate, colours

from tests.ui.helpers import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PALETTES = ("light", "dark")


@pytest.fixture(params=PALETTES)
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The application in a light (Qt's default) or a dark palette, for one test."""
    before = qapp.palette()
    chosen = theme.dark_palette() if request.param == "dark" else QPalette(before)
    qapp.setPalette(chosen)
    yield chosen
    qapp.setPalette(before)


def rendered_contrast(widget: QWidget) -> float:
    """The contrast of a widget's text as drawn: its commonest pixel is the background, the
    pixel that stands out most from it is the text's own colour (a glyph's solid stem)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(theme.contrast(QColor.fromRgb(p), background) for p in pixels)


def _finding(severity: str, overridden: bool = False) -> Finding:
    return Finding(
        rule="no-interview-decision",
        severity=severity,
        message="Lily Penrose has no explicit interview decision.",
        kind="decisions",
        title="A child with no interview decision",
        override_reason="Decided outside the meeting." if overridden else "",
    )


def test_the_findings_headline_and_every_label_read_in_each_palette(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, palette: QPalette
) -> None:
    window = open_window(qtbot, tmp_path / "data", monkeypatch)
    meeting_id = window.service.add_demo(date.today())
    window.service.set_field(meeting_id, "outcome", None, "review_date", None)  # a blocker
    window.meetings.refresh()
    window.open_meeting(meeting_id)
    window.check()
    header = window.findings.header
    assert "blocker" in header.text()
    assert rendered_contrast(header) >= 4.5
    assert rendered_contrast(window.findings.hint) >= 4.5
    # every label on screen with text, wherever its colour comes from
    labels = [
        label
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.isEnabled() and label.text().strip()
    ]
    assert len(labels) > 10
    unreadable = [
        (label.text()[:40], round(rendered_contrast(label), 2))
        for label in labels
        if rendered_contrast(label) < 4.5
    ]
    assert unreadable == []
    # and the headline once nothing is missing (green ink), and a warning only (amber ink)
    window.findings.set_findings([])
    assert rendered_contrast(header) >= 4.5
    window.findings.set_findings([_finding(WARNING)])
    assert rendered_contrast(header) >= 4.5


@pytest.mark.parametrize(
    "finding",
    [_finding(BLOCKER), _finding(WARNING), _finding(BLOCKER, overridden=True)],
    ids=["blocker", "warning", "overridden"],
)
def test_each_finding_row_reads_on_its_own_background(
    qtbot: QtBot, palette: QPalette, finding: Finding
) -> None:
    from PySide6.QtWidgets import QListView, QStyleOptionViewItem

    view = QListView()
    qtbot.addWidget(view)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.palette = palette
    kind = "overridden" if finding.overridden else "blocker" if finding.blocks else "warning"
    strip, fill, _ink = colours(kind, palette)
    assert theme.contrast(strip, fill) >= theme.SHAPE_RATIO
    assert theme.contrast(theme.mark_on(strip), strip) >= theme.SHAPE_RATIO
    _inline, blocks = FindingDelegate(view)._blocks(option, finding)
    for _font, text, ink in blocks:
        assert theme.contrast(ink, fill) >= 4.5, text


def test_table_cells_that_flag_a_problem_or_an_unanswered_question_read(
    palette: QPalette,
) -> None:
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    assert theme.contrast(text, theme.tint("problem", palette)) >= 4.5
    assert theme.contrast(theme.ink("quiet", palette, QPalette.ColorRole.Base), base) >= 4.5
    window = palette.color(QPalette.ColorRole.Window)
    for meaning in theme.HUES:
        assert theme.contrast(theme.ink(meaning, palette), window) >= 4.5, meaning
