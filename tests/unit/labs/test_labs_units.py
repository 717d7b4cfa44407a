"""Unit conversion. Expected values are worked by hand from molar masses (IUPAC atomic weights / PubChem)
and SI prefixes; 1 mg/dL = 10 mg/L, so mmol/L = mg/dL × 10 ÷ molar mass."""

from __future__ import annotations

import pytest

from ankang.engines.labs import convert_unit
from ankang.errors import InvalidInput


@pytest.mark.parametrize(("test_id", "value", "unit", "expected", "tol"), [
    # glucose 180.16 g/mol: 100 mg/dL × 10 ÷ 180.16 = 5.551 mmol/L
    ("glucose", 100, "mg/dL", 5.551, 0.001),
    # cholesterol 386.65 g/mol: 200 mg/dL × 10 ÷ 386.65 = 5.173 mmol/L
    ("total_cholesterol", 200, "mg/dL", 5.173, 0.001),
    ("ldl_c", 130, "mg/dL", 3.362, 0.001),
    # triglyceride as triolein 885.4 g/mol: 150 mg/dL × 10 ÷ 885.4 = 1.694 mmol/L
    ("triglycerides", 150, "mg/dL", 1.694, 0.001),
    # creatinine 113.12 g/mol: 1.0 mg/dL × 10 ÷ 113.12 × 1000 = 88.40 µmol/L
    ("creatinine", 1.0, "mg/dL", 88.40, 0.01),
    ("creatinine", 0.1, "mmol/L", 100.0, 1e-9),
    # uric acid 168.11 g/mol: 7 mg/dL × 10 ÷ 168.11 × 1000 = 416.4 µmol/L
    ("uric_acid", 7, "mg/dL", 416.4, 0.1),
    # bilirubin 584.66 g/mol: 1 mg/dL = 17.10 µmol/L
    ("tbil", 1, "mg/dL", 17.10, 0.01),
    # calcium 40.078 g/mol: 10 mg/dL = 2.495 mmol/L
    ("calcium", 10, "mg/dL", 2.495, 0.001),
    # calcium is divalent: 5 mEq/L = 2.5 mmol/L
    ("calcium", 5, "mEq/L", 2.5, 1e-9),
    ("potassium", 4.2, "mEq/L", 4.2, 1e-9),
    # BUN: urea nitrogen 28.014 g/mol per urea: 14 mg/dL × 0.357 = 5.0 mmol/L urea (AMA SI table)
    ("urea", 14, "mg/dL", 4.998, 0.001),
    # iron 55.845 g/mol: 100 µg/dL × 10 ÷ 55.845 = 17.91 µmol/L
    ("iron", 100, "µg/dL", 17.91, 0.01),
    # free T4 776.87 g/mol: 1.0 ng/dL = 12.87 pmol/L
    ("ft4", 1.0, "ng/dL", 12.87, 0.01),
    # 25(OH)D3 400.64 g/mol: 50 nmol/L = 20.03 ng/mL
    ("vitamin_d_25oh", 50, "nmol/L", 20.03, 0.01),
    # mass-concentration prefixes
    ("hgb", 13.5, "g/dL", 135.0, 1e-9),
    ("total_protein", 7.0, "g/dL", 70.0, 1e-9),
    ("albumin", 4.2, "g/dL", 42.0, 1e-9),
    ("crp", 1.2, "mg/dL", 12.0, 1e-9),
    ("fibrinogen", 300, "mg/dL", 3.0, 1e-9),
    ("lipoprotein_a", 30, "mg/dL", 300.0, 1e-9),
    ("d_dimer", 500, "ng/mL", 0.5, 1e-9),
    ("d_dimer", 0.8, "µg/mL", 0.8, 1e-9),
    ("afp", 5, "µg/L", 5.0, 1e-9),
    # cell counts: 1 ×10^9/L = 1000 /µL
    ("wbc", 6500, "/µL", 6.5, 1e-9),
    ("wbc", 6.5, "10*9/L", 6.5, 1e-9),
    ("wbc", 6.5, "×10⁹/L", 6.5, 1e-9),
    ("plt", 250, "K/µL", 250.0, 1e-9),
    ("rbc", 4.5, "10^6/µL", 4.5, 1e-9),
    # fractions
    ("hct", 42, "%", 0.42, 1e-9),
    # HbA1c IFCC -> NGSP master equation: 0.09148 × 48 + 2.152 = 6.543 %
    ("hba1c", 48, "mmol/mol", 6.543, 0.001),
    # pressure: 1 kPa = 7.50062 mmHg
    ("pco2", 6.2, "kPa", 46.50, 0.01),
    # insulin: 1 µIU/mL = 6.00 pmol/L (WHO IS 83/500)
    ("insulin", 60, "pmol/L", 10.0, 0.01),
    # prolactin: 1 ng/mL = 21.2 mIU/L (WHO 3rd IS 84/500)
    ("prolactin", 212, "mIU/L", 10.0, 0.01),
    # UACR: 1 mg/mmol = 8.84 mg/g
    ("uacr", 3.4, "mg/mmol", 30.06, 0.01),
    # equivalent spellings
    ("tsh", 2.5, "µIU/mL", 2.5, 1e-9),
    ("tsh", 2.5, "uIU/ml", 2.5, 1e-9),
    ("alt", 40, "IU/L", 40.0, 1e-9),
    ("alt", 1.0, "µkat/L", 60.0, 1e-9),
    ("ca125", 20, "kU/L", 20.0, 1e-9),
    # no printed unit: read as the canonical unit
    ("potassium", 4.1, None, 4.1, 1e-9),
    ("potassium", 4.1, "", 4.1, 1e-9),
])
def test_conversion_to_canonical(test_id: str, value: float, unit: str | None, expected: float, tol: float) -> None:
    assert convert_unit(value, unit, test_id) == pytest.approx(expected, abs=tol)


