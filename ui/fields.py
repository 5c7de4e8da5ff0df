"""One input widget per field type of the spec, shared by the forms and the table delegates.

Each editor offers `value()` (what to save), `set_value(v)` (show a stored value without
saving) and a `committed` signal when the chair has finished with it: on Enter or leaving the
field for one-line text, after a short pause in typing for long text, at once for choices.
Dates and times also accept the way people in England type them (24/11/2026, 9.30) and are
saved in the spec's ISO form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import Editor, Someone, YesNo
from strategy_minutes.desktop.meeting.model import Meeting

TYPING_PAUSE_MS = 1200  # long text is saved after this pause, so a paragraph is not 1 save a key
MeetingSource = Callable[[], Meeting]
UNANSWERED = "Not answered"
LONG_TEXT_LINES = (3, 10)  # a long text box grows with its text between these


class _UndoPassThrough(QObject):
    """Lets Ctrl+Z reach the meeting's undo stack when a field has no typing of its own to undo.

    Text inputs claim the undo keys for themselves even when they have nothing to undo, which
    would make the Edit menu's Undo dead whenever the cursor is in a field. While a field holds
    typing not yet saved, Ctrl+Z undoes that typing; once saved, it undoes the saved edit.
    """

    def __init__(self, typing_unsaved: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._has_own_undo = typing_unsaved

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
            and not self._has_own_undo()
        ):
            event.ignore()
            return True
        return False


class TextEditor(QLineEdit):
    """One line of text, or a date/time typed as text (empty allowed)."""

    committed = Signal()

    def __init__(self, field: spec.Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText(field.type.placeholder)
        self.editingFinished.connect(self.committed)
        self._shown = ""  # the saved value as shown; typing differs from it until saved
        self.installEventFilter(_UndoPassThrough(lambda: self.text() != self._shown, self))

    def value(self) -> Any:
        return self.field.type.tidy(self.text().strip()) or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else self.field.type.display(value, str)
        self._shown = text
        if text != self.text():
            self.setText(text)


class LongTextEditor(QPlainTextEdit):
    """Paragraphs: saved after a pause in typing and on leaving the field."""

    committed = Signal()  # left the field
    paused = Signal()  # stopped typing for a moment, still in the field
    entered = Signal()  # a new spell of typing begins

    def __init__(self, field: spec.Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setTabChangesFocus(True)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.paused)
        self.textChanged.connect(self._typed)
        self._quiet = False
        self._shown = ""
        self.textChanged.connect(self._fit)
        self._fit()
        self.installEventFilter(_UndoPassThrough(lambda: self.toPlainText() != self._shown, self))

    def _fit(self) -> None:
        """Tall enough for what is written (3 to 10 lines), so short notes stay compact."""
        lines = max(
            LONG_TEXT_LINES[0], min(LONG_TEXT_LINES[1], round(self.document().size().height()))
        )
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + margins.top()
            + margins.bottom()
            + 2 * round(self.document().documentMargin())
            + 2
        )
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()  # the text wraps anew at a new width

    def _typed(self) -> None:
        if not self._quiet:
            self._pause.start()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self.entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        if self._pause.isActive():
            self._pause.stop()
        self.committed.emit()

    def value(self) -> Any:
        return self.toPlainText() or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self._shown = text
        if text != self.toPlainText():
            self._quiet = True
            self.setPlainText(text)
            self._quiet = False


def best_match(labels: list[str], typed: str, after: int = -1) -> int:
    """The entry a chair means by typing `typed`: a label that begins with it, else one with a
    word that begins with it, else one that contains it anywhere; -1 for none. Case and
    accents aside. Typing one letter again steps to the next entry it matches (after `after`).
    """
    key = typed.casefold()
    if not key:
        return -1
    if len(key) > 1 and key == key[0] * len(key):  # "ss": the next match of "s"
        matches = [n for n, label in enumerate(labels) if _rank(label, key[0]) is not None]
        later = [n for n in matches if n > after]
        return (later or matches or [-1])[0]
    ranked = [(r, n) for n, label in enumerate(labels) if (r := _rank(label, key)) is not None]
    return min(ranked)[1] if ranked else -1


def _rank(label: str, key: str) -> int | None:
    text = label.casefold()
    if text.startswith(key):
        return 0
    if any(word.startswith(key) for word in re.split(r"[\s\-(/,']+", text)):
        return 1
    return 2 if key in text else None


class ComboEditor(QComboBox):
    """One of a fixed set: a choice, yes/no/unanswered, or an item of another list.

    Typing finds an entry by any part of its label (see `best_match`), so "far" finds
    "Unknown so far" and "inv" finds "Chris Invented"; the unanswered entry is reached with
    the arrow keys or Home, never by typing."""

    committed = Signal()

    def __init__(
        self, field: spec.Field, meeting: MeetingSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self._meeting = meeting
        self._typed = ""
        self._typed_at = QElapsedTimer()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not taken by a passing mouse wheel
        self.activated.connect(self.committed)
        self.refresh_options()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if not (plain and text and text.isprintable() and not text.isspace()):
            super().keyPressEvent(event)
            return
        fresh = (
            not self._typed_at.isValid()
            or self._typed_at.elapsed() > QApplication.keyboardInputInterval()
        )
        self._typed = text if fresh else self._typed + text
        self._typed_at.start()
        labels = [
            self.itemText(n) if self.itemData(n) is not None else "" for n in range(self.count())
        ]
        found = best_match(labels, self._typed, self.currentIndex())
        if found >= 0 and found != self.currentIndex():
            self.setCurrentIndex(found)
            self.activated.emit(found)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        """Scrolling the form past a choice must not change (and save) it."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def _options(self) -> list[tuple[str, Any]]:
        if isinstance(self.field.type, YesNo):
            return [(UNANSWERED, None), ("Yes", True), ("No", False)]
        if self.field.ref:
            m = self._meeting()
            return [("", None)] + [
                (m.title(i) or "(unnamed)", i.id) for i in m.items_of(self.field.ref)
            ]
        if isinstance(self.field.type, Someone):
            return [("", None)] + someone_options(self._meeting(), self.field.type.kinds)
        return [("", None)] + [(label, value) for value, label in self.field.choices]

    def refresh_options(self) -> None:
        """Rebuild the list (after items of the referenced kind change), keeping the value."""
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        for label, value in self._options():
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = next(
            (
                n
                for n in range(self.count())
                if self.itemData(n) is not None
                and self.itemData(n) == value
                and type(self.itemData(n)) is type(value)
            ),
            0,
        )
        if value is not None and index == 0 and isinstance(self.field.type, Someone):
            self.addItem(f"{value} (as typed)", value)  # a name typed before names were picked
            index = self.count() - 1
        elif value is not None and index == 0 and self.field.ref:
            self.addItem("(removed)", value)  # a dangling reference stays visible, not dropped
            index = self.count() - 1
        self.setCurrentIndex(index)


