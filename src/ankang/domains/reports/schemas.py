"""API shapes of report extraction (separate from the engine's dataclasses)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ankang.domains.shapes import AiLabel, LocalText, SourceOut

MAX_TEXT_CHARS = 200_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PatientIn(_Strict):
    """What the person tells us; it overrides what the report prints."""

    sex: Literal["female", "male"] | None = None
    age: float | None = Field(default=None, ge=0, le=130, description="age in years")


class TextIn(PatientIn):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="report text, one result per line")


class ReferenceOut(BaseModel):
    text: str | None
    low: float | None
    high: float | None


class ProblemOut(BaseModel):
    code: Literal["unknown-test", "unknown-unit", "unreadable-value"]
    details: LocalText


class RowOut(BaseModel):
    line: int
    name: str
    value: str
    unit: str | None
    flag: str | None
    reference: ReferenceOut
    test_id: str | None
    test_name: LocalText | None
    loinc: str | None
    status: Literal["normal", "low", "high", "positive", "unknown"]
    severity: Literal["mild", "moderate", "marked"] | None
    critical: bool
    value_canonical: float | None
    unit_canonical: str
    range_used: ReferenceOut
    range_origin: Literal["report", "catalogue", "none"]
    explanation: LocalText
    notes: list[LocalText]
    problems: list[ProblemOut]


class PatientOut(BaseModel):
    sex: Literal["female", "male"] | None
    age_years: float | None
    sex_from: Literal["you", "report", "none"]
    age_from: Literal["you", "report", "none"]


class FindingOut(BaseModel):
    id: str
    kind: str
    text: LocalText
    tests: list[str]
    severity: Literal["mild", "moderate", "marked"]
    urgent: bool
    department: str | None


class EgfrOut(BaseModel):
    value: float
    stage: str
    stage_text: LocalText
    equation: str


class DepartmentOut(BaseModel):
    code: str
    name: LocalText
    reason: LocalText
    urgent: bool


class InterpretationOut(BaseModel):
    summary: LocalText
    critical: bool
    urgent_advice: LocalText | None
    findings: list[FindingOut]
    egfr: EgfrOut | None
    departments: list[DepartmentOut]
    disclaimer: LocalText


class InputOut(BaseModel):
    kind: Literal["text", "pdf", "image"]
    pages: int
    ocr_pages: int
    seconds: float
    skew_degrees: float


class ReportOut(BaseModel):
    input: InputOut
    patient: PatientOut
    specimen: str | None
    report_date: date | None
    rows: list[RowOut]
    interpretation: InterpretationOut
    lines: list[str] = Field(description="every line read, in order, to show beside the table")
    sources: list[SourceOut]
    ai: AiLabel
    stored: Literal[False] = Field(default=False, description="nothing is stored; confirm to save (later)")
