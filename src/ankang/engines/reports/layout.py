"""OCR boxes → lines of cells: estimate the page's skew, undo it, group boxes whose vertical extents
overlap (against the neighbouring box in the line, so a slight curve or perspective still joins up),
then order each line left to right.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ankang.engines.reports.types import Cell, Line, TextBox

MIN_OVERLAP = 0.45  # share of the smaller box's height two boxes must share to sit on one line
_MAX_SKEW = 30.0  # degrees; beyond this the angle estimate is not trusted


@dataclass(frozen=True, slots=True)
class _Placed:
    box: TextBox
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def estimate_skew(boxes: Sequence[TextBox]) -> float:
    """Median angle (degrees, positive = clockwise in image coordinates) of the wider boxes' top edges."""
    angles: list[float] = []
    for b in boxes:
        (x0, y0), (x1, y1), _, (x3, y3) = b.points
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(x3 - x0, y3 - y0)
        if width >= 2 * max(height, 1.0) and width > 0:
            angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
            if abs(angle) <= _MAX_SKEW:
                angles.append(angle)
    return statistics.median(angles) if angles else 0.0


def _place(box: TextBox, cos_a: float, sin_a: float) -> _Placed:
    xs, ys = [], []
    for x, y in box.points:  # rotate by -skew
        xs.append(x * cos_a + y * sin_a)
        ys.append(-x * sin_a + y * cos_a)
    return _Placed(box, min(xs), max(xs), min(ys), max(ys))


def _overlap(a: _Placed, b: _Placed) -> float:
    inter = min(a.y1, b.y1) - max(a.y0, b.y0)
    smaller = min(a.y1 - a.y0, b.y1 - b.y0)
    return inter / smaller if smaller > 0 else 0.0


def group_lines(boxes: Sequence[TextBox], *, min_overlap: float = MIN_OVERLAP) -> tuple[tuple[Line, ...], float]:
    """Lines in reading order and the skew (degrees) that was removed."""
    texts = [b for b in boxes if b.text.strip()]
    skew = estimate_skew(texts)
    rad = math.radians(skew)
    cos_a, sin_a = math.cos(rad), math.sin(rad)
    placed = sorted((_place(b, cos_a, sin_a) for b in texts), key=lambda p: p.cy)
    lines: list[list[_Placed]] = []
    for p in placed:
        best, best_score = None, min_overlap
        for line in lines[-4:]:
            nearest = min(line, key=lambda q: abs(q.cx - p.cx))
            score = _overlap(nearest, p)
            if score >= best_score and not any(_collides(q, p) for q in line):
                best, best_score = line, score
        if best is None:
            lines.append([p])
        else:
            best.append(p)
    out = []
    for line in lines:
        line.sort(key=lambda q: q.x0)
        cells = tuple(Cell(q.box.text.strip(), q.x0, q.x1, q.box.score) for q in line)
        out.append(Line(cells, statistics.fmean(q.cy for q in line)))
    out.sort(key=lambda ln: ln.y)
    return tuple(out), skew


def _collides(a: _Placed, b: _Placed) -> bool:
    """Two boxes overlapping horizontally by more than half the narrower one are on different lines."""
    inter = min(a.x1, b.x1) - max(a.x0, b.x0)
    return inter > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)
