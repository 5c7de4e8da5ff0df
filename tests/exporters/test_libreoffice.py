"""The full minutes as LibreOffice renders them: one conversion, then the PDF is read.

Checks what a reader would notice first: a sensible page count, the protective marking and
"Page N of M" on every page, and names in Welsh, Polish and Arabic surviving as text in
embedded fonts (a glyph that fell back to a box would not round-trip as its character).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.exporters.docx_minutes import export_meeting

pytestmark = pytest.mark.libreoffice
TOOLS = ("soffice", "pdftotext", "pdffonts", "pdftoppm")


def run(*argv: str, timeout: float = 60) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True, timeout=timeout).stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (make system-packages)")
    from tests.exporters.conftest import demo_meeting

    folder = tmp_path_factory.mktemp("lo")
    meeting: Meeting = demo_meeting()
    docx = export_meeting(meeting, folder / "minutes.docx")
    run(
        "soffice",
        f"-env:UserInstallation=file://{folder / 'profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
        timeout=120,
    )
    return folder / "minutes.pdf"


def test_pages_carry_marking_and_numbers(pdf: Path) -> None:
    pages = run("pdftotext", "-layout", str(pdf), "-").split("\f")
    pages = [p for p in pages if p.strip()]
    assert 5 <= len(pages) <= 20
    for n, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, n  # header and footer
        assert f"Page {n} of {len(pages)}" in page, n
    assert "Strategy meeting minutes" in pages[0]
    assert "Tuesday 24 November 2026" in pages[0]


def test_names_in_any_script_render_in_embedded_fonts(pdf: Path) -> None:
    text = run("pdftotext", str(pdf), "-")
    for name in ("Siân Llywelyn", "DC Zofia Wiśniewska", "ليلى", "حداد"):
        assert name in text, name
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    families = " ".join(fonts)
    assert "Carlito" in families and "DejaVuSans" in families


def test_first_page_renders_to_an_image(pdf: Path) -> None:
    run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix("")))
    image = next(pdf.parent.glob("minutes-*1.png"))
    assert image.stat().st_size > 10_000
