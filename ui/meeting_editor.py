"""The editor of one meeting: its sections in the order the meeting runs, each a keystroke away.

Pages are built from the spec the first time they are shown, so opening a meeting is quick.
A section is a form; a list is a table with a form for the chosen row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.signoff.lifecycle import ReadOnly
from strategy_minutes.ui.family_map import FamilyMapView
from strategy_minutes.ui.item_table import ListPage
from strategy_minutes.ui.section_form import ItemForm
from strategy_minutes.ui.undo import Editing

SECTION_KEYS = 9  # Ctrl+1 .. Ctrl+9 reach the first nine
FAMILY_MAP = "family_map"
# The editor's pages: the spec's kinds in meeting order, with the drawn family map placed
# right after the people, households and relationships it draws.
PAGES: tuple[tuple[str, str], ...] = tuple(
    entry
    for k in spec.KINDS
    if k.in_editor
    for entry in (
        ((k.name, k.label), (FAMILY_MAP, "Family map"))
        if k.name == "relationships"
        else ((k.name, k.label),)
    )
)


class SectionPage(QScrollArea):
    """A section kind (meeting facts, Think Family...): one form, scrolling if long."""

    def __init__(self, editing: Editing, kind: spec.Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.form = ItemForm(editing, kind, self)
        if kind.help:
            hint = QLabel(kind.help, self.form)
            hint.setWordWrap(True)
            self.form.form_layout.insertRow(0, hint)
        self.setWidget(self.form)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Tab goes from field to field; the scrolling frame itself is no stop (a screen reader
        # would announce an unnamed pane), and Ctrl+1... still land in the first field.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(next(iter(self.form.editors.values())))

    def flush(self) -> None:
        self.form.flush()


class FamilyMapPage(QWidget):
    """The drawn family map, full size, redrawn after every edit; Enter on a person edits them."""

    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing = editing
        hint = QLabel(
            "Households as groups, people as boxes, relationships as lines. Arrow "
            "keys move between people; Enter or a click opens one in People.",
            self,
        )
        hint.setWordWrap(True)
        self.view = FamilyMapView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self._redraw = QTimer(self, singleShot=True, interval=0)  # once per batch of edits
        self._redraw.timeout.connect(self.redraw)
        editing.saved.connect(self._redraw.start)
        self.redraw()

    def redraw(self) -> None:
        self.view.set_meeting(self.editing.meeting)

    def flush(self) -> None:
        """Nothing is typed here."""


Page = SectionPage | ListPage | FamilyMapPage


class _NumberedDelegate(QStyledItemDelegate):
    """Shows each section's Ctrl+number before its label without making it part of the text."""

    def initStyleOption(
        self,
        option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().initStyleOption(option, index)
        number = str(index.row() + 1) if index.row() < SECTION_KEYS else ""
        option.text = f"{number:>2}  {option.text}"


class MeetingEditor(QWidget):
    """Section list on the left, the chosen section on the right."""

    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing = editing
        self.pages: dict[str, Page] = {}

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)

        self.sections = QListWidget(self)
        self.sections.setAccessibleName("Sections")
        for n, (_name, label) in enumerate(PAGES):
            number = f"{n + 1}" if n < SECTION_KEYS else ""
            self.sections.addItem(label)  # the label alone, so typing a letter finds it
            self.sections.item(n).setToolTip(
                f"Ctrl+{number}" if number else "Ctrl+PgDown / Ctrl+PgUp, or Ctrl+G"
            )
        self.sections.setItemDelegate(_NumberedDelegate(self.sections))
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setSpacing(1)
        self.sections.setFixedWidth(250)
        self.stack = QStackedWidget(self)
        self.sections.currentRowChanged.connect(self._show_row)

        right = QWidget(self)
        box = QVBoxLayout(right)
        box.setContentsMargins(8, 0, 0, 0)
        box.addWidget(self.heading)
        if editing.read_only_reason:
            banner = QLabel(f"{editing.read_only_reason} (Meeting menu, Open an addendum.)", right)
            banner.setWordWrap(True)
            banner.setAccessibleName("This meeting is read-only")
            banner.setStyleSheet("background: #fff4ce; color: #3d2e00; padding: 6px;")
            box.addWidget(banner)
        box.addWidget(self.stack, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sections)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setFocusProxy(self.sections)
        self.sections.setCurrentRow(0)

    # -- pages -----------------------------------------------------------------------------
    def page(self, name: str) -> Page:
        """The page of a kind (or the family map), built on first use."""
        if name not in self.pages:
            page: Page
            if name == FAMILY_MAP:
                page = FamilyMapPage(self.editing, self.stack)
                page.view.person_chosen.connect(lambda pid: self.go_to("people", pid))
            elif spec.kind(name).is_list:
                page = ListPage(self.editing, spec.kind(name), self.stack)
            else:
                page = SectionPage(self.editing, spec.kind(name), self.stack)
            self.pages[name] = page
            self.stack.addWidget(page)
        return self.pages[name]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        name, label = PAGES[row]
        page = self.page(name)
        current = self.stack.currentWidget()
        if current is not None and current is not page:
            current.flush()  # type: ignore[attr-defined]
        if isinstance(page, FamilyMapPage) and "people" in self.pages:
            people = self.pages["people"]
            assert isinstance(people, ListPage)
            if people.form.item_id:  # outline the person last edited
                page.view.select_person(people.form.item_id)
        self.stack.setCurrentWidget(page)
        self.heading.setText(label)

    def current_kind(self) -> str:
        return PAGES[max(self.sections.currentRow(), 0)][0]

    def show_section(self, name: str, focus: bool = True) -> Page:
        self.sections.setCurrentRow(next(n for n, (p, _label) in enumerate(PAGES) if p == name))
        page = self.page(name)
        if not focus:
            return page
        if isinstance(page, ListPage):  # its rows, or Add when there are none yet
            target = page.table if page.model.rowCount() else page.add_button
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif isinstance(page, FamilyMapPage):
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif page.form.isEnabled():
            page.form.focus_field()
        return page

    def step_section(self, delta: int) -> None:
        row = (self.sections.currentRow() + delta) % len(PAGES)
        self.show_section(PAGES[row][0])

    def go_to(self, kind_name: str, item_id: str = "", field: str = "") -> None:
        """Take the chair to a section, an item in it, and a field of that item."""
        page = self.show_section(kind_name, focus=False)
        if isinstance(page, FamilyMapPage):
            return
        if isinstance(page, ListPage) and item_id:
            page.select(item_id, field)
        if field in page.form.editors:
            page.form.show_field(field)
        else:
            page.setFocus()

    def add_item(self, kind_name: str = "") -> str:
        """Add to a list (the current one if none is named) and start typing in it.

        Raises ReadOnly for signed minutes."""
        kind_name = kind_name or self.current_kind()
        if kind_name not in spec.BY_NAME or not spec.kind(kind_name).is_list:
            return ""
        if self.editing.read_only_reason:
            raise ReadOnly(self.editing.read_only_reason)
        page = self.show_section(kind_name, focus=False)
        assert isinstance(page, ListPage)
        return page.add()

    def flush(self) -> None:
        for page in self.pages.values():
            page.flush()

    def unsaved(self) -> list[tuple[str, str, str, str]]:
        """(kind, item id, field, why) for typed text the store refused, in meeting order."""
        out: list[tuple[str, str, str, str]] = []
        for name, _label in PAGES:
            page = self.pages.get(name)
            if isinstance(page, SectionPage | ListPage):
                out += [(name, item_id, field, why) for item_id, field, why in page.form.unsaved()]
        return out
