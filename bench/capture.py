"""How many keystrokes beyond the words themselves it takes to record a meeting.

A chair records while people talk, so every Tab, arrow, choice and confirmation is attention
taken from the room. This benchmark drives the real window (offscreen, 1366x768, real key
events) to record a fixed fictional meeting of realistic size: 8 attendees, 6 people (2
children), 6 actions, the decisions for both children, Think Family, who must be told, the
outcome. It counts the keys that are not the text itself (navigation, choices, confirmations)
and the times a form scrolled, then compares the stored record with the intended one: a
figure bought by losing part of the record is no figure.

The driver behaves as a keyboard user who knows the shortcuts and works down each form as the
meeting goes: it reaches a section with Ctrl+number or Ctrl+PgDown, adds an item with
Ctrl+Shift+A/P/T/N, Tabs through the form in order to its last field (every field the form
shows is a Tab, answered or not), types text, and picks a choice by the cheaper of type-ahead
(as many letters of the label as the widget needs, found on a clone of the widget) and arrow
keys (Home for the unanswered entry at the top). A value already there (a default) costs
nothing; a default the meeting does not mean is reached and put right.

The baseline cannot run in the same process (it is the app as it was), so it is a figure
measured on that app with this same driver and kept here; the target is at most half of it.
`tests/ui/test_keyboard_only.py` runs the same driver as a test: the whole record can be
entered with the keyboard alone.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

# Measured with this driver on the app before issue 12's changes (commit fa73ce3).
BASELINE_KEYS = 511
BASELINE_SCROLLS = 52
TARGET = 0.5  # at most half the baseline's keys
SCREEN = (1366, 768)
# Type-ahead joins letters typed within QApplication.keyboardInputInterval() (400 ms by
# default); before a new choice in a widget that had letters lately, the driver waits that
# long, as a person between two questions does.
SEARCH_PAUSE_S = 0.45

# -- the meeting -------------------------------------------------------------------------------
# ("facts", None, {...}) is a section; ("people", "amy", {...}) an item with a key others name
# it by. "@key" refers to another item. A value may be a Person: the attendee or person a
# field names, a reference where the form offers a pick, their name where it asks for text.


@dataclass(frozen=True)
class Named:
    """Someone a field names: picked by reference, or typed as their name."""

    key: str


DAY = "2026-11-24"
VENUE = "Rivermouth Police Station, Room 4"

MEETING: list[tuple[str, str | None, dict[str, Any]]] = [
    (
        "facts",
        None,
        {
            "case_reference": "SM-2026-0412",
            "date": DAY,
            "start_time": "10:00",
            "end_time": "11:15",
            "held": "in_person",
            "venue": VENUE,
            "chair": "Pat Example",
            "chair_role": "Team manager, children's social care",
            "minute_taker": "Sam Sample",
            "meeting_type": "first",
            "procedures": ["section_47"],
            "sexual_abuse_alleged": True,
            "reason": "Amy (9) told her class teacher on Monday that her stepfather comes into "
            "her room at night and touches her. School referred the same day. Her brother Ben "
            "(6) lives in the same household.",
        },
    ),
    *[
        ("attendees", key, {"name": name, "role": role, "agency": agency, "status": status})
        for key, name, role, agency, status in (
            ("chair", "Pat Example", "Chair, team manager", "childrens_social_care", "present"),
            ("sw", "Jo Placeholder", "Social worker", "childrens_social_care", "present"),
            ("dc", "Chris Invented", "Detective constable", "police", "present"),
            ("ds", "Lee Madeup", "Detective sergeant", "police", "present"),
            ("nurse", "Robin Notreal", "School nurse", "health", "present"),
            ("paed", "Dr Alex Fiction", "Community paediatrician", "health", "report"),
            ("dsl", "Morgan Sample", "Designated safeguarding lead", "education", "present"),
            ("po", "Kim Demo", "Probation officer", "probation", "present"),
        )
    ],
    (
        "information_shared",
        None,
        {
            "agency": "education",
            "shared_by": "@dsl",
            "summary": "Amy disclosed to her class teacher at 9.15 on Monday; the teacher "
            "wrote down her words. Attendance 96%. Ben is in Year 2, no concerns noted.",
        },
    ),
    (
        "information_shared",
        None,
        {
            "agency": "police",
            "shared_by": "@dc",
            "summary": "Dean is a registered sex offender (2015, offences against a child "
            "outside the family), managed at MAPPA level 1.",
        },
    ),
    ("households", "home", {"name": "Main household", "address": "12 Sample Road, Rivermouth"}),
    ("households", "nan", {"name": "Grandmother's home", "address": "3 Example Close"}),
    (
        "people",
        "amy",
        {
            "name": "Amy Placeholder",
            "category": "child",
            "role": "subject_child",
            "household": "@home",
            "date_of_birth": "2017-03-02",
            "school": "Rivermouth Primary",
            "first_language": "English",
            "interpreter_needed": False,
        },
    ),
    (
        "people",
        "ben",
        {
            "name": "Ben Placeholder",
            "category": "child",
            "role": "sibling",
            "household": "@home",
            "date_of_birth": "2020-06-19",
            "school": "Rivermouth Primary",
            "first_language": "English",
            "interpreter_needed": False,
        },
    ),
    (
        "people",
        "carla",
        {
            "name": "Carla Placeholder",
            "category": "adult",
            "role": "non_abusing_parent",
            "household": "@home",
            "parental_responsibility": True,
        },
    ),
    (
        "people",
        "dean",
        {
            "name": "Dean Fictional",
            "category": "adult",
            "role": "alleged_perpetrator",
            "household": "@home",
            "parental_responsibility": False,
            "registered_sex_offender": True,
            "in_prison": False,
            "mappa_category": "1",
            "mappa_level": "1",
            "convictions": "2015: sexual assault of a child under 13 (not a family member).",
            "probation_contact": Named("po"),
        },
    ),
    (
        "people",
        "elsie",
        {
            "name": "Elsie Placeholder",
            "category": "adult",
            "role": "other",
            "household": "@nan",
            "parental_responsibility": False,
        },
    ),
    (
        "people",
        "frank",
        {
            "name": "Frank Madeup",
            "category": "adult",
            "role": "other",
            "parental_responsibility": True,
        },
    ),
    *[
        ("relationships", None, {"person": a, "relationship": rel, "other_person": b})
        for a, rel, b in (
            ("@carla", "parent", "@amy"),
            ("@dean", "step_parent", "@amy"),
            ("@amy", "sibling", "@ben"),
            ("@elsie", "grandparent", "@amy"),
        )
    ],
    (
        "decisions",
        None,
        {
            "child": "@amy",
            "section_47": True,
            "section_47_mode": "joint",
            "lead_agency": "childrens_social_care",
            "interview": True,
            "interview_reason": "Amy has made a clear disclosure and is able to give an account.",
            "interview_type": "abe",
            "interviewers": ["@dc", "@sw"],
            "interview_start": f"{DAY}T14:00",
            "interview_place": VENUE,
            "medical": True,
            "medical_by": Named("paed"),
            "medical_when": "2026-11-25T10:00",
            "medical_consent": "parental_responsibility",
            "family_told": "Carla is told of the enquiry and the interview; Dean is not told.",
            "family_told_by": Named("sw"),
            "police_hold": "Do not tell Dean until he has been arrested.",
        },
    ),
    (
        "decisions",
        None,
        {
            "child": "@ben",
            "section_47": True,
            "section_47_mode": "joint",
            "lead_agency": "childrens_social_care",
            "interview": False,
            "interview_reason": "Ben has said nothing of concern; he is seen by the social "
            "worker at home with Carla.",
            "medical": False,
            "family_told": "Carla is told with Amy's enquiry.",
            "family_told_by": Named("sw"),
        },
    ),
    (
        "sibling_support",
        None,
        {"child": "@ben", "may_discuss": "That Amy is safe and staying with Nan.", "views": ""},
    ),
    (
        "parent_support",
        None,
        {
            "parent": "@carla",
            "support": "Support from the social worker; referral to the family support service.",
        },
    ),
    (
        "think_family",
        None,
        {
            "family_history": "concern",
            "family_history_note": "Dean's conviction in 2015.",
            "neglect": "no_concern",
            "domestic_abuse": "not_known",
            "domestic_abuse_note": "Police to check call-outs to the address.",
            "substance_misuse": "no_concern",
            "mental_health": "no_concern",
            "learning_disability": "no_concern",
        },
    ),
    (
        "information_sharing",
        None,
        {
            "about": "@dean",
            "recipient": Named("frank"),
            "recipient_type": "parent",
            "by": "@po",
            "due": "2026-11-26",
        },
    ),
    (
        "grooming",
        None,
        {"children": True, "parents": True, "professionals": False},
    ),
    *[
        ("actions", None, {"description": text, "owner": owner, "due": due, "status": "open"})
        for text, owner, due in (
            ("Arrange and hold Amy's ABE interview.", "@dc", DAY),
            ("Visit Carla today; agree a safety plan.", "@sw", DAY),
            ("Child protection medical for Amy.", "@paed", "2026-11-25"),
            ("Tell Frank about Dean's conviction.", "@po", "2026-11-26"),
            ("Share school attendance and welfare notes.", "@dsl", "2026-11-27"),
            ("Check police call-outs to the address.", "@ds", "2026-11-25"),
        )
    ],
    (
        "outcome",
        None,
        {
            "decision": "Section 47 enquiries for Amy and Ben, joint with police.",
            "review_date": "2026-12-08",
        },
    ),
]

# What the chair means without saying it: working days of England, and (in `differences`) no
# restriction on an item; the owner's agency is the agency of the attendee who owns the action.
MEETING[0][2]["nation"] = "england"
UNSAID = {"restriction": "none"}
for _kind, _key, _data in MEETING:
    if _kind == "actions":
        _data["owner_agency"] = next(
            d["agency"] for k, key, d in MEETING if k == "attendees" and f"@{key}" == _data["owner"]
        )


# -- keys ----------------------------------------------------------------------------------------
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
ADD_SHORTCUT = {"attendees": Qt.Key.Key_A, "people": Qt.Key.Key_P, "actions": Qt.Key.Key_T}


@dataclass
class Tally:
    """What recording the meeting cost."""

    keys: int = 0
    text: int = 0
    scrolls: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    kind: str = ""

    def key(self, n: int = 1) -> None:
        self.keys += n
        self.by_kind[self.kind] = self.by_kind.get(self.kind, 0) + n


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    if widget is None:
        raise AssertionError("nothing has the keyboard focus")
    return widget


def send_key(key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """A real key press and release where the focus is; shortcuts go through the app too."""
    from PySide6.QtTest import QTest

    QTest.keyClick(focus(), key, modifiers)
    QApplication.processEvents()


def send_text(text: str, target: QWidget | None = None) -> None:
    """Typed text in any script (one key event carries it; QTest cannot send non-ASCII)."""
    widget = target or focus()
    for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(event_type, 0, NONE, text))
    QApplication.processEvents()


def letter_key(ch: str) -> Qt.Key:
    return Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown


def send_letter(ch: str, target: QWidget | None = None) -> None:
    widget = target or focus()
    for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(event_type, letter_key(ch), NONE, ch))
    QApplication.processEvents()


class Driver:
    """Records MEETING in a MainWindow with keys alone, counting them."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.tally = Tally()
        self.ids: dict[str, str] = {}
        self.names: dict[str, str] = {
            key: d["name"] for k, key, d in MEETING if key and "name" in d
        }
        self._scroll_positions: dict[int, int] = {}
        self.meeting_id = ""
        self.choices: list[tuple[str, str]] = []
        self._letters_at: dict[int, float] = {}

    # -- counting ------------------------------------------------------------------------
    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
        self.tally.key()
        send_key(key, modifiers)
        self._note_scrolls()

    def type(self, text: str) -> None:
        if text:
            self.tally.text += len(text)
            send_text(text)
            self._note_scrolls()

    def _note_scrolls(self) -> None:
        """A form that moved under the chair's eyes (their own scroll, or one a Tab made)."""
        widget: QWidget | None = focus()
        while widget is not None:
            if isinstance(widget, QAbstractScrollArea) and not isinstance(
                widget, QPlainTextEdit | QListWidget
            ):
                bar = widget.verticalScrollBar()
                before = self._scroll_positions.get(id(bar))
                if before is not None and before != bar.value():
                    self.tally.scrolls += 1
                self._scroll_positions[id(bar)] = bar.value()
            widget = widget.parentWidget()

    # -- where things are ----------------------------------------------------------------
    @property
    def editor(self) -> Any:
        assert self.window.editor is not None, "no meeting is open"
        return self.window.editor

    def form(self) -> Any:
        from strategy_minutes.ui.item_table import ListPage
        from strategy_minutes.ui.meeting_editor import SectionPage

        page = self.editor.page(self.editor.current_kind())
        assert isinstance(page, SectionPage | ListPage)
        return page.form

    def field_in_focus(self) -> str:
        editors = {id(w): name for name, w in self.form().editors.items()}
        widget: QWidget | None = focus()
        while widget is not None:
            if id(widget) in editors:
                return editors[id(widget)]
            widget = widget.parentWidget()
        return ""

    def go_to_page(self, kind: str) -> None:
        from strategy_minutes.ui.meeting_editor import PAGES, SECTION_KEYS

        names = [name for name, _label in PAGES]
        here, there = names.index(self.editor.current_kind()), names.index(kind)
        if here == there and self.field_in_focus():
            return
        if there < SECTION_KEYS:
            self.press(Qt.Key(Qt.Key.Key_1 + there), CTRL)
            return
        step = Qt.Key.Key_PageDown if there > here else Qt.Key.Key_PageUp
        for _ in range(abs(there - here)):
            self.press(step, CTRL)

    # -- what the record should hold -----------------------------------------------------
    def resolve(self, value: Any, as_text: bool) -> Any:
        if isinstance(value, Named):
            return self.names[value.key] if as_text else self.ids[value.key]
        if isinstance(value, str) and value.startswith("@"):
            return self.ids[value[1:]]
        if isinstance(value, list):
            return [self.resolve(v, as_text) for v in value]
        return value

    def stored(self, kind: str, name: str, value: Any) -> Any:
        """The value as the spec's field stores it (text for a name typed, an id if picked)."""
        from strategy_minutes.desktop.meeting import spec

        f = spec.kind(kind).field(name)
        picked = f.ref or type(f.type).__name__ == "Someone"  # named by reference, not spelt
        return self.resolve(value, as_text=not picked)

    # -- entering --------------------------------------------------------------------------
    def record(self) -> None:
        self.press(Qt.Key.Key_N, CTRL)  # a new meeting opens at its first fact
        self.meeting_id = self.window.editing.meeting_id
        for kind, key, data in MEETING:
            self.tally.kind = kind
            self.enter(kind, key, data)
        self.tally.kind = "close"
        self.press(Qt.Key.Key_W, CTRL)  # everything typed is saved on the way out

    def enter(self, kind: str, key: str | None, data: dict[str, Any]) -> None:
        from strategy_minutes.desktop.meeting import spec

        if spec.kind(kind).is_list:
            if kind in ADD_SHORTCUT:
                self.press(ADD_SHORTCUT[kind], CTRL | SHIFT)
            else:
                self.go_to_page(kind)
                self.press(Qt.Key.Key_N, CTRL | SHIFT)
            item_id = self.form().item_id
            assert item_id, f"no {kind} item was added"
            if key:
                self.ids[key] = item_id
        else:
            self.go_to_page(kind)
        self.fill(kind, data)

    def fill(self, kind: str, data: dict[str, Any]) -> None:
        """Work down the form in its order, entering each value the record wants.

        A chair records as the meeting talks, so each field the form shows is met once, on
        the way down (a Tab), whether or not it gets an answer: a question asked of everyone
        costs everyone. The last field shown ends the form."""
        form = self.form()
        wanted = {
            name: self.stored(kind, name, value)
            for name, value in data.items()
            if value not in (None, "", [])
        }
        missing = set(wanted) - set(form.editors)
        assert not missing, f"{kind}: the form has no {sorted(missing)}"
        visited: set[str] = set()
        for _ in range(200):
            name = self.field_in_focus()
            assert name, f"{kind}: Tab left the form"
            if name in wanted and not self._holds(form, name, wanted[name]):
                self.put(form, name, wanted[name])
            visited.add(name)
            shown = [n for n, w in form.editors.items() if w.isVisibleTo(form) and tab_stop(w)]
            if name == shown[-1]:
                # Fields Tab passes by that want an answer, and answers the app filled in
                # (carried from the row before, implied by another) that the meeting does
                # not mean: the chair reaches each with its Alt+letter and puts it right.
                fix = {n: v for n, v in wanted.items() if not tab_stop(form.editors[n])}
                fix |= {
                    n: None
                    for n, w in form.editors.items()
                    if n not in wanted
                    and w.isVisibleTo(form)
                    and intended(kind, n, data) is None
                    and w.value() not in (None, "", [])
                }
                for other, value in fix.items():
                    if not self._holds(form, other, value):
                        self.press(mnemonic(form, other), ALT)
                        assert self.field_in_focus() == other, f"{kind}: Alt did not reach {other}"
                        self.put(form, other, value)
                unmet = [n for n in wanted if not self._holds(form, n, wanted[n])]
                assert not unmet, f"{kind}: the form ended before {unmet}"
                return
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"{kind}: Tab never reached the end of the form")

    @staticmethod
    def _holds(form: Any, name: str, value: Any) -> bool:
        from strategy_minutes.ui.undo import same

        return same(form.editors[name].value(), value)

    def put(self, form: Any, name: str, value: Any) -> None:
        widget = form.editors[name]
        if isinstance(widget, QComboBox):
            self.choose(widget, value)
        elif isinstance(widget, QListWidget):
            self.tick(widget, value)
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            current = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            if current:
                self.press(Qt.Key.Key_A, CTRL)  # replace what is there
            if value is None:
                self.press(Qt.Key.Key_Backspace)
            else:
                self.type(as_typed(widget.field, value))
        else:
            self.put_other(widget, value)
        assert same_value(widget.value(), value), f"{name}: {widget.value()!r} != {value!r}"

    def put_other(self, widget: QWidget, value: Any) -> None:
        raise AssertionError(f"no way to enter {value!r} in {type(widget).__name__}")

    def choose(self, combo: QComboBox, value: Any) -> None:
        """The cheaper of type-ahead and arrow keys to the wanted entry.

        Letters typed for one choice come quickly; a new choice comes after a pause longer
        than the type-ahead interval, as it does for a person (see SEARCH_PAUSE_S)."""
        since = time.monotonic() - self._letters_at.get(id(combo), 0.0)
        if since < SEARCH_PAUSE_S:
            time.sleep(SEARCH_PAUSE_S - since)
        target = next(
            n
            for n in range(combo.count())
            if combo.itemData(n) == value and type(combo.itemData(n)) is type(value)
        )
        arrows = target - combo.currentIndex()
        letters = type_ahead(combo, target)
        self.choices.append((combo.itemText(target), letters or ""))
        if target == 0 and abs(arrows) > 1:  # the unanswered entry, first: Home
            self.press(Qt.Key.Key_Home)
        elif letters is not None and len(letters) <= abs(arrows):
            for ch in letters:
                self.tally.key()
                send_letter(ch)
            self._letters_at[id(combo)] = time.monotonic()
        else:
            for _ in range(abs(arrows)):
                self.press(Qt.Key.Key_Down if arrows > 0 else Qt.Key.Key_Up)
        self._note_scrolls()

    def tick(self, listing: QListWidget, values: list[str]) -> None:
        """Arrow to each wanted entry and tick it with Space."""
        for value in values:
            row = next(
                n
                for n in range(listing.count())
                if listing.item(n).data(Qt.ItemDataRole.UserRole) == value
            )
            current = max(listing.currentRow(), 0)
            if listing.currentRow() < 0:
                listing.setCurrentRow(0)  # what focusing a list by key does
            for _ in range(abs(row - current)):
                self.press(Qt.Key.Key_Down if row > current else Qt.Key.Key_Up)
            self.press(Qt.Key.Key_Space)


