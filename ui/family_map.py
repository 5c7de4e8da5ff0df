"""The family map on screen: the domain's layout painted into a graphics scene, and the view.

Where everything goes is decided by `desktop.meeting.family_layout` (the minutes draw the same
layout into Word); this module measures text with Qt's fonts, paints the boxes, lines and key,
and lets the chair move between people with the mouse and the keyboard.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)
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
    SELECTION,
    SUBTITLE,
    TITLE,
    Badge,
    GroupBox,
    PersonBox,
)
from strategy_minutes.desktop.meeting.family_layout import MapLayout, best_layout, layout
from strategy_minutes.desktop.meeting.family_routes import LINE_WIDTH, LinkLine
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.plane import Point, Rect, Route
from strategy_minutes.desktop.meeting.text_measure import TextStyle

LINE_COLOUR = "#44515f"


def _font(style: TextStyle) -> QFont:
    f = QFont(QGuiApplication.font())
    f.setPixelSize(style.px)
    f.setBold(style.bold)
    return f


class QtMeasure:
    """Text measured with the fonts the scene draws in, so the layout fits them exactly."""

    def width(self, text: str, style: TextStyle) -> float:
        return QFontMetricsF(_font(style)).horizontalAdvance(text)

    def height(self, style: TextStyle) -> float:
        return QFontMetricsF(_font(style)).height()


MEASURE = QtMeasure()


def _rect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def _point(p: Point) -> QPointF:
    return QPointF(p.x, p.y)


def _elided(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


def _draw_badge(painter: QPainter, rect: QRectF, badge: Badge, font: QFont) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(badge.fill))
    painter.drawRoundedRect(rect, 5, 5)
    painter.setPen(QColor(badge.ink))
    painter.setFont(font)
    text_rect = rect.adjusted(BADGE_INSET, 0, -BADGE_INSET, 0)
    text = "\n".join(_elided(line, font, text_rect.width()) for line in badge.lines)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


class PersonNode(QGraphicsItem):
    """A person: name, category and age, then role and risk badges in words and colour."""

    def __init__(self, box: PersonBox) -> None:
        super().__init__()
        self.box = box
        self.current = False
        self.setPos(box.x, box.y)
        self.setZValue(2)
        self.setToolTip(box.summary)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return self.rect().adjusted(-SELECTION, -SELECTION, SELECTION, SELECTION)

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.box.w, self.box.h)

    def _local(self, r: Rect) -> QRectF:
        return QRectF(r.x - self.box.x, r.y - self.box.y, r.w, r.h)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        b = self.box
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = {"child": "#eef4fc", "unborn": "#f4f0fa"}.get(b.category, "#fafafa")
        pen = QPen(QColor("#0b57d0" if self.current else "#5f6b7a"), 3.5 if self.current else 1.4)
        if b.category == "unborn":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(self.rect(), 8, 8)
        left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for rect, text, style, ink in (
            (b.name_rect, b.shown_name, NAME, "#111111"),
            (b.detail_rect, b.detail, DETAIL, "#333333"),
        ):
            font = _font(style)
            painter.setFont(font)
            painter.setPen(QColor(ink))
            painter.drawText(self._local(rect), left, _elided(text, font, rect.w))
        badge_font = _font(BADGE)
        for badge, rect in b.badge_rects():
            _draw_badge(painter, self._local(rect), badge, badge_font)


def _path(route: Route) -> QPainterPath:
    path = QPainterPath(_point(route.start))
    if route.curved:
        path.cubicTo(*(_point(p) for p in route.points[1:]))
    else:
        for p in route.points[1:]:
            path.lineTo(_point(p))
    return path


def _add_link(scene: QGraphicsScene, link: LinkLine) -> None:
    line = scene.addPath(_path(link.route), QPen(QColor(LINE_COLOUR), LINE_WIDTH))
    line.setZValue(1)
    line.setToolTip(link.tooltip)
    if link.arrow:
        head = QPolygonF([_point(p) for p in link.arrow])
        arrow = scene.addPolygon(head, QPen(Qt.PenStyle.NoPen), QBrush(QColor(LINE_COLOUR)))
        arrow.setZValue(3)
    if link.label_rect is None:
        return  # no free place: the line's tooltip still says what it is
    rect = link.label_rect
    back = scene.addRect(_rect(rect), QPen(QColor("#9aa5b1"), 1), QBrush(QColor("#ffffff")))
    back.setZValue(4)
    back.setToolTip(link.tooltip)
    text = scene.addSimpleText(link.label, _font(LABEL))
    text.setBrush(QColor("#222222"))
    text.setPos(rect.x + 5, rect.y + 2)
    text.setZValue(5)


def _add_group(scene: QGraphicsScene, g: GroupBox) -> None:
    path = QPainterPath()
    path.addRoundedRect(_rect(g.rect), 14, 14)
    pen = QPen(
        QColor("#7d8793"), OUTLINE, Qt.PenStyle.DashLine if g.elsewhere else Qt.PenStyle.SolidLine
    )
    box = scene.addPath(path, pen, QBrush(QColor("#f3f3f1" if g.elsewhere else "#e8eef3")))
    box.setZValue(0)
    title_font, sub_font = _font(TITLE), _font(SUBTITLE)
    title = scene.addSimpleText(_elided(g.title, title_font, g.text_width), title_font)
    title.setPos(_point(g.title_at))
    sub = scene.addSimpleText(_elided(g.subtitle, sub_font, g.text_width), sub_font)
    sub.setBrush(QColor("#3d4650"))
    sub.setPos(_point(g.subtitle_at))
    parts = [title, sub]
    if g.empty:
        parts.append(scene.addSimpleText(EMPTY_HOUSEHOLD, _font(EMPTY)))
        parts[-1].setPos(_point(g.empty_at))
    for item in parts:
        item.setZValue(0.5)
        item.setToolTip(g.tooltip)


def _add_legend(scene: QGraphicsScene, plan: MapLayout) -> None:
    """Explains colours, boxes and lines; every badge already says its meaning in words."""
    legend = plan.legend
    scene.addSimpleText("Key", _font(KEY)).setPos(_point(legend.key_at))
    small = _font(KEY_CHIP)
    height = QFontMetricsF(small).height()
    for badge, rect in legend.chips:
        chip = scene.addRect(_rect(rect), QPen(Qt.PenStyle.NoPen), QBrush(QColor(badge.fill)))
        chip.setZValue(0)
        text = scene.addSimpleText(badge.text, small)
        text.setBrush(QColor(badge.ink))
        text.setPos(rect.x + 8, rect.y + (rect.h - height) / 2)
    scene.addSimpleText(legend.notes, _font(NOTE)).setPos(_point(legend.notes_at))


def build_scene(scene: QGraphicsScene, plan: MapLayout) -> dict[str, PersonNode]:
    """Draw a layout into a (cleared) scene; returns the person nodes by id."""
    scene.clear()
    for g in plan.groups:
        _add_group(scene, g)
    nodes: dict[str, PersonNode] = {}
    for box in plan.people:
        node = PersonNode(box)
        scene.addItem(node)
        nodes[box.id] = node
    for link in plan.links:
        _add_link(scene, link)
    if plan.nothing_at is not None:
        scene.addSimpleText(NO_PEOPLE, _font(NOTHING)).setPos(_point(plan.nothing_at))
    _add_legend(scene, plan)
    scene.setSceneRect(_rect(plan.bounds))
    return nodes


# -- the widget ------------------------------------------------------------------------------


def _accessible(_class_name: str, obj: object) -> QAccessibleInterface | None:
    """The map is a picture to a screen reader (Qt would call the view a bare client area);
    its name and description say what it shows and how the keys move through it."""
    if isinstance(obj, _Canvas):
        return QAccessibleWidget(obj, QAccessible.Role.Graphic, "")
    return None


class _Canvas(QGraphicsView):
    """The graphics view; hands keys, clicks and resizes to its FamilyMapView."""

    factory_installed = False

    def __init__(self, owner: FamilyMapView) -> None:
        super().__init__(owner)
        if not _Canvas.factory_installed:
            QAccessible.installFactory(_accessible)
            _Canvas.factory_installed = True
        self.owner = owner
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.owner._key(event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self.hasFocus() and self.owner._step(1 if forward else -1):
            return True
        return super().focusNextPrevChild(forward)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.owner._focus_entered(event.reason())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, PersonNode):
                self.owner._choose(item.box.id)
                event.accept()
                return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.owner.relayout()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.owner.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
        else:
            super().wheelEvent(event)


class FamilyMapView(QWidget):
    """The drawn family map of one meeting; emits person_chosen(item id) on click or Enter."""

    person_chosen = Signal(str)
    MAX_SCALE = 1.5  # a small family is not blown up beyond this
    MAX_ZOOM = 4.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self)
        self.canvas.setScene(self.scene)
        self.canvas.setAccessibleName("Family map")
        self.setAccessibleName("Family map")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.canvas)
        self.setFocusProxy(self.canvas)
        self.meeting: Meeting | None = None
        self.today: date | None = None
        self.map_layout: MapLayout | None = None
        self.nodes: dict[str, PersonNode] = {}
        self.current = ""
        self.zoom = 1.0
        self._describe()

    def set_meeting(self, meeting: Meeting, today: date | None = None) -> None:
        """Show this meeting; cheap to call on every change (nothing redrawn if unchanged)."""
        self.meeting, self.today = meeting, today
        self.relayout()

    def relayout(self) -> None:
        """Arrange the households to read best in the space there is, then fit the view."""
        if self.meeting is None:
            return
        size = self.canvas.viewport().size()
        plan = (
            best_layout(
                self.meeting, self.today, size.width(), size.height(), MEASURE, interactive=True
            )
            if not size.isEmpty()
            else layout(self.meeting, self.today, measure=MEASURE, interactive=True)
        )
        if plan == self.map_layout:
            self.fit()
            return
        self.map_layout = plan
        self.nodes = build_scene(self.scene, plan)
        if self.current not in self.nodes:
            self.current = ""
        self._mark()
        self.fit()

    def select_person(self, person_id: str) -> None:
        """Outline a person (for example the one being edited) without emitting."""
        if person_id in self.nodes:
            self.current = person_id
            self._mark()

    def fit(self) -> None:
        """Show the whole map, enlarged by the chair's zoom (+ and - keys, Ctrl+wheel)."""
        rect = self.scene.sceneRect()
        view = self.canvas.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        scale = (
            min(
                (view.width() - 4) / rect.width(),
                (view.height() - 4) / rect.height(),
                self.MAX_SCALE,
            )
            * self.zoom
        )
        self.canvas.resetTransform()
        self.canvas.scale(scale, scale)
        if self.zoom > 1 and self.current:
            self.canvas.centerOn(self.nodes[self.current])
        else:
            self.canvas.centerOn(rect.center())

    def zoom_by(self, factor: float) -> None:
        self.zoom = min(self.MAX_ZOOM, max(1.0, self.zoom * factor))
        self.fit()

    # -- keyboard and mouse ------------------------------------------------------------------
    def _choose(self, person_id: str) -> None:
        self.current = person_id
        self._mark()
        self.person_chosen.emit(person_id)

    def _step(self, delta: int) -> bool:
        order = list(self.nodes)
        if not order:
            return False
        if self.current not in order:
            index = 0 if delta > 0 else len(order) - 1
        else:
            index = order.index(self.current) + delta
            if not 0 <= index < len(order):
                return False
        self.current = order[index]
        self._mark()
        return True

    def _focus_entered(self, reason: Qt.FocusReason) -> None:
        """Tab enters at the first person, Shift+Tab at the last; otherwise keep the choice."""
        order = list(self.nodes)
        if not order:
            return
        if reason == Qt.FocusReason.BacktabFocusReason:
            self.current = order[-1]
        elif reason == Qt.FocusReason.TabFocusReason or not self.current:
            self.current = order[0]
        self._mark()

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.current:
                self._choose(self.current)
            return bool(self.current)
        zooms: dict[int, float] = {  # event.key() is an int; Qt.Key is an IntEnum
            Qt.Key.Key_Plus: 1.25,
            Qt.Key.Key_Equal: 1.25,
            Qt.Key.Key_Minus: 0.8,
            Qt.Key.Key_0: 0.0,
        }  # 0: back to the whole map
        if key in zooms:
            self.zoom_by(zooms[key])
            return True
        directions: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key not in directions or not self.nodes:
            return False
        if self.current not in self.nodes:
            self._step(1)
            return True
        dx, dy = directions[key]
        here = self.nodes[self.current].sceneBoundingRect().center()
        best, best_cost = "", math.inf
        for pid, node in self.nodes.items():
            c = node.sceneBoundingRect().center()
            along = (c.x() - here.x()) * dx + (c.y() - here.y()) * dy
            across = abs((c.x() - here.x()) * dy) + abs((c.y() - here.y()) * dx)
            if pid != self.current and along > 1 and along + 2 * across < best_cost:
                best, best_cost = pid, along + 2 * across
        if best:
            self.current = best
            self._mark()
        return True

    def _mark(self) -> None:
        for pid, node in self.nodes.items():
            if node.current != (pid == self.current):
                node.current = pid == self.current
                node.update()
        if self.current:
            self.canvas.ensureVisible(self.nodes[self.current], 8, 8)
        self._describe()

    def _describe(self) -> None:
        """Screen readers hear the person under the keyboard cursor and how to move."""
        node = self.nodes.get(self.current)
        where = node.box.summary if node else "No person selected."
        self.canvas.setAccessibleDescription(
            f"{where} Arrow keys or Tab move between people; Enter opens the person; "
            "plus and minus zoom, 0 shows the whole map."
        )
