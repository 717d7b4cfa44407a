"""Inputs and outputs of report extraction: plain frozen data.

A `TextBox` is one piece of text read from a page (by OCR, or one cell of a text layer) with its
corner points in pixels, clockwise from top-left. Extraction turns boxes or pasted text into
`ReportRow`s (one printed result each) and `ReportMeta` (who and when, when printed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from ankang.knowledge.text import Text

Point = tuple[float, float]
Sex = Literal["male", "female"]


@dataclass(frozen=True, slots=True)
class TextBox:
    text: str
    points: tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left
    score: float = 1.0

    @classmethod
    def rect(cls, text: str, x0: float, y0: float, x1: float, y1: float, score: float = 1.0) -> TextBox:
        return cls(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), score)


@dataclass(frozen=True, slots=True)
class Cell:
    """One piece of a line after de-skewing, in reading order."""

    text: str
    x0: float
    x1: float
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Line:
    cells: tuple[Cell, ...]
    y: float  # de-skewed centre line, for ordering and debugging

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One printed result as read: nothing converted, nothing judged."""

    name: str
    value: str
    unit: str | None = None
    flag: str | None = None
    ref_text: str | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    test_id: str | None = None  # catalogue id when the printed name was recognised
    context: str | None = None  # report section: "urine", "stool", "blood_gas"
    line: int = 0  # index of the line it came from
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportMeta:
    sex: Sex | None = None
    age_years: float | None = None
    specimen: str | None = None  # as printed, e.g. "血清", "urine"
    report_date: date | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    rows: tuple[ReportRow, ...]
    meta: ReportMeta
    lines: tuple[str, ...]  # every line read, in order (for showing beside the table)
    skew_degrees: float = 0.0
