"""Inputs and outputs of the interview engine (frozen, JSON-friendly)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ankang.knowledge.text import Text

Choice = Literal["present", "absent", "unknown"]
CHOICES: tuple[Choice, ...] = ("present", "absent", "unknown")
EvidenceSource = Literal["initial", "suggest", "question", "red_flag"]
EVIDENCE_SOURCES: tuple[EvidenceSource, ...] = ("initial", "suggest", "question", "red_flag")
ASKED_SOURCES = frozenset({"suggest", "question", "red_flag"})


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    id: str
    choice: Choice
    source: EvidenceSource = "initial"


@dataclass(frozen=True, slots=True)
class Interview:
    """Everything known so far. The engine is stateless: the caller sends the whole list each step."""

    age: float | None
    sex: Literal["female", "male"] | None
    evidence: tuple[EvidenceItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Case:
    """A solved case for `fit`: the confirmed condition and the evidence recorded for it."""

    condition: str
    evidence: tuple[EvidenceItem, ...]
    age: float | None = None
    sex: Literal["female", "male"] | None = None


@dataclass(frozen=True, slots=True)
class QuestionItem:
    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Question:
    """`single`: answer the one evidence present/absent/unknown. `group_single`: pick one item."""

    type: Literal["single", "group_single"]
    id: str
    text: Text
    items: tuple[QuestionItem, ...]
    red_flag: bool = False


@dataclass(frozen=True, slots=True)
class RankedCondition:
    id: str
    name: Text
    probability: float
    icd10: str | None
    triage: str | None


@dataclass(frozen=True, slots=True)
class Triage:
    level: str
    emergency: bool
    reasons: tuple[Text, ...]
    serious: tuple[str, ...]  # present evidence ids that drove an urgent level
    rules: tuple[str, ...]  # ids of the triage rules that fired


@dataclass(frozen=True, slots=True)
class DepartmentAdvice:
    code: str
    name: Text
    advice: Text
    emergency: bool


@dataclass(frozen=True, slots=True)
class Factor:
    evidence_id: str
    name: Text
    choice: Choice
    weight: float  # log-likelihood ratio of this answer for the condition vs the rest


@dataclass(frozen=True, slots=True)
class Explanation:
    condition_id: str
    name: Text
    probability: float
    supporting: tuple[Factor, ...]
    conflicting: tuple[Factor, ...]


@dataclass(frozen=True, slots=True)
class Step:
    question: Question | None
    conditions: tuple[RankedCondition, ...]
    should_stop: bool
    triage: Triage
    department: DepartmentAdvice
    questions_asked: int
