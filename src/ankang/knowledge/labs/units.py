"""Unit spelling and dimensional algebra for lab results.

`unit_key` folds printed spellings ("×10⁹/L", "10*9/l", "10^9/L") onto one key. `DIMENSIONS` maps a
key to a dimension and its factor to the dimension's base unit, so g/L <-> g/dL <-> mg/dL, and
×10^9/L <-> /µL, need no per-test data. Mass <-> substance (mg/dL <-> mmol/L) needs the analyte's
molar mass. Anything else (HbA1c % <-> mmol/mol, BUN mg/dL) is an explicit per-test alternative unit.

Factors are SI prefix arithmetic (BIPM, The International System of Units, 9th ed., 2019); 1 kPa =
7.50062 mmHg (1 mmHg = 133.322 Pa, same brochure).
"""

from __future__ import annotations

import re

from ankang.knowledge.labs.keys import clean

_POWER = re.compile(r"^(?:[x×*])?10(?:\^|\*|e|~)?(\d{1,2})/")
_SPELLINGS = {
    # identical units printed differently
    "iu/l": "u/l", "miu/ml": "u/l", "ku/l": "u/ml", "iu/ml": "u/ml", "kiu/l": "u/ml",
    "uiu/ml": "miu/l", "uu/ml": "miu/l", "mu/l": "miu/l",
    "ug/l": "ng/ml", "ng/l": "pg/ml", "mg/l": "ug/ml",
    "k/ul": "10^9/l", "10^3/ul": "10^9/l", "10^3/mm3": "10^9/l", "g/l(cells)": "10^9/l",
    "m/ul": "10^12/l", "10^6/ul": "10^12/l", "10^6/mm3": "10^12/l",
    "/mm3": "/ul", "个/ul": "/ul", "cells/ul": "/ul",
    "/hp": "/hpf", "个/hp": "/hpf", "个/hpf": "/hpf", "/lp": "/lpf", "个/lp": "/lpf",
    "sec": "s", "秒": "s", "mm/hr": "mm/h", "mm/1h": "mm/h", "mm/60min": "mm/h",
    "mosm/kgh2o": "mosm/kg", "mmol/kg": "mosm/kg",
    "ml/min/1.73m^2": "ml/min/1.73m2", "ml/(min1.73m2)": "ml/min/1.73m2", "ml/min/1.73m": "ml/min/1.73m2",
    "ml/min/1.73㎡": "ml/min/1.73m2", "ml/(min·1.73m2)": "ml/min/1.73m2",
    "ratio": "", "比值": "", "-": "", "1": "",
    "fl": "fl", "pg": "pg", "mg/24h": "mg/24h", "g/24h": "g/24h", "g/d": "g/24h",
}

# key -> (dimension, factor to the dimension's base unit)
DIMENSIONS: dict[str, tuple[str, float]] = {
    # mass concentration, base g/L
    "g/l": ("mass", 1.0), "g/dl": ("mass", 10.0), "mg/ml": ("mass", 1.0), "mg/dl": ("mass", 1e-2),
    "ug/ml": ("mass", 1e-3), "ug/dl": ("mass", 1e-5), "ng/ml": ("mass", 1e-6), "ng/dl": ("mass", 1e-8),
    "pg/ml": ("mass", 1e-9),
    # substance concentration, base mol/L
    "mol/l": ("substance", 1.0), "mmol/l": ("substance", 1e-3), "umol/l": ("substance", 1e-6),
    "nmol/l": ("substance", 1e-9), "pmol/l": ("substance", 1e-12),
    # arbitrary or catalytic units per volume, base U/L (IU and U are the same unit here)
    "u/l": ("units", 1.0), "u/ml": ("units", 1e3), "miu/l": ("units", 1e-3), "ukat/l": ("units", 60.0),
    # number concentration, base per litre
    "/l": ("count", 1.0), "10^9/l": ("count", 1e9), "10^12/l": ("count", 1e12), "/ul": ("count", 1e6),
    # fractions
    "%": ("fraction", 1e-2), "l/l": ("fraction", 1.0),
    # time
    "s": ("time", 1.0), "min": ("time", 60.0),
    # pressure, base mmHg
    "mmhg": ("pressure", 1.0), "kpa": ("pressure", 7.50062),
    # amount per day (24-hour urine)
    "g/24h": ("mass_per_day", 1.0), "mg/24h": ("mass_per_day", 1e-3),
}


def unit_key(text: str | None) -> str:
    """Fold a printed unit onto one comparison key ('' for dimensionless)."""
    if text is None:
        return ""
    key = clean(text).casefold().replace(" ", "")
    key = _POWER.sub(lambda m: f"10^{m.group(1)}/", key)
    key = key.replace("μ", "u")
    return _SPELLINGS.get(key, key)


def generic_factor(from_key: str, to_key: str, molar_mass: float | None = None) -> float | None:
    """Factor f with value_in_to = value_in_from × f, or None when the units do not relate."""
    if from_key == to_key:
        return 1.0
    a, b = DIMENSIONS.get(from_key), DIMENSIONS.get(to_key)
    if a is None or b is None:
        return None
    if a[0] == b[0]:
        return a[1] / b[1]
    if molar_mass and {a[0], b[0]} == {"mass", "substance"}:
        # g/L ÷ (g/mol) = mol/L
        if a[0] == "mass":
            return a[1] / molar_mass / b[1]
        return a[1] * molar_mass / b[1]
    return None