def someone_options(m: Meeting, kinds: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Everyone a field may name: attendees with their role, then the people of the record."""
    out: list[tuple[str, Any]] = []
    for kind in kinds:
        for i in m.items_of(kind):
            name = m.title(i) or "(unnamed)"
            role = i.data["role"] if kind == "attendees" else ""
            out.append((f"{name}, {role}" if role else name, i.id))
    return out


class MultiEditor(QListWidget):
    """Several of a set: procedures in use, or interviewers picked from the attendees."""

    committed = Signal()

    def __init__(
        self, field: spec.Field, meeting: MeetingSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self._meeting = meeting
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._saved: list[str] = []
        self.itemChanged.connect(lambda _item: self.committed.emit())
        self.refresh_options()

    def _options(self) -> list[tuple[str, str]]:
        if self.field.ref:
            m = self._meeting()
            return [(m.title(i) or "(unnamed)", i.id) for i in m.items_of(self.field.ref)]
        return [(label, value) for value, label in self.field.choices]

    def refresh_options(self) -> None:
        current = self.value() if self.count() else []
        self.blockSignals(True)
        self.clear()
        for label, value in self._options():
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        rows = max(1, min(self.count(), 6))
        self.setFixedHeight(rows * (self.fontMetrics().height() + 6) + 6)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> list[str]:
        """The ticked values, those already saved first in their saved order."""
        ticked = [
            self.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.count())
            if self.item(n).checkState() == Qt.CheckState.Checked
        ]
        return [v for v in self._saved if v in ticked] + [v for v in ticked if v not in self._saved]

    def set_value(self, value: Any) -> None:
        wanted = list(value or [])
        self._saved = wanted
        self.blockSignals(True)
        known = {self.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.count())}
        for missing in (v for v in wanted if v not in known):
            item = QListWidgetItem("(removed)", self)  # keep a dangling id visible
            item.setData(Qt.ItemDataRole.UserRole, missing)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        for n in range(self.count()):
            item = self.item(n)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)


FieldEditor = TextEditor | LongTextEditor | ComboEditor | MultiEditor


def make_editor(
    field: spec.Field, meeting: MeetingSource, parent: QWidget | None = None
) -> FieldEditor:
    editor = field.type.editor
    if editor == Editor.PARAGRAPHS:
        return LongTextEditor(field, parent)
    if editor == Editor.PICK_ONE:
        return ComboEditor(field, meeting, parent)
    if editor == Editor.PICK_MANY:
        return MultiEditor(field, meeting, parent)
    return TextEditor(field, parent)


def editable_in_cell(field: spec.Field) -> bool:
    """Long text and multi-picks are edited in the detail form; the rest in the cell too."""
    return field.type.editor in (Editor.LINE, Editor.PICK_ONE)
