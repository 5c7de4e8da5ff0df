"""The zip a signed copy is written as."""

from __future__ import annotations

import io
import zipfile

from strategy_minutes.exporters import package


def test_a_signed_copy_stays_compressed() -> None:
    """Signing rewrites every part of the Word file; each must stay deflated (stored, a copy
    was twenty times the size, too big for some councils' email) and read back the same."""
    parts = [("word/document.xml", b"<w:document/>" * 500), ("[Content_Types].xml", b"<T/>")]
    data = package.write_entries(parts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    assert package.read_entries(data, "the copy") == parts
    assert len(data) < 1000
