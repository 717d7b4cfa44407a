"""The lab-test catalogue: size, coverage, bilingual and sourced entries, unique aliases, sound numbers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ankang.errors import KnowledgeGap
from ankang.knowledge.labs import check_lab_catalog, load_lab_catalog, loinc_check_digit
from ankang.knowledge.labs.keys import alias_key
from ankang.knowledge.labs.loader import CATALOG_DIR
from ankang.knowledge.labs.model import CATEGORIES
from ankang.knowledge.labs.units import DIMENSIONS, unit_key

CATALOG = load_lab_catalog()


def test_shipped_catalogue_has_no_problems() -> None:
    assert check_lab_catalog() == []


def test_at_least_150_tests() -> None:
    assert len(CATALOG.tests) >= 150


@pytest.mark.parametrize("category", [
    "blood_count", "liver", "kidney", "lipids", "glucose", "thyroid", "electrolytes", "urinalysis",
    "coagulation", "tumour_markers", "hormones", "inflammation",
])
def test_every_category_named_in_the_issue_is_covered(category: str) -> None:
    assert category in CATEGORIES
    assert sum(t.category == category for t in CATALOG.tests) >= 3, category


def test_every_entry_is_bilingual_and_explains_high_and_low() -> None:
    for t in CATALOG.tests:
        for text in (t.name, t.meaning_high, t.meaning_low):
            assert text.zh.strip() and text.en.strip(), t.id
            assert re.search(r"[\u4e00-\u9fff]", text.zh), f"{t.id}: zh text has no Chinese"


def test_every_entry_and_every_number_names_a_known_source() -> None:
    for t in CATALOG.tests:
        assert t.sources, t.id
        for sid in t.sources:
            assert sid in CATALOG.sources, (t.id, sid)
        for iv in t.intervals:
            assert iv.source in CATALOG.sources, t.id
        if t.critical is not None:
            assert t.critical.source in CATALOG.sources, t.id
        for alt in t.alt_units:
            assert alt.source in CATALOG.sources, (t.id, alt.unit)
        if t.molar_mass is not None:
            assert t.molar_mass_source in CATALOG.sources, t.id


def test_ids_are_snake_case_and_unique() -> None:
    ids = [t.id for t in CATALOG.tests]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_no_alias_maps_to_two_tests() -> None:
    owners: dict[str, set[str]] = {}
    for t in CATALOG.tests:
        scoped = {alias_key(a) for v in t.context_aliases.values() for a in v} | {alias_key(a) for a in t.paired_abbr}
        for alias in t.all_aliases:
            key = alias_key(alias)
            if key and key not in scoped:
                owners.setdefault(key, set()).add(t.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}
    assert CATALOG.alias_index.keys() == owners.keys()


def test_context_aliases_are_unique_within_their_context() -> None:
    for ctx, index in CATALOG.context_index.items():
        seen: dict[str, str] = {}
        for t in CATALOG.tests:
            for alias in t.context_aliases.get(ctx, ()):
                key = alias_key(alias)
                assert seen.setdefault(key, t.id) == t.id, (ctx, alias)
        assert set(index) == set(seen)


def test_loinc_codes_pass_the_mod10_check_digit() -> None:
    # LOINC Users' Guide: the check digit is a mod-10 sum; the loader rejects typos such as 2098-4 for
    # cholinesterase (the real code is 2098-2).
    for t in CATALOG.tests:
        if t.loinc is None:
            assert t.loinc_verify, f"{t.id}: a missing LOINC code must be marked for verification"
            continue
        number, digit = t.loinc.split("-")
        assert loinc_check_digit(number) == int(digit), t.id


@pytest.mark.parametrize(("number", "digit"), [
    ("2345", 7),   # Glucose [Mass/volume] in Serum or Plasma, 2345-7
    ("718", 7),    # Hemoglobin [Mass/volume] in Blood, 718-7
    ("12345", 5),  # the worked example in the LOINC Users' Guide
    ("98979", 8),  # eGFR CKD-EPI 2021, 98979-8
    ("2098", 2),   # Cholinesterase [Enzymatic activity/volume] in Serum or Plasma, 2098-2
])
def test_loinc_check_digit_examples(number: str, digit: int) -> None:
    assert loinc_check_digit(number) == digit


def test_every_loinc_code_is_used_once() -> None:
    codes = [t.loinc for t in CATALOG.tests if t.loinc]
    assert len(codes) == len(set(codes))


def test_every_department_code_exists_in_the_nhc_catalogue() -> None:
    for t in CATALOG.tests:
        assert t.department in CATALOG.departments, t.id


def test_canonical_units_are_understood() -> None:
    plain = {"", "fl", "pg", "mm/h", "ml/min/1.73m2", "mosm/kg", "mg/g", "/hpf"}
    for t in CATALOG.tests:
        if t.kind == "quantitative":
            key = unit_key(t.unit)
            assert key in DIMENSIONS or key in plain, (t.id, t.unit)


def test_critical_limits_lie_outside_the_reference_intervals() -> None:
    for t in CATALOG.tests:
        crit = t.critical
        if crit is None:
            continue
        for iv in t.intervals:
            if crit.low is not None and iv.low is not None:
                assert crit.low < iv.low, t.id
            if crit.high is not None and iv.high is not None:
                assert crit.high > iv.high, t.id


def test_unverified_rows_are_marked() -> None:
    # kb_data/lab_reference_intervals_cn marks these WS/T rows VERIFY; they must stay flagged here.
    flagged = {
        ("mono_abs", None), ("eos_abs", None), ("baso_abs", None), ("hct", "male"), ("hct", "female"),
        ("alp", "male"), ("tbil", "male"), ("urea", "male"), ("creatinine", "female"), ("iron", "male"),
        ("amylase", None),
    }
    for test_id, sex in flagged:
        ivs = [iv for iv in CATALOG.by_id[test_id].intervals if sex is None or iv.sex == sex]
        assert ivs and all(iv.verify for iv in ivs), test_id


def test_meanings_never_diagnose_or_prescribe() -> None:
    banned = ("确诊", "诊断为", "您患有", "建议服用", "请服用", "剂量", "处方", "diagnosed with", "prescri", " dose")
    for t in CATALOG.tests:
        for text in (t.meaning_high, t.meaning_low):
            for word in banned:
                assert word not in text.zh and word not in text.en.lower(), (t.id, word)


def test_broken_catalogue_is_reported_not_loaded(tmp_path: Path) -> None:
    shutil.copytree(CATALOG_DIR, tmp_path / "catalog")
    bad = tmp_path / "catalog" / "zz_bad.yaml"
    bad.write_text(
        "tests:\n"
        "- id: Bad-Id\n"
        "  loinc: \"2345-6\"\n"
        "  name: {zh: 测试, en: Test, extra: oops}\n"
        "  abbr: ALT\n"
        "  category: liver\n"
        "  specimen: serum\n"
        "  unit: furlongs\n"
        "  department: \"99\"\n"
        "  intervals:\n"
        "  - {low: 5, high: 1, source: nowhere}\n"
        "  meaning:\n"
        "    high: {zh: 确诊为肝病, en: You are diagnosed with liver disease}\n"
        "    low: {zh: 低, en: Low}\n"
        "  sources: [loinc]\n",
        encoding="utf-8",
    )
    problems = "\n".join(check_lab_catalog(tmp_path / "catalog"))
    for expected in ("snake_case", "check digit", "unknown keys", "canonical unit", "department",
                     "not below high", "not in sources.yaml", "never diagnose", "maps to both"):
        assert expected in problems, expected


def test_load_raises_knowledge_gap_listing_problems(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ankang.knowledge.labs import loader

    (tmp_path / "x.yaml").write_text("tests:\n- id: lonely\n", encoding="utf-8")
    monkeypatch.setattr(loader, "CATALOG_DIR", tmp_path)
    loader.load_lab_catalog.cache_clear()
    try:
        with pytest.raises(KnowledgeGap, match="problem"):
            loader.load_lab_catalog()
    finally:
        monkeypatch.undo()
        loader.load_lab_catalog.cache_clear()
    assert len(loader.load_lab_catalog().tests) >= 150
