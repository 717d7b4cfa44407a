"""Who and when, when the report prints it: sex, age, specimen, report date; and report sections
(尿常规, 粪便常规, 血气) that change what a bare test name means.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ankang.engines.reports.types import ReportMeta, Sex
from ankang.knowledge.labs.keys import clean

_SEX = re.compile(r"(?:性\s*别|(?<![a-z])sex|(?-i:Sex)|(?<![a-z])gender)\s*[:：]?\s*(男|女|female|male|[MF](?![a-z]))",
                  re.IGNORECASE)
_AGE = re.compile(r"(?:年\s*龄|(?<![a-z])age|(?-i:Age))\s*[:：]?\s*(\d{1,3}(?:\.\d+)?)\s*(岁|月|天|y|yrs|years?|m|mo|months?)?",
                  re.IGNORECASE)
_SPECIMENS = ("血清", "血浆", "全血", "静脉血", "动脉血", "末梢血", "尿液", "尿", "粪便", "大便", "粪",
              "whole blood", "arterial blood", "serum", "plasma", "urine", "stool", "blood")
_SPECIMEN = re.compile(r"(?:标\s*本(?:类型|种类)?|样\s*本(?:类型)?|(?<![a-z])specimen(?: type)?|(?<![a-z])sample(?: type)?)\s*[:：]?\s*("
                       + "|".join(re.escape(s) for s in _SPECIMENS) + ")", re.IGNORECASE)
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_REPORT_DATE = re.compile(r"(?:报告(?:日期|时间)|审核(?:日期|时间)|report(?:ed)?(?:\s*(?:date|on))?|date reported)"
                          r"\s*[:：]?\s*" + _DATE, re.IGNORECASE)
_TAKEN_DATE = re.compile(r"(?:采(?:样|集)(?:日期|时间)|送检(?:日期|时间)|接收(?:日期|时间)|collect(?:ed|ion)(?:\s*date)?|"
                         r"received)\s*[:：]?\s*" + _DATE, re.IGNORECASE)
_SECTIONS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"尿常规|尿液分析|尿液常规|尿沉渣|urinalysis|urine (?:routine|analysis)", re.IGNORECASE), "urine"),
    (re.compile(r"粪便常规|大便常规|粪常规|stool (?:routine|analysis|test)", re.IGNORECASE), "stool"),
    (re.compile(r"血气分析|blood gas", re.IGNORECASE), "blood_gas"),
    (re.compile(r"血常规|血细胞分析|生化|肝功能?|肾功能?|血脂|凝血|甲状腺|complete blood count|\bcbc\b|"
                r"biochemistry|liver function|renal function|kidney function|lipid|coagulation|thyroid",
                re.IGNORECASE), None),
)
_SPECIMEN_CONTEXT = {"尿液": "urine", "尿": "urine", "urine": "urine", "粪便": "stool", "大便": "stool",
                     "粪": "stool", "stool": "stool", "动脉血": "blood_gas", "arterial blood": "blood_gas"}


def _date(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_meta(lines: Sequence[str]) -> ReportMeta:
    text = clean("\n".join(lines))
    sex: Sex | None = None
    if (m := _SEX.search(text)) is not None:
        sex = "male" if m.group(1).casefold() in ("男", "male", "m") else "female"
    age: float | None = None
    if (m := _AGE.search(text)) is not None:
        number, unit = float(m.group(1)), (m.group(2) or "").casefold()
        if unit in ("月", "m", "mo", "month", "months"):
            number /= 12
        elif unit == "天":
            number /= 365
        age = round(number, 2) if 0 <= number <= 130 else None
    specimen = (m.group(1) if (m := _SPECIMEN.search(text)) is not None else None)
    when = _date(_REPORT_DATE.search(text)) or _date(_TAKEN_DATE.search(text))
    return ReportMeta(sex=sex, age_years=age, specimen=specimen, report_date=when)


def specimen_context(specimen: str | None) -> str | None:
    return _SPECIMEN_CONTEXT.get((specimen or "").casefold())


def section_context(line: str) -> tuple[bool, str | None]:
    """(True, context) when the line is a section heading; (False, None) otherwise."""
    text = clean(line)
    if len(text) > 40:
        return False, None
    for pattern, context in _SECTIONS:
        if pattern.search(text):
            return True, context
    return False, None
