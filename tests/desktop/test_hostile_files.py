"""Hostile .docx files get one sentence and exit 2, with bounded memory, from `verify` and
`comments import`.

Each case starts from a real copy of the demo minutes (a signed one for `verify`, a review copy
out for comments for `comments import`: the files those commands go furthest with) and adds what
an attacker would: a zip bomb, thousands of entries, an XML part with a billion-laughs DTD (in
UTF-8 and in UTF-16), too much XML, or a file too large to be minutes. The command runs in a
child of a small launcher that reports the command's peak resident memory
(RUSAGE_CHILDREN.ru_maxrss), so the figure is the command's own, whatever else this test run has
started. The command's address space is capped (RLIMIT_AS) so that a regression fails here
instead of swapping a shared machine to a halt.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from strategy_minutes.exporters import safe_zip

from tests.conftest import cli_env

PEAK_LIMIT_MB = 300
LAUNCHER = """
import resource, subprocess, sys
limit = int(sys.argv[1])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
done = subprocess.run(sys.argv[2:], preexec_fn=cap, capture_output=True, text=True)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr)
sys.stderr.write(f"\\npeak-rss-kb {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.exit(done.returncode)
"""
ADDRESS_SPACE_CAP = 3 * 1024**3

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _with(base: bytes, extra: dict[str, bytes], drop: str = "") -> bytes:
    """`base` with entries added or replaced (deflated, as Word packs them), one dropped."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename not in extra and info.filename != drop:
                dst.writestr(info, src.read(info))
        for name, blob in extra.items():
            dst.writestr(name, blob)
    return out.getvalue()


def _zip_bomb(base: bytes) -> bytes:
    """The family map picture (a part the document uses) swapped for about 1 GB of zeros
    packed into 1 MB: the shape of the bomb the issue measured."""
    out = io.BytesIO(_with(base, {}, drop="word/media/image1.png"))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open("word/media/image1.png", "w", force_zip64=True) as entry,
    ):
        block = bytes(16 * 1024 * 1024)
        for _ in range(64):
            entry.write(block)
    return out.getvalue()


def _many_entries(base: bytes) -> bytes:
    return _with(base, {f"customXml/junk{n}.bin": b"x" for n in range(5000)})


def _tight_part(base: bytes) -> bytes:
    return _with(base, {"word/media/image2.png": bytes(20 * 1024 * 1024)})


def _billion_laughs(base: bytes) -> bytes:
    return _with(base, {"word/document.xml": LAUGHS.encode()})


def _billion_laughs_utf16(base: bytes) -> bytes:
    text = LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    return _with(base, {"word/document.xml": text.encode("utf-16")})


def _laughs_in_comments(base: bytes) -> bytes:
    return _with(base, {"word/comments.xml": LAUGHS.encode()})


def _too_much_xml(base: bytes) -> bytes:
    import random

    rng = random.Random(1)
    filler = "".join(
        f"<w:p><w:r><w:t>{rng.getrandbits(64):x}</w:t></w:r></w:p>" for _ in range(200_000)
    )
    return _with(
        base,
        {"customXml/item9.xml": f'<x xmlns:w="urn:w">{filler}</x>'.encode()},
    )


def _too_large_file(base: bytes) -> bytes:
    import os

    return base + os.urandom(safe_zip.MAX_FILE_BYTES)


CASES = [
    pytest.param(_zip_bomb, "unpacks to", id="zip-bomb"),
    pytest.param(_many_entries, "parts, more than any minutes", id="many-entries"),
    pytest.param(_tight_part, "times tighter", id="compression-ratio"),
    pytest.param(_billion_laughs, "document type declaration", id="billion-laughs"),
    pytest.param(_billion_laughs_utf16, "document type declaration", id="billion-laughs-utf16"),
    pytest.param(_laughs_in_comments, "document type declaration", id="laughs-in-comments"),
    pytest.param(_too_much_xml, "more XML than any minutes", id="too-much-xml"),
    pytest.param(_too_large_file, "larger than any minutes", id="too-large-file"),
]
COMMANDS = ["verify", "comments import"]


@dataclass(frozen=True)
class Copies:
    """A data folder with a signed copy (for verify) and a live review copy (for comments)."""

    folder: Path
    reviewed: str  # the meeting the review copy belongs to (still unsigned)
    files: dict[str, bytes]  # command -> the real copy the attack starts from


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Copies:
    work = tmp_path_factory.mktemp("hostile")
    folder = work / "store"

    def sm(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "strategy_minutes", "--data-dir", str(folder), *args],
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    reviewed, signed = sm("demo"), sm("demo")
    sm("export", reviewed, "--audience", "review", "--out", str(work / "review.docx"))
    sm("sign", signed)
    sm("export", signed, "--out", str(work / "signed.docx"))
    return Copies(
        folder,
        reviewed,
        {
            "verify": (work / "signed.docx").read_bytes(),
            "comments import": (work / "review.docx").read_bytes(),
        },
    )


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("make", "said"), CASES)
def test_hostile_file_is_refused_in_one_sentence_with_bounded_memory(
    copies: Copies, tmp_path: Path, make: Callable[[bytes], bytes], said: str, command: str
) -> None:
    hostile = tmp_path / "returned.docx"
    hostile.write_bytes(make(copies.files[command]))
    args = [str(hostile)] if command == "verify" else [copies.reviewed, str(hostile)]
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCHER,
            str(ADDRESS_SPACE_CAP),
            sys.executable,
            "-m",
            "strategy_minutes",
            "--data-dir",
            str(copies.folder),
            *command.split(),
            *args,
        ],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=180,
    )
    *said_lines, peak = [line for line in run.stderr.splitlines() if line.strip()]
    peak_mb = int(peak.split()[-1]) / 1024
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB: {run.stderr}"
    assert run.returncode == 2, run.stderr
    assert len(said_lines) == 1, run.stderr
    sentence = said_lines[0]
    assert said in sentence and hostile.name in sentence, sentence
    assert sentence.endswith(".") and "unexpected" not in sentence
    assert "valid" not in run.stdout