@pytest.mark.parametrize(("test_id", "value", "unit", "to_unit", "expected", "tol"), [
    ("glucose", 7.0, "mmol/L", "mg/dL", 126.1, 0.1),        # 7.0 × 180.16 ÷ 10
    ("creatinine", 88.4, "µmol/L", "mg/dL", 1.0, 0.001),
    ("hba1c", 6.5, "%", "mmol/mol", 47.53, 0.01),           # (6.5 − 2.152) ÷ 0.09148
    ("total_cholesterol", 5.2, "mmol/L", "mg/dL", 201.1, 0.1),
    ("hgb", 120, "g/L", "g/dL", 12.0, 1e-9),
])
def test_conversion_to_another_unit(test_id: str, value: float, unit: str, to_unit: str, expected: float,
                                    tol: float) -> None:
    assert convert_unit(value, unit, test_id, to_unit=to_unit) == pytest.approx(expected, abs=tol)


@pytest.mark.parametrize(("test_id", "unit"), [
    ("alt", "mmol/L"),            # an enzyme activity is not a substance concentration
    ("lipoprotein_a", "nmol/L"),  # no fixed factor between Lp(a) mass and particle number
    ("glucose", "furlongs"),
    ("hgb", "%"),
])
def test_unknown_or_unfit_unit_raises_naming_it(test_id: str, unit: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        convert_unit(1.0, unit, test_id)
    assert unit in exc.value.message
    assert test_id in exc.value.message


def test_unknown_test_id_raises() -> None:
    with pytest.raises(InvalidInput, match="no_such_test"):
        convert_unit(1.0, "mg/dL", "no_such_test")


def test_unknown_target_unit_raises() -> None:
    with pytest.raises(InvalidInput) as exc:
        convert_unit(5.0, "mmol/L", "glucose", to_unit="grains")
    assert exc.value.expression == "to_unit"