def tab_stop(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def mnemonic(form: Any, name: str) -> Qt.Key:
    """The Alt+letter of a field's label (the letter after '&')."""
    text = form.labels[name].text().replace("&&", "  ")
    return Qt.Key(ord(text[text.index("&") + 1].upper()))


def same_value(a: Any, b: Any) -> bool:
    from strategy_minutes.ui.undo import same

    return same(a, b) or (isinstance(a, list) and isinstance(b, list) and sorted(a) == sorted(b))


def as_typed(f: Any, value: Any) -> str:
    """A value as a chair types it: dates and times the English way."""
    from strategy_minutes.desktop.meeting.fieldtypes import Date, DateTime

    if isinstance(f.type, Date):
        d = date.fromisoformat(value)
        return f"{d.day}/{d.month}/{d.year}"
    if isinstance(f.type, DateTime):
        day, clock = value.split("T")
        d = date.fromisoformat(day)
        return f"{d.day}/{d.month}/{d.year} {clock}"
    return str(value)


def type_ahead(combo: QComboBox, target: int) -> str | None:
    """The fewest letters of the entry's label that choose it, found on a fresh clone of
    the widget (same class, same entries, same current entry), so the real one is untouched."""
    label = combo.itemText(target)
    for n in range(1, len(label) + 1):
        clone = clone_combo(combo)
        for ch in label[:n]:
            send_letter(ch, clone)
        reached = clone.currentIndex()
        clone.deleteLater()
        if reached == target:
            return label[:n]
    return None


def clone_combo(combo: QComboBox) -> QComboBox:
    clone = type(combo)(combo.field, combo._meeting)  # type: ignore[attr-defined]
    clone.blockSignals(True)
    clone.clear()
    for n in range(combo.count()):
        clone.addItem(combo.itemText(n), combo.itemData(n))
    clone.setCurrentIndex(combo.currentIndex())
    clone.blockSignals(False)
    return clone


def intended(kind: str, name: str, data: dict[str, Any]) -> Any:
    """What the meeting means for a field (before references are resolved): what it says,
    else what the chair means without saying it, else nothing."""
    from strategy_minutes.desktop.meeting import spec

    k = spec.kind(kind)
    if name in data:
        return data[name]
    return UNSAID.get(name) if k.restrictable and k.is_list else None


# -- checking the record ---------------------------------------------------------------------------
def differences(driver: Driver, meeting: Any) -> list[str]:
    """Each way the stored record differs from MEETING: a value lost, wrong or extra."""
    from strategy_minutes.desktop.meeting import spec

    out: list[str] = []
    seen: dict[str, int] = {}
    for kind, _key, data in MEETING:
        k = spec.kind(kind)
        if k.is_list:
            n = seen.get(kind, 0)
            seen[kind] = n + 1
            items = meeting.items_of(kind)
            if n >= len(items):
                out.append(f"{kind} #{n + 1} is missing")
                continue
            record, where = items[n].data, f"{kind} #{n + 1}"
        else:
            record, where = meeting.section(kind), kind
        for f in k.all_fields():
            want = driver.stored(kind, f.name, intended(kind, f.name, data))
            if not same_value(record.get(f.name), want):
                out.append(f"{where}.{f.name}: stored {record.get(f.name)!r}, meant {want!r}")
    for kind, n in seen.items():
        if len(meeting.items_of(kind)) != n:
            out.append(f"{kind}: {len(meeting.items_of(kind))} items stored, {n} meant")
    return out


# -- running ------------------------------------------------------------------------------------
@dataclass
class Result:
    tally: Tally
    problems: list[str]
    meeting_id: str


def open_window(data_dir: Path) -> Any:
    """The app's window on a new store in `data_dir`, shown at laptop size."""
    from strategy_minutes.ui import app, dialogs

    dialogs.show_recovery_key = lambda code, parent=None: None  # type: ignore[assignment]
    window = app.build(data_dir)
    assert window is not None, "the store did not open"
    window.resize(*SCREEN)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window


def run(window: Any) -> Result:
    """Record the meeting in the window; what it cost and how the stored record differs."""
    driver = Driver(window)
    driver.record()
    meeting = window.service.get(driver.meeting_id)
    return Result(driver.tally, differences(driver, meeting), driver.meeting_id)


def main() -> bool | None:
    from bench.common import PASSPHRASE, in_throwaway_keyring, machine

    if not in_throwaway_keyring():
        os.environ.setdefault("STRATEGY_MINUTES_PASSPHRASE", PASSPHRASE)
        os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="capture-bench-") as tmp:
        window = open_window(Path(tmp))
        result = run(window)
        window.close()
        window.deleteLater()
        app.processEvents()
    t = result.tally
    print(f"\nCapture: recording a meeting with the keyboard ({machine()})")
    print("keys other than the text, by part of the meeting:")
    for kind, n in t.by_kind.items():
        print(f"  {kind or 'start':<22} {n:>5}")
    print(f"text typed: {t.text} characters; scrolls: {t.scrolls}")
    if result.problems:
        print("the stored record differs from the meeting recorded:")
        for p in result.problems:
            print(f"  {p}")
    if not BASELINE_KEYS:
        print(f"keys other than the text: {t.keys} (no baseline kept yet): no verdict")
        return None if not result.problems else False
    met = t.keys <= TARGET * BASELINE_KEYS and not result.problems
    print(
        f"keys other than the text: {t.keys} against {BASELINE_KEYS} before "
        f"({t.keys / BASELINE_KEYS:.2f}x; target <= {TARGET}x); scrolls {t.scrolls} against "
        f"{BASELINE_SCROLLS}: {'PASS' if met else 'FAIL'}"
    )
    return met


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
