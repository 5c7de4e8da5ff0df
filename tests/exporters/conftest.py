"""Shared for the exporter tests: the demo meeting on a fixed day, and reading a .docx back."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.jsonformat import from_json
from strategy_minutes.desktop.meeting.model import Meeting

MEETING_DAY = date(2026, 11, 24)  # a Tuesday


def demo_meeting() -> Meeting:
    return from_json(demo_json(MEETING_DAY), today=MEETING_DAY)


@pytest.fixture
def meeting() -> Meeting:
    return demo_meeting()


def package_text(data: bytes) -> str:
    """Every XML part of a .docx (body, headers, footers, properties) as one string."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))
        )


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)
