"""Patterns across tests, departments, and the never-diagnose / never-prescribe wording."""

from __future__ import annotations

import pytest

from ankang.engines.labs import LabResult, Patient, interpret_panel

WOMAN = Patient("female", 35)
MAN = Patient("male", 45)


def _ids(rows: list[LabResult], patient: Patient = MAN, fasting: bool | None = None) -> list[str]:
    return [f.id for f in interpret_panel(rows, patient, fasting=fasting).findings]


def _cbc(hb: float, mcv: float | None, mchc: float | None = None) -> list[LabResult]:
    rows = [LabResult("血红蛋白", hb, "g/L")]
    if mcv is not None:
        rows.append(LabResult("MCV", mcv, "fL"))
    if mchc is not None:
        rows.append(LabResult("MCHC", mchc, "g/L"))
    return rows


@pytest.mark.parametrize(("hb", "mcv", "mchc", "patient", "expected"), [
    # 《内科学》第9版: anaemia Hb <110 g/L (women), <120 g/L (men); 《诊断学》第9版 morphology:
    # MCV <80 fL microcytic, 80–100 normocytic, >100 macrocytic; MCHC <320 g/L hypochromic
    (95, 70, 300, WOMAN, "anaemia.microcytic"),
    (95, 90, 330, WOMAN, "anaemia.normocytic"),
    (95, 110, 340, WOMAN, "anaemia.macrocytic"),
    (115, 110, 340, MAN, "anaemia.macrocytic"),
    (95, None, None, WOMAN, "anaemia.unclassified"),
    (125, 72, 310, WOMAN, "anaemia.microcytosis_without_anaemia"),
])
def test_anaemia_typing(hb: float, mcv: float | None, mchc: float | None, patient: Patient, expected: str) -> None:
    assert _ids(_cbc(hb, mcv, mchc), patient) == [expected]


def test_no_anaemia_pattern_at_the_clinical_threshold() -> None:
    # 110 g/L in a woman is below the WS/T 405 interval (115) but not anaemia by the clinical criterion
    assert _ids(_cbc(110, 90, 330), WOMAN) == []
    assert _ids(_cbc(119, 90, 330), MAN) == ["anaemia.normocytic"]


@pytest.mark.parametrize(("hb", "severity"), [
    # 《内科学》第9版 grading: mild >90, moderate 60–90, severe 30–59, very severe <30 g/L
    (100, "mild"), (91, "mild"), (90, "moderate"), (60, "moderate"), (59, "marked"), (25, "marked"),
])
def test_anaemia_grading(hb: float, severity: str) -> None:
    finding = interpret_panel(_cbc(hb, 90, 330), WOMAN).findings[0]
    assert finding.severity == severity


def test_microcytic_anaemia_mentions_low_ferritin() -> None:
    rows = [*_cbc(95, 70, 300), LabResult("铁蛋白", 5, "ng/mL")]
    finding = interpret_panel(rows, WOMAN).findings[0]
    assert "铁蛋白偏低" in finding.text.zh


@pytest.mark.parametrize(("alt", "alp", "expected", "r"), [
    # R = (ALT/ULN) ÷ (ALP/ULN) (Bénichou 1990); ULNs from the printed ranges: ALT 40, ALP 100 U/L
    (400, 110, "liver.hepatocellular", (400 / 40) / (110 / 100)),   # R 9.09 ≥ 5
    (60, 300, "liver.cholestatic", (60 / 40) / (300 / 100)),        # R 0.5 ≤ 2
    (120, 100, "liver.mixed", (120 / 40) / (100 / 100)),            # R 3.0
    (200, 100, "liver.hepatocellular", 5.0),                        # R exactly 5
    (80, 100, "liver.cholestatic", 2.0),                            # R exactly 2
])
def test_liver_r_ratio(alt: float, alp: float, expected: str, r: float) -> None:
    rows = [LabResult("ALT", alt, "U/L", ref_text="7-40"), LabResult("ALP", alp, "U/L", ref_text="35-100")]
    findings = interpret_panel(rows, WOMAN).findings
    assert findings[0].id == expected
    assert findings[0].values["r_ratio"] == pytest.approx(r)


def test_liver_without_alp_cannot_be_typed() -> None:
    assert _ids([LabResult("ALT", 120, "U/L", ref_text="9-50")]) == ["liver.enzymes_raised"]


def test_alt_with_bilirubin_is_flagged_for_prompt_review() -> None:
    # ALT >3×ULN with total bilirubin >2×ULN (中国药物性肝损伤诊治指南2023)
    rows = [LabResult("ALT", 400, "U/L", ref_text="9-50"), LabResult("ALP", 120, "U/L", ref_text="45-125"),
            LabResult("总胆红素", 60, "µmol/L", ref_text="0-26")]
    assert "liver.alt_with_bilirubin" in _ids(rows)


def test_alp_source_hint_from_ggt() -> None:
    rows = [LabResult("ALT", 30, "U/L", ref_text="9-50"), LabResult("ALP", 300, "U/L", ref_text="45-125"),
            LabResult("GGT", 30, "U/L", ref_text="10-60")]
    finding = interpret_panel(rows, MAN).findings[0]
    assert "骨骼" in finding.text.zh


