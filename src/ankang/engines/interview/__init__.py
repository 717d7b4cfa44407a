"""Symptom interview engine: emergency screening, questions, differential, triage, department."""

from ankang.engines.interview.engine import InterviewEngine
from ankang.engines.interview.types import (
    Case,
    DepartmentAdvice,
    EvidenceItem,
    Explanation,
    Factor,
    Interview,
    Question,
    QuestionItem,
    RankedCondition,
    Step,
    Triage,
)

__all__ = [
    "Case",
    "DepartmentAdvice",
    "EvidenceItem",
    "Explanation",
    "Factor",
    "Interview",
    "InterviewEngine",
    "Question",
    "QuestionItem",
    "RankedCondition",
    "Step",
    "Triage",
]
