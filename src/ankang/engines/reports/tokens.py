"""Printed tokens of one report line: splitting merged pieces and telling values, flags, units and
reference ranges apart. OCR often drops spaces ("白细胞计数5.6", "35U/L") and misreads arrows ("个" for ↑).
"""

from __future__ import annotations

import re
from typing import Literal

from ankang.engines.labs import parse_value
from ankang.knowledge.labs.keys import clean, is_cjk
from ankang.knowledge.labs.units import DIMENSIONS, unit_key

Kind = Literal["value", "flag", "unit", "range", "sep", "name"]

_NUM = r"[<>≤≥]?\s*[-+]?\d+(?:\.\d+)?"
# A number, then an optional flag, then a unit-looking tail: "35U/L", "5.6↑×10^9/L".
_VALUE_UNIT = re.compile(rf"^({_NUM})([↑↓]*)((?:[×x*]?10\^?\d+|[a-zA-Zμµ%/个]).*)$")
_VALUE_FLAG = re.compile(rf"^({_NUM})\s*(↑↑|↓↓|↑|↓|HH|LL|H|L|h|l|\*|个|←|→|√)$")
_FLAG = re.compile(r"^(↑↑|↓↓|↑|↓|HH|LL|H|L|[hl]|高|低|偏高|偏低|升高|降低|危急值?|H\*|L\*|↑\*|↓\*|\*|!|high|low|"
                   r"HIGH|LOW|High|Low|CRIT|Critical)$")
# Arrows as OCR sometimes reads them; the direction is then settled by the printed range (extract.py).
_OCR_FLAGS = {"个": "↑", "木": "↑", "介": "↑", "√": "↓", "←": "↓", "→": "↑", "丁": "↓", "V": "↓"}
_RANGE = re.compile(rf"^(?:{_NUM})?\s*(?:-|~|～|—|–|－|至|到|--)?\s*(?:{_NUM})?$")
_ONE_SIDED = re.compile(r"^[<>≤≥]\s*\d+(?:\.\d+)?$")
_ROW_NO = re.compile(r"^\d{1,3}[.、)]?$")
_UNIT_SHAPE = re.compile(r"^(?:[×x*]?10\^?\d{1,2}/[lLμµu]?[lL]?|[a-zA-Zμµ个%]+(?:/[a-zA-Zμµ0-9.^²个]+)+|%|fL|fl|pg|"
                         r"s|sec|秒|mmHg|kPa|mm/h|IU|U|S/CO|COI)$")
_UNIT_RANGE = re.compile(r"^(.*?/(?:L|l|mL|ml|dL|dl|uL|μL|µL|HP|hp|HPF|LP))([<>≤≥]?\d.*)$")
_SPLIT = re.compile(r"(?<=[\u4e00-\u9fff）)])(?=[<>≤≥]?\d)")


def split_tokens(cells: list[str]) -> list[str]:
    """Whitespace pieces of every cell, with CJK-then-digit and value-then-unit runs pulled apart."""
    out: list[str] = []
    for cell in cells:
        for piece in clean(cell).split():
            for part in _SPLIT.split(piece):
                out.extend(_split_value_unit(part))
    return [t for t in out if t]


def _split_value_unit(token: str) -> list[str]:
    joined = _UNIT_RANGE.match(token)  # "×10^9/L3.5-9.5"
    if joined and _is_unit(joined.group(1)):
        return [joined.group(1), joined.group(2)]
    match = _VALUE_UNIT.match(token)
    if match and _is_unit(match.group(3)):
        return [p for p in (match.group(1), match.group(2), match.group(3)) if p]
    return [token]


def _is_unit(token: str) -> bool:
    key = unit_key(token)
    if not key or key in DIMENSIONS:
        return bool(key)
    return bool(_UNIT_SHAPE.match(token)) or key in ("fl", "pg", "mm/h", "/hpf", "/lpf", "mg/g", "mosm/kg",
                                                     "ml/min/1.73m2", "mmol/mol", "mg/mmol")


def is_row_number(token: str) -> bool:
    return bool(_ROW_NO.match(token))


def split_value_flag(token: str) -> tuple[str, str | None]:
    """'12.5↑' → ('12.5', '↑'); anything else unchanged."""
    match = _VALUE_FLAG.match(token)
    if match:
        return match.group(1).replace(" ", ""), match.group(2)
    return token, None


def value_kind(token: str) -> str:
    value, _ = split_value_flag(token)
    return parse_value(value).kind


def classify(token: str, *, ocr: bool = False) -> Kind:
    """What a token after the value most likely is."""
    if token in ("-", "~", "～", "—", "–", "－", "至", "到", "--"):
        return "sep"
    if _FLAG.match(token) or (ocr and token in _OCR_FLAGS):
        return "flag"
    if _ONE_SIDED.match(token) or (_RANGE.match(token) and any(ch.isdigit() for ch in token)):
        return "range" if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", token) else "value"
    if _is_unit(token):
        return "unit"
    if value_kind(token) != "text":
        return "value"
    return "name"


def normal_flag(token: str, *, ocr: bool = False) -> str:
    return _OCR_FLAGS.get(token, token) if ocr else token


def is_name_like(token: str) -> bool:
    return any(is_cjk(ch) or ch.isalpha() for ch in token)