@pytest.mark.parametrize(("rows", "expected"), [
    # 中国血脂管理指南2023 (mmol/L)
    ([("LDL-C", 3.5)], ["lipids.ldl_borderline"]),
    ([("LDL-C", 4.1)], ["lipids.ldl_high"]),
    ([("LDL-C", 4.9)], ["lipids.very_high_cholesterol"]),
    ([("TC", 7.2)], ["lipids.very_high_cholesterol"]),
    ([("TC", 5.5)], ["lipids.tc_borderline"]),
    ([("TC", 6.2)], ["lipids.tc_high"]),
    ([("TG", 1.8)], ["lipids.tg_borderline"]),
    ([("TG", 2.3)], ["lipids.tg_high"]),
    ([("TG", 5.6)], ["lipids.tg_very_high"]),
    ([("HDL-C", 0.95)], ["lipids.hdl_low"]),
    ([("TC", 5.1), ("HDL-C", 1.0)], ["lipids.non_hdl_borderline"]),     # non-HDL 4.1
    ([("TC", 6.0), ("HDL-C", 1.0)], ["lipids.tc_borderline", "lipids.non_hdl_high"]),  # non-HDL 5.0
    ([("TC", 4.5), ("LDL-C", 2.6), ("TG", 1.2), ("HDL-C", 1.3)], []),
])
def test_lipid_flags(rows: list[tuple[str, float]], expected: list[str]) -> None:
    assert _ids([LabResult(n, v, "mmol/L") for n, v in rows]) == expected


def test_lipoprotein_a_flag() -> None:
    # Lp(a) ≥300 mg/L (30 mg/dL) raises risk (中国血脂管理指南2023)
    assert _ids([LabResult("Lp(a)", 35, "mg/dL")]) == ["lipids.lpa_high"]


@pytest.mark.parametrize(("rows", "fasting", "expected"), [
    # 中国2型糖尿病防治指南(2020年版), venous plasma mmol/L
    ([("空腹血糖", 7.0)], None, ["glycaemia.fpg_diabetes_range"]),
    ([("空腹血糖", 6.9)], None, ["glycaemia.impaired_fasting_glucose"]),
    ([("空腹血糖", 6.1)], None, ["glycaemia.impaired_fasting_glucose"]),
    ([("空腹血糖", 6.0)], None, []),
    ([("GLU", 7.2)], True, ["glycaemia.fpg_diabetes_range"]),   # plain glucose counts as fasting when told
    ([("GLU", 7.2)], None, []),                                  # …and not otherwise
    ([("GLU", 11.1)], False, ["glycaemia.random_diabetes_range"]),
    ([("OGTT 2h", 11.1)], None, ["glycaemia.ogtt_diabetes_range"]),
    ([("OGTT 2h", 7.8)], None, ["glycaemia.impaired_glucose_tolerance"]),
    ([("OGTT 2h", 7.7)], None, []),
    ([("HbA1c", 6.5)], None, ["glycaemia.hba1c_diabetes_range"]),
    ([("HbA1c", 6.4)], None, []),
    ([("空腹血糖", 3.5)], None, ["glycaemia.hypoglycaemia_alert"]),
    ([("空腹血糖", 2.9)], None, ["glycaemia.hypoglycaemia_level2"]),
])
def test_glucose_thresholds(rows: list[tuple[str, float]], fasting: bool | None, expected: list[str]) -> None:
    unit_rows = [LabResult(n, v, "%" if n == "HbA1c" else "mmol/L") for n, v in rows]
    assert _ids(unit_rows, fasting=fasting) == expected


def test_diabetes_range_wording_asks_for_confirmation_and_a_doctor() -> None:
    finding = interpret_panel([LabResult("空腹血糖", 7.4, "mmol/L")], MAN).findings[0]
    assert "另一天复查" in finding.text.zh and "需医生判断" in finding.text.zh
    assert "another day" in finding.text.en and "doctor" in finding.text.en
    assert "确诊" not in finding.text.zh


@pytest.mark.parametrize(("tsh", "ft4", "ft3", "expected"), [
    # TSH 0.27–4.2 mIU/L, FT4 12–22 pmol/L, FT3 3.1–6.8 pmol/L printed on the report
    (12.0, 8.0, None, "thyroid.primary_hypothyroid_pattern"),
    (6.5, 15.0, None, "thyroid.subclinical_hypothyroid_pattern"),
    (0.01, 40.0, None, "thyroid.hyperthyroid_pattern"),
    (0.1, 18.0, 4.0, "thyroid.subclinical_hyperthyroid_pattern"),
    (0.1, 18.0, 9.0, "thyroid.hyperthyroid_pattern"),
    (1.0, 8.0, None, "thyroid.central_or_nonthyroidal_pattern"),
    (6.0, 30.0, None, "thyroid.discordant_pattern"),
    (2.0, 30.0, None, "thyroid.isolated_ft4_high"),
])
def test_thyroid_patterns(tsh: float, ft4: float, ft3: float | None, expected: str) -> None:
    rows = [LabResult("TSH", tsh, "mIU/L", ref_text="0.27-4.2"), LabResult("FT4", ft4, "pmol/L", ref_text="12-22")]
    if ft3 is not None:
        rows.append(LabResult("FT3", ft3, "pmol/L", ref_text="3.1-6.8"))
    assert _ids(rows) == [expected]


