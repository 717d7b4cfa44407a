"""eGFR by CKD-EPI 2021 and the KDIGO categories.

Worked examples, computed by hand from the published equation (Inker LA et al., NEJM 2021;385:1737-49):
    eGFR = 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^-1.200 × 0.9938^age × 1.012[female]
    κ 0.7 F / 0.9 M; α -0.241 F / -0.302 M; Scr in mg/dL = µmol/L ÷ 88.4; ln(0.9938) = -0.0062193.
"""

from __future__ import annotations

import pytest

from ankang.engines.labs import (
    LabResult,
    Patient,
    albuminuria_category,
    ckd_epi_2021,
    gfr_category,
    interpret_panel,
)
from ankang.errors import InvalidInput


@pytest.mark.parametrize(("scr_mg_dl", "age", "sex", "expected"), [
    # man 50 y, Scr 1.0: ratio 1.111; 1.111^-1.2 = e^(-1.2×0.10536) = 0.88124; 0.9938^50 = e^-0.31097 = 0.73274;
    # 142 × 0.88124 × 0.73274 = 91.69
    (1.0, 50, "male", 91.69),
    # woman 60 y, Scr 0.6: ratio 0.857; 0.857^-0.241 = e^(0.241×0.15415) = 1.03785; 0.9938^60 = e^-0.37316 = 0.68858;
    # 142 × 1.03785 × 0.68858 × 1.012 = 102.70
    (0.6, 60, "female", 102.70),
    # man 70 y, Scr 2.0: ratio 2.222; 2.222^-1.2 = e^(-1.2×0.79851) = 0.38358; 0.9938^70 = e^-0.43535 = 0.64705;
    # 142 × 0.38358 × 0.64705 = 35.24
    (2.0, 70, "male", 35.24),
    # woman 40 y, Scr 1.2: ratio 1.714; 1.714^-1.2 = e^(-1.2×0.53900) = 0.52372; 0.9938^40 = e^-0.24877 = 0.77976;
    # 142 × 0.52372 × 0.77976 × 1.012 = 58.69
    (1.2, 40, "female", 58.69),
    # Scr exactly κ: both power terms are 1. Woman 30 y: 142 × 0.9938^30 (= e^-0.18658 = 0.82979) × 1.012 = 119.24
    (0.7, 30, "female", 119.24),
    # man 30 y, Scr 0.9: 142 × 0.82979 = 117.83
    (0.9, 30, "male", 117.83),
])
def test_ckd_epi_2021_worked_examples(scr_mg_dl: float, age: float, sex: str, expected: float) -> None:
    assert ckd_epi_2021(scr_mg_dl * 88.4, age, sex) == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize(("egfr", "stage"), [
    # KDIGO 2012 GFR categories
    (120, "G1"), (90, "G1"), (89.9, "G2"), (60, "G2"), (59.9, "G3a"), (45, "G3a"), (44.9, "G3b"),
    (30, "G3b"), (29.9, "G4"), (15, "G4"), (14.9, "G5"), (3, "G5"),
])
def test_kdigo_g_categories(egfr: float, stage: str) -> None:
    assert gfr_category(egfr)[0] == stage


@pytest.mark.parametrize(("uacr", "stage"), [
    # KDIGO 2012 albuminuria categories (mg/g)
    (10, "A1"), (29.9, "A1"), (30, "A2"), (300, "A2"), (301, "A3"),
])
def test_kdigo_a_categories(uacr: float, stage: str) -> None:
    assert albuminuria_category(uacr) == stage


@pytest.mark.parametrize(("creatinine", "age", "sex", "field"), [
    (0, 50, "male", "creatinine"), (-5, 50, "male", "creatinine"), (80, 12, "male", "age_years"),
    (80, 50, "unknown", "sex"),
])
def test_ckd_epi_caller_mistakes(creatinine: float, age: float, sex: str, field: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        ckd_epi_2021(creatinine, age, sex)
    assert exc.value.expression == field


def test_panel_computes_egfr_from_creatinine_in_either_unit() -> None:
    for value, unit in ((2.0, "mg/dL"), (176.8, "µmol/L")):
        panel = interpret_panel([LabResult("肌酐", value, unit)], Patient("male", 70))
        assert panel.egfr is not None
        assert panel.egfr.value == pytest.approx(35.24, abs=0.05)  # worked example above
        assert panel.egfr.stage == "G3b"
        finding = next(f for f in panel.findings if f.id == "kidney.egfr_reduced")
        assert finding.department == "03.06"
        assert "3个月" in finding.text.zh and "需医生判断" in finding.text.zh


def test_no_egfr_without_sex_or_age_or_for_children() -> None:
    rows = [LabResult("肌酐", 80, "µmol/L")]
    assert interpret_panel(rows, Patient(None, 50)).egfr is None
    assert interpret_panel(rows, Patient("male", None)).egfr is None
    assert interpret_panel(rows, Patient("male", 15)).egfr is None


def test_mildly_low_egfr_is_explained_not_escalated() -> None:
    # woman 52 y, creatinine 95 µmol/L -> about 62 mL/min/1.73m² (G2)
    panel = interpret_panel([LabResult("肌酐", 95, "µmol/L")], Patient("female", 52))
    assert panel.egfr is not None and panel.egfr.stage == "G2"
    finding = next(f for f in panel.findings if f.id == "kidney.egfr_mildly_low")
    assert finding.department is None and finding.severity == "mild"


def test_albuminuria_finding() -> None:
    panel = interpret_panel([LabResult("尿微量白蛋白/肌酐", 45, "mg/g")], Patient("male", 60))
    assert [f.id for f in panel.findings] == ["kidney.albuminuria_a2"]
