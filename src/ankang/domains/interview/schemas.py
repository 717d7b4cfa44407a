"""API shapes of the interview (separate from the engine's dataclasses)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ankang.domains.shapes import AiLabel, LocalText, SourceOut

MAX_EVIDENCE = 300


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class EvidenceIn(_Strict):
    id: str = Field(min_length=1, max_length=120)
    choice: Literal["present", "absent", "unknown"]
    source: Literal["initial", "suggest", "question", "red_flag"] = "initial"


class InterviewIn(_Strict):
    age: float | None = Field(default=None, ge=0, le=130, description="age in years")
    sex: Literal["female", "male"] | None = None
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=MAX_EVIDENCE)


class ParseIn(_Strict):
    text: str = Field(description="the complaint in the person's own words (zh or en)")
    age: float | None = Field(default=None, ge=0, le=130)
    sex: Literal["female", "male"] | None = None


class ExplainIn(InterviewIn):
    condition_ids: list[str] | None = Field(default=None, max_length=20)


class EvidenceOut(BaseModel):
    id: str
    choice: Literal["present", "absent", "unknown"]
    source: str
    name: LocalText
    text: str | None = None
    uncertain: bool = False


class ParseOut(BaseModel):
    evidence: list[EvidenceOut]
    age: float | None
    sex: Literal["female", "male"] | None
    subject: str
    language: str


class QuestionItemOut(BaseModel):
    id: str
    name: LocalText


class QuestionOut(BaseModel):
    type: Literal["single", "group_single"]
    id: str
    text: LocalText
    items: list[QuestionItemOut]
    red_flag: bool


class ConditionOut(BaseModel):
    id: str
    name: LocalText
    probability: float
    icd10: str | None
    triage: str | None


class TriageOut(BaseModel):
    level: Literal["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]
    emergency: bool
    reasons: list[LocalText]
    serious: list[str]
    rules: list[str]


class DepartmentOut(BaseModel):
    code: str
    name: LocalText
    advice: LocalText
    emergency: bool


class TriageResultOut(BaseModel):
    triage: TriageOut
    department: DepartmentOut
    sources: list[SourceOut]
    ai: AiLabel


class StepOut(TriageResultOut):
    question: QuestionOut | None
    conditions: list[ConditionOut]
    should_stop: bool
    questions_asked: int


class FactorOut(BaseModel):
    evidence_id: str
    name: LocalText
    choice: str
    weight: float


class ExplanationOut(BaseModel):
    condition_id: str
    name: LocalText
    probability: float
    supporting: list[FactorOut]
    conflicting: list[FactorOut]


class ExplainOut(BaseModel):
    explanations: list[ExplanationOut]
    sources: list[SourceOut]
    ai: AiLabel
