"""Pasted report text → rows and patient details (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from ankang.engines.reports import extract_text, parse_meta, to_lab_results
from ankang.errors import InvalidInput

REPORT = """某某市人民医院检验报告单
姓名：张三 性别：男 年龄：45岁 标本：血清 报告日期：2024-03-05
序号 项目 代号 结果 标志 单位 参考范围
1 白细胞计数 WBC 12.5 ↑ ×10^9/L 3.5-9.5
2 血红蛋白 HGB 98 ↓ g/L 130 - 175
3 丙氨酸氨基转移酶(ALT) 35 U/L 9-50
钾 K 6.8 H mmol/L 3.5~5.3     钠 Na 140 mmol/L 137-147
CA 125 12.3 U/mL <35
White blood cell count 12.5 H 10^9/L 3.5-9.5
检验者：李四  审核者：王五
"""


@pytest.fixture(scope="module")
def rows():
    return {(r.line, r.test_id): r for r in extract_text(REPORT).rows}


@pytest.mark.parametrize(("line", "test_id", "value", "unit", "flag", "low", "high"), [
    (3, "wbc", "12.5", "×10^9/L", "↑", 3.5, 9.5),
    (4, "hgb", "98", "g/L", "↓", 130.0, 175.0),  # range printed with spaces around the dash
    (5, "alt", "35", "U/L", None, 9.0, 50.0),  # name(abbr)
    (6, "potassium", "6.8", "mmol/L", "H", 3.5, 5.3),  # first of two results on one line
    (6, "sodium", "140", "mmol/L", None, 137.0, 147.0),  # second of two results on one line
    (7, "ca125", "12.3", "U/mL", None, None, 35.0),  # "CA 125" is CA125, not calcium = 125
    (8, "wbc", "12.5", "10^9/L", "H", 3.5, 9.5),  # English name of several words
])
def test_rows(rows, line, test_id, value, unit, flag, low, high):
    row = rows[(line, test_id)]
    assert (row.value, row.unit, row.flag, row.ref_low, row.ref_high) == (value, unit, flag, low, high)


def test_headers_meta_and_footer_are_not_rows(rows):
    assert len(rows) == 7
    assert {line for line, _ in rows} == {3, 4, 5, 6, 7, 8}


def test_meta_from_the_header():
    meta = extract_text(REPORT).meta
    assert (meta.sex, meta.age_years, meta.specimen, meta.report_date) == ("male", 45.0, "血清", date(2024, 3, 5))


@pytest.mark.parametrize(("lines", "sex", "age", "specimen", "when"), [
    (["姓名：张三性别：女年龄：3月标本：尿液报告日期：2023年7月8日"], "female", 0.25, "尿液", date(2023, 7, 8)),
    (["Name: Test Patient 62Sex: FemaleAge:49 years", "Specimen: Whole blood Report date: 2023-09-11"],
     "female", 49.0, "Whole blood", date(2023, 9, 11)),
    (["采样时间：2024/01/02 08:00"], None, None, None, date(2024, 1, 2)),
    (["Page 3 of 4"], None, None, None, None),  # "Page" is not an age
])
def test_parse_meta(lines, sex, age, specimen, when):
    meta = parse_meta(lines)
    assert (meta.sex, meta.age_years, meta.specimen, meta.report_date) == (sex, age, specimen, when)


def test_urine_section_changes_what_bare_names_mean():
    text = "血常规\n葡萄糖 5.2 mmol/L 3.9-6.1\n尿常规\n蛋白质 ++ 阴性\n葡萄糖 阴性 阴性\n红细胞 3 /HP 0-3\n"
    got = [(r.test_id, r.context, r.ref_text) for r in extract_text(text).rows]
    assert got == [("glucose", None, "3.9-6.1"), ("urine_protein", "urine", "阴性"),
                   ("urine_glucose", "urine", "阴性"), ("urine_rbc_hpf", "urine", "0-3")]


def test_unrecognised_row_is_kept_when_it_looks_like_a_result():
    rows = extract_text("神秘指标X 12.3 mg/L 0-10\n年龄 45\n").rows
    assert [(r.name, r.test_id, r.unit) for r in rows] == [("神秘指标X", None, "mg/L")]


def test_to_lab_results_carries_every_field():
    row = extract_text("钾 6.8 H mmol/L 3.5-5.3").rows[0]
    (result,) = to_lab_results([row])
    assert (result.name, result.value, result.unit, result.flag, result.ref_low, result.ref_high, result.test_id) == (
        "钾", "6.8", "mmol/L", "H", 3.5, 5.3, "potassium")


def test_text_too_long_is_a_caller_mistake():
    with pytest.raises(InvalidInput) as err:
        extract_text("x" * 200_001)
    assert err.value.expression == "text"
