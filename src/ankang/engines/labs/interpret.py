"""Interpret one printed result: which range applies, how far out it is, whether it is critical.

Range: the report's own range first (method and analyser dependent); otherwise the catalogue's adult
interval for the person's sex and age. Catalogue intervals are adult-only: for under-18s only the
report's range is used.

How far out (ankang convention, not a clinical grade): deviation = distance beyond the nearer limit ÷
range width (÷ the limit itself for one-sided ranges); mild ≤ 0.5, moderate ≤ 2, marked > 2. A critical
result is always marked. Ordinal results: ± and 1+ mild, 2+ moderate, 3+ and above marked.
"""

from __future__ import annotations

from dataclasses import replace

from ankang.engines.labs.explain import explain_result
from ankang.engines.labs.names import match_test, pick_twin
from ankang.engines.labs.types import (
    URGENT_ADVICE,
    LabResult,
    Patient,
    RangeUsed,
    ResultInterpretation,
    Severity,
    Status,
)
from ankang.engines.labs.units import resolve_test, to_canonical
from ankang.engines.labs.values import ParsedValue, parse_flag, parse_reference_range, parse_value
from ankang.knowledge.labs import LabCatalog, LabTest, RefInterval, load_lab_catalog
from ankang.knowledge.labs.units import unit_key
from ankang.knowledge.text import Text

ADULT_AGE = 18
MILD_MAX = 0.5  # ankang_convention
MODERATE_MAX = 2.0  # ankang_convention

_NOTE_CHILD = Text("儿童和青少年的参考范围与成人不同，仅使用报告单上的范围。",
                   "Children's ranges differ from adults'; only the report's own range is used.")
_NOTE_SEX = Text("未提供性别，使用男女参考区间中较宽的范围。",
                 "Sex not given: the wider of the male and female intervals is used.")
_NOTE_AGE = Text("年龄不在标准分组内或未提供，使用最接近或较宽的年龄组区间。",
                 "Age outside the standard's groups or not given: the nearest or widest age group is used.")
_NOTE_VERIFY = Text("该参考区间尚待与原标准核对。", "This interval still awaits checking against its standard.")
_NOTE_UNIT = Text("单位无法识别或与该项目不符，无法判断。", "The unit is not recognised for this test, so it cannot be judged.")
_NOTE_NO_RANGE = Text("没有可用的参考范围，请以报告单上的参考范围为准。",
                      "No reference range is available; use the range printed on the report.")
_NOTE_FLAG = Text("化验单上的异常标记与按参考范围的判断不一致，请以医生解读为准。",
                  "The lab's flag disagrees with the range-based reading; ask a doctor.")
_NOTE_LAB_CRITICAL = Text("化验单将此结果标为危急值。", "The laboratory flagged this result as critical.")
_NOTE_FROM_FLAG = Text("结果高低依据化验单上的标记判断。", "High or low is taken from the lab's flag.")


def choose_interval(test: LabTest, patient: Patient) -> tuple[RefInterval | None, tuple[Text, ...]]:
    """The catalogue interval for this person, with notes on any compromise made."""
    if patient.age_years is not None and patient.age_years < ADULT_AGE:
        return None, (_NOTE_CHILD,) if test.intervals else ()
    pool = list(test.intervals)
    if not pool:
        return None, ()
    notes: list[Text] = []
    if patient.sex is not None:
        pool = [iv for iv in pool if iv.sex == patient.sex] or [iv for iv in pool if iv.sex == "any"]
        if not pool:
            return None, ()
    elif any(iv.sex == "any" for iv in pool):
        pool = [iv for iv in pool if iv.sex == "any"]
    else:
        notes.append(_NOTE_SEX)
    if patient.age_years is not None:
        age = patient.age_years
        covering = [iv for iv in pool if iv.covers_age(age)]
        if covering:
            pool = covering
        else:
            notes.append(_NOTE_AGE)
            nearest = min(_age_gap(iv, age) for iv in pool)
            pool = [iv for iv in pool if _age_gap(iv, age) == nearest]
    elif len({(iv.age_min, iv.age_max) for iv in pool}) > 1:
        notes.append(_NOTE_AGE)
    if len(pool) == 1:
        return pool[0], tuple(notes)
    lows = [iv.low for iv in pool]
    highs = [iv.high for iv in pool]
    merged = RefInterval(
        low=None if any(v is None for v in lows) else min(v for v in lows if v is not None),
        high=None if any(v is None for v in highs) else max(v for v in highs if v is not None),
        source=pool[0].source, verify=any(iv.verify for iv in pool),
    )
    return merged, tuple(dict.fromkeys(notes))


def _age_gap(iv: RefInterval, age: float) -> float:
    if iv.age_min is not None and age < iv.age_min:
        return iv.age_min - age
    if iv.age_max is not None and age >= iv.age_max + 1:
        return age - iv.age_max - 1
    return 0.0


