"""Report extraction (报告解读的识别部分): pure — no files, no OCR, no clock.

    extract_text(text)       -> Extraction (rows, patient details, lines read)
    extract_boxes(boxes)     -> Extraction from OCR boxes (line grouping by y-overlap, x order, skew removed)
    group_lines(boxes)       -> (lines, skew degrees)
    to_lab_results(rows)     -> [LabResult] for engines.labs.interpret_panel

Reading files and running OCR live outside the engine (domains/reports, ports/ocr).
"""

from ankang.engines.reports.extract import extract_boxes, extract_text, to_lab_results
from ankang.engines.reports.layout import estimate_skew, group_lines
from ankang.engines.reports.meta import parse_meta
from ankang.engines.reports.types import Cell, Extraction, Line, ReportMeta, ReportRow, TextBox

__all__ = [
    "Cell",
    "Extraction",
    "Line",
    "ReportMeta",
    "ReportRow",
    "TextBox",
    "estimate_skew",
    "extract_boxes",
    "extract_text",
    "group_lines",
    "parse_meta",
    "to_lab_results",
]
