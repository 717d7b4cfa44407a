"""Interpreting one result: range choice, status, how far out, critical values."""

from __future__ import annotations

import pytest

from ankang.engines.labs import URGENT_ADVICE, LabResult, Patient, choose_interval, interpret_result
from ankang.errors import InvalidInput
from ankang.knowledge.labs import load_lab_catalog

MAN_40 = Patient("male", 40)
WOMAN_40 = Patient("female", 40)
CATALOG = load_lab_catalog()


@pytest.mark.parametrize(("test_id", "patient", "value", "status"), [
    # WS/T 404.1-2012, ALT without P-5'-P: men 9–50, women 7–40 U/L (edges are inside the interval)
    ("alt", MAN_40, 50, "normal"), ("alt", MAN_40, 51, "high"), ("alt", MAN_40, 8, "low"),
    ("alt", WOMAN_40, 40, "normal"), ("alt", WOMAN_40, 41, "high"),
    # WS/T 404.1-2012, GGT: men 10–60, women 7–45 U/L
    ("ggt", MAN_40, 60, "normal"), ("ggt", WOMAN_40, 46, "high"),
    # WS/T 405-2012: Hb men 130–175, women 115–150 g/L; PLT 125–350 ×10^9/L; WBC 3.5–9.5 ×10^9/L
    ("hgb", MAN_40, 129, "low"), ("hgb", WOMAN_40, 129, "normal"), ("hgb", WOMAN_40, 151, "high"),
    ("plt", MAN_40, 125, "normal"), ("plt", MAN_40, 124, "low"), ("wbc", MAN_40, 9.6, "high"),
    # WS/T 404.3-2012: K 3.5–5.3, Na 137–147 mmol/L
    ("potassium", MAN_40, 5.3, "normal"), ("potassium", MAN_40, 5.4, "high"), ("sodium", MAN_40, 136, "low"),
    # WS/T 404.5-2015 (enzymatic creatinine): men 20–59 y 57–97 µmol/L, women 20–59 y 41–73 µmol/L
    ("creatinine", MAN_40, 97, "normal"), ("creatinine", MAN_40, 98, "high"), ("creatinine", WOMAN_40, 80, "high"),
    # 中国血脂管理指南2023: LDL-C desirable <3.4; HDL-C low <1.0 mmol/L
    ("ldl_c", MAN_40, 3.5, "high"), ("hdl_c", MAN_40, 0.9, "low"), ("hdl_c", MAN_40, 1.6, "normal"),
    # KDIGO 2012 UACR A1 <30 mg/g
    ("uacr", MAN_40, 45, "high"),
])
def test_catalogue_interval_edges(test_id: str, patient: Patient, value: float, status: str) -> None:
    res = interpret_result(LabResult(name="x", value=value, test_id=test_id), patient)
    assert res.status == status
    assert res.range.origin == "catalogue"


@pytest.mark.parametrize(("test_id", "patient", "low", "high"), [
    # WS/T 404.1-2012 ALP: women 20–49 y 35–100, 50–79 y 50–135 U/L
    ("alp", Patient("female", 45), 35, 100),
    ("alp", Patient("female", 55), 50, 135),
    # WS/T 404.5-2015 creatinine (enzymatic): men 60–79 y 57–111 µmol/L
    ("creatinine", Patient("male", 65), 57, 111),
    # WS/T 404.5-2015 urea: women 60–79 y 3.1–8.8 mmol/L
    ("urea", Patient("female", 70), 3.1, 8.8),
    # WS/T 404.2-2012 albumin 20–59 y 40–55 g/L
    ("albumin", Patient("male", 30), 40, 55),
    # above 79 the nearest stratum (60–79) is used
    ("creatinine", Patient("male", 85), 57, 111),
    # sex unknown: the wider of the male and female intervals (Hb 115–175 g/L)
    ("hgb", Patient(None, 40), 115, 175),
    # sex known, combined row ignored: TBIL men ≤26.0, women ≤21.0 µmol/L (WS/T 404.4-2018)
    ("tbil", Patient("female", 40), None, 21.0),
    ("tbil", Patient(None, 40), None, 23.0),
])
def test_interval_choice_by_sex_and_age(test_id: str, patient: Patient, low: float | None, high: float | None) -> None:
    interval, _ = choose_interval(CATALOG.by_id[test_id], patient)
    assert interval is not None
    assert (interval.low, interval.high) == (low, high)


