"""Points, rectangles and routes in the plane: the geometry the family map is laid out with.

Plain floats, y growing downwards (as on screen and on a page), so the same layout can be
painted by Qt on screen and written as shapes into a Word file without either one's types.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CURVE_STEPS = 32  # straight pieces a curve is measured and tested by: well under a pixel off


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def adjusted(self, left: float, top: float, right: float, bottom: float) -> Rect:
        return Rect(self.x + left, self.y + top, self.w - left + right, self.h - top + bottom)

    def grown(self, by: float) -> Rect:
        return self.adjusted(-by, -by, by, by)

    def intersects(self, other: Rect) -> bool:
        """True when the two overlap over some area (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def united(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


def bounding(points: list[Point] | tuple[Point, ...]) -> Rect:
    xs, ys = [p.x for p in points], [p.y for p in points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _segment_meets(a: Point, b: Point, r: Rect) -> bool:
    """Whether the segment a-b touches the closed rectangle r (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b.x - a.x, b.y - a.y
    for p, q in ((-dx, a.x - r.x), (dx, r.right - a.x), (-dy, a.y - r.y), (dy, r.bottom - a.y)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return Point(
        a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y
    )


@dataclass(frozen=True)
class Route:
    """A line drawn between two people: straight pieces through `points`, or, when `curved`,
    one cubic Bézier curve whose `points` are its start, two control points and end."""

    points: tuple[Point, ...]
    curved: bool = False

    @property
    def start(self) -> Point:
        return self.points[0]

    @property
    def end(self) -> Point:
        return self.points[-1]

    def polyline(self) -> list[Point]:
        """The route as straight pieces (a curve cut into CURVE_STEPS)."""
        if not self.curved:
            return list(self.points)
        p0, p1, p2, p3 = self.points
        return [_cubic(p0, p1, p2, p3, k / CURVE_STEPS) for k in range(CURVE_STEPS + 1)]

    def meets(self, r: Rect, margin: float = 0.0) -> bool:
        """Whether the line, drawn `2 * margin` thick, touches the rectangle."""
        near = r.grown(margin)
        line = self.polyline()
        return any(_segment_meets(a, b, near) for a, b in zip(line, line[1:], strict=False))

    def at(self, fraction: float) -> Point:
        """The point `fraction` of the way along the line, measured by length."""
        line = self.polyline()
        pieces = [math.dist((a.x, a.y), (b.x, b.y)) for a, b in zip(line, line[1:], strict=False)]
        left = fraction * sum(pieces)
        for (a, b), length in zip(zip(line, line[1:], strict=False), pieces, strict=True):
            if left <= length and length > 0:
                t = left / length
                return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
            left -= length
        return line[-1]

    def extent(self) -> Rect:
        """The rectangle holding the route and, for a curve, its control points."""
        return bounding(self.points)
