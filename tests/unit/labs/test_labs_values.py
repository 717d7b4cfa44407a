"""Reading printed values, flags and reference ranges."""

from __future__ import annotations

import pytest

from ankang.engines.labs import parse_flag, parse_reference_range, parse_value


@pytest.mark.parametrize(("printed", "kind", "number", "qualifier", "grade"), [
    ("5.6", "number", 5.6, "", None),
    (5.6, "number", 5.6, "", None),
    ("  6.10 ", "number", 6.1, "", None),
    ("5.6↑", "number", 5.6, "", None),
    ("12.5 H", "number", 12.5, "", None),
    ("<0.5", "number", 0.5, "<", None),
    ("＜0.5", "number", 0.5, "<", None),
    ("≤10", "number", 10.0, "<", None),
    (">1000", "number", 1000.0, ">", None),
    ("1,234", "number", 1234.0, "", None),
    ("-2.5", "number", -2.5, "", None),
    ("阴性", "ordinal", None, "", 0),
    ("-", "ordinal", None, "", 0),
    ("(-)", "ordinal", None, "", 0),
    ("Negative", "ordinal", None, "", 0),
    ("正常", "ordinal", None, "", 0),
    ("±", "ordinal", None, "", 1),
    ("弱阳性", "ordinal", None, "", 1),
    ("trace", "ordinal", None, "", 1),
    ("+", "ordinal", None, "", 2),
    ("1+", "ordinal", None, "", 2),
    ("++", "ordinal", None, "", 3),
    ("2+", "ordinal", None, "", 3),
    ("阳性(++)", "ordinal", None, "", 3),
    ("+++", "ordinal", None, "", 4),
    ("4+", "ordinal", None, "", 5),
    ("阳性", "ordinal", None, "", None),
    ("Positive", "ordinal", None, "", None),
    ("见备注", "text", None, "", None),
    ("", "text", None, "", None),
])
def test_parse_value(printed: str | float, kind: str, number: float | None, qualifier: str, grade: int | None) -> None:
    parsed = parse_value(printed)
    assert parsed.kind == kind
    assert parsed.number == number
    assert parsed.qualifier == qualifier
    assert parsed.grade == grade


@pytest.mark.parametrize(("flag", "direction", "critical"), [
    ("↑", "high", False), ("H", "high", False), ("偏高", "high", False),
    ("↓", "low", False), ("L", "low", False), ("低", "low", False),
    ("HH", "high", True), ("↑↑", "high", True), ("LL", "low", True), ("↓↓", "low", True),
    ("危急值", "abnormal", True), ("*", "abnormal", False),
    ("", None, False), (None, None, False), ("备注", None, False),
])
def test_parse_flag(flag: str | None, direction: str | None, critical: bool) -> None:
    parsed = parse_flag(flag)
    assert parsed.direction == direction
    assert parsed.critical is critical


@pytest.mark.parametrize(("text", "expected"), [
    ("3.5-5.3", (3.5, 5.3)),
    ("3.5～5.3", (3.5, 5.3)),
    ("3.5 — 5.3 mmol/L", (3.5, 5.3)),
    ("0-40", (0.0, 40.0)),
    ("<5.2", (None, 5.2)),
    ("≤26.0", (None, 26.0)),
    (">1.0", (1.0, None)),
    ("≥90", (90.0, None)),
    ("-3~+3", (-3.0, 3.0)),
    ("阴性", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_parse_reference_range(text: str | None, expected: tuple[float | None, float | None]) -> None:
    assert parse_reference_range(text) == expected