def test_children_get_no_catalogue_interval() -> None:
    res = interpret_result(LabResult("ALT", 60, "U/L"), Patient("male", 10))
    assert res.range.origin == "none"
    assert res.status == "unknown"
    # …but a printed range is still used
    res = interpret_result(LabResult("ALT", 60, "U/L", ref_low=5, ref_high=45), Patient("male", 10))
    assert res.status == "high" and res.range.origin == "report"


def test_report_range_wins_over_catalogue() -> None:
    res = interpret_result(LabResult("ALT", 45, "U/L", ref_text="0-40"), MAN_40)
    assert res.status == "high"
    assert res.range.origin == "report" and (res.range.low, res.range.high) == (0, 40)


def test_report_range_is_converted_with_the_value() -> None:
    res = interpret_result(LabResult("Hb", 11.0, "g/dL", ref_low=12.0, ref_high=16.0), WOMAN_40)
    assert res.value == pytest.approx(110.0)
    assert (res.range.low, res.range.high) == pytest.approx((120.0, 160.0))
    assert res.status == "low"


@pytest.mark.parametrize(("value", "severity", "deviation"), [
    # ankang convention: deviation = distance beyond the limit ÷ range width (ALT men 9–50 U/L, width 41)
    (60, "mild", 10 / 41),
    (70.5, "mild", 20.5 / 41),
    (100, "moderate", 50 / 41),
    (132, "moderate", 82 / 41),
    (200, "marked", 150 / 41),
])
def test_how_far_out(value: float, severity: str, deviation: float) -> None:
    res = interpret_result(LabResult("ALT", value, "U/L"), MAN_40)
    assert res.severity == severity
    assert res.deviation == pytest.approx(deviation)
    assert res.fold == pytest.approx(value / 50)


@pytest.mark.parametrize(("name", "value", "unit", "critical"), [
    # 检验危急值专家共识(2013), verify: K <2.8 or >6.2; Na <120 or >160 mmol/L; glucose <2.2 or >22.2 mmol/L
    ("K", 6.3, "mmol/L", True), ("K", 6.2, "mmol/L", False), ("K", 2.7, "mmol/L", True), ("K", 3.0, "mmol/L", False),
    ("Na", 118, "mmol/L", True), ("Na", 162, "mmol/L", True), ("Na", 130, "mmol/L", False),
    ("GLU", 2.0, "mmol/L", True), ("GLU", 25.0, "mmol/L", True), ("GLU", 450, "mg/dL", True),
    ("血小板", 20, "×10^9/L", True), ("血红蛋白", 55, "g/L", True), ("WBC", 1.5, "×10^9/L", True),
])
def test_critical_values(name: str, value: float, unit: str, critical: bool) -> None:
    res = interpret_result(LabResult(name, value, unit), MAN_40)
    assert res.critical is critical
    if critical:
        assert res.urgent_advice == URGENT_ADVICE
        assert res.severity == "marked"
        assert res.department == "20"
        assert "急诊" in res.explanation.zh and "emergency" in res.explanation.en
    else:
        assert res.urgent_advice is None


def test_urgent_advice_wording() -> None:
    assert URGENT_ADVICE.zh == "请立即联系医生或去急诊"
    assert URGENT_ADVICE.en == "Contact a doctor or go to the emergency department now"


def test_troponin_above_its_range_is_urgent() -> None:
    # Fourth Universal Definition of MI: troponin above the 99th-percentile upper reference limit
    res = interpret_result(LabResult("高敏肌钙蛋白T", 30, "ng/L", ref_high=14), MAN_40)
    assert res.status == "high" and res.critical
    res = interpret_result(LabResult("肌钙蛋白I", "阳性"), MAN_40)
    assert res.status == "positive" and res.critical


def test_lab_flagged_critical_is_critical() -> None:
    res = interpret_result(LabResult("ALT", 400, "U/L", flag="危急值"), MAN_40)
    assert res.critical and res.urgent_advice == URGENT_ADVICE


