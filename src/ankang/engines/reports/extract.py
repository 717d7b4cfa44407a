"""Report extraction: pasted text or OCR boxes → result rows and patient details (pure).

    extract_text(text)    -> Extraction
    extract_boxes(boxes)  -> Extraction   (groups boxes into lines first; tolerates skew)
    to_lab_results(rows)  -> [LabResult]  for `engines.labs.interpret_panel`
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ankang.engines.labs import LabResult, parse_value
from ankang.engines.reports.layout import group_lines
from ankang.engines.reports.meta import parse_meta, section_context, specimen_context
from ankang.engines.reports.rows import parse_line
from ankang.engines.reports.tokens import split_tokens
from ankang.engines.reports.types import Extraction, ReportRow, TextBox
from ankang.errors import InvalidInput
from ankang.knowledge.labs import LabCatalog, load_lab_catalog
from ankang.knowledge.text import Text

MAX_TEXT_CHARS = 200_000
_NOTE_FLAG_READ = Text("识别出的箭头方向与数值和参考范围不符，已按数值更正，请核对原件。",
                       "The arrow as read disagreed with the value and range; it was corrected from them. "
                       "Check it against the original.")


def extract_text(text: str, *, catalog: LabCatalog | None = None) -> Extraction:
    """Rows from pasted report text (one result per line, or two side by side)."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"text longer than {MAX_TEXT_CHARS} characters",
                           zh=f"文本超过 {MAX_TEXT_CHARS} 字", expression="text")
    lines = [[ln.replace("|", " ").replace("\t", " ")] for ln in text.splitlines() if ln.strip()]
    return _extract(lines, ocr=False, skew=0.0, catalog=catalog)


def extract_boxes(boxes: Sequence[TextBox], *, catalog: LabCatalog | None = None) -> Extraction:
    """Rows from OCR boxes of one or more pages (pages' boxes already offset so they do not overlap)."""
    lines, skew = group_lines(boxes)
    return _extract([[c.text for c in ln.cells] for ln in lines], ocr=True, skew=skew, catalog=catalog)


def _extract(lines: list[list[str]], *, ocr: bool, skew: float, catalog: LabCatalog | None) -> Extraction:
    cat = catalog or load_lab_catalog()
    texts = [" ".join(cells) for cells in lines]
    meta = parse_meta(texts)
    context = specimen_context(meta.specimen)
    rows: list[ReportRow] = []
    for i, cells in enumerate(lines):
        found = parse_line(split_tokens(cells), context=context, line=i, ocr=ocr, catalog=cat)
        if found:
            rows.extend(_reconcile_flag(r) if ocr else r for r in found)
            continue
        heading, section = section_context(texts[i])
        if heading:
            context = section
    return Extraction(rows=tuple(rows), meta=meta, lines=tuple(texts), skew_degrees=round(skew, 2))


def _reconcile_flag(row: ReportRow) -> ReportRow:
    """OCR confuses ↑ and ↓; when the printed range settles the direction, the range wins."""
    if row.flag not in ("↑", "↓", "H", "L"):
        return row
    parsed = parse_value(row.value)
    if parsed.kind != "number" or parsed.number is None or parsed.qualifier:
        return row
    value = parsed.number
    if row.ref_low is not None and value < row.ref_low:
        want = "↓" if row.flag in ("↑", "↓") else "L"
    elif row.ref_high is not None and value > row.ref_high:
        want = "↑" if row.flag in ("↑", "↓") else "H"
    else:
        return row
    if want == row.flag:
        return row
    return replace(row, flag=want, notes=(*row.notes, _NOTE_FLAG_READ))


def to_lab_results(rows: Sequence[ReportRow]) -> list[LabResult]:
    return [
        LabResult(name=r.name, value=r.value, unit=r.unit, ref_low=r.ref_low, ref_high=r.ref_high,
                  ref_text=r.ref_text, flag=r.flag, test_id=r.test_id, context=r.context)
        for r in rows
    ]
