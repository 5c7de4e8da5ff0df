"""Generate the typed records (records.py) and the JSON Schema from the spec: `make generate`.

The spec stays the one declaration. What the type checker needs from it (an enum for each set
of choices, a TypedDict for each kind, typed access to each section and list) is written out
as Python, committed, and checked for staleness by a test, so adding a field and running
`make generate` makes the type checker point at every place that reads records.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import Choice, Choices, ChoiceSet

HEADER = '''"""Typed records of a meeting, generated from desktop/meeting/spec.py: do not edit.

Regenerate with `make generate`; a test fails when this file is stale.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, TypedDict, cast

from strategy_minutes.desktop.meeting.item import Item
'''


def _member(value: str, label: str) -> str:
    word = value if re.fullmatch(r"[a-z_][a-z0-9_]*", value) else label
    return re.sub(r"\W+", "_", word).strip("_").upper()


def choice_sets() -> list[ChoiceSet]:
    found: dict[str, ChoiceSet] = {}
    for k in spec.KINDS:
        for f in k.all_fields():
            if isinstance(f.type, Choice | Choices):
                seen = found.setdefault(f.type.choices.name, f.type.choices)
                if seen != f.type.choices:
                    raise ValueError(f"two different choice sets are named {seen.name}")
    return list(found.values())


def _enum(cs: ChoiceSet) -> str:
    lines = [f"class {cs.name}(StrEnum):"]
    lines += [f"    {_member(v, label)} = {v!r}  # {label}" for v, label in cs.options]
    return "\n".join(lines)


def _record(k: spec.Kind) -> str:
    lines = [f"class {k.record}(TypedDict):", f'    """{k.label}."""', ""]
    lines += [f"    {f.name}: {f.type.annotation()}" for f in k.all_fields()]
    return "\n".join(lines)


def _access() -> str:
    lines = [
        "class MeetingParts:",
        '    """Typed access to the sections and lists of a meeting (Meeting inherits it)."""',
        "",
        "    sections: dict[str, dict[str, Any]]",
        "    items: dict[str, list[Item[Any]]]",
    ]
    for k in spec.KINDS:
        lines.append("")
        lines.append("    @property")
        if k.is_list:
            lines.append(f"    def {k.name}(self) -> list[Item[{k.record}]]:")
            lines.append(f'        return cast("list[Item[{k.record}]]", self.items["{k.name}"])')
        else:
            lines.append(f"    def {k.name}(self) -> {k.record}:")
            lines.append(f'        return cast({k.record}, self.sections["{k.name}"])')
    return "\n".join(lines)


def records_text() -> str:
    def names(kinds: tuple[spec.Kind, ...]) -> str:
        return ", ".join(repr(k.name) for k in kinds)

    parts = [HEADER.rstrip("\n")]
    parts += [_enum(cs) for cs in choice_sets()]
    parts += [_record(k) for k in spec.KINDS]
    parts.append(
        f"SectionName = Literal[{names(spec.SECTIONS)}]\nListName = Literal[{names(spec.LISTS)}]"
    )
    parts.append(_access())
    return "\n\n\n".join(parts) + "\n"


def main(root: Path) -> None:
    from strategy_minutes.desktop.meeting import jsonformat

    (root / "desktop" / "meeting" / "records.py").write_text(records_text(), "utf-8")
    (root / "docs" / "meeting.schema.json").write_text(jsonformat.schema_text(), "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
