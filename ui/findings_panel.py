"""The findings panel: what is missing or in conflict, beside the editor, blockers first.

A chair glances at it during the meeting, so each row says its severity in words as well as
colour and shape, the sentence comes first and the rule code stays small. Choosing a row takes
the editor to the field; an override is asked for here and recorded by whoever owns the data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting.findings import BLOCKER, Finding
from strategy_minutes.ui import theme

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def colours(kind: str, palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(strip and icon, row background, severity ink) of a standing blocker, a warning or an
    overridden finding, in the palette's theme; the words and the icon's shape say the same
    thing without colour."""
    fill = theme.tint(kind, palette)
    return (
        theme.ink(kind, palette, fill, theme.SHAPE_RATIO),
        fill,
        theme.ink(kind, palette, fill),
    )


def ordered(findings: list[Finding]) -> list[Finding]:
    """Standing blockers, then standing warnings, then overridden ones; stable otherwise."""

    def rank(f: Finding) -> tuple[int, int]:
        return (
            2 if f.overridden else 0 if f.severity == BLOCKER else 1,
            0 if f.severity == BLOCKER else 1,
        )

    return sorted(findings, key=rank)


def state(f: Finding) -> str:
    return "overridden" if f.overridden else "blocker" if f.severity == BLOCKER else "warning"


def severity_words(f: Finding) -> str:
    word = "Blocker" if f.severity == BLOCKER else "Warning"
    return f"{word}, overridden" if f.overridden else word


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def headline(findings: list[Finding]) -> str:
    """The count line: clear about what stands, and clear when nothing is missing."""
    blockers = sum(f.blocks for f in findings)
    warnings = sum(not f.overridden and f.severity != BLOCKER for f in findings)
    overridden = sum(f.overridden for f in findings)
    tail = f" ({overridden} overridden)" if overridden else ""
    if not blockers and not warnings:
        return f"Nothing missing: no blockers or warnings{tail}."
    return f"{_plural(blockers, 'blocker')}, {_plural(warnings, 'warning')}{tail}"


class FindingsModel(QAbstractListModel):
    """The findings in the order a chair deals with them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> bool:
        """Replace the rows; False (and no reset) when nothing changed."""
        rows = ordered(findings)
        if rows == self.rows:
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        f = self.rows[index.row()]
        if role == FINDING_ROLE:
            return f
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            reason = (
                f" Overridden by the chair: {f.override_reason.rstrip('. ')}."
                if f.overridden
                else ""
            )
            return f"{severity_words(f)}: {f.title}. {f.message}{reason}"
        return None


def _icon(painter: QPainter, rect: QRectF, kind: str, colour: QColor) -> None:
    """A shape per state (circle, triangle, tick) so colour is never the only cue."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if kind == "warning":
        painter.drawPolygon(
            QPolygonF(
                [QPointF(rect.center().x(), rect.top()), rect.bottomRight(), rect.bottomLeft()]
            )
        )
    else:
        painter.drawEllipse(rect)
    painter.setPen(QPen(theme.mark_on(colour), 2.4))
    c = rect.center()
    if kind == "overridden":
        tick = QPainterPath(QPointF(c.x() - 4.5, c.y()))
        tick.lineTo(c.x() - 1, c.y() + 4)
        tick.lineTo(c.x() + 5, c.y() - 4)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    else:
        top = c.y() - 5 if kind == "blocker" else c.y() - 2
        painter.drawLine(QPointF(c.x(), top), QPointF(c.x(), c.y() + 2.5))
        painter.drawPoint(QPointF(c.x(), c.y() + 6))