@pytest.mark.parametrize(("value", "ref_text", "status"), [
    ("<0.5", "0-0.5", "normal"),     # D-dimer below detection with an upper-only range
    ("<5", "0-10", "normal"),
    ("<20", "0-10", "unknown"),      # the bound does not settle it
    (">1000", "0-0.5", "high"),
    (">0.2", "0-0.5", "unknown"),
])
def test_printed_bounds(value: str, ref_text: str, status: str) -> None:
    assert interpret_result(LabResult("D-二聚体", value, "mg/L", ref_text=ref_text), MAN_40).status == status


@pytest.mark.parametrize(("name", "value", "status", "severity"), [
    ("尿蛋白", "阴性", "normal", None), ("尿蛋白", "±", "positive", "mild"), ("尿蛋白", "+", "positive", "mild"),
    ("尿蛋白", "++", "positive", "moderate"), ("尿蛋白", "+++", "positive", "marked"),
    # urobilinogen: negative or trace is normal (《诊断学》)
    ("尿胆原", "±", "normal", None), ("尿胆原", "+", "positive", "mild"),
    ("乙肝表面抗原", "阳性", "positive", None), ("乙肝表面抗原", "阴性", "normal", None),
    ("CRP", "阴性", "normal", None),
    # hepatitis B surface antibody: positive means protected (≥10 mIU/mL, 慢性乙型肝炎防治指南2022)
    ("乙肝表面抗体", "阳性", "normal", None), ("乙肝表面抗体", "阴性", "low", None),
])
def test_ordinal_results(name: str, value: str, status: str, severity: str | None) -> None:
    res = interpret_result(LabResult(name, value), MAN_40)
    assert (res.status, res.severity) == (status, severity)


def test_unit_that_does_not_fit_gives_unknown_not_an_exception() -> None:
    res = interpret_result(LabResult("ALT", 3, "mmol/L"), MAN_40)
    assert res.test_id == "alt" and res.status == "unknown" and res.value is None
    assert "mmol/L" in res.explanation.zh


def test_unrecognised_name_is_data() -> None:
    res = interpret_result(LabResult("XYZ因子", 1.0), MAN_40)
    assert res.test_id is None and res.status == "unknown"
    assert "XYZ因子" in res.explanation.zh


def test_unknown_test_id_is_a_caller_mistake() -> None:
    with pytest.raises(InvalidInput, match="nope"):
        interpret_result(LabResult("x", 1.0, test_id="nope"), MAN_40)


def test_flag_disagreement_is_reported() -> None:
    res = interpret_result(LabResult("ALT", 30, "U/L", flag="H"), MAN_40)
    assert res.status == "normal" and res.flag_disagrees


def test_flag_used_when_no_range_exists() -> None:
    res = interpret_result(LabResult("TSH", 8.0, "mIU/L", flag="↑"), MAN_40)
    assert res.range.origin == "none" and res.status == "high" and res.severity is None


@pytest.mark.parametrize("patient", [
    pytest.param(("other", 30), id="bad-sex"), pytest.param(("male", -1), id="negative-age"),
    pytest.param(("male", 200), id="impossible-age"),
])
def test_patient_validation(patient: tuple[str, float]) -> None:
    with pytest.raises(InvalidInput):
        Patient(patient[0], patient[1])  # type: ignore[arg-type]


def test_explanation_is_bilingual_and_cites_sources() -> None:
    res = interpret_result(LabResult("谷丙转氨酶", 120, "U/L"), MAN_40)
    assert "来源" in res.explanation.zh and "ws_t_404_1_2012" in res.explanation.zh
    assert "Sources" in res.explanation.en and "ws_t_404_1_2012" in res.explanation.en
    assert res.meaning is not None and "需医生判断" in res.meaning.zh


def test_converted_value_is_shown_with_printed_unit() -> None:
    res = interpret_result(LabResult("肌酐", 1.2, "mg/dL"), MAN_40)
    assert "1.2 mg/dL" in res.explanation.zh and "106.1 µmol/L" in res.explanation.zh


def test_hbsab_number_below_protective_level() -> None:
    res = interpret_result(LabResult("HBsAb", 5, "mIU/mL"), MAN_40)
    assert res.status == "low" and res.meaning is not None and "疫苗" in res.meaning.zh
