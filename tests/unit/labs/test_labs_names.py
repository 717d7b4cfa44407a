"""Printed test names -> catalogue ids; None rather than a wrong guess."""

from __future__ import annotations

import pytest

from ankang.engines.labs import match_test, normalise_test_name
from ankang.errors import InvalidInput


@pytest.mark.parametrize(("printed", "expected"), [
    # names and abbreviations as printed on Chinese reports
    ("ALT", "alt"), ("GPT", "alt"), ("谷丙转氨酶", "alt"), ("丙氨酸氨基转移酶", "alt"),
    ("丙氨酸氨基转移酶(ALT)", "alt"), ("ALT（谷丙转氨酶）", "alt"), ("*谷丙转氨酶", "alt"),
    ("1.丙氨酸氨基转移酶", "alt"), ("谷草转氨酶", "ast"), ("GOT", "ast"),
    ("γ-GT", "ggt"), ("γGT", "ggt"), ("谷氨酰转肽酶", "ggt"), ("r-GT", "ggt"),
    ("总胆红素(TBIL)", "tbil"), ("T-BIL", "tbil"), ("直接胆红素", "dbil"), ("间接胆红素", "ibil"),
    ("白细胞计数", "wbc"), ("WBC", "wbc"), ("血红蛋白", "hgb"), ("Hb", "hgb"), ("HGB", "hgb"),
    ("NEUT#", "neut_abs"), ("中性粒细胞%", "neut_pct"), ("NEUT%", "neut_pct"), ("LYM#", "lymph_abs"),
    ("红细胞压积", "hct"), ("血细胞比容", "hct"), ("PLT", "plt"), ("血小板", "plt"),
    ("CA 19-9", "ca199"), ("CA199", "ca199"), ("糖类抗原19-9", "ca199"), ("CA-125", "ca125"),
    ("HDL-C", "hdl_c"), ("高密度脂蛋白胆固醇", "hdl_c"), ("LDL-C", "ldl_c"), ("TG", "triglycerides"),
    ("甘油三脂", "triglycerides"), ("TC", "total_cholesterol"), ("Lp(a)", "lipoprotein_a"),
    ("K+", "potassium"), ("血钾", "potassium"), ("Na", "sodium"), ("Cl-", "chloride"), ("Ca", "calcium"),
    ("肌酐", "creatinine"), ("Cr", "creatinine"), ("尿素氮", "urea"), ("BUN", "urea"), ("尿酸", "uric_acid"),
    ("空腹血糖", "glucose_fasting"), ("FPG", "glucose_fasting"), ("GLU", "glucose"), ("血糖", "glucose"),
    ("糖化血红蛋白", "hba1c"), ("HbA1c", "hba1c"), ("TSH", "tsh"), ("超敏促甲状腺激素", "tsh"),
    ("FT4", "ft4"), ("游离T3", "ft3"), ("D-二聚体", "d_dimer"), ("APTT", "aptt"), ("INR", "inr"),
    ("超敏C反应蛋白", "hs_crp"), ("hs-CRP", "hs_crp"), ("CRP", "crp"), ("血沉", "esr"),
    ("乙肝表面抗原", "hbsag"), ("HBsAg", "hbsag"), ("eGFR", "egfr"), ("NT-proBNP", "nt_probnp"),
    # full-width characters and stray spaces
    ("ＡＬＴ", "alt"), ("丙氨酸氨基转移酶（ALT）", "alt"), (" 血红蛋白 ", "hgb"),
    # 测定-style suffixes and specimen prefixes
    ("尿素测定", "urea"), ("血清钾", "potassium"), ("血清总胆红素", "tbil"),
    # unit and method notes inside brackets are ignored
    ("白细胞计数(10^9/L)", "wbc"), ("肌酐(酶法)", "creatinine"),
    # abbreviations another test owns, accepted only next to the full name
    ("甲状腺球蛋白(TG)", "thyroglobulin"), ("降钙素原(PCT)", "procalcitonin"), ("血小板压积(PCT)", "plateletcrit"),
])
def test_known_names(printed: str, expected: str) -> None:
    assert normalise_test_name(printed) == expected


