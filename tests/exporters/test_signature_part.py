"""The signed record and the review mark travel inside a .docx, through LibreOffice too."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from strategy_minutes.exporters.signature_part import (
    ReviewMark,
    SignaturePart,
    Unreadable,
    embed,
    extract,
    extract_review,
)

PART = SignaturePart(
    "m-1",
    "full",
    2,
    '{"a":"é"}'.encode(),
    b"\x00\x01sig",
    b"k" * 32,
    "ABCD 1234",
    "Siân Llywelyn",
    "Chair",
    "2026-11-24T10:00:00Z",
)


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    path = tmp_path / "minutes.docx"
    document = Document()
    document.add_paragraph("Strategy meeting minutes")
    document.save(str(path))
    return path


def test_round_trip_and_replace(docx_file: Path) -> None:
    embed(docx_file, PART)
    assert extract(docx_file) == PART
    with pytest.raises(Unreadable, match="no review-copy mark"):
        extract_review(docx_file)
    mark = ReviewMark("m-1", "token", "a" * 64, "b" * 64)
    embed(docx_file, mark)
    newer = SignaturePart(**{**PART.__dict__, "version": 3})
    embed(docx_file, newer)
    assert extract(docx_file) == newer and extract_review(docx_file) == mark
    names = zipfile.ZipFile(docx_file).namelist()
    ours = [
        n
        for n in names
        if n.startswith("customXml/item")
        and "Props" not in n
        and b"strategy-minutes" in zipfile.ZipFile(docx_file).read(n)
    ]
    assert len(ours) == 2  # replaced in place, not added again
    assert Document(str(docx_file)).paragraphs[0].text == "Strategy meeting minutes"


def test_unreadable_inputs_say_so(tmp_path: Path, docx_file: Path) -> None:
    not_zip = tmp_path / "notes.docx"
    not_zip.write_text("hello")
    with pytest.raises(Unreadable, match="not a Word document"):
        extract(not_zip)
    with pytest.raises(Unreadable, match="carries no signed record"):
        extract(docx_file)
    embed(docx_file, PART)
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(docx_file) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if b"urn:strategy-minutes:signature:1" in data:
                data = data.replace(b"<sm:version>2<", b"<sm:version>two<")
            dst.writestr(info, data)
    with pytest.raises(Unreadable, match="is damaged"):
        extract(damaged)


def test_libreoffice_keeps_the_parts(tmp_path: Path, docx_file: Path) -> None:
    embed(docx_file, PART)
    embed(docx_file, ReviewMark("m-1", "token", "a" * 64, "b" * 64))
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(docx_file),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = out / docx_file.name
    assert extract(saved) == PART
    assert extract_review(saved).token == "token"
