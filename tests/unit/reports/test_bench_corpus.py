"""The generated report corpus (seeded, with ground truth) and its scoring, without OCR."""

from __future__ import annotations

import random

import pytest

from ankang.bench.report_corpus import Renderer, TruthPage
from ankang.bench.report_distort import photograph, png_bytes
from ankang.bench.report_fonts import cjk_fonts
from ankang.bench.reports import Score, score_page
from ankang.domains.reports import schemas as s
from ankang.domains.reports.service import ReportService
from ankang.ports.ocr import FakeOcr


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    fonts = cjk_fonts()
    if not fonts:
        pytest.skip("no CJK font (pip install mplfonts, or apt-get install fonts-noto-cjk)")
    return Renderer(fonts)


def _as_text(truth: TruthPage) -> str:
    sex = "男" if truth.sex == "male" else "女"
    head = f"性别：{sex} 年龄：{truth.age}岁 标本：{truth.specimen} 报告日期：{truth.report_date:%Y-%m-%d}"
    rows = [f"{r.name} {r.value} {r.flag} {r.unit} {r.ref_low:g}-{r.ref_high:g}" for r in truth.rows]
    return "\n".join([head, *rows])


def test_same_seed_same_page(renderer):
    a_img, a = renderer.page(random.Random(7), "a")
    b_img, b = renderer.page(random.Random(7), "a")
    assert a == b and png_bytes(a_img) == png_bytes(b_img)
    assert len(a.rows) >= 12


def test_corpus_holds_critical_values(renderer):
    pages = [renderer.page(random.Random(f"crit-{i}"), str(i))[1] for i in range(12)]
    assert sum(r.critical for p in pages for r in p.rows) >= 2


def test_photograph_is_seeded_jpeg(renderer):
    img, _ = renderer.page(random.Random(1), "p", rows=6)
    a, applied = photograph(img, random.Random(5))
    b, _ = photograph(img, random.Random(5))
    assert a == b and a[:3] == b"\xff\xd8\xff"
    assert {x.split()[0] for x in applied} == {"rotate", "perspective", "blur", "shadow", "noise", "jpeg"}


def test_perfect_reading_scores_one(renderer):
    service = ReportService(FakeOcr([]))
    score = Score()
    for i in range(3):
        _, truth = renderer.page(random.Random(f"score-{i}"), str(i))
        out = service.from_text(s.TextIn(text=_as_text(truth)))
        score_page(score, truth, out, 0.01)
    got = score.summary()
    assert got["value_accuracy"] == 1.0 and got["precision"] == 1.0 and got["recall"] == 1.0
    assert got["critical_flagged"] == got["critical_rows"]


def test_missing_page_scores_zero(renderer):
    _, truth = renderer.page(random.Random(3), "x")
    score = Score()
    score_page(score, truth, None, 1.0)
    got = score.summary()
    assert got["value_accuracy"] == 0.0 and got["recall"] == 0.0 and got["precision"] is None
