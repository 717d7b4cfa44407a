"""The real OCR engine (RapidOCR, models from the installed wheel) on a generated clean page."""

from __future__ import annotations

import random
import socket

import pytest

from ankang.bench.report_corpus import Renderer
from ankang.bench.report_distort import png_bytes
from ankang.bench.report_fonts import cjk_fonts
from ankang.domains.reports import schemas as s
from ankang.domains.reports.service import ReportService

pytestmark = pytest.mark.slow


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: the models must come from the wheel."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access during OCR")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_values_read_from_a_rendered_page(no_network):
    fonts = cjk_fonts()
    if not fonts:
        pytest.skip("no CJK font (pip install mplfonts, or apt-get install fonts-noto-cjk)")
    img, truth = Renderer(fonts[:1]).page(random.Random("e2e-1"), "e2e", rows=8)
    out = ReportService.default().from_file(png_bytes(img), s.PatientIn())
    read = {r.test_id: r.value for r in out.rows}
    expected = {t.test_id: t.value for t in truth.rows}
    right = sum(read.get(k) == v for k, v in expected.items())
    assert right >= len(expected) - 1, (read, expected)
    assert out.patient.sex == truth.sex and out.report_date == truth.report_date
