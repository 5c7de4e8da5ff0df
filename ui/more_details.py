"""The "More details" toggle of a compact form: details rarely given, folded away.

A decision has a dozen questions a chair answers for some children only (when the interview
ends, an intermediary, who holds back telling whom...). Folded, they take one line, and the
line says how many of them hold an answer, so nothing entered seems lost. Each keeps its
Alt+letter: pressed while folded, it unfolds the details and lands in the field. Tab passed
these fields by before they were folded, so the way down the form costs no more keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from strategy_minutes.ui.section_form import ItemForm


class MoreDetails:
    """The toggle, the fields it folds, and an Alt+letter for each while they are folded."""

    def __init__(self, form: ItemForm, text: str) -> None:
        self.form = form
        self.names: list[str] = []
        self._shortcuts: dict[str, QShortcut] = {}
        self.toggle = QPushButton(text, form)
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName("More details")
        self.toggle.setStyleSheet("text-align: left; padding: 3px 8px;")
        self.toggle.toggled.connect(lambda _on: form.show_applicable())
        self._text = text

    def add(self, name: str, label_text: str) -> None:
        """A field folded while quiet; its label's Alt+letter (if any) unfolds and reaches it."""
        self.names.append(name)
        plain = label_text.replace("&&", "  ")
        if "&" not in plain:
            return
        key = plain[plain.index("&") + 1].upper()
        shortcut = QShortcut(QKeySequence(f"Alt+{key}"), self.form)
        shortcut.activated.connect(lambda: self.reveal(name))
        self._shortcuts[name] = shortcut

    def _quiet(self, data: dict[str, Any] | None) -> list[str]:
        """The fields folded for this record: quiet ones (a medical's reason after a yes)."""
        return [n for n in self.names if self.form.kind.field(n).is_quiet(data)]

    def folded(self) -> set[str]:
        return set() if self.toggle.isChecked() else set(self._quiet(self.form.record()))

    def unfold(self) -> None:
        self.toggle.setChecked(True)

    def reveal(self, name: str) -> None:
        self.unfold()
        self.form.reach(name)

    def show_count(self, data: dict[str, Any] | None, applicable: list[str]) -> None:
        """Say what the fold holds; a folded field's Alt+letter works only while it applies."""
        here = [n for n in self._quiet(data) if n in applicable]
        held = [
            n
            for n in here
            if data is not None and not self.form.kind.field(n).type.is_empty(data.get(n))
        ]
        for name, shortcut in self._shortcuts.items():
            shortcut.setEnabled(not self.toggle.isChecked() and name in here)
        count = f"{len(held)} of {len(here)} hold an answer" if held else f"{len(here)}, all empty"
        arrow = "▾" if self.toggle.isChecked() else "▸"
        self.toggle.setText(f"{arrow} {self._text} ({count})")
        self.toggle.setToolTip(
            "Details given for some children only, shown or folded away; folded, each "
            "field's Alt+letter still reaches it."
        )
        self.toggle.setVisible(bool(here))
