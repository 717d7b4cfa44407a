"""Frozen objects of the interview knowledge pack (see docs/knowledge-pack.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ankang.knowledge.departments import Department
from ankang.knowledge.text import Text

AGE_BANDS = ("infant", "child", "teen", "adult", "elderly")
PREVALENCE_LEVELS = ("very_common", "common", "uncommon", "rare", "very_rare")
SEVERITIES = ("mild", "moderate", "severe", "critical")
SEXES = ("any", "female", "male")
EVIDENCE_TYPES = ("symptom", "sign", "risk_factor", "history")
GROUP_KINDS = ("duration", "severity", "site", "character", "other")
# Triage levels, most urgent first.
TRIAGE_LEVELS = ("emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care")
RULE_LEVELS = TRIAGE_LEVELS[:-1]
EMERGENCY_LEVELS = frozenset(TRIAGE_LEVELS[:2])


def age_band(age_years: float) -> str:
    """The pack's age band for an age in years (bands: <1, 1–12, 13–17, 18–64, 65+)."""
    if age_years < 1:
        return "infant"
    if age_years < 13:
        return "child"
    if age_years < 18:
        return "teen"
    return "adult" if age_years < 65 else "elderly"


def urgency_rank(level: str) -> int:
    """0 for the most urgent level; larger is less urgent."""
    return TRIAGE_LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    id: str
    name: Text
    question: Text
    type: str
    system: str
    synonyms_zh: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    range_days: tuple[float, float | None] | None = None
    level: str | None = None
    group: str | None = None  # filled by the loader when the evidence is a group option


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    parent: str
    kind: str
    question: Text
    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    name: Text
    icd10: str
    departments: tuple[str, ...]
    severity: str
    triage: str
    sex: str
    prevalence: Mapping[str, str]
    evidence: Mapping[str, float]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TriageRule:
    id: str
    level: str
    reason: Text
    all: tuple[str, ...]
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    age_min: float | None = None
    age_max: float | None = None
    sex: str | None = None
    sources: tuple[str, ...] = ()

    def evidence_ids(self) -> tuple[str, ...]:
        return self.all + self.any + self.none

    def applies_to(self, age: float | None, sex: str | None) -> bool:
        if self.sex and sex and self.sex != sex:
            return False
        if age is None:  # unknown age: keep rules for older people (under-triage is worse), not age-capped ones
            return self.age_max is None
        if self.age_min is not None and age < self.age_min:
            return False
        return not (self.age_max is not None and age >= self.age_max)


@dataclass(frozen=True)
class Pack:
    """The whole interview knowledge pack, validated."""

    version: str
    sources: Mapping[str, Source]
    evidences: Mapping[str, Evidence]
    groups: Mapping[str, Group]
    conditions: Mapping[str, Condition]
    rules: tuple[TriageRule, ...]
    departments: Mapping[str, Department]
    counts: Mapping[str, int] = field(default_factory=dict)
