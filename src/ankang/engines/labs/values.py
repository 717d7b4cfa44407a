"""Parsing what a report prints: values ("5.6↑", "<0.5", "++", "阴性"), flags (↑ H HH) and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ankang.knowledge.labs.keys import clean

ValueKind = Literal["number", "ordinal", "text"]

_NUMBER = re.compile(r"^(<=|>=|<|>|≤|≥)?\s*([-+]?\d+(?:\.\d+)?)\s*([↑↓hl*!]*)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_NEGATIVE = frozenset({"阴性", "-", "neg", "negative", "阴", "无", "未检出", "未见", "nonreactive", "non-reactive",
                       "正常", "normal", "norm", "—", "--", "(-)", "阴性(-)", "not detected", "nd", "0"})
_TRACE = frozenset({"±", "+-", "+/-", "-/+", "弱阳性", "trace", "tr", "微量", "可疑", "少许", "(±)", "弱阳", "阳性(±)"})
_POSITIVE = frozenset({"阳性", "阳", "positive", "pos", "reactive", "检出", "有", "detected", "(+)阳性"})
_PLUS = re.compile(r"^(?:阳性)?\(?(\+{1,4})\)?(?:阳性)?$")
_NPLUS = re.compile(r"^(?:阳性)?\(?(?:([1-4])\+|\+([1-4]))\)?(?:阳性)?$")
_RANGE = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*(?:-|~|～|—|–|至|到|－)\s*([-+]?\d+(?:\.\d+)?)")
_ONE_SIDED = re.compile(r"(<=|>=|<|>|≤|≥)\s*([-+]?\d+(?:\.\d+)?)")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    kind: ValueKind
    number: float | None = None
    qualifier: str = ""  # "", "<" or ">" (≤ and ≥ are folded in)
    grade: int | None = None  # ordinal: 0 negative, 1 trace, 2–5 for 1+ to 4+; None = positive, grade unknown
    positive: bool = False
    flag_in_value: str = ""


def parse_value(value: float | int | str) -> ParsedValue:
    """Read a printed value. Unknown text comes back as kind 'text' (never an exception)."""
    if isinstance(value, bool):
        return ParsedValue(kind="text")
    if isinstance(value, (int, float)):
        return ParsedValue(kind="number", number=float(value))
    text = clean(value).replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    match = _NUMBER.match(text)
    if match:
        op, num, flags = match.groups()
        qualifier = "" if not op else ("<" if op in ("<", "<=", "≤") else ">")
        return ParsedValue(kind="number", number=float(num), qualifier=qualifier, flag_in_value=flags or "")
    return _parse_ordinal(text.casefold())


def _parse_ordinal(text: str) -> ParsedValue:
    if text in _NEGATIVE:
        return ParsedValue(kind="ordinal", grade=0)
    if text in _TRACE:
        return ParsedValue(kind="ordinal", grade=1, positive=True)
    plus = _PLUS.match(text)
    if plus:
        return ParsedValue(kind="ordinal", grade=len(plus.group(1)) + 1, positive=True)
    nplus = _NPLUS.match(text)
    if nplus:
        n = int(nplus.group(1) or nplus.group(2))
        return ParsedValue(kind="ordinal", grade=n + 1, positive=True)
    if text in _POSITIVE:
        return ParsedValue(kind="ordinal", grade=None, positive=True)
    return ParsedValue(kind="text")


@dataclass(frozen=True, slots=True)
class ParsedFlag:
    direction: Literal["high", "low", "abnormal"] | None
    critical: bool


_HIGH = frozenset({"↑", "h", "高", "偏高", "升高", "high", "+", "↑↑", "hh", "h*", "↑*"})
_LOW = frozenset({"↓", "l", "低", "偏低", "降低", "low", "-", "↓↓", "ll", "l*", "↓*"})
_ABNORMAL = frozenset({"*", "!", "a", "abn", "abnormal", "异常", "p", "阳性", "pos"})
_CRITICAL = frozenset({"hh", "ll", "↑↑", "↓↓", "!!", "危急", "危急值", "c", "crit", "critical", "panic"})


def parse_flag(flag: str | None) -> ParsedFlag:
    """Read the lab's flag column; doubled arrows/letters and 危急 mean the lab called it critical."""
    if not flag:
        return ParsedFlag(direction=None, critical=False)
    text = clean(flag).casefold().replace(" ", "").strip("()")
    critical = text in _CRITICAL or "危急" in text
    if text in _HIGH or text.startswith("↑") or text.startswith("h"):
        return ParsedFlag("high", critical)
    if text in _LOW or text.startswith("↓") or text.startswith("l"):
        return ParsedFlag("low", critical)
    if text in _ABNORMAL or critical:
        return ParsedFlag("abnormal", critical)
    return ParsedFlag(None, False)


def parse_reference_range(text: str | None) -> tuple[float | None, float | None]:
    """'3.5-5.3' -> (3.5, 5.3); '<5.2' -> (None, 5.2); '>1.0' -> (1.0, None); anything else -> (None, None)."""
    if not text:
        return None, None
    cleaned = clean(text).replace(" ", "")
    both = _RANGE.search(cleaned)
    if both:
        low, high = float(both.group(1)), float(both.group(2))
        return (low, high) if low <= high else (high, low)
    one = _ONE_SIDED.search(cleaned)
    if one:
        op, num = one.group(1), float(one.group(2))
        return (None, num) if op in ("<", "<=", "≤") else (num, None)
    return None, None
