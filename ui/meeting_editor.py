"""The editor of one meeting: its sections in the order the meeting runs, each a keystroke away.

Pages are built from the spec the first time they are shown, so opening a meeting is quick.
A section is a form; a list is a table with a form for the chosen row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.meeting import spec
from ui.item_table import ListPage
from ui.section_form import ItemForm
from ui.undo import Editing

SECTION_KEYS = 9  # Ctrl+1 .. Ctrl+9 reach the first nine


class SectionPage(QScrollArea):
    """A section kind (meeting facts, Think Family...): one form, scrolling if long."""

    def __init__(self, editing: Editing, kind: spec.Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.form = ItemForm(editing, kind, self)
        self.setWidget(self.form)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def flush(self) -> None:
        self.form.flush()


class MeetingEditor(QWidget):
    """Section list on the left, the chosen section on the right."""

    section_shown = Signal(str)  # kind name

    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing = editing
        self.kinds = list(spec.KINDS)
        self.pages: dict[str, SectionPage | ListPage] = {}

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)

        self.sections = QListWidget(self)
        self.sections.setAccessibleName("Sections")
        for n, k in enumerate(self.kinds):
            number = f"{n + 1}" if n < SECTION_KEYS else ""
            self.sections.addItem(f"{number:>2}  {k.label}")
            self.sections.item(n).setToolTip(f"Ctrl+{number}" if number else
                                             "Ctrl+PgDown / Ctrl+PgUp, or Ctrl+G")
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setSpacing(1)
        self.sections.setFixedWidth(290)
        self.stack = QStackedWidget(self)
        self.sections.currentRowChanged.connect(self._show_row)

        right = QWidget(self)
        box = QVBoxLayout(right)
        box.setContentsMargins(8, 0, 0, 0)
        box.addWidget(self.heading)
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
    def page(self, kind_name: str) -> SectionPage | ListPage:
        """The page of a kind, built on first use."""
        if kind_name not in self.pages:
            k = spec.kind(kind_name)
            page: SectionPage | ListPage = (ListPage(self.editing, k, self.stack) if k.is_list
                                            else SectionPage(self.editing, k, self.stack))
            self.pages[kind_name] = page
            self.stack.addWidget(page)
        return self.pages[kind_name]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        k = self.kinds[row]
        page = self.page(k.name)
        current = self.stack.currentWidget()
        if current is not None and current is not page:
            current.flush()  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(page)
        self.heading.setText(k.label)
        self.section_shown.emit(k.name)

    def current_kind(self) -> str:
        return self.kinds[max(self.sections.currentRow(), 0)].name

    def show_section(self, kind_name: str, focus: bool = True) -> SectionPage | ListPage:
        self.sections.setCurrentRow(next(n for n, k in enumerate(self.kinds)
                                         if k.name == kind_name))
        page = self.page(kind_name)
        if focus:
            form = page.form
            if isinstance(page, ListPage) and page.model.rowCount():
                page.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            elif form.isEnabled():
                form.focus_field()
        return page

    def step_section(self, delta: int) -> None:
        row = (self.sections.currentRow() + delta) % len(self.kinds)
        self.show_section(self.kinds[row].name)

    def go_to(self, kind_name: str, item_id: str = "", field: str = "") -> None:
        """Take the chair to a section, an item in it, and a field of that item."""
        page = self.show_section(kind_name, focus=False)
        if isinstance(page, ListPage) and item_id:
            page.select(item_id, field)
        if field in page.form.editors:
            page.form.focus_field(field)
        else:
            page.setFocus()

    def add_item(self, kind_name: str = "") -> str:
        """Add to a list (the current one if none is named) and start typing in it."""
        kind_name = kind_name or self.current_kind()
        if not spec.kind(kind_name).is_list:
            return ""
        page = self.show_section(kind_name, focus=False)
        assert isinstance(page, ListPage)
        return page.add()

    def flush(self) -> None:
        for page in self.pages.values():
            page.flush()