@pytest.mark.parametrize("printed", [
    "PCT",                 # procalcitonin or plateletcrit
    "pH",                  # urine or blood: needs the report section
    "中性粒细胞",           # percentage or absolute count
    "血糖(HbA1c)",          # two different tests in one name
    "载脂蛋白E",            # not in the catalogue; one letter from ApoB must not match
    "CA50",                # not in the catalogue; digits must match exactly
    "AIT",                 # OCR slip on a 3-letter code: too short to guess
    "",
    "   ",
    "维生素K2",
])
def test_unknown_or_ambiguous_names_give_none(printed: str) -> None:
    assert normalise_test_name(printed) is None


@pytest.mark.parametrize(("printed", "expected"), [
    ("总胆红索", "tbil"),                  # OCR: 素 -> 索
    ("低密度脂蛋自胆固醇", "ldl_c"),        # OCR: 白 -> 自 (HDL-C is two edits away)
    ("hemogiobin", "hgb"),                 # OCR: l -> i
    ("Creatinlne", "creatinine"),          # OCR: i -> l
])
def test_single_edit_typos_resolve_when_unique(printed: str, expected: str) -> None:
    assert normalise_test_name(printed) == expected


def test_typo_between_two_tests_is_refused() -> None:
    # 商 is one edit from both 高 (HDL) and 低 (LDL)
    assert normalise_test_name("商密度脂蛋白胆固醇") is None


@pytest.mark.parametrize(("printed", "context", "expected"), [
    ("葡萄糖", "urine", "urine_glucose"), ("GLU", "urine", "urine_glucose"), ("葡萄糖", None, "glucose"),
    ("蛋白质", "urine", "urine_protein"), ("PRO", "urine", "urine_protein"),
    ("pH", "urine", "urine_ph"), ("pH", "blood_gas", "blood_ph"),
    ("白细胞", "urine", "urine_wbc"), ("白细胞", None, "wbc"), ("红细胞", "urine", "urine_rbc"),
    ("隐血", "urine", "urine_blood"), ("隐血", "stool", "fecal_occult_blood"),
    ("肌酐", "urine", "urine_creatinine"), ("ALB", "urine", "urine_albumin"), ("ALB", None, "albumin"),
    ("葡萄糖(尿)", None, "urine_glucose"), ("尿葡萄糖(GLU)", None, "urine_glucose"),
    ("尿蛋白", None, "urine_protein"), ("尿素", "urine", "urea"),
    ("白细胞(WBC)", "urine", "urine_wbc"),
])
def test_report_section_changes_bare_names(printed: str, context: str | None, expected: str) -> None:
    assert normalise_test_name(printed, context=context) == expected


def test_unknown_context_is_a_caller_mistake() -> None:
    with pytest.raises(InvalidInput, match="context"):
        normalise_test_name("ALT", context="saliva")


@pytest.mark.parametrize(("printed", "unit", "value_kind", "context", "expected"), [
    ("红细胞", "/HP", "number", "urine", "urine_rbc_hpf"),
    ("红细胞", "个/µL", "number", "urine", "urine_rbc"),
    ("红细胞", None, "ordinal", "urine", "urine_blood"),
    ("白细胞", None, "ordinal", "urine", "urine_leukocyte_esterase"),
    ("白细胞", "/HPF", "number", "urine", "urine_wbc_hpf"),
    ("RDW", "fL", "number", None, "rdw_sd"),
    ("RDW", "%", "number", None, "rdw_cv"),
    ("RDW", None, "number", None, "rdw_cv"),
    ("高敏肌钙蛋白I", "ng/L", "number", None, "hs_troponin_i"),
    ("肌钙蛋白I", "ng/mL", "number", None, "troponin_i"),
])
def test_twins_are_chosen_by_unit_and_value_type(printed: str, unit: str | None, value_kind: str,
                                                 context: str | None, expected: str) -> None:
    test = match_test(printed, unit=unit, value_kind=value_kind, context=context)
    assert test is not None and test.id == expected


def test_every_catalogue_alias_resolves_to_its_own_test() -> None:
    from ankang.knowledge.labs import load_lab_catalog
    from ankang.knowledge.labs.keys import alias_key

    catalog = load_lab_catalog()
    for test in catalog.tests:
        scoped = {alias_key(a) for v in test.context_aliases.values() for a in v} | {alias_key(a) for a in test.paired_abbr}
        for alias in test.all_aliases:
            if alias_key(alias) and alias_key(alias) not in scoped:
                assert normalise_test_name(alias, catalog=catalog) == test.id, alias
        for context, aliases in test.context_aliases.items():
            for alias in aliases:
                assert normalise_test_name(alias, context=context, catalog=catalog) == test.id, (context, alias)