def severity_of(deviation: float) -> Severity:
    if deviation <= MILD_MAX:
        return "mild"
    return "moderate" if deviation <= MODERATE_MAX else "marked"


def interpret_result(result: LabResult, patient: Patient | None = None, *,
                     catalog: LabCatalog | None = None) -> ResultInterpretation:
    """Interpret one printed row. Unknown names and units give status 'unknown', never an exception."""
    cat = catalog or load_lab_catalog()
    who = patient or Patient()
    parsed = parse_value(result.value)
    test = _find(cat, result, parsed)
    flag = parse_flag(result.flag or parsed.flag_in_value or None)
    value_text = str(result.value).strip()
    if test is None:
        return _unrecognised(result, value_text, flag.critical)
    if parsed.kind == "number" and test.kind == "quantitative":
        return _numeric(cat, test, result, parsed, who, value_text)
    return _qualitative(test, result, parsed, who, value_text)


def _find(cat: LabCatalog, result: LabResult, parsed: ParsedValue) -> LabTest | None:
    if result.test_id is not None:
        test = resolve_test(result.test_id, cat)  # InvalidInput naming an unknown id: a caller mistake
        return pick_twin(cat, test, unit=result.unit, value_kind=parsed.kind)
    return match_test(result.name, unit=result.unit, value_kind=parsed.kind, context=result.context, catalog=cat)


def _unrecognised(result: LabResult, value_text: str, lab_critical: bool) -> ResultInterpretation:
    note = Text(f"未能识别检验项目“{result.name}”。", f"The test name “{result.name}” was not recognised.")
    rng = RangeUsed(result.ref_low, result.ref_high, result.unit or "", "report" if (
        result.ref_low is not None or result.ref_high is not None) else "none")
    return ResultInterpretation(
        name=result.name, test_id=None, test_name=None, value_text=value_text, value=None,
        unit=result.unit or "", qualifier="", grade=None, status="unknown", severity=None, deviation=None,
        fold=None, critical=lab_critical, range=rng, printed_flag=result.flag, flag_disagrees=False,
        meaning=None, explanation=Text(note.zh, note.en), urgent_advice=URGENT_ADVICE if lab_critical else None,
        department=None, sources=(), notes=(note,),
    )


def _report_range(result: LabResult) -> tuple[float | None, float | None]:
    if result.ref_low is not None or result.ref_high is not None:
        return result.ref_low, result.ref_high
    return parse_reference_range(result.ref_text)


def _numeric(cat: LabCatalog, test: LabTest, result: LabResult, parsed: ParsedValue, who: Patient,
             value_text: str) -> ResultInterpretation:
    assert parsed.number is not None
    notes: list[Text] = []
    conv = to_canonical(test, result.unit)
    flag = parse_flag(result.flag or parsed.flag_in_value or None)
    if conv is None:
        return _unknown_unit(test, result, value_text, flag.critical)
    factor, offset = conv
    value = parsed.number * factor + offset
    low, high = _report_range(result)
    rng: RangeUsed
    if low is not None or high is not None:
        rng = RangeUsed(None if low is None else low * factor + offset,
                        None if high is None else high * factor + offset, test.unit, "report")
    else:
        iv, iv_notes = choose_interval(test, who)
        notes.extend(iv_notes)
        if iv is None:
            rng = RangeUsed(None, None, test.unit, "none")
        else:
            rng = RangeUsed(iv.low, iv.high, test.unit, "catalogue", iv.source, iv.verify)
            if iv.verify:
                notes.append(_NOTE_VERIFY)
    status, deviation, fold = _compare(value, parsed.qualifier, rng)
    if rng.origin == "none":
        notes.append(_NOTE_NO_RANGE)
        if flag.direction in ("high", "low"):
            status = flag.direction
            notes.append(_NOTE_FROM_FLAG)
    severity = None if deviation is None or status not in ("low", "high") else severity_of(deviation)
    critical = _is_critical(test, value, parsed.qualifier, status, who)
    if flag.critical:
        critical = True
        notes.append(_NOTE_LAB_CRITICAL)
    if critical:
        severity = "marked"
    disagrees = flag.direction in ("high", "low") and status in ("low", "high", "normal") and flag.direction != status
    if disagrees:
        notes.append(_NOTE_FLAG)
    return _build(test, result, value_text, value, parsed.qualifier, None, status, severity, deviation, fold,
                  critical, rng, disagrees, notes)


