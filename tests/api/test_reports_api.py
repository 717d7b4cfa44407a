"""POST /v1/reports/extract: text and files in, a checked table out; a clear 4xx for each bad input.

OCR is the in-memory fake here (fast); tests/unit/reports/test_ocr_end_to_end.py runs the real engine.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from ankang.api.app import create_app
from ankang.config import Settings
from ankang.domains.reports.service import ReportService
from ankang.ports.ocr import FakeOcr

URL = "/v1/reports/extract"
OCR_TABLE = [["性别：女", "年龄：60岁", "报告日期：2024-05-06"],
             ["白细胞计数", "12.5", "↑", "×10^9/L", "3.5-9.5"],
             ["血钾", "6.9", "↑", "mmol/L", "3.5-5.3"]]


class SwitchableOcr(FakeOcr):
    """A fake whose next page the test sets."""

    def __init__(self) -> None:
        super().__init__([FakeOcr.rows(OCR_TABLE)])

    def set(self, lines: list[list[str]]) -> None:
        self.pages.clear()
        self.pages.append(FakeOcr.rows(lines))


@pytest.fixture(scope="module")
def ocr() -> SwitchableOcr:
    return SwitchableOcr()


@pytest.fixture(scope="module")
def api(ocr: SwitchableOcr) -> Iterator[TestClient]:
    app = create_app(Settings())
    app.state.reports = ReportService(ocr)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _png(size: tuple[int, int] = (800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="PNG")
    return out.getvalue()


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII), written by hand."""
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({ln}) '" for ln in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def _problem(response) -> str:
    issue = response.json()["issue"][0]
    assert issue["details"]["zh"] and issue["details"]["en"]
    return issue["details"]["en"]


# -- what works -----------------------------------------------------------------------------------------
def test_text_in_table_and_explanation_out(api):
    r = api.post(URL, json={"text": "性别：男 年龄：50岁\n白细胞计数 WBC 32.5 ↑ ×10^9/L 3.5-9.5\n血红蛋白 98 g/L 130-175"})
    assert r.status_code == 200
    body = r.json()
    assert body["stored"] is False
    assert body["ai"]["generated_by"] == "ankang-ai" and "120" in body["ai"]["notice"]["zh"]
    assert [(x["test_id"], x["status"], x["critical"]) for x in body["rows"]] == [
        ("wbc", "high", True), ("hgb", "low", False)]
    assert body["interpretation"]["critical"] is True and body["interpretation"]["urgent_advice"]
    assert body["patient"] == {"sex": "male", "age_years": 50.0, "sex_from": "report", "age_from": "report"}
    assert body["sources"] and body["rows"][0]["loinc"] == "6690-2"


def test_photo_goes_through_ocr(api, ocr):
    ocr.set(OCR_TABLE)
    r = api.post(URL, files={"file": ("report.png", _png(), "image/png")}, data={"age": "61"})
    assert r.status_code == 200
    body = r.json()
    assert body["input"]["kind"] == "image" and body["input"]["ocr_pages"] == 1
    assert [(x["test_id"], x["value"]) for x in body["rows"]] == [("wbc", "12.5"), ("potassium", "6.9")]
    assert body["patient"]["age_years"] == 61 and body["patient"]["age_from"] == "you"
    assert body["patient"]["sex"] == "female"
    assert body["report_date"] == "2024-05-06"


