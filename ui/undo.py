"""The one road from the editor to the store: undoable, durable edits of one open meeting.

Every change a chair makes becomes a QUndoCommand on the meeting's QUndoStack. A command's
work is done by the MeetingService, which commits before returning, so when `saved` fires the
edit is on disk. The in-memory Meeting is patched in step (rather than reloaded) so that views
can redraw just the cell or row that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.model import Item, Meeting, normalise
from strategy_minutes.desktop.services import MeetingService, NotSaved
from strategy_minutes.desktop.signoff.lifecycle import ReadOnly, ensure_editable


def same(a: Any, b: Any) -> bool:
    """Equal as stored: an empty text, an empty list and None all mean 'not given'."""
    empty: tuple[object, ...] = (None, "", [])
    return (a in empty and b in empty) or a == b


class Editing(QObject):
    """One open meeting: its undo stack, and change signals the views redraw from."""

    field_changed = Signal(str, str, str)  # kind, item id ("" for a section), field
    item_added = Signal(str, str, int)  # kind, item id, row
    item_removed = Signal(str, str, int)  # kind, item id, row it had
    saved = Signal()
    save_failed = Signal(str)  # the sentence saying why the store refused a change

    def __init__(
        self, service: MeetingService, meeting_id: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.meeting_id = meeting_id
        self.meeting: Meeting = service.get(meeting_id)
        self.stack = QUndoStack(self)
        try:  # signed minutes change only through an addendum: the editor only shows them
            ensure_editable(service.store, meeting_id)
            self.read_only_reason = ""
        except ReadOnly as why:
            self.read_only_reason = str(why)
        self.last_change: tuple[str, str, str] = ("", "", "")  # kind, item id, field
        self.refused: NotSaved | None = None  # what the store refused inside the last command
        self._spell = 0  # which spell of typing in a long text field saves belong to

    # -- reading ----------------------------------------------------------------------------
    def record(self, kind: str, item_id: str | None) -> dict[str, Any]:
        if item_id:
            item = self.meeting.find(item_id)
            if item is None:
                raise KeyError(item_id)
            return item.data
        return self.meeting.section(kind)

    def value(self, kind: str, item_id: str | None, field: str) -> Any:
        return self.record(kind, item_id).get(field)

    # -- what the views call: each pushes one undoable command ------------------------------
    def _ensure_editable(self) -> None:
        if self.read_only_reason:
            raise ReadOnly(self.read_only_reason)

    def set_field(
        self, kind: str, item_id: str | None, field: str, value: Any, typing: bool = False
    ) -> bool:
        """Save one value now; False if it was already so. Raises InvalidValue or ReadOnly,
        saving nothing. Saves made in pauses of one spell of typing (`typing`) undo as one."""
        self._ensure_editable()
        old = self.value(kind, item_id, field)
        if same(old, value):
            return False
        self._write(kind, item_id, field, value)
        self.stack.push(
            SetField(self, kind, item_id or "", field, old, value, self._spell if typing else -1)
        )
        return True

    def new_typing_spell(self) -> None:
        """The chair starts typing in a field afresh: its saves no longer join earlier ones."""
        self._spell += 1

    def add_item(self, kind: str, data: dict[str, Any] | None = None) -> str:
        self._ensure_editable()
        command = AddItem(self, kind, data or {})
        self._push(command)
        return command.item_id

    def remove_item(self, item_id: str) -> None:
        self._ensure_editable()
        self._push(RemoveItem(self, item_id))

    def _push(self, command: QUndoCommand) -> None:
        """Do a command; raise NotSaved (the stack forgets the command) if the store refused."""
        self.refused = None
        self.stack.push(command)
        if self.refused is not None:
            raise self.refused

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Several edits that undo as one."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    # -- what the commands call -------------------------------------------------------------
    @contextmanager
    def _storing(self) -> Iterator[None]:
        """A change the store refused is said at once (save_failed), then raised as NotSaved."""
        try:
            yield
        except NotSaved as problem:
            self.save_failed.emit(str(problem))
            raise

    def _write(self, kind: str, item_id: str | None, field: str, value: Any) -> None:
        with self._storing():
            self.service.set_field(self.meeting_id, kind, item_id or None, field, value)
        f = spec.kind(kind).field(field)
        self.record(kind, item_id)[field] = f.type.empty() if value in ("", []) else value
        self.last_change = (kind, item_id or "", field)
        self.field_changed.emit(kind, item_id or "", field)
        self.saved.emit()

    def _insert(
        self, kind: str, data: dict[str, Any], removed: dict[str, Any] | None, row: int | None
    ) -> str:
        with self._storing():
            if removed is None:
                item_id = self.service.add_item(self.meeting_id, kind, data)
            else:
                item_id = self.service.restore_item(self.meeting_id, removed)
                data = removed["data"]
        items = self.meeting.items_of(kind)
        row = len(items) if row is None else min(row, len(items))
        items.insert(row, Item(item_id, kind, normalise(spec.kind(kind), data)))
        self.last_change = (kind, item_id, "")
        self.item_added.emit(kind, item_id, row)
        self.saved.emit()
        return item_id

    def _delete(self, item_id: str) -> tuple[dict[str, Any], int]:
        item = self.meeting.find(item_id)
        if item is None:
            raise KeyError(item_id)
        with self._storing():
            removed = self.service.remove_item(self.meeting_id, item_id)
        items = self.meeting.items_of(item.kind)
        row = next(n for n, i in enumerate(items) if i.id == item_id)
        del items[row]
        self.last_change = (item.kind, "", "")
        self.item_removed.emit(item.kind, item_id, row)
        self.saved.emit()
        return removed, row


def guarded(command: QUndoCommand, editing: Editing, work: Callable[[], object]) -> None:
    """Run a command's store work from inside Qt's undo stack, where an exception would be
    printed and lost: a refusal (already said through save_failed) makes the command obsolete,
    so the stack drops it instead of pretending it was done, and is kept for Editing._push."""
    try:
        work()
    except NotSaved as problem:
        editing.refused = problem
        command.setObsolete(True)


class SetField(QUndoCommand):
    """A value already written by Editing.set_field; undo writes the old one back.

    Saves made while the chair types on in one field (same `spell`, not -1) merge, so undo
    takes back the paragraph rather than the last pause's worth of it."""

    MERGES = 1  # QUndoCommand.id() of commands that may merge

    def __init__(
        self,
        editing: Editing,
        kind: str,
        item_id: str,
        field: str,
        old: Any,
        new: Any,
        spell: int = -1,
    ) -> None:
        label = spec.kind(kind).field(field).label
        super().__init__(f"change {label}")
        self.editing, self.kind, self.item_id, self.field = editing, kind, item_id, field
        self.old, self.new, self.spell = old, new, spell
        self._written = True  # the first redo (on push) has nothing left to do

    def id(self) -> int:
        return self.MERGES if self.spell >= 0 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not (
            isinstance(other, SetField)
            and other.spell == self.spell
            and (other.kind, other.item_id, other.field) == (self.kind, self.item_id, self.field)
        ):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        guarded(self, self.editing, lambda: self.editing._write(*self._where, self.new))

    def undo(self) -> None:
        guarded(self, self.editing, lambda: self.editing._write(*self._where, self.old))

    @property
    def _where(self) -> tuple[str, str, str]:
        return self.kind, self.item_id, self.field


