"""A form for one record (a section, or the item chosen in a list), built from the spec.

Problems are shown in words under the field they concern: a value the store refused (the
typed text stays in the field so nothing is lost) and anything `item_problems` finds about the
record (a future date of birth, an end before a start, a duplicate person, a reference to
nothing). The other fields keep working meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget
from strategy_minutes.desktop.meeting import defaults, spec, validation
from strategy_minutes.desktop.services import InvalidValue, NotSaved
from strategy_minutes.desktop.signoff.lifecycle import ReadOnly
from strategy_minutes.ui import theme
from strategy_minutes.ui.fields import FieldEditor, LongTextEditor, TextEditor, make_editor
from strategy_minutes.ui.undo import Editing, same

# Alt+letters taken elsewhere on screen: the menus (File, Edit, Go, View), Back to meetings,
# the findings panel's Override; and on list pages the Add and Remove buttons.
RESERVED_MNEMONICS = frozenset("fegvbo")
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

    def __init__(self, editing: Editing, kind: spec.Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing, self.kind = editing, kind
        self.item_id: str | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.problems: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}  # the row of each field, hidden where it does not apply
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
            for f in sorted(kind.all_fields(), key=lambda f: not f.quiet)
        }
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
                editor.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
                key = text[text.replace("&&", "  ").index("&") + 1].upper()
                usually = f"Usually left as it is: Tab passes it by; Alt+{key} reaches it."
                editor.setToolTip(f"{f.help} {usually}".strip())
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
            layout.addRow(label, cell)
            self.editors[f.name], self.problems[f.name] = editor, problem
            self.cells[f.name] = cell
        # Values kept in fields that no longer apply (an interview booked, then "No"): said,
        # so nothing seems lost, and shown again as soon as the field applies again.
        self.kept = QLabel(self)
        self.kept.setWordWrap(True)
        self.kept.setAccessibleName("Values kept in questions that do not apply now")
        self.kept.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kept.hide()
        layout.addRow(self.kept)
        editing.field_changed.connect(self._changed)
        editing.item_added.connect(self._list_changed)
        editing.item_removed.connect(self._list_changed)
        if editing.read_only_reason:
            self._read_only()
        self.setEnabled(not kind.is_list)  # a list's form waits for an item to be chosen
        if not kind.is_list:
            self.refresh()

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
        for f in self.kind.all_fields():
            applies = data is None or f.applies(data)
            self.form_layout.setRowVisible(self.cells[f.name], applies)
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
        try:
            self.editing.set_field(self.kind.name, self.item_id, name, value, typing=typing)
        except (InvalidValue, ReadOnly, NotSaved) as problem:
            editor = self.editors[name]
            typed = editor.text() if isinstance(editor, TextEditor) else value  # as typed
            self._refused[key] = (typed, str(problem))
            self.show_problems()
            return
        self._refused.pop(key, None)
        self.show_problems()

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
