"""OCR boxes → lines → rows (pure): line grouping by y-overlap, x order, skew removed."""

from __future__ import annotations

import math
import random

import pytest

from ankang.engines.reports import TextBox, estimate_skew, extract_boxes, group_lines

TABLE = [
    ["1", "白细胞计数", "12.5", "↑", "×10^9/L", "3.5-9.5"],
    ["2", "血红蛋白", "98", "↓", "g/L", "130-175"],
    ["3", "血小板计数", "210", "", "×10^9/L", "125-350"],
    ["4", "钾", "2.11", "←", "mmol/L", "3.5-5.3"],  # OCR read ↓ as ←
]


def _boxes(table, *, angle_deg: float = 0.0, seed: int = 0) -> list[TextBox]:
    """A clean table, each cell a box, rotated about the origin by angle_deg and shuffled."""
    a = math.radians(angle_deg)

    def rot(x: float, y: float) -> tuple[float, float]:
        return (x * math.cos(a) - y * math.sin(a) + 300, x * math.sin(a) + y * math.cos(a) + 100)

    out = []
    for i, cells in enumerate(table):
        y0 = 100 + i * 44
        for j, text in enumerate(cells):
            if not text:
                continue
            x0 = 60 + j * 170
            x1 = x0 + 20 * max(len(text), 2)
            out.append(TextBox(text, (rot(x0, y0), rot(x1, y0), rot(x1, y0 + 28), rot(x0, y0 + 28))))
    random.Random(seed).shuffle(out)
    return out


@pytest.mark.parametrize("angle", [0.0, 3.0, -6.0, 10.0])
def test_lines_regrouped_in_order_despite_skew(angle):
    lines, skew = group_lines(_boxes(TABLE, angle_deg=angle, seed=int(angle)))
    assert skew == pytest.approx(angle, abs=0.01)
    assert [[c.text for c in ln.cells] for ln in lines] == [[c for c in row if c] for row in TABLE]


def test_skew_ignores_narrow_boxes():
    boxes = [TextBox.rect("↑", 0, 0, 20, 30), TextBox.rect("白细胞计数", 0, 0, 200, 30)]
    assert estimate_skew(boxes) == 0.0


@pytest.mark.parametrize("angle", [0.0, 4.0, -4.0])
def test_rows_from_boxes(angle):
    rows = extract_boxes(_boxes(TABLE, angle_deg=angle)).rows
    got = [(r.test_id, r.value, r.flag, r.unit, r.ref_low, r.ref_high) for r in rows]
    assert got == [
        ("wbc", "12.5", "↑", "×10^9/L", 3.5, 9.5),
        ("hgb", "98", "↓", "g/L", 130.0, 175.0),
        ("plt", "210", None, "×10^9/L", 125.0, 350.0),
        ("potassium", "2.11", "↓", "mmol/L", 3.5, 5.3),
    ]


def test_ocr_merged_cells_are_split():
    rows = extract_boxes([TextBox.rect("白细胞计数5.6", 0, 0, 300, 30), TextBox.rect("×10^9/L3.5-9.5", 320, 0, 600, 30),
                          TextBox.rect("谷丙转氨酶", 0, 50, 200, 80), TextBox.rect("35U/L", 320, 50, 420, 80),
                          TextBox.rect("9-50", 450, 50, 520, 80)]).rows
    assert [(r.test_id, r.value, r.unit) for r in rows] == [("wbc", "5.6", "×10^9/L"), ("alt", "35", "U/L")]


def test_misread_arrow_is_corrected_from_the_printed_range():
    (row,) = extract_boxes(_boxes([["血红蛋白", "98", "↑", "g/L", "130-175"]])).rows
    assert row.flag == "↓"
    assert row.notes  # the correction is said, so the person checks it


def test_text_arrow_is_kept_as_printed():
    """Pasted text is what the person typed: a flag that disagrees with the range is left for the engine."""
    from ankang.engines.reports import extract_text

    assert extract_text("血红蛋白 98 ↑ g/L 130-175").rows[0].flag == "↑"


def test_two_results_per_line_from_boxes():
    table = [["钾", "4.1", "mmol/L", "3.5-5.3", "钠", "150", "↑", "mmol/L", "137-147"]]
    rows = extract_boxes(_boxes(table)).rows
    assert [(r.test_id, r.value, r.flag) for r in rows] == [("potassium", "4.1", None), ("sodium", "150", "↑")]


@pytest.mark.parametrize(("printed", "test_id"), [
    ("Y-谷氨酰转肽酶", "ggt"),  # γ read as Y
    ("r-GT", "ggt"),
    ("a-淀粉酶", "amylase"),  # α read as a
    ("E0%", "eos_pct"),  # O read as 0
    ("糖化血红蛋白Alc", "hba1c"),  # 1 read as l
])
def test_common_ocr_misreadings_of_names(printed, test_id):
    rows = extract_boxes([TextBox.rect(printed, 0, 0, 200, 30), TextBox.rect("12.3", 220, 0, 280, 30)]).rows
    assert [r.test_id for r in rows] == [test_id]


def test_misreadings_are_not_tried_on_typed_text():
    from ankang.engines.reports import extract_text

    assert [r.test_id for r in extract_text("E0% 12.3 % 0-8").rows] == [None]
