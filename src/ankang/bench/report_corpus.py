"""A generated corpus of lab reports with ground truth: rendered with Pillow in varied layouts and
fonts (Chinese single- and two-column, English), optionally "photographed" (see report_distort).

Every page is drawn from a seed, so a corpus is reproducible. Values are mostly within range, some
out of range and a few at critical levels, with the lab's arrow or H/L flag where out of range.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ankang.engines.labs import LabResult, Patient, interpret_result, match_test
from ankang.engines.labs.explain import fmt
from ankang.knowledge.labs import LabCatalog, LabTest, load_lab_catalog

PAGE = (1240, 1754)  # A4 at 150 dpi
LAYOUTS = ("zh_single", "zh_double", "en_single", "zh_abbr_first")
_HOSPITALS = ("安康市第一人民医院", "示例大学附属医院", "城东社区卫生服务中心", "滨海市中心医院")
_SECTIONS = {"blood_count": "血细胞分析", "liver": "肝功能", "kidney": "肾功能", "lipids": "血脂",
             "glucose": "血糖", "electrolytes": "电解质", "thyroid": "甲状腺功能"}


@dataclass(frozen=True, slots=True)
class TruthRow:
    test_id: str
    name: str
    value: str
    unit: str
    flag: str
    ref_low: float | None
    ref_high: float | None
    critical: bool


@dataclass(frozen=True, slots=True)
class TruthPage:
    page_id: str
    layout: str
    font: str
    sex: str
    age: int
    specimen: str
    report_date: date
    rows: tuple[TruthRow, ...]
    distortions: tuple[str, ...] = field(default=())


def _printable(test: LabTest) -> bool:
    return (test.kind == "quantitative" and test.specimen in ("serum", "plasma", "serum_or_plasma", "whole_blood")
            and any(iv.low is not None and iv.high is not None and iv.sex in ("any", "male") for iv in test.intervals)
            and bool(test.unit))


def test_pool(catalog: LabCatalog) -> list[LabTest]:
    return [t for t in catalog.tests if _printable(t)]


def _interval(test: LabTest, sex: str) -> tuple[float, float]:
    ivs = [iv for iv in test.intervals if iv.low is not None and iv.high is not None and iv.sex in ("any", sex)]
    ivs = ivs or [iv for iv in test.intervals if iv.low is not None and iv.high is not None]
    iv = ivs[0]
    assert iv.low is not None and iv.high is not None
    return iv.low, iv.high


def _decimals(high: float) -> int:
    return 2 if high < 10 else (1 if high < 100 else 0)


def _value(rng: random.Random, test: LabTest, low: float, high: float) -> tuple[float, str]:
    roll = rng.random()
    crit = test.critical
    if roll < 0.07 and crit is not None and (crit.high is not None or crit.low is not None):
        if crit.high is not None and (crit.low is None or rng.random() < 0.6):
            return crit.high * rng.uniform(1.15, 1.6), "critical"
        assert crit.low is not None
        return crit.low * rng.uniform(0.5, 0.85), "critical"
    if roll < 0.22:
        return high + (high - low) * rng.uniform(0.1, 1.2), "high"
    if roll < 0.32 and low > 0:
        return max(low - (high - low) * rng.uniform(0.05, 0.5), low * 0.3), "low"
    return rng.uniform(low, high), "normal"


def _printed_name(rng: random.Random, test: LabTest, lang: str, unit: str, catalog: LabCatalog) -> str:
    options = [test.name.zh, *test.aliases_zh] if lang == "zh" else [test.name.en, *test.aliases_en]
    rng.shuffle(options)
    for name in [*options, test.name.zh if lang == "zh" else test.name.en]:
        hit = match_test(name, unit=unit, value_kind="number", catalog=catalog)
        if hit is not None and hit.id == test.id and len(name) <= 22:
            return name
    return test.name.zh if lang == "zh" else test.name.en


def make_rows(rng: random.Random, catalog: LabCatalog, sex: str, age: int, lang: str, count: int) -> list[TruthRow]:
    pool = test_pool(catalog)
    category = rng.choice(sorted({t.category for t in pool}))
    first = [t for t in pool if t.category == category]
    rest = [t for t in pool if t.category != category]
    rng.shuffle(first)
    rng.shuffle(rest)
    chosen = (first + rest)[:count]
    rows = []
    for test in chosen:
        low, high = _interval(test, sex)
        number, _ = _value(rng, test, low, high)
        dec = _decimals(high)
        value = f"{number:.{dec}f}"
        if float(value) <= 0:
            value = f"{max(low, 0.01):.{max(dec, 2)}f}"
        num = float(value)
        flag = ""
        if num > high:
            flag = "↑" if lang == "zh" else "H"
        elif num < low:
            flag = "↓" if lang == "zh" else "L"
        name = _printed_name(rng, test, lang, test.unit, catalog)
        interp = interpret_result(LabResult(name=name, value=value, unit=test.unit, ref_low=low, ref_high=high,
                                            flag=flag or None, test_id=test.id),
                                  Patient(sex=sex, age_years=age), catalog=catalog)  # type: ignore[arg-type]
        rows.append(TruthRow(test.id, name, value, test.unit, flag, low, high, interp.critical))
    return rows


def _range_text(low: float | None, high: float | None) -> str:
    return f"{fmt(low)}-{fmt(high)}"


class Renderer:
    """Draws one page; fonts are loaded once per size."""

    def __init__(self, fonts: list[Path]) -> None:
        self.fonts = fonts
        self._cache: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}

    def font(self, path: Path, size: int) -> ImageFont.FreeTypeFont:
        key = (path, size)
        if key not in self._cache:
            self._cache[key] = ImageFont.truetype(str(path), size)
        return self._cache[key]

    def page(self, rng: random.Random, page_id: str, catalog: LabCatalog | None = None, *,
             rows: int | None = None) -> tuple[Image.Image, TruthPage]:
        cat = catalog or load_lab_catalog()
        layout = rng.choice(LAYOUTS)
        lang = "en" if layout == "en_single" else "zh"
        font_path = rng.choice(self.fonts)
        size = rng.randint(21, 26)
        sex = rng.choice(("male", "female"))
        age = rng.randint(18, 85)
        report_date = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        count = rng.randint(24, 34) if layout == "zh_double" else rng.randint(12, 22)
        table_rows = make_rows(rng, cat, sex, age, lang, rows or count)
        specimen = rng.choice(("血清", "全血", "血浆")) if lang == "zh" else rng.choice(("Serum", "Whole blood"))
        img = Image.new("RGB", PAGE, "white")
        draw = ImageDraw.Draw(img)
        body = self.font(font_path, size)
        title = self.font(font_path, size + 10)
        x, y = 70, 60
        if lang == "zh":
            draw.text((x + 250, y), rng.choice(_HOSPITALS) + "检验报告单", font=title, fill="black")
            y += 70
            sx = "男" if sex == "male" else "女"
            meta = (f"姓名：测试{rng.randint(1, 99)}号    性别：{sx}    年龄：{age}岁    标本：{specimen}",
                    f"科别：内科门诊    报告日期：{report_date:%Y-%m-%d}    样本号：{rng.randint(1000, 9999)}")
        else:
            draw.text((x + 300, y), "Clinical Laboratory Report", font=title, fill="black")
            y += 70
            meta = (f"Name: Test Patient {rng.randint(1, 99)}    Sex: {sex.title()}    Age: {age} years",
                    f"Specimen: {specimen}    Report date: {report_date:%Y-%m-%d}    Lab no: {rng.randint(1000, 9999)}")
        for line in meta:
            draw.text((x, y), line, font=body, fill="black")
            y += size + 16
        draw.line((x, y, PAGE[0] - x, y), fill="black", width=2)
        y += 14
        table = [self._cells(layout, i, row, cat) for i, row in enumerate(table_rows)]
        heads = _HEADS[layout]
        gap = rng.randint(28, 60)
        if layout == "zh_double":
            per = (len(table_rows) + 1) // 2
            half = (PAGE[0] - 2 * x) // 2
            gap = 22
            cols = _columns(body, [heads, *table], gap)
            while cols[-1] + _width(body, [heads, *table], len(cols) - 1) > half - 30 and size > 15:
                size -= 1
                body = self.font(font_path, size)
                cols = _columns(body, [heads, *table], gap)
            for base in (x, x + half):
                self._row(draw, base, y, cols, heads, body)
            y += size + 18
            for i, cells in enumerate(table):
                base = x if i < per else x + half
                self._row(draw, base, y + (i % per) * (size + 18), cols, cells, body)
            y += per * (size + 18)
        else:
            cols = _columns(body, [heads, *table], gap + 20)
            self._row(draw, x, y, cols, heads, body)
            y += size + 20
            for cells in table:
                self._row(draw, x, y, cols, cells, body)
                y += size + 20
        draw.line((x, y + 10, PAGE[0] - x, y + 10), fill="black", width=2)
        footer = "检验者：李四    审核者：王五    本报告仅对所检标本负责" if lang == "zh" else \
            "Tested by: L. Si    Verified by: W. Wu    Results relate only to the sample tested"
        draw.text((x, y + 30), footer, font=body, fill="black")
        truth = TruthPage(page_id, layout, font_path.name, sex, age, specimen, report_date, tuple(table_rows))
        return img, truth

    @staticmethod
    def _cells(layout: str, i: int, row: TruthRow, cat: LabCatalog) -> tuple[str, ...]:
        rng_text = _range_text(row.ref_low, row.ref_high)
        if layout in ("en_single", "zh_double"):
            return (row.name, row.value, row.flag, row.unit, rng_text)
        if layout == "zh_abbr_first":
            test = cat.by_id[row.test_id]
            return (test.abbr if _abbr_ok(test, cat) else "", row.name, row.value, row.flag, row.unit, rng_text)
        return (str(i + 1), row.name, row.value, row.flag, row.unit, rng_text)

    @staticmethod
    def _row(draw: ImageDraw.ImageDraw, x: int, y: int, cols: tuple[int, ...], cells: tuple[str, ...],
             font: ImageFont.FreeTypeFont) -> None:
        for offset, text in zip(cols, cells, strict=True):
            if text:
                draw.text((x + offset, y), text, font=font, fill="black")


_HEADS = {
    "zh_single": ("序号", "检验项目", "结果", "提示", "单位", "参考区间"),
    "zh_abbr_first": ("代号", "项目名称", "结果", "", "单位", "参考区间"),
    "zh_double": ("项目", "结果", "", "单位", "参考范围"),
    "en_single": ("Test", "Result", "Flag", "Units", "Reference range"),
}


def _width(font: ImageFont.FreeTypeFont, table: list[tuple[str, ...]], col: int) -> int:
    return max(int(font.getlength(r[col])) if r[col] else 0 for r in table)


def _columns(font: ImageFont.FreeTypeFont, table: list[tuple[str, ...]], gap: int) -> tuple[int, ...]:
    """Left edge of each column: the widest cell of the previous column plus a gap."""
    xs = [0]
    for col in range(len(table[0]) - 1):
        xs.append(xs[-1] + max(_width(font, table, col), 20) + gap)
    return tuple(xs)


def _abbr_ok(test: LabTest, catalog: LabCatalog) -> bool:
    hit = match_test(test.abbr, unit=test.unit, value_kind="number", catalog=catalog) if test.abbr else None
    return hit is not None and hit.id == test.id
