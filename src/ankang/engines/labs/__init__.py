"""Lab report interpretation (报告解读): a pure engine — no I/O, no clock, no database.

    normalise_test_name(printed, context=None)        -> catalogue id | None
    match_test(printed, unit=None, value_kind=None)    -> LabTest | None (picks twins by unit/value)
    convert_unit(value, unit, test, to_unit=None)     -> float (InvalidInput for an unknown unit)
    interpret_result(LabResult, Patient)              -> ResultInterpretation
    interpret_panel([LabResult], Patient, history=…)  -> PanelInterpretation
    ckd_epi_2021(creatinine_umol_l, age, sex)         -> eGFR
    compute_trend(test_id, value, on, history)        -> Trend | None

Clinical outcomes are data; exceptions (InvalidInput) only for caller mistakes. Wording never diagnoses
and never recommends a medicine or dose.
"""

from ankang.engines.labs.interpret import choose_interval, interpret_result
from ankang.engines.labs.kidney import albuminuria_category, ckd_epi_2021, gfr_category
from ankang.engines.labs.names import match_test, normalise_test_name
from ankang.engines.labs.panel import interpret_panel
from ankang.engines.labs.trend import compute_trend
from ankang.engines.labs.types import (
    DISCLAIMER,
    URGENT_ADVICE,
    DepartmentSuggestion,
    EgfrResult,
    Finding,
    LabResult,
    PanelInterpretation,
    PastResult,
    Patient,
    RangeUsed,
    ResultInterpretation,
    Trend,
)
from ankang.engines.labs.units import convert_unit
from ankang.engines.labs.values import parse_flag, parse_reference_range, parse_value

__all__ = [
    "DISCLAIMER",
    "URGENT_ADVICE",
    "DepartmentSuggestion",
    "EgfrResult",
    "Finding",
    "LabResult",
    "PanelInterpretation",
    "PastResult",
    "Patient",
    "RangeUsed",
    "ResultInterpretation",
    "Trend",
    "albuminuria_category",
    "choose_interval",
    "ckd_epi_2021",
    "compute_trend",
    "convert_unit",
    "gfr_category",
    "interpret_panel",
    "interpret_result",
    "match_test",
    "normalise_test_name",
    "parse_flag",
    "parse_reference_range",
    "parse_value",
]