def _compare(value: float, qualifier: str, rng: RangeUsed) -> tuple[Status, float | None, float | None]:
    """Status, deviation and fold. A printed bound ("<0.5", ">1000") is judged only when the bound
    settles it; otherwise the status is 'unknown'."""
    low, high = rng.low, rng.high
    if low is None and high is None:
        return "unknown", None, None
    is_low = low is not None and (value < low or (qualifier == "<" and value <= low))
    is_high = high is not None and (value > high or (qualifier == ">" and value >= high))
    if qualifier == "<" and not is_low and ((high is not None and value > high) or (low is not None and low > 0)):
        return "unknown", None, None
    if qualifier == ">" and not is_high and (high is not None or (low is not None and value < low)):
        return "unknown", None, None
    if low is not None and high is not None:
        width = high - low
    else:
        width = abs(high if high is not None else low if low is not None else 0.0)
    if is_low and low is not None:
        deviation = (low - value) / width if width > 0 else None
        return "low", deviation, (low / value if value > 0 else None)
    if is_high and high is not None:
        deviation = (value - high) / width if width > 0 else None
        return "high", deviation, (value / high if high > 0 else None)
    return "normal", 0.0, None


def _is_critical(test: LabTest, value: float, qualifier: str, status: Status, who: Patient) -> bool:
    crit = test.critical
    if crit is None:
        return False
    if crit.above_range and status == "high":
        return True
    if who.age_years is not None and who.age_years < ADULT_AGE:
        return False  # the consensus limits are for adults
    if crit.low is not None and value < crit.low and qualifier != ">":
        return True
    return crit.high is not None and value > crit.high and qualifier != "<"


def _qualitative(test: LabTest, result: LabResult, parsed: ParsedValue, who: Patient,
                 value_text: str) -> ResultInterpretation:
    notes: list[Text] = []
    flag = parse_flag(result.flag)
    rng = RangeUsed(None, None, test.unit, "none")
    status: Status = "unknown"
    severity: Severity | None = None
    grade = parsed.grade
    higher_is_better = test.kind == "quantitative" and bool(test.intervals) and all(
        iv.high is None and iv.low is not None for iv in test.intervals)  # e.g. HBsAb: positive = protected
    if parsed.kind == "ordinal" and higher_is_better:
        status = "low" if grade == 0 else "normal"
    elif parsed.kind == "ordinal":
        normal_max = test.ordinal_normal_max if test.kind == "ordinal" else 0
        if grade is not None and grade <= normal_max:
            status = "normal"
        else:
            status = "positive"
            if grade is not None:
                severity = "mild" if grade <= 2 else ("moderate" if grade == 3 else "marked")
    else:
        notes.append(Text("结果格式无法判断（该项目通常以“阴性/阳性”或数值报告）。",
                          "The result format could not be read for this test."))
    critical = bool(test.critical and test.critical.above_range and status == "positive")
    if flag.critical:
        critical = True
        notes.append(_NOTE_LAB_CRITICAL)
    if critical:
        severity = "marked"
    return _build(test, result, value_text, None, "", grade, status, severity, None, None, critical, rng,
                  False, notes)


def _unknown_unit(test: LabTest, result: LabResult, value_text: str, lab_critical: bool) -> ResultInterpretation:
    rng = RangeUsed(result.ref_low, result.ref_high, result.unit or "", "none")
    notes = [Text(f"单位“{result.unit}”不适用于{test.name.zh}。", f"Unit “{result.unit}” does not fit "
                  f"{test.name.en}."), _NOTE_UNIT]
    interp = _build(test, result, value_text, None, "", None, "unknown", None, None, None, lab_critical, rng,
                    False, notes)
    return replace(interp, unit=result.unit or "")


def _build(test: LabTest, result: LabResult, value_text: str, value: float | None, qualifier: str,
           grade: int | None, status: Status, severity: Severity | None, deviation: float | None,
           fold: float | None, critical: bool, rng: RangeUsed, disagrees: bool,
           notes: list[Text]) -> ResultInterpretation:
    meaning = test.meaning_low if status == "low" else test.meaning_high if status in ("high", "positive") else None
    sources = tuple(dict.fromkeys([*([rng.source] if rng.source else []), *test.sources]))
    if critical and test.critical is not None:
        sources = tuple(dict.fromkeys([test.critical.source, *sources]))
    notes_t = tuple(dict.fromkeys(notes))
    converted = value is not None and unit_key(result.unit) not in ("", unit_key(test.unit))
    explanation = explain_result(name=test.name, value_text=value_text, printed_unit=result.unit,
                                 unit=test.unit, value=value, converted=converted, status=status,
                                 severity=severity, rng=rng, meaning=meaning, critical=critical,
                                 sources=sources, notes=notes_t)
    return ResultInterpretation(
        name=result.name, test_id=test.id, test_name=test.name, value_text=value_text, value=value,
        unit=test.unit, qualifier=qualifier, grade=grade, status=status, severity=severity,
        deviation=deviation, fold=fold, critical=critical, range=rng, printed_flag=result.flag,
        flag_disagrees=disagrees, meaning=meaning, explanation=explanation,
        urgent_advice=URGENT_ADVICE if critical else None,
        department="20" if critical else (test.department if status in ("low", "high", "positive") else None),
        sources=sources, notes=notes_t,
    )
