"""How wide a line of text is, for laying out the family map without a font engine.

The layout asks a `TextMeasure` how wide labels and key entries are. On screen the GUI gives
it Qt's own font metrics, so the map is measured exactly. Elsewhere (the Word minutes, the
command line, a server) `ESTIMATE` answers from a table of character widths.

The approximation, and why it is good enough: the table holds the advance widths of the
printable ASCII characters in Carlito, which is metric-compatible with Calibri, the font the
minutes are written in (and which Word and LibreOffice then use). Bold text is taken as 3.5 %
wider than regular (Carlito's bold is 2-5 % wider), every other character (accented letters,
other scripts) as 0.55 em, a little wider than an average letter, and kerning is ignored.
For the names, labels and key entries of a map that errs by a few per cent at most, and the
layout leaves padding around every text, so nothing overflows its box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

ELLIPSIS = "…"


@dataclass(frozen=True)
class TextStyle:
    """A size in pixels (scene units) and a weight: all the map's text varies by."""

    px: int
    bold: bool = False


class TextMeasure(Protocol):
    def width(self, text: str, style: TextStyle) -> float:
        """The advance width of `text` on one line."""
        ...

    def height(self, style: TextStyle) -> float:
        """The height of a line, ascent to descent."""
        ...


# Carlito's advance widths in thousandths of an em, grouped by width.
_WIDTHS = {
    221: "'",
    226: " ",
    229: "il",
    239: "j",
    250: ",",
    252: ".I",
    268: ":;",
    291: "`",
    303: "()",
    305: "f",
    306: "-",
    307: "[]",
    314: "{}",
    319: "J",
    326: "!",
    335: "t",
    349: "r",
    386: "/\\",
    391: "s",
    395: "z",
    401: '"',
    420: "L",
    423: "c",
    433: "x",
    452: "v",
    453: "y",
    455: "k",
    459: "FS",
    460: "|",
    463: "?",
    468: "Z",
    471: "g",
    479: "a",
    487: "TY",
    488: "E",
    498: "#*+<=>^_e~",
    507: "$0123456789",
    517: "P",
    519: "X",
    520: "K",
    525: "bdhnpqu",
    527: "o",
    533: "C",
    543: "R",
    544: "B",
    567: "V",
    579: "A",
    615: "D",
    623: "H",
    631: "G",
    642: "U",
    646: "N",
    662: "O",
    673: "Q",
    682: "&",
    690: ELLIPSIS,
    715: "%w",
    799: "m",
    855: "M",
    890: "W",
    894: "@",
    905: "→",
}
_EM = {c: w / 1000 for w, chars in _WIDTHS.items() for c in chars}
OTHER_EM = 0.55
BOLD = 1.035
LINE_EM = 1.22  # Carlito's ascent plus descent


class EstimatedMeasure:
    """Widths from Carlito's table: see the module's docstring for how close that is."""

    def width(self, text: str, style: TextStyle) -> float:
        em = sum(_EM.get(c, OTHER_EM) for c in text)
        return em * style.px * (BOLD if style.bold else 1.0)

    def height(self, style: TextStyle) -> float:
        return LINE_EM * style.px


ESTIMATE = EstimatedMeasure()


def elide(text: str, style: TextStyle, width: float, measure: TextMeasure = ESTIMATE) -> str:
    """`text` if it fits in `width`, else as much of it as fits followed by '…'."""
    if measure.width(text, style) <= width + 1e-6:
        return text
    kept = text
    while kept and measure.width(kept.rstrip() + ELLIPSIS, style) > width + 1e-6:
        kept = kept[:-1]
    return kept.rstrip() + ELLIPSIS if kept else ""