def test_normal_thyroid_gives_no_pattern() -> None:
    rows = [LabResult("TSH", 2.0, "mIU/L", ref_text="0.27-4.2"), LabResult("FT4", 15, "pmol/L", ref_text="12-22")]
    assert _ids(rows) == []


def test_subclinical_hypothyroid_severity_follows_tsh_10() -> None:
    # 成人甲状腺功能减退症诊治指南2017 separates TSH ≥10 mIU/L
    rows = [LabResult("TSH", 11.0, "mIU/L", ref_text="0.27-4.2"), LabResult("FT4", 15, "pmol/L", ref_text="12-22")]
    assert interpret_panel(rows, MAN).findings[0].severity == "moderate"


def test_critical_result_sends_to_emergency_only() -> None:
    panel = interpret_panel([LabResult("K", 7.0, "mmol/L"), LabResult("ALT", 300, "U/L")], MAN)
    assert panel.critical
    assert [d.code for d in panel.departments] == ["20"]
    assert panel.departments[0].urgent
    assert panel.urgent_advice is not None and panel.urgent_advice.zh == "请立即联系医生或去急诊"


def test_departments_follow_findings_and_clear_abnormalities() -> None:
    rows = [LabResult("空腹血糖", 7.5, "mmol/L"), LabResult("LDL-C", 4.5, "mmol/L"), LabResult("乙肝表面抗原", "阳性")]
    codes = [d.code for d in interpret_panel(rows, MAN).departments]
    assert codes[0] == "03.07"
    assert set(codes) == {"03.07", "03.04", "16.03"}


def test_mild_changes_only_suggest_general_practice() -> None:
    panel = interpret_panel([LabResult("ALT", 55, "U/L")], MAN)
    assert [d.code for d in panel.departments] == ["02"]


def test_all_normal_needs_no_department() -> None:
    panel = interpret_panel([LabResult("ALT", 30, "U/L"), LabResult("K", 4.0, "mmol/L")], MAN)
    assert panel.departments == () and not panel.critical and panel.findings == ()
    assert "均在参考范围内" in panel.summary.zh


def test_unrecognised_names_are_listed() -> None:
    panel = interpret_panel([LabResult("神秘指标", 3.0), LabResult("ALT", 30, "U/L")], MAN)
    assert panel.unrecognised == ("神秘指标",)


_BIG_PANEL = [
    LabResult("血红蛋白", 85, "g/L"), LabResult("MCV", 70, "fL"), LabResult("MCHC", 300, "g/L"),
    LabResult("ALT", 400, "U/L"), LabResult("ALP", 300, "U/L"), LabResult("总胆红素", 70, "µmol/L"),
    LabResult("肌酐", 300, "µmol/L"), LabResult("尿白蛋白/肌酐比值", 500, "mg/g"),
    LabResult("LDL-C", 5.0, "mmol/L"), LabResult("TG", 6.0, "mmol/L"), LabResult("HDL-C", 0.8, "mmol/L"),
    LabResult("空腹血糖", 9.0, "mmol/L"), LabResult("HbA1c", 8.0, "%"), LabResult("OGTT 2h", 13, "mmol/L"),
    LabResult("TSH", 12, "mIU/L", ref_text="0.27-4.2"), LabResult("FT4", 8, "pmol/L", ref_text="12-22"),
    LabResult("K", 2.5, "mmol/L"),
]


def test_wording_never_diagnoses_or_prescribes() -> None:
    panel = interpret_panel(_BIG_PANEL, Patient("male", 60))
    texts = [f.text for f in panel.findings] + [r.explanation for r in panel.results] + [panel.summary]
    banned_zh = ("确诊", "诊断为", "您患有", "你患有", "服用", "剂量", "处方", "每日", "mg/次")
    banned_en = ("diagnosed with", "you have diabetes", "prescri", "dose", "take ")
    for text in texts:
        for word in banned_zh:
            assert word not in text.zh, (word, text.zh)
        for word in banned_en:
            assert word not in text.en.lower(), (word, text.en)
    for finding in panel.findings:
        assert "医生" in finding.text.zh
        assert any(w in finding.text.en.lower() for w in ("doctor", "specialist", "endocrinologist", "cardiologist"))
        assert finding.sources


def test_big_panel_covers_every_pattern_kind() -> None:
    panel = interpret_panel(_BIG_PANEL, Patient("male", 60))
    kinds = {f.kind for f in panel.findings}
    assert kinds == {"anaemia", "liver", "kidney", "lipids", "glycaemia", "thyroid"}
    assert panel.critical  # K 2.5 mmol/L is below the 2.8 critical limit
    assert all(s in panel.sources for s in ("cn_t2dm_2020", "cn_lipid_2023", "ckd_epi_2021", "benichou_1990"))
