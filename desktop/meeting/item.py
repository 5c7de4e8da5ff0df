"""One item of a meeting's list (an attendee, a person, a decision...), typed by its record.

`Item[Person]` holds a `Person` record (generated from the spec in records.py), so
`item.data["role"]` is checked by the type checker and a misspelt field name is an error
there, and a KeyError at run time, never a silent "unanswered".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

D = TypeVar("D", bound=Mapping[str, Any])


@dataclass
class Item(Generic[D]):
    id: str
    kind: str
    data: D

    def __getitem__(self, name: str) -> Any:
        """A field by a name only known at run time (spec-driven code); unknown names raise."""
        return self.data[name]