class AddItem(QUndoCommand):
    """A new item; undo removes it and redo puts the same item (same id) back."""

    def __init__(self, editing: Editing, kind: str, data: dict[str, Any]) -> None:
        super().__init__(f"add to {spec.kind(kind).label}")
        self.editing, self.kind, self.data = editing, kind, data
        self.item_id = ""
        self._removed: dict[str, Any] | None = None
        self._row: int | None = None

    def redo(self) -> None:
        guarded(self, self.editing, self._insert)

    def undo(self) -> None:
        guarded(self, self.editing, self._delete)

    def _insert(self) -> None:
        self.item_id = self.editing._insert(self.kind, self.data, self._removed, self._row)

    def _delete(self) -> None:
        self._removed, self._row = self.editing._delete(self.item_id)


class RemoveItem(QUndoCommand):
    """Remove an item; undo restores it with its id and place, so references hold again."""

    def __init__(self, editing: Editing, item_id: str) -> None:
        item = editing.meeting.find(item_id)
        title = editing.meeting.title(item) if item else ""
        super().__init__(f"remove {title}".strip())
        self.editing, self.item_id = editing, item_id
        self.kind = item.kind if item else ""
        self._removed: dict[str, Any] = {}
        self._row = 0

    def redo(self) -> None:
        guarded(self, self.editing, self._delete)

    def undo(self) -> None:
        guarded(self, self.editing, self._insert)

    def _insert(self) -> None:
        self.editing._insert(self.kind, {}, self._removed, self._row)

    def _delete(self) -> None:
        self._removed, self._row = self.editing._delete(self.item_id)