class FindingDelegate(QStyledItemDelegate):
    """Draws a row: icon, severity in words, the rule's title small, the sentence, the reason."""

    MARGIN, ICON, GAP = 8, 18, 6

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, QFont]:
        base = QFont(option.font)
        head = QFont(base)
        head.setBold(True)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        reason = QFont(base)
        reason.setItalic(True)
        return head, base, small, reason

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - 2 * self.MARGIN - self.ICON - self.GAP - 6)

    def _blocks(
        self, option: QStyleOptionViewItem, f: Finding
    ) -> tuple[bool, list[tuple[QFont, str, QColor]]]:
        """Whether the rule's title fits beside the severity, and the lines to draw below it."""
        head, base, small, reason = self._fonts(option)
        width = self._text_width()
        inline = (
            QFontMetrics(head).horizontalAdvance(severity_words(f))
            + QFontMetrics(small).horizontalAdvance(f.title)
            + 16
        ) <= width
        palette = option.palette
        _strip, fill, ink = colours(state(f), palette)
        quiet = theme.ink("quiet", palette, fill)
        text = palette.color(QPalette.ColorRole.Text)
        out = [
            (head, severity_words(f), ink),
            (base, f.message, quiet if f.overridden else text),
        ]
        if f.overridden:
            out.append((reason, f"Overridden by the chair: {f.override_reason}", text))
        if not inline:
            out.append((small, f.title, quiet))
        return inline, out

    @staticmethod
    def _height(font: QFont, width: int, text: str) -> int:
        return (
            QFontMetrics(font)
            .boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
            .height()
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._text_width()
        _, blocks = self._blocks(option, index.data(FINDING_ROLE))
        return QSize(
            width,
            2 * self.MARGIN + sum(self._height(font, width, text) + 2 for font, text, _ in blocks),
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        f: Finding = index.data(FINDING_ROLE)
        kind = state(f)
        strip, fill, _ = colours(kind, option.palette)
        rect = QRect(option.rect).adjusted(0, 1, 0, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, fill)
        painter.fillRect(QRect(rect.left(), rect.top(), 5, rect.height()), strip)
        if option.state & QStyle.StateFlag.State_Selected:
            highlight = option.palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(theme.readable(highlight, fill, theme.SHAPE_RATIO), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        left = rect.left() + self.MARGIN + 2
        _icon(painter, QRectF(left, rect.top() + self.MARGIN, self.ICON, self.ICON), kind, strip)
        x = left + self.ICON + self.GAP
        width = self._text_width()
        y = rect.top() + self.MARGIN
        inline, blocks = self._blocks(option, f)
        if inline:
            _, _, small, _ = self._fonts(option)
            painter.setFont(small)
            painter.setPen(theme.ink("quiet", option.palette, fill))
            painter.drawText(
                QRect(x, y, width, QFontMetrics(blocks[0][0]).height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f.title,
            )
        for font, text, colour in blocks:
            painter.setFont(font)
            painter.setPen(colour)
            height = self._height(font, width, text)
            painter.drawText(QRect(x, y, width, height), Qt.TextFlag.TextWordWrap, text)
            y += height + 2
        painter.restore()


class FindingsPanel(QWidget):
    """Live findings for one meeting; emits where to go and which finding to override."""

    finding_chosen = Signal(str, str, str)  # kind, item_id, field
    override_requested = Signal(str, str)  # rule, target: the item id, or what it is about

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        self.header = QLabel()
        self.header.setWordWrap(True)
        head_font = self.header.font()
        head_font.setBold(True)
        head_font.setPointSizeF(head_font.pointSizeF() * 1.1)
        self.header.setFont(head_font)
        self.hint = QLabel("Enter or double-click a finding to go to its field.")
        self.hint.setWordWrap(True)
        theme.style_text(self.hint, "quiet")
        # which finding the editor was taken to, said in words beside the list
        self.at = QLabel()
        self.at.setWordWrap(True)
        self.at.setAccessibleName("The finding shown in the editor")
        self.at.hide()
        self.model = FindingsModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(FindingDelegate(self.list))
        self.list.setAccessibleName("Findings, blockers first")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.activated.connect(self._activated)
        self.go = QPushButton("&Go to field")
        self.go.setAccessibleName("Go to the field of the chosen finding")
        self.go.clicked.connect(lambda: self._activated(self.list.currentIndex()))
        self.override = QPushButton("&Override…")
        self.override.setAccessibleName("Override the chosen finding, giving a reason")
        self.override.setToolTip(
            "Record why this finding does not apply; the reason is kept in the minutes."
        )
        self.override.clicked.connect(self._override)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go)
        buttons.addWidget(self.override)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.header)
        box.addWidget(self.hint)
        box.addWidget(self.at)
        box.addWidget(self.list, 1)
        box.addLayout(buttons)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self._show_headline([])
        self._update_buttons()

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings, keeping the chosen one and the scroll position.

        Called on every edit, so an unchanged list costs nothing and moves nothing.
        """
        chosen = self.selected()
        scrolled = self.list.verticalScrollBar().value()
        if not self.model.set_findings(findings):
            return
        self._show_headline(findings)
        if chosen is not None:
            for row, f in enumerate(self.model.rows):
                if (f.rule, f.kind, f.item_id, f.field) == (
                    chosen.rule,
                    chosen.kind,
                    chosen.item_id,
                    chosen.field,
                ):
                    self.list.selectionModel().setCurrentIndex(
                        self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    )
                    break
        self.list.doItemsLayout()
        self.list.verticalScrollBar().setValue(scrolled)
        self._update_buttons()

    def _show_headline(self, findings: list[Finding]) -> None:
        text = headline(findings)
        clear = not any(not f.overridden for f in findings)
        self.header.setText(("✓ " if clear else "") + text)
        self._meaning = (
            "good" if clear else "blocker" if any(f.blocks for f in findings) else "warning"
        )
        theme.style_text(self.header, self._meaning)
        self.list.setAccessibleDescription(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """A new palette (the system went dark or light): the headline and hint follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_meaning"):
            theme.style_text(self.header, self._meaning)
            theme.style_text(self.hint, "quiet")

    def selected(self) -> Finding | None:
        index = self.list.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex) -> None:
        """Keep the keyboard's row and the highlighted row the same, so Enter does what is seen."""
        selection = self.list.selectionModel()
        if not current.isValid():
            selection.clearSelection()
        elif not selection.isSelected(current):
            selection.select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._update_buttons()

    def _update_buttons(self) -> None:
        f = self.selected()
        self.go.setEnabled(f is not None)
        self.override.setEnabled(f is not None and not f.overridden)

    def _activated(self, index: QModelIndex) -> None:
        f = index.data(FINDING_ROLE) if index.isValid() else None
        if f is not None:
            self.at.setText(
                f"Showing finding {index.row() + 1} of {self.model.rowCount()}: "
                f"{severity_words(f)}, {f.title}. {f.message}"
            )
            self.at.show()
            self.finding_chosen.emit(f.kind, f.item_id, f.field)

    def _override(self) -> None:
        f = self.selected()
        if f is not None and not f.overridden:
            self.override_requested.emit(f.rule, f.target)
