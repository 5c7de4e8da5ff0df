"""Names as people type what they heard: without accents or letters their keyboard lacks.

One rule for the two places that match typed names against the record: the store's search
index ("Sian" finds "Siân") and the scan of a parent's copy for withheld names ("Lukasz"
written in a note still names "Łukasz"). It depends on nothing, so both layers may use it.
"""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not decompose into a base letter and a combining mark.
_LOWER = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ŀ": "l",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
}
_SPECIAL = str.maketrans(
    _LOWER | {k.upper(): v.capitalize() for k, v in _LOWER.items() if len(k.upper()) == 1}
)


def plain(text: str) -> str:
    """Accents and special letters reduced to plain letters, case kept: "Łukasz" -> "Lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case as well: "Łukasz" -> "lukasz"."""
    return plain(text.casefold())
