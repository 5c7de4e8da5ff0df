"""The family map in the minutes, drawn as Word shapes: boxes, lines and real text.

The layout is the domain's (`desktop.meeting.family_layout`), the very one the chair sees on
screen; here it becomes one DrawingML group (`wpg:wgp`) of shapes (`wps:wsp`): rounded
rectangles for households, people and badges, text boxes for every name and word, custom
paths for the lines and arrow heads. Names stay text a reader can select and search, the
file needs no picture, and drawing it needs neither Qt nor a display.

Word does not scale text inside a group with the group, so the group's child coordinates are
the page's own (EMU) and every font size is computed for the map's scale, rounded down to
the half point Word allows: text is never wider than the layout measured it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.shared import Length
from docx.text.paragraph import Paragraph
from strategy_minutes.desktop.meeting.family_boxes import (
    BADGE,
    BADGE_INSET,
    DETAIL,
    EMPTY,
    EMPTY_HOUSEHOLD,
    KEY,
    KEY_CHIP,
    LABEL,
    NAME,
    NO_PEOPLE,
    NOTE,
    NOTHING,
    OUTLINE,
    SUBTITLE,
    TITLE,
)
from strategy_minutes.desktop.meeting.family_layout import MapLayout
from strategy_minutes.desktop.meeting.family_routes import LINE_WIDTH
from strategy_minutes.desktop.meeting.plane import Point, Rect, Route, bounding
from strategy_minutes.desktop.meeting.text_measure import ESTIMATE, TextStyle, elide
from strategy_minutes.desktop.meeting.wording import XML_UNSAFE, script_runs

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMU_PER_POINT = 12700
DESCRIPTION = "Family map: people by household; lines show relationships."

LINE_COLOUR = "44515F"
HOUSEHOLD_LINE, HOUSEHOLD_FILL, ELSEWHERE_FILL = "7D8793", "E8EEF3", "F3F3F1"
PERSON_LINE = "5F6B7A"
PERSON_FILLS = {"child": "EEF4FC", "unborn": "F4F0FA"}
PERSON_FILL = "FAFAFA"
NO_LINE = "<a:ln><a:noFill/></a:ln>"


class _Scale:
    """Scene units to EMU, from the picture's top-left corner."""

    def __init__(self, bounds: Rect, width_emu: int) -> None:
        self.origin = Point(bounds.x, bounds.y)
        self.per_unit = width_emu / bounds.w

    def x(self, value: float) -> int:
        return round((value - self.origin.x) * self.per_unit)

    def y(self, value: float) -> int:
        return round((value - self.origin.y) * self.per_unit)

    def length(self, value: float) -> int:
        return max(1, round(value * self.per_unit))

    def half_points(self, style: TextStyle) -> int:
        """The font size for a style at this scale, rounded down to Word's half points."""
        return max(2, math.floor(2 * style.px * self.per_unit / EMU_PER_POINT))


def _xfrm(s: _Scale, r: Rect) -> str:
    return (
        f'<a:xfrm><a:off x="{s.x(r.x)}" y="{s.y(r.y)}"/>'
        f'<a:ext cx="{s.length(r.w)}" cy="{s.length(r.h)}"/></a:xfrm>'
    )


def _hex(colour: str) -> str:
    """'#1f4e9c' as DrawingML writes it: 1F4E9C."""
    return colour.lstrip("#").upper()


