"""Frozen objects of the lab-test catalogue (see catalog/*.yaml and sources.yaml).

Every number stored here is in the test's canonical unit and names the source it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ankang.knowledge.text import Text

SEXES = ("any", "male", "female")
CATEGORIES = (
    "blood_count", "liver", "kidney", "electrolytes", "blood_gas", "lipids", "glucose", "thyroid",
    "coagulation", "urinalysis", "stool", "tumour_markers", "hormones", "inflammation", "cardiac",
    "pancreas", "iron_vitamins", "infection",
)
SPECIMENS = ("serum", "plasma", "serum_or_plasma", "whole_blood", "arterial_blood", "urine", "stool")
# Sections of a report that change what a bare printed name means ("葡萄糖" under 尿常规 is urine glucose).
CONTEXTS = ("urine", "stool", "blood_gas")
KINDS = ("quantitative", "ordinal")
SOURCE_KINDS = ("standard", "guideline", "consensus", "textbook", "paper", "terminology", "reference", "secondary")


@dataclass(frozen=True, slots=True)
class LabSource:
    id: str
    title: str
    kind: str
    year: int | None = None
    url: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AltUnit:
    """canonical value = printed value × factor + offset."""

    unit: str
    factor: float
    offset: float = 0.0
    source: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class RefInterval:
    """An adult reference interval (or a guideline decision limit) in the canonical unit."""

    low: float | None
    high: float | None
    source: str
    sex: str = "any"
    age_min: float | None = None  # inclusive, years
    age_max: float | None = None  # inclusive, years
    verify: bool = False
    note: str = ""

    def covers_age(self, age: float) -> bool:
        lo_ok = self.age_min is None or age >= self.age_min
        hi_ok = self.age_max is None or age < self.age_max + 1
        return lo_ok and hi_ok


@dataclass(frozen=True, slots=True)
class CriticalLimits:
    """危急值: results beyond these call for urgent care (canonical unit; strict < and >)."""

    source: str
    low: float | None = None
    high: float | None = None
    above_range: bool = False  # any result above the reference interval is treated as critical
    verify: bool = False


@dataclass(frozen=True, slots=True)
class LabTest:
    id: str
    loinc: str | None
    name: Text
    abbr: str
    category: str
    specimen: str
    kind: str
    unit: str
    department: str
    meaning_high: Text
    meaning_low: Text
    aliases_zh: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    context_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Abbreviations another test owns globally (TG, PCT) that confirm this test only when printed in
    # brackets next to its full name, e.g. "甲状腺球蛋白(TG)".
    paired_abbr: tuple[str, ...] = ()
    # Tests printed under the same names (urine "红细胞" as a count or as a dipstick grade; RDW in % or fL);
    # the engine picks the one whose unit and value type fit the printed result.
    twins: tuple[str, ...] = ()
    alt_units: tuple[AltUnit, ...] = ()
    molar_mass: float | None = None  # g/mol, for mass <-> substance conversions
    molar_mass_source: str = ""
    intervals: tuple[RefInterval, ...] = ()
    critical: CriticalLimits | None = None
    ordinal_normal_max: int = 0  # ordinal tests: highest grade still normal (0 negative, 1 trace)
    sex_only: str = "any"  # e.g. PSA is male only
    loinc_verify: bool = False
    sources: tuple[str, ...] = ()  # every source id this entry cites
    note: Text | None = None

    @property
    def all_aliases(self) -> tuple[str, ...]:
        return (self.name.zh, self.name.en, self.abbr, *self.aliases_zh, *self.aliases_en)


@dataclass(frozen=True)
class LabCatalog:
    tests: tuple[LabTest, ...]
    sources: Mapping[str, LabSource]
    departments: Mapping[str, Text]
    by_id: Mapping[str, LabTest]
    alias_index: Mapping[str, str]  # alias key -> test id
    context_index: Mapping[str, Mapping[str, str]]  # context -> alias key -> test id

    def find(self, test_id: str) -> LabTest | None:
        return self.by_id.get(test_id)
