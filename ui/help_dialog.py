"""Help > Keyboard shortcuts: every shortcut of the window, read from its actions when opened.

The list is built from the QActions of the menus (and the few actions and QShortcuts that
live on a widget instead), so a shortcut added, changed or removed anywhere shows here
without anyone editing this file. The dialog also points to the guide that ships with the
app: the README and the documents beside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# What no action says: how fields, lists and buttons are reached (Qt's own keys).
FIELD_KEYS = (
    ("Next field, previous field", "Tab, Shift+Tab"),
    ("The field or button whose label has that letter underlined", "Alt+letter"),
    ("Open a choice list; pick by typing any part of an entry", "Alt+Down, then type"),
)
GUIDES = (
    ("README.md", "The user guide: recording a meeting, minutes, review and signing"),
    ("docs/rules.md", "Every finding the app checks for, and its source"),
    ("docs/signing.md", "What is signed and how a signed copy is verified"),
)


def plain(text: str) -> str:
    """A menu text as read aloud: no accelerator ampersands, no trailing ellipsis."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&").rstrip("…").strip()


# Qt numbers the keys of an ordinary keyboard below this; above it are media and "office"
# keys (New, Close, Redo, Back...) that a platform's standard bindings add and laptops lack.
EXTRA_KEYS = 0x01000060


def keys_text(sequences: list[QKeySequence]) -> str:
    """The key sequences a chair can press, as the platform writes them."""
    usable = [
        s
        for s in sequences
        if all(s[n].key().value < EXTRA_KEYS for n in range(s.count()))  # type: ignore[index]
    ]
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in usable)


def shortcuts(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu, [(what, keys)]) for every menu of the window, then the shortcuts of widgets.

    Only what has a key is listed; a menu with none is left out.
    """
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, out: list[tuple[str, str]]) -> None:
        for action in menu.actions():
            seen.add(id(action))
            if action.menu() is not None:
                walk(action.menu(), out)  # type: ignore[arg-type]
            elif action.shortcuts() and action.text():
                out.append((plain(action.text()), keys_text(action.shortcuts())))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows: list[tuple[str, str]] = []
            walk(menu, rows)
            if rows:
                groups.append((plain(top.text()), rows))
    elsewhere = [
        (plain(a.text()), keys_text(a.shortcuts()))
        for a in window.findChildren(QAction)
        if id(a) not in seen and a.shortcuts() and a.text() and not a.menu()
    ]
    elsewhere += [
        (s.whatsThis(), keys_text(s.keys()))
        for s in window.findChildren(QShortcut)
        if s.whatsThis() and s.keys()
    ]
    distinct = list(dict.fromkeys(elsewhere))
    if distinct:
        groups.append(("In a list", distinct))
    groups.append(("In a form", list(FIELD_KEYS)))
    return groups


def guide_folder() -> Path | None:
    """Where the README and docs/ are: beside the app when installed, else the source tree."""
    bundled = getattr(sys, "_MEIPASS", None)
    for folder in ([Path(bundled)] if bundled else []) + [Path(__file__).resolve().parents[1]]:
        if (folder / GUIDES[0][0]).is_file():
            return folder
    return None


def guide_links(folder: Path | None) -> str:
    """The guides as links that open in the system's viewer; a sentence if none is there."""
    if folder is None:
        return "The user guide was not installed with this copy of the app."
    links = [
        f'<a href="{QUrl.fromLocalFile(str(folder / name)).toString()}">{name}</a>: {what}'
        for name, what in GUIDES
        if (folder / name).is_file()
    ]
    return "<br>".join(links)


class HelpDialog(QDialog):
    """The shortcuts, by menu, and links to the guides."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(640, 620)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["What", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        for group, rows in shortcuts(window):
            head = QTreeWidgetItem(self.tree, [group])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            for what, keys in rows:
                QTreeWidgetItem(head, [what, keys])
        self.tree.expandAll()
        self.guides = QLabel(guide_links(guide_folder()), self)
        self.guides.setWordWrap(True)
        self.guides.setOpenExternalLinks(True)
        self.guides.setAccessibleName("Guides")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.tree, 1)
        box.addWidget(QLabel("<b>Guides</b>", self))
        box.addWidget(self.guides)
        box.addWidget(buttons)
        self.tree.setFocus()

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) as listed: what a reader of the dialog sees."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(g)
            assert head is not None
            for r in range(head.childCount()):
                child = head.child(r)
                assert child is not None
                out.append((head.text(0), child.text(0), child.text(1)))
        return out
