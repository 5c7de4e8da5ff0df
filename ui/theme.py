"""Colours that carry meaning (a blocker, a refused value, a valid signature), fitted to the
palette in use so that they read in a light or a dark theme alike.

Each meaning has one hue. Text in that hue is made lighter or darker, keeping the hue, until
it reaches WCAG's 4.5:1 contrast against the background it is drawn on; shapes need 3:1, and
tinted backgrounds are the hue blended into the palette's own base colour. So nothing here
names a background: the palette does, and a high-contrast palette gets its contrast too.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# One hue per meaning; the light theme's text colours are these, or a little darker.
HUES = {
    "blocker": "#b00020",
    "problem": "#a50e0e",
    "warning": "#c77700",
    "good": "#1e6b2e",
    "quiet": "#5a6470",
    "overridden": "#6b7480",
}
TEXT_RATIO = 4.5  # WCAG 2 AA, normal text
SHAPE_RATIO = 3.0  # WCAG 2 AA, graphical objects


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    p = palette or QApplication.palette()
    return luminance(p.color(QPalette.ColorRole.Window)) < 0.18


_readable: dict[tuple[int, int, float], QColor] = {}


def readable(colour: QColor | str, background: QColor, ratio: float = TEXT_RATIO) -> QColor:
    """The colour, lighter or darker in the same hue, until it reaches `ratio` on background.

    Remembered per colour, background and ratio: table cells ask on every repaint.
    """
    c = QColor(colour)
    key = (c.rgba(), background.rgba(), ratio)
    if key in _readable:
        return QColor(_readable[key])
    h, s, lightness, a = c.hslHueF(), c.hslSaturationF(), c.lightnessF(), c.alphaF()
    lighten = luminance(background) < 0.18
    while contrast(c, background) < ratio and 0.0 < lightness < 1.0:
        lightness = min(1.0, lightness + 0.02) if lighten else max(0.0, lightness - 0.02)
        c = QColor.fromHslF(h, s, lightness, a)
    _readable[key] = QColor(c)
    return c


def blend(colour: QColor | str, base: QColor, amount: float) -> QColor:
    """`amount` of the colour over the base (0 is the base itself)."""
    c = QColor(colour)
    return QColor.fromRgbF(
        base.redF() + (c.redF() - base.redF()) * amount,
        base.greenF() + (c.greenF() - base.greenF()) * amount,
        base.blueF() + (c.blueF() - base.blueF()) * amount,
    )


def tint(meaning: str, palette: QPalette) -> QColor:
    """A background that says `meaning` quietly, behind the palette's own text colour."""
    return blend(
        HUES[meaning], palette.color(QPalette.ColorRole.Base), 0.2 if is_dark(palette) else 0.1
    )


def ink(
    meaning: str,
    palette: QPalette,
    on: QColor | QPalette.ColorRole = QPalette.ColorRole.Window,
    ratio: float = TEXT_RATIO,
) -> QColor:
    """Text (or, with SHAPE_RATIO, a shape) in the meaning's hue, readable on `on`."""
    background = on if isinstance(on, QColor) else palette.color(on)
    return readable(HUES[meaning], background, ratio)


def mark_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on a filled shape (an icon's inner mark)."""
    white, black = QColor("#ffffff"), QColor("#1a1a1a")
    return white if contrast(white, fill) >= contrast(black, fill) else black


def style_text(widget: QWidget, meaning: str | None) -> None:
    """Colour a label's text for a meaning (None: the palette's own text colour again).

    Through the widget's palette, not a style sheet: a style sheet puts the widget under Qt's
    style-sheet style, which re-parses and matches rules at every size hint and paint, and a
    meeting's facts form has one such label per field (about 2 ms of each open, measured)."""
    if meaning is None:
        widget.setPalette(QPalette())  # every colour inherited again
        return
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ink(meaning, palette))
    widget.setPalette(palette)


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark theme: Qt's offscreen platform ignores the
    system's colour scheme, so screenshots and tests set this one to look at dark mode."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Button, "#3a3a3a"),
        (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.ToolTipBase, "#3a3a3a"),
        (QPalette.ColorRole.ToolTipText, "#e8e8e8"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    return palette
