"""A form for one record (a section, or the item chosen in a list), built from the spec.

Problems are shown in words under the field they concern: a value the store refused (the
typed text stays in the field so nothing is lost) and anything `item_problems` finds about the
record (a future date of birth, an end before a start, a duplicate person, a reference to
nothing). The other fields keep working meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting import defaults, spec, validation
from strategy_minutes.desktop.services import InvalidValue, NotSaved
from strategy_minutes.desktop.signoff.lifecycle import ReadOnly
from strategy_minutes.ui import theme
from strategy_minutes.ui.fields import (
    ComboEditor,
    FieldEditor,
    LongTextEditor,
    TextEditor,
    make_editor,
)
from strategy_minutes.ui.form_columns import FormColumns, labelled
from strategy_minutes.ui.more_details import MoreDetails
from strategy_minutes.ui.undo import Editing, same

HIGHLIGHT_MS = 4000  # how long a field a finding led to stays marked
# Alt+letters taken elsewhere on screen: the menus (File, Edit, Go, Meeting, View, Help),
# Back to meetings, the findings panel's Override; and on list pages the Add and Remove buttons.
RESERVED_MNEMONICS = frozenset("fegmvhbo")
LIST_PAGE_MNEMONICS = frozenset("ar")


def with_mnemonic(label: str, used: set[str]) -> str:
    """The label with an Alt+letter for the first letter not yet taken in this form."""
    text = label.replace("&", "&&")
    for n, ch in enumerate(text):
        if ch.isascii() and ch.isalpha() and ch.lower() not in used:
            used.add(ch.lower())
            return text[:n] + "&" + text[n:]
    return text


class ItemForm(QWidget):
    """Every field of one kind; `set_item` chooses the record (None for a section)."""

    def __init__(
        self,
        editing: Editing,
        kind: spec.Kind,
        parent: QWidget | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.editing, self.kind = editing, kind
        self.item_id: str | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.problems: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}  # the row of each field, hidden where it does not apply
        self._rows: dict[str, QWidget] = {}  # compact: each field's label and cell together
        # each editor's own focus policy, for when Tab is to stop at it
        self._tab_policy: dict[str, Qt.FocusPolicy] = {}
        # (item id, field) filled in by the app from another answer (a sibling is a child):
        # Tab passes them by, so the cursor goes on to the next open question
        self._implied: set[tuple[str, str]] = set()
        self.highlighted = ""  # the field a finding led to, marked for a while
        self._unmark = QTimer(self, singleShot=True, interval=HIGHLIGHT_MS)
        self._unmark.timeout.connect(self.clear_highlight)
        # (item id, field) -> (the text the store refused, why): kept while the meeting is
        # open, so moving to another row and back does not lose what was typed
        self._refused: dict[tuple[str, str], tuple[Any, str]] = {}
        layout = self.form_layout = QFormLayout(self)  # a page may add a row above
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        used = set(RESERVED_MNEMONICS | (LIST_PAGE_MNEMONICS if kind.is_list else set()))
        # Fields Tab passes by need their Alt+letter most: they choose first.
        texts = {
            f.name: with_mnemonic(f.label, used)
            for f in sorted(kind.all_fields(), key=lambda f: not self._passed_by(f))
        }
        # Compact: two columns, and the details rarely given folded away behind one toggle.
        self.columns = FormColumns(self) if compact else None
        self.details = MoreDetails(self, with_mnemonic("More details", used)) if compact else None
        if self.columns is not None:
            layout.addRow(self.columns)
        for f in kind.all_fields():
            editor = make_editor(f, lambda: self.editing.meeting, self)
            editor.setAccessibleName(f.label)
            if f.help:
                editor.setToolTip(f.help)
                editor.setAccessibleDescription(f.help)
            if isinstance(editor, LongTextEditor):  # a spell of typing in it: one undo step
                editor.entered.connect(editing.new_typing_spell)
                editor.paused.connect(lambda name=f.name: self.commit(name, typing=True))
                editor.committed.connect(lambda name=f.name: self.commit(name, typing=True))
            else:
                editor.committed.connect(lambda name=f.name: self.commit(name))
            text = texts[f.name]
            label = QLabel(text, self)
            label.setBuddy(editor)
            if f.quiet and "&" in text.replace("&&", ""):  # reachable by its Alt+letter
                key = text[text.replace("&&", "  ").index("&") + 1].upper()
                usually = f"Often left empty here: Tab passes it by; Alt+{key} reaches it."
                editor.setToolTip(f"{f.help} {usually}".strip())
            self._tab_policy[f.name] = editor.focusPolicy()
            problem = QLabel(self)
            theme.style_text(problem, "problem")
            problem.setWordWrap(True)
            problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            problem.hide()
            cell = QWidget(self)
            cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(problem)
            if self.columns is None:
                layout.addRow(label, cell)
            else:
                one_line = isinstance(editor, TextEditor | ComboEditor)
                self._rows[f.name] = labelled(label, cell)
                self.columns.add_row(self._rows[f.name], editor if one_line else None)
            self.editors[f.name], self.problems[f.name] = editor, problem
            self.labels[f.name], self.cells[f.name] = label, cell
            if self.details is not None and f.quiet:
                self.details.add(f.name, text)
        # Values kept in fields that no longer apply (an interview booked, then "No"): said,
        # so nothing seems lost, and shown again as soon as the field applies again.
        self.kept = QLabel(self)
        self.kept.setWordWrap(True)
        self.kept.setAccessibleName("Values kept in questions that do not apply now")
        self.kept.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kept.hide()
        if self.columns is not None and self.details is not None:  # after the fields
            self.columns.add_row(self.details.toggle)
            self.columns.add_row(self.kept)
        else:
            layout.addRow(self.kept)
        editing.field_changed.connect(self._changed)
        editing.item_added.connect(self._list_changed)
        editing.item_removed.connect(self._list_changed)
        if editing.read_only_reason:
            self._read_only()
        self.setEnabled(not kind.is_list)  # a list's form waits for an item to be chosen
        if not kind.is_list:
            self.refresh()

    def _passed_by(self, f: spec.Field) -> bool:
        """Whether Tab may pass the field by (quiet, or filled in by the app)."""
        return bool(f.quiet) or f.name in defaults.FILLED_IN.get(self.kind.name, ())

    def _read_only(self) -> None:
        """Signed minutes: every value can be read, selected and copied, none changed."""
        for editor in self.editors.values():
            if isinstance(editor, (TextEditor, LongTextEditor)):
                editor.setReadOnly(True)
            else:
                editor.setEnabled(False)

    # -- choosing and showing the record ---------------------------------------------------
    def set_item(self, item_id: str | None) -> None:
        """Show another item (flushing what was typed into the one shown before)."""
        if item_id == self.item_id:
            return
        self.flush()
        self.item_id = item_id
        self.setEnabled(item_id is not None)
        self.refresh()

    def record(self) -> dict[str, Any] | None:
        """The record shown, as stored (None while no item is chosen)."""
        return self._data()

    def _data(self) -> dict[str, Any] | None:
        if self.kind.is_list and not self.item_id:
            return None
        try:
            return self.editing.record(self.kind.name, self.item_id)
        except KeyError:
            return None

    def _key(self, name: str) -> tuple[str, str]:
        return (self.item_id or "", name)

    def refresh(self) -> None:
        data = self._data() or {}
        for name, editor in self.editors.items():
            refused = self._refused.get(self._key(name))
            editor.set_value(refused[0] if refused else data.get(name))
        self.show_applicable()
        self.show_problems()

    def show_applicable(self) -> None:
        """Show the fields that apply to this record as it stands (the spec's `when`)."""
        data = self._data()
        kept = []
        folded = self.details.folded() if self.details is not None else set()
        applicable = []
        for f in self.kind.all_fields():
            applies = data is None or f.applies(data)
            if applies:
                applicable.append(f.name)
            if self.columns is None:
                self.form_layout.setRowVisible(self.cells[f.name], applies)
            else:
                self._rows[f.name].setVisible(applies and f.name not in folded)
            if not self.editing.read_only_reason:
                passed_by = f.is_quiet(data) or self._key(f.name) in self._implied
                policy = Qt.FocusPolicy.ClickFocus if passed_by else self._tab_policy[f.name]
                self.editors[f.name].setFocusPolicy(policy)
            if not applies and data is not None and not f.type.is_empty(data.get(f.name)):
                shown = self.editing.meeting.display(f, data.get(f.name)).split("\n", 1)[0]
                kept.append(f"{f.label}: {shown[:60]}")
        self.kept.setText(
            "Kept, though it does not apply now (it shows again if the answers change): "
            + "; ".join(kept)
            + "."
            if kept
            else ""
        )
        self.kept.setVisible(bool(kept))
        if self.details is not None:
            self.details.show_count(data, applicable)
        if self.columns is not None:
            self.columns.arrange()

    def show_problems(self) -> None:
        data = self._data()
        found: dict[str, str] = {}
        if data is not None:
            for p in validation.item_problems(
                self.editing.meeting, self.kind.name, self.item_id or "", data
            ):
                found.setdefault(p.field, p.message)
        found.update(
            {
                name: message
                for (item_id, name), (_text, message) in self._refused.items()
                if item_id == (self.item_id or "")
            }
        )
        for name, label in self.problems.items():
            message = found.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            self.editors[name].setAccessibleDescription(message or self.kind.field(name).help)

    def unsaved(self) -> list[tuple[str, str, str]]:
        """(item id, field, why) for text typed here that the store refused."""
        return [
            (item_id, name, message) for (item_id, name), (_text, message) in self._refused.items()
        ]

    # -- saving ----------------------------------------------------------------------------
    def commit(self, name: str, typing: bool = False) -> None:
        """Save the field's value; `typing` when saved in a pause while the chair types on."""
        data = self._data()
        if data is None:
            return
        value = defaults.complete(
            self.editing.meeting, self.kind.field(name), self.editors[name].value()
        )
        key = self._key(name)
        if same(value, data.get(name)):
            if self._refused.pop(key, None):
                self.show_problems()
            return
        # Answers this one implies (a sibling is a child, an owner brings their agency),
        # filled only where empty and saved with it as one undo step.
        also = defaults.follow_ons(self.editing.meeting, self.kind.name, data, name, value)
        try:
            self._implied.discard(key)  # the chair's own answer now
            if also:
                with self.editing.macro(f"set {self.kind.field(name).label.lower()}"):
                    self.editing.set_field(self.kind.name, self.item_id, name, value)
                    for other, implied in also.items():
                        self.editing.set_field(self.kind.name, self.item_id, other, implied)
                        self._implied.add(self._key(other))
                self.show_applicable()
                self._pass_filled(also)
            else:
                self.editing.set_field(self.kind.name, self.item_id, name, value, typing=typing)
        except (InvalidValue, ReadOnly, NotSaved) as problem:
            editor = self.editors[name]
            typed = editor.text() if isinstance(editor, TextEditor) else value  # as typed
            self._refused[key] = (typed, str(problem))
            self.show_problems()
            return
        self._refused.pop(key, None)
        self.show_problems()

    def _pass_filled(self, filled: dict[str, Any]) -> None:
        """Tab from a typed answer lands before its follow-ons are filled: go on past them."""
        focus = QApplication.focusWidget()
        while focus is not None and any(
            self.editors[name] is focus or self.editors[name].isAncestorOf(focus) for name in filled
        ):
            if not self.focusNextChild() or QApplication.focusWidget() is focus:
                return
            focus = QApplication.focusWidget()

    def refuse(self, name: str, text: Any, message: str) -> None:
        """Show text refused elsewhere (a table cell) in this form's field, with the reason."""
        self._refused[self._key(name)] = (text, message)
        self.editors[name].set_value(text)
        self.show_problems()

    def flush(self) -> None:
        """Save whatever is typed but not yet saved (before closing or switching)."""
        if self._data() is None:
            return
        for name in self.editors:
            self.commit(name)

    def imply(self, item_id: str, fields: dict[str, Any]) -> None:
        """Fields of a new item the app filled in: Tab passes them by until the chair answers."""
        self._implied |= {(item_id, name) for name in fields}

    def focus_first_empty(self) -> None:
        """The cursor at the first question Tab stops at that has no answer yet (a new row
        already naming its child starts at the first decision)."""
        data = self._data() or {}
        for f in self.kind.all_fields():
            editor = self.editors[f.name]
            if (
                editor.isVisibleTo(self)
                and editor.focusPolicy() & Qt.FocusPolicy.TabFocus
                and f.type.is_empty(data.get(f.name))
            ):
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.focus_field()

    def show_field(self, name: str) -> None:
        """Take the chair to a field: scrolled into view, marked, and the keyboard in it, so
        nothing is typed into a field out of sight."""
        self.reach(name)
        self.highlight(name)

    def reach(self, name: str) -> None:
        """The keyboard in a field, unfolded and scrolled into view if need be."""
        if self.details is not None and name in self.details.folded():
            self.details.unfold()
        self.form_layout.activate()
        area = self._scroll_area()
        if area is not None:
            area.ensureWidgetVisible(self.cells[name], 0, 48)
        self.focus_field(name)

    def _scroll_area(self) -> QScrollArea | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        return widget

    def highlight(self, name: str) -> None:
        """Mark the field's row in the palette's highlight colour until the next field is
        marked or a few seconds have passed (readable on a light or a dark palette)."""
        self.clear_highlight()
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        colour.setAlpha(70)
        for widget in (self.cells[name], self.labels[name]):
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Window, colour)
            widget.setPalette(palette)
            widget.setAutoFillBackground(True)
        self.highlighted = name
        self._unmark.start()

    def clear_highlight(self) -> None:
        if not self.highlighted:
            return
        for widget in (self.cells[self.highlighted], self.labels[self.highlighted]):
            widget.setAutoFillBackground(False)
            widget.setPalette(QPalette())
        self.highlighted = ""

    def focus_field(self, name: str = "") -> None:
        editor = self.editors.get(name) or next(iter(self.editors.values()))
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keeping in step with the store ----------------------------------------------------
    def _changed(self, kind: str, item_id: str, field: str) -> None:
        if kind == self.kind.name and item_id == (self.item_id or ""):
            data = self._data()
            if data is not None and self._key(field) not in self._refused:
                self.editors[field].set_value(data.get(field))
            self.show_applicable()
        elif any(f.lists(kind) for f in self.kind.fields):
            self._refresh_options(kind)
        self.show_problems()

    def _list_changed(self, kind: str, item_id: str, _row: int) -> None:
        if kind == self.kind.name and self.editing.meeting.find(item_id) is None:
            self._refused = {k: v for k, v in self._refused.items() if k[0] != item_id}
        if item_id == self.item_id and self.editing.meeting.find(item_id) is None:
            self.item_id = None
            self.setEnabled(False)
            self.refresh()
            return
        self._refresh_options(kind)
        self.show_problems()

    def _refresh_options(self, kind: str) -> None:
        for f in self.kind.fields:
            if f.lists(kind):
                editor = self.editors[f.name]
                editor.refresh_options()  # type: ignore[union-attr]
