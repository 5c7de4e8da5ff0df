"""Getting a document safely onto disk: written whole or not at all, encrypted when asked.

ECMA-376 agile encryption (msoffcrypto-tool) is what Word and LibreOffice open after a
password prompt, so a copy can go by email without a separate tool.
"""

from __future__ import annotations

import io

from msoffcrypto.format.ooxml import OOXMLFile


def encrypt(data: bytes, password: str) -> bytes:
    """The .docx `data` encrypted with `password` (agile encryption, AES-256)."""
    if not password:
        raise ValueError("a password must not be empty")
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def decrypt(data: bytes, password: str) -> bytes:
    """The plain .docx inside an encrypted one (for tests and for reading a copy back)."""
    source = OOXMLFile(io.BytesIO(data))
    source.load_key(password=password)
    out = io.BytesIO()
    source.decrypt(out)
    return out.getvalue()


def is_encrypted(data: bytes) -> bool:
    try:
        return bool(OOXMLFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # not an OLE or zip container at all: certainly not an encrypted one
        return False