def test_pdf_text_layer_is_read_without_ocr(api):
    pdf = _pdf(["Sex: Male  Age: 40", "Glucose 7.9 H mmol/L 3.9-6.1", "Creatinine 90 umol/L 57-111"])
    r = api.post(URL, files={"file": ("r.pdf", pdf, "application/pdf")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["input"] == {**body["input"], "kind": "pdf", "ocr_pages": 0}
    assert [x["test_id"] for x in body["rows"]] == ["glucose", "creatinine"]
    assert body["interpretation"]["egfr"] is not None  # creatinine + age + sex → CKD-EPI 2021


def test_scanned_pdf_is_rendered_then_read(api, ocr):
    ocr.set(OCR_TABLE)
    out = io.BytesIO()
    Image.new("RGB", (1240, 1754), "white").save(out, format="PDF")
    r = api.post(URL, files={"file": ("scan.pdf", out.getvalue(), "application/pdf")})
    assert r.status_code == 200, r.text
    assert r.json()["input"]["ocr_pages"] == 1


def test_unknown_unit_is_a_clear_message_on_the_row(api):
    """An unknown unit does not sink the whole report: the row says what is wrong and is not judged."""
    r = api.post(URL, json={"text": "钾 4.1 mmol/L 3.5-5.3\n丙氨酸氨基转移酶 35 mmol/L 9-50"})
    assert r.status_code == 200
    alt = r.json()["rows"][1]
    assert alt["status"] == "unknown"
    assert [p["code"] for p in alt["problems"]] == ["unknown-unit"]
    assert "mmol/L" in alt["problems"][0]["details"]["en"]


# -- bad input: a clear 4xx, nothing stored ---------------------------------------------------------
def test_unreadable_photo(api):
    r = api.post(URL, files={"file": ("x.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 100, "image/jpeg")})
    assert r.status_code == 400
    assert "could not be opened" in _problem(r)


def test_photo_without_text(api, ocr):
    ocr.set([])
    r = api.post(URL, files={"file": ("blank.png", _png(), "image/png")})
    assert r.status_code == 400
    assert "no text could be read" in _problem(r)


def test_tiny_photo(api):
    r = api.post(URL, files={"file": ("t.png", _png((120, 80)), "image/png")})
    assert r.status_code == 400
    assert "too small" in _problem(r)


def test_pdf_that_is_not_a_report(api):
    pdf = _pdf(["Minutes of the garden committee meeting", "We agreed to plant more tulips next spring."])
    r = api.post(URL, files={"file": ("minutes.pdf", pdf, "application/pdf")})
    assert r.status_code == 400
    assert "does not look like a lab report" in _problem(r)


def test_password_protected_pdf(api):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    r = api.post(URL, files={"file": ("locked.pdf", out.getvalue(), "application/pdf")})
    assert r.status_code == 400
    assert "password" in _problem(r)


def test_50_mb_file_is_refused_before_reading(api):
    r = api.post(URL, files={"file": ("big.jpg", b"\xff\xd8\xff" + bytes(50 * 2**20), "image/jpeg")})
    assert r.status_code == 413
    assert "MB" in _problem(r)


def test_text_without_results(api):
    r = api.post(URL, json={"text": "今天天气很好，我们去公园散步。"})
    assert r.status_code == 400
    assert r.json()["issue"][0]["expression"] == ["text"]


def test_unsupported_file_type(api):
    r = api.post(URL, files={"file": ("a.bin", b"\x00\x01\x02\x03" * 100, "application/octet-stream")})
    assert r.status_code == 400
    assert "unsupported file type" in _problem(r)


@pytest.mark.parametrize(("kwargs", "status"), [
    ({"content": b"text", "headers": {"content-type": "text/plain"}}, 415),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
    ({"json": {"text": "钾 4.1 mmol/L", "sex": "x"}}, 422),
    ({"json": {"text": ""}}, 422),
    ({"json": {"text": "钾 4.1", "extra": 1}}, 422),
    ({"data": {"sex": "male"}, "files": {"other": ("a.txt", b"x", "text/plain")}}, 400),
    ({"data": {"age": "200"}, "files": {"file": ("a.txt", "钾 4.1 mmol/L 3.5-5.3".encode(), "text/plain")}}, 422),
])
def test_malformed_requests(api, kwargs, status):
    r = api.post(URL, **kwargs)
    assert r.status_code == status
    assert r.json()["issue"]