def _fill(colour: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"


def _line(s: _Scale, colour: str, width: float, dashed: bool = False) -> str:
    dash = '<a:prstDash val="dash"/>' if dashed else ""
    return f'<a:ln w="{s.length(width)}">{_fill(colour)}{dash}</a:ln>'


def _geometry(r: Rect, radius: float) -> str:
    if radius <= 0:
        return '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    adj = min(50000, round(radius / min(r.w, r.h) * 100000))
    return (
        '<a:prstGeom prst="roundRect">'
        f'<a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>'
    )


def _runs(s: _Scale, text: str, style: TextStyle, colour: str) -> str:
    size = s.half_points(style)
    bold = "<w:b/><w:bCs/>" if style.bold else ""
    out = []
    for piece, rtl in script_runs(XML_UNSAFE.sub("", text)):
        props = f'{bold}<w:color w:val="{colour}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        props += "<w:rtl/>" if rtl else ""
        out.append(
            f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
        )
    return "".join(out)


def _text_body(
    s: _Scale, lines: list[str], style: TextStyle, colour: str, inset: float, top: bool
) -> str:
    """A text box holding `lines` (one paragraph with breaks, no spacing of its own), `inset`
    from the left, at the top of the box or centred in its height."""
    breaks = "<w:r><w:br/></w:r>".join(_runs(s, line, style, colour) for line in lines)
    paragraph = (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f"</w:pPr>{breaks}</w:p>"
    )
    left = s.length(inset) if inset else 0
    return (
        f"<wps:txbx><w:txbxContent>{paragraph}</w:txbxContent></wps:txbx>"
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="{left}" tIns="0" rIns="0" '
        f'bIns="0" anchor="{"t" if top else "ctr"}" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
    )


def _shape(
    s: _Scale,
    r: Rect,
    *,
    fill: str | None = None,
    line: str = NO_LINE,
    radius: float = 0.0,
    text: str = "",
) -> str:
    body = text or '<wps:bodyPr rot="0" vert="horz" wrap="square"><a:noAutofit/></wps:bodyPr>'
    return (
        f"<wps:wsp><wps:cNvSpPr/><wps:spPr>{_xfrm(s, r)}{_geometry(r, radius)}"
        f"{_fill(fill)}{line}</wps:spPr>{body}</wps:wsp>"
    )


def _words(
    s: _Scale,
    r: Rect,
    text: str,
    style: TextStyle,
    colour: str,
    *,
    fill: str | None = None,
    line: str = NO_LINE,
    inset: float = 0.0,
    top: bool = False,
) -> str:
    """A rectangle with one or more lines of text in it (split on newlines), each cut with '…'
    to the width the layout gave it.

    Text goes in rectangles only, over any rounded shape: the fallback copy LibreOffice saves
    beside a drawing keeps the words of rectangles but drops those of rounded ones.
    """
    room = r.w - 2 * inset
    lines = [elide(t, style, room, ESTIMATE) for t in text.split("\n")]
    body = _text_body(s, lines, style, colour, inset, top)
    return _shape(s, r, fill=fill, line=line, text=body)


def _path(
    s: _Scale, points: list[Point] | tuple[Point, ...], commands: str, fill: str | None, line: str
) -> str:
    """A custom shape through `points` (page coordinates) drawn by `commands` ('M', 'L', 'C')."""
    box = bounding(points)
    w, h = s.length(box.w), s.length(box.h)
    out, k = [], 0
    for c in commands:
        take = 3 if c == "C" else 1
        pts = "".join(
            f'<a:pt x="{s.x(p.x) - s.x(box.x)}" y="{s.y(p.y) - s.y(box.y)}"/>'
            for p in points[k : k + take]
        )
        tag = {"M": "moveTo", "L": "lnTo", "C": "cubicBezTo", "Z": "close"}[c]
        out.append(f"<a:{tag}>{pts}</a:{tag}>" if c != "Z" else "<a:close/>")
        k += take if c != "Z" else 0
    hollow = "" if fill else ' fill="none"'
    geometry = (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{w}" h="{h}"{hollow}>{"".join(out)}'
        "</a:path></a:pathLst></a:custGeom>"
    )
    return (
        f"<wps:wsp><wps:cNvSpPr/><wps:spPr>{_xfrm(s, box)}"
        f'{geometry}{_fill(fill)}{line}</wps:spPr><wps:bodyPr rot="0" vert="horz" wrap="square">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp>"
    )


def _route(s: _Scale, route: Route) -> str:
    commands = "MC" if route.curved else "M" + "L" * (len(route.points) - 1)
    return _path(s, route.points, commands, None, _line(s, LINE_COLOUR, LINE_WIDTH))


def _shapes(plan: MapLayout, s: _Scale) -> Iterator[str]:
    """Every shape, in the order they stack: households, lines, people, arrows, labels, key."""
    for g in plan.groups:
        line = _line(s, HOUSEHOLD_LINE, OUTLINE, dashed=g.elsewhere)
        fill = ELSEWHERE_FILL if g.elsewhere else HOUSEHOLD_FILL
        yield _shape(s, g.rect, fill=fill, line=line, radius=14)
        for at, text, style, colour in (
            (g.title_at, g.title, TITLE, "000000"),
            (g.subtitle_at, g.subtitle, SUBTITLE, "3D4650"),
        ) + (((g.empty_at, EMPTY_HOUSEHOLD, EMPTY, "000000"),) if g.empty else ()):
            box = Rect(at.x, at.y, g.text_width, ESTIMATE.height(style))
            yield _words(s, box, text, style, colour, top=True)
    for link in plan.links:
        yield _route(s, link.route)
    for p in plan.people:
        fill = PERSON_FILLS.get(p.category, PERSON_FILL)
        line = _line(s, PERSON_LINE, 1.4, dashed=p.category == "unborn")
        yield _shape(s, p.rect, fill=fill, line=line, radius=8)
        yield _words(s, p.name_rect, p.shown_name, NAME, "111111")
        yield _words(s, p.detail_rect, p.detail, DETAIL, "333333")
        for badge, rect in p.badge_rects():
            yield _shape(s, rect, fill=_hex(badge.fill), radius=5)
            yield _words(s, rect, "\n".join(badge.lines), BADGE, _hex(badge.ink), inset=BADGE_INSET)
    for link in plan.links:
        if link.arrow:
            yield _path(s, link.arrow, "MLLZ", LINE_COLOUR, NO_LINE)
    for link in plan.links:
        if link.label_rect is not None:
            yield _words(
                s,
                link.label_rect,
                link.label,
                LABEL,
                "222222",
                fill="FFFFFF",
                line=_line(s, "9AA5B1", 1.0),
                inset=5.0,
            )
    if plan.nothing_at is not None:
        at = plan.nothing_at
        box = Rect(at.x, at.y, ESTIMATE.width(NO_PEOPLE, NOTHING) + 4, ESTIMATE.height(NOTHING))
        yield _words(s, box, NO_PEOPLE, NOTHING, "000000", top=True)
    legend = plan.legend
    key = Rect(legend.key_at.x, legend.key_at.y, 46, ESTIMATE.height(KEY))
    yield _words(s, key, "Key", KEY, "000000", top=True)
    for badge, rect in legend.chips:
        yield _words(
            s, rect, badge.text, KEY_CHIP, _hex(badge.ink), fill=_hex(badge.fill), inset=8.0
        )
    notes = Rect(
        legend.notes_at.x,
        legend.notes_at.y,
        plan.bounds.right - legend.notes_at.x,
        ESTIMATE.height(NOTE),
    )
    yield _words(s, notes, legend.notes, NOTE, "000000", top=True)


def add_family_map(paragraph: Paragraph, plan: MapLayout, width: Length, shape_id: int) -> None:
    """Append the map, `width` wide, as an inline drawing to `paragraph`.

    `shape_id` must be unique among the document's drawings (python-docx's `next_id`).
    """
    s = _Scale(plan.bounds, int(width))
    size = f'cx="{int(width)}" cy="{s.length(plan.bounds.h)}"'
    xml = (
        f'<w:r xmlns:w="{W}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:wpg="{WPG}" xmlns:wps="{WPS}">'
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent {size}/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Family map" descr="{escape(DESCRIPTION)}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{WPG}"><wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext {size}/><a:chOff x="0" y="0"/><a:chExt {size}/>'
        "</a:xfrm>"
        f"</wpg:grpSpPr>{''.join(_shapes(plan, s))}</wpg:wgp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r>"
    )
    paragraph._p.append(parse_xml(xml))
