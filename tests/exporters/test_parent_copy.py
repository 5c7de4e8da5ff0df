"""Property: whatever the chair restricts, the parent copy never carries a withheld item's text.

Each restrictable item of the demo gets a distinctive marker in every text field it has (so a
leak through a name, a note or a reference would show), then a random restriction. The whole
package is searched: body, headers, footers, core and custom properties, the withheld list.
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategy_minutes.desktop.meeting import audiences, disclosure, fieldtypes, spec
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.exporters.docx_minutes import minutes_bytes

from tests.exporters.conftest import demo_meeting, package_text

TEXT_TYPES = (fieldtypes.Text, fieldtypes.LongText, fieldtypes.Someone)  # a name as typed is text
BASE = demo_meeting()
ITEMS = [
    (k.name, n) for k in spec.LISTS if k.restrictable for n in range(len(BASE.items_of(k.name)))
]
RESTRICTIONS = [value for value, _ in spec.RESTRICTIONS.options]


def marker(kind: str, n: int) -> str:
    return f"QX{kind.upper()}{n:02d}ZQ"


def marked(choices: list[str]) -> Meeting:
    m = copy.deepcopy(BASE)
    for (kind, n), restriction in zip(ITEMS, choices, strict=True):
        item = m.items_of(kind)[n]
        for f in spec.kind(kind).fields:
            if type(f.type) in TEXT_TYPES:
                item.data[f.name] = f"{item.data[f.name] or ''} {marker(kind, n)}".strip()
        item.data["restriction"] = restriction
    return m


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(RESTRICTIONS), min_size=len(ITEMS), max_size=len(ITEMS)))
def test_parent_copy_never_contains_restricted_text(choices: list[str]) -> None:
    m = marked(choices)
    everything = package_text(minutes_bytes(m, audiences.PARENT))
    review = disclosure.review(m)
    gone = review.withheld_whole()
    for (kind, n), restriction in zip(ITEMS, choices, strict=True):
        item = m.items_of(kind)[n]
        if restriction in disclosure.WITHHELD_RESTRICTIONS or item.id in gone:
            assert marker(kind, n) not in everything, (kind, n, restriction)
        elif any(  # and what may be shown is shown
            type(f.type) in TEXT_TYPES and f.name not in review.withheld_fields(item.id)
            for f in spec.kind(kind).fields
        ):
            assert marker(kind, n) in everything, (kind, n)
