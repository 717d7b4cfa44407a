"""Inputs and outputs of the labs engine: plain frozen data, no behaviour beyond validation.

Clinical outcomes (abnormal, critical, a pattern) are fields here, never exceptions. Constructors raise
InvalidInput only for caller mistakes (an impossible age, an unknown sex code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ankang.errors import InvalidInput
from ankang.knowledge.text import Text

Sex = Literal["male", "female"]
Status = Literal["normal", "low", "high", "positive", "unknown"]
Severity = Literal["mild", "moderate", "marked"]
RangeOrigin = Literal["report", "catalogue", "none"]
Direction = Literal["rising", "falling", "stable"]
Movement = Literal["within_range", "toward_range", "away_from_range", "no_change"]

URGENT_ADVICE = Text("请立即联系医生或去急诊", "Contact a doctor or go to the emergency department now")
DISCLAIMER = Text(
    "以上解读仅供参考，不是诊断，也不是治疗建议；请以医生的判断为准。",
    "This explanation is for information only. It is not a diagnosis or treatment advice; "
    "follow your doctor's judgement.",
)


@dataclass(frozen=True, slots=True)
class Patient:
    """Who the results belong to. Age is in whole or fractional years, worked out by the caller."""

    sex: Sex | None = None
    age_years: float | None = None

    def __post_init__(self) -> None:
        if self.sex not in (None, "male", "female"):
            raise InvalidInput(f"sex must be 'male', 'female' or None, got {self.sex!r}",
                               zh=f"性别只能是 male、female 或空，收到 {self.sex!r}", expression="patient.sex")
        if self.age_years is not None and not 0 <= self.age_years <= 130:
            raise InvalidInput(f"age_years must be between 0 and 130, got {self.age_years!r}",
                               zh=f"年龄须在 0–130 岁之间，收到 {self.age_years!r}", expression="patient.age_years")


@dataclass(frozen=True, slots=True)
class LabResult:
    """One row of a report as printed: name, value, unit, the lab's own range and flag."""

    name: str
    value: float | str
    unit: str | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    ref_text: str | None = None  # e.g. "3.5-5.3" or "<5.2" when the range was not split
    flag: str | None = None  # as printed: ↑ ↓ H L HH LL 危急 …
    test_id: str | None = None  # when the caller already knows the catalogue id
    context: str | None = None  # report section: "urine", "stool", "blood_gas"


@dataclass(frozen=True, slots=True)
class PastResult:
    """An earlier result of the same person, for trends."""

    test_id: str
    value: float
    unit: str | None
    taken_on: date


@dataclass(frozen=True, slots=True)
class RangeUsed:
    low: float | None
    high: float | None
    unit: str
    origin: RangeOrigin
    source: str | None = None  # catalogue source id when origin == "catalogue"
    verify: bool = False  # the catalogue row still awaits checking against its standard


@dataclass(frozen=True, slots=True)
class ResultInterpretation:
    name: str  # as printed
    test_id: str | None
    test_name: Text | None
    value_text: str  # as printed
    value: float | None  # in the canonical unit (ordinal tests: None)
    unit: str  # canonical unit, or the printed unit when it could not be converted
    qualifier: str  # "", "<" or ">" when the lab printed a bound instead of a value
    grade: int | None  # ordinal grade: 0 negative, 1 ±, 2 1+, 3 2+, 4 3+, 5 4+
    status: Status
    severity: Severity | None
    deviation: float | None  # distance outside the range ÷ range width
    fold: float | None  # value ÷ upper limit (high) or lower limit ÷ value (low)
    critical: bool
    range: RangeUsed
    printed_flag: str | None
    flag_disagrees: bool
    meaning: Text | None
    explanation: Text
    urgent_advice: Text | None
    department: str | None
    sources: tuple[str, ...]
    notes: tuple[Text, ...] = ()

    @property
    def abnormal(self) -> bool:
        return self.status in ("low", "high", "positive")


@dataclass(frozen=True, slots=True)
class Finding:
    """A pattern across tests, worded as a possibility for a doctor to judge, never a diagnosis."""

    id: str  # e.g. "anaemia.microcytic", "liver.hepatocellular", "lipids.ldl_high"
    kind: str  # anaemia | liver | kidney | lipids | glycaemia | thyroid
    text: Text
    tests: tuple[str, ...]
    severity: Severity
    department: str | None
    sources: tuple[str, ...]
    urgent: bool = False
    values: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EgfrResult:
    value: float  # mL/min/1.73m²
    stage: str  # KDIGO G1 … G5
    stage_text: Text
    creatinine_umol_l: float
    equation: str = "CKD-EPI 2021 creatinine (race-free)"
    sources: tuple[str, ...] = ("ckd_epi_2021", "kdigo_ckd_2012")


@dataclass(frozen=True, slots=True)
class Trend:
    test_id: str
    direction: Direction
    percent_change: float | None
    previous_value: float
    previous_on: date
    current_value: float
    current_on: date
    unit: str
    movement: Movement | None
    points: tuple[tuple[date, float], ...]  # oldest first, current last, canonical unit
    text: Text


@dataclass(frozen=True, slots=True)
class DepartmentSuggestion:
    code: str  # NHC 诊疗科目 code
    name: Text
    reason: Text
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class PanelInterpretation:
    results: tuple[ResultInterpretation, ...]
    findings: tuple[Finding, ...]
    egfr: EgfrResult | None
    trends: tuple[Trend, ...]
    departments: tuple[DepartmentSuggestion, ...]
    critical: bool
    urgent_advice: Text | None
    summary: Text
    unrecognised: tuple[str, ...]
    sources: tuple[str, ...]
    disclaimer: Text = DISCLAIMER
