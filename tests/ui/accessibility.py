"""Walking the accessibility tree in-process, as a screen reader would see a window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Role = QAccessible.Role
# What a control the keyboard can reach may be; anything else (a pane, a client area, a
# label) tells a screen reader nothing about what the control does.
CONTROL_ROLES = frozenset(
    {
        Role.PushButton,
        Role.CheckBox,
        Role.RadioButton,
        Role.ComboBox,
        Role.EditableText,
        Role.SpinBox,
        Role.Slider,
        Role.Table,
        Role.List,
        Role.ListItem,
        Role.Tree,
        Role.TreeItem,
        Role.Cell,
        Role.PageTab,
        Role.PageTabList,
        Role.Link,
        Role.MenuItem,
        Role.ButtonMenu,
        Role.ButtonDropDown,
        Role.Graphic,
        Role.Canvas,
        Role.StaticText,  # selectable read-only text (a sentence the chair may copy)
        Role.Document,  # read-only multi-line text
    }
)


@dataclass(frozen=True)
class Problem:
    where: str
    role: str
    what: str

    def __str__(self) -> str:
        return f"{self.where} ({self.role}): {self.what}"


# Controls whose own text names them; for the rest (a text box, a choice list, a table) the
# text is the value, and the name must come from an accessible name or a label (buddy).
NAMED_BY_OWN_TEXT = frozenset(
    {
        Role.PushButton,
        Role.CheckBox,
        Role.RadioButton,
        Role.PageTab,
        Role.ListItem,
        Role.TreeItem,
        Role.Cell,
        Role.MenuItem,
        Role.Link,
        Role.ButtonMenu,
        Role.ButtonDropDown,
        Role.StaticText,
    }
)
LEAVES = frozenset({Role.Table, Role.Tree, Role.List, Role.Graphic, Role.Canvas})


def _where(iface: QAccessibleInterface) -> str:
    obj = iface.object()
    name = type(obj).__name__ if obj is not None else "?"
    chain = []
    while isinstance(obj, QWidget) and len(chain) < 4:
        chain.append(obj.objectName() or type(obj).__name__)
        obj = obj.parentWidget()
    return f"{name} in {'/'.join(reversed(chain[1:]))}" if chain[1:] else name


def _mouse_only_text(iface: QAccessibleInterface) -> bool:
    """A sentence that can be selected with the mouse to copy it, which Tab never reaches:
    read with the text around it, not a control."""
    obj = iface.object()
    return (
        iface.role() == Role.StaticText
        and isinstance(obj, QWidget)
        and not obj.focusPolicy() & Qt.FocusPolicy.TabFocus
    )


def spoken_name(iface: QAccessibleInterface) -> str:
    """What a screen reader announces the control as: its accessible name, else the label
    that names it (a buddy), else, for a button or an item, its own text."""
    obj = iface.object()
    if isinstance(obj, QWidget) and obj.accessibleName().strip():
        return obj.accessibleName().strip()
    for label, _relation in iface.relations(QAccessible.RelationFlag.Label):
        if label is not None and label.text(QAccessible.Text.Name).strip():
            return label.text(QAccessible.Text.Name).strip()
    if iface.role() in NAMED_BY_OWN_TEXT:
        return iface.text(QAccessible.Text.Name).strip()
    return ""


def problems(top: QWidget) -> list[Problem]:
    """Every visible control the keyboard can reach that has no name a screen reader can
    say, or whose role is not a control's; the walk follows the accessibility tree."""
    found: list[Problem] = []
    root = QAccessible.queryAccessibleInterface(top)
    assert root is not None and root.isValid()
    stack = [root]
    visited = 0
    while stack:
        iface = stack.pop()
        visited += 1
        state = iface.state()
        if state.invisible:
            continue
        if state.focusable and not state.disabled and not _mouse_only_text(iface):
            role = iface.role()
            if not spoken_name(iface):
                found.append(Problem(_where(iface), role.name, "no accessible name"))
            if role not in CONTROL_ROLES:
                found.append(Problem(_where(iface), role.name, "not a control's role"))
        if iface.role() in LEAVES:  # a view's items are named by its model; a picture is one
            continue
        stack += [c for n in range(iface.childCount()) if (c := iface.child(n)) is not None]
    assert visited > 1, "the accessibility tree was empty"
    return found
