"""Load and check the lab-test catalogue.

`check_lab_catalog()` returns every problem found (an empty list means the catalogue is sound);
`load_lab_catalog()` returns the frozen catalogue, cached, and raises KnowledgeGap listing the problems.
Nothing is read at import time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ankang.errors import KnowledgeGap
from ankang.knowledge.departments import load_departments
from ankang.knowledge.labs import model as m
from ankang.knowledge.labs.keys import alias_key
from ankang.knowledge.labs.units import DIMENSIONS, unit_key
from ankang.knowledge.text import Text

PACK_DIR = Path(__file__).parent
CATALOG_DIR = PACK_DIR / "catalog"
SOURCES_FILE = PACK_DIR / "sources.yaml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LOINC = re.compile(r"^(\d{1,7})-(\d)$")
# Units that are fine as canonical units although they have no generic dimension.
_PLAIN_UNITS = frozenset({
    "", "fl", "pg", "mm/h", "ml/min/1.73m2", "mosm/kg", "mg/g", "mg/mmol", "/hpf", "/lpf", "mmol/mol",
})
# Wording that would turn an explanation into a diagnosis or a prescription.
FORBIDDEN_WORDS = ("确诊", "诊断为", "您患有", "你患有", "建议服用", "请服用", "应服用", "剂量", "处方",
                   "diagnosed with", "you suffer from", "prescri", " dose", "you should take")


def loinc_check_digit(number: str) -> int:
    """The LOINC mod-10 check digit of the part before the hyphen (LOINC Users' Guide, Appendix)."""
    digits = number[::-1]
    odd_digits = digits[0::2]  # 1st, 3rd, 5th ... from the right, in that order
    even_digits = digits[1::2]
    doubled = str(int(odd_digits) * 2) if odd_digits else ""
    total = sum(int(c) for c in even_digits + doubled)
    return (10 - total % 10) % 10


_TEST_KEYS = frozenset({
    "id", "loinc", "loinc_verify", "name", "abbr", "aliases", "context_aliases", "paired_abbr", "twins",
    "category", "specimen", "kind", "unit", "alt_units", "molar_mass", "molar_mass_source", "intervals",
    "critical", "ordinal_normal_max", "sex_only", "meaning", "department", "note", "sources",
})
_INTERVAL_KEYS = frozenset({"low", "high", "sex", "age", "source", "verify", "note"})
_CRITICAL_KEYS = frozenset({"low", "high", "above_range", "source", "verify"})
_ALT_KEYS = frozenset({"unit", "factor", "offset", "source", "note"})


class _Reader:
    def __init__(self, source_ids: set[str], department_codes: set[str]) -> None:
        self.problems: list[str] = []
        self.source_ids = source_ids
        self.department_codes = department_codes

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def keys(self, where: str, raw: dict[str, Any], allowed: frozenset[str], what: str) -> None:
        extra = sorted(str(k) for k in raw if k not in allowed)
        if extra:
            self.fail(where, f"{what} has unknown keys {extra} (an unquoted comma in a flow mapping?)")

    def text(self, where: str, raw: Any, field: str) -> Text:
        if not isinstance(raw, dict):
            self.fail(where, f"`{field}` must be a mapping with zh and en")
            return Text("", "")
        self.keys(where, raw, frozenset({"zh", "en"}), f"`{field}`")
        for lang in ("zh", "en"):
            value = str(raw.get(lang) or "").strip()
            if not value:
                self.fail(where, f"`{field}` is missing its {lang} text")
            lowered = value.casefold()
            for word in FORBIDDEN_WORDS:
                if word in lowered:
                    self.fail(where, f"`{field}`.{lang} uses {word!r}: explain, never diagnose or prescribe")
        return Text(str(raw.get("zh") or ""), str(raw.get("en") or ""))

    def source(self, where: str, value: Any) -> str:
        if not isinstance(value, str) or value not in self.source_ids:
            self.fail(where, f"source {value!r} is not in sources.yaml")
            return str(value)
        return value

    def number(self, where: str, value: Any, field: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(where, f"`{field}` must be a number, got {value!r}")
            return None
        return float(value)

    def interval(self, where: str, raw: Any) -> m.RefInterval | None:
        if not isinstance(raw, dict):
            self.fail(where, "each interval must be a mapping")
            return None
        self.keys(where, raw, _INTERVAL_KEYS, "interval")
        low = self.number(where, raw.get("low"), "low")
        high = self.number(where, raw.get("high"), "high")
        if low is None and high is None:
            self.fail(where, "an interval needs low, high or both")
        if low is not None and high is not None and low >= high:
            self.fail(where, f"interval low {low} is not below high {high}")
        sex = raw.get("sex", "any")
        if sex not in m.SEXES:
            self.fail(where, f"interval sex {sex!r}; expected one of {m.SEXES}")
        age = raw.get("age")
        age_min = age_max = None
        if age is not None:
            if not (isinstance(age, list) and len(age) == 2):
                self.fail(where, "`age` must be [min, max] (either may be null)")
            else:
                age_min = self.number(where, age[0], "age[0]")
                age_max = self.number(where, age[1], "age[1]")
        return m.RefInterval(
            low=low, high=high, source=self.source(where, raw.get("source")), sex=str(sex),
            age_min=age_min, age_max=age_max, verify=bool(raw.get("verify", False)),
            note=str(raw.get("note") or ""),
        )

    def critical(self, where: str, raw: Any) -> m.CriticalLimits | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.fail(where, "`critical` must be a mapping")
            return None
        self.keys(where, raw, _CRITICAL_KEYS, "`critical`")
        low = self.number(where, raw.get("low"), "critical.low")
        high = self.number(where, raw.get("high"), "critical.high")
        above = bool(raw.get("above_range", False))
        if low is None and high is None and not above:
            self.fail(where, "`critical` needs low, high or above_range")
        return m.CriticalLimits(source=self.source(where, raw.get("source")), low=low, high=high,
                                above_range=above, verify=bool(raw.get("verify", False)))

    def alt_unit(self, where: str, raw: Any) -> m.AltUnit | None:
        if not isinstance(raw, dict) or not raw.get("unit"):
            self.fail(where, "each alternative unit needs `unit` and `factor`")
            return None
        self.keys(where, raw, _ALT_KEYS, "alternative unit")
        factor = self.number(where, raw.get("factor"), "factor")
        if factor is None or factor <= 0:
            self.fail(where, f"alternative unit {raw.get('unit')!r} needs a positive factor")
            return None
        return m.AltUnit(unit=str(raw["unit"]), factor=factor,
                         offset=self.number(where, raw.get("offset"), "offset") or 0.0,
                         source=self.source(where, raw.get("source")), note=str(raw.get("note") or ""))

    def loinc(self, where: str, value: Any) -> str | None:
        if value is None:
            return None
        match = _LOINC.match(str(value))
        if not match:
            self.fail(where, f"LOINC {value!r} is not shaped like 12345-6")
            return str(value)
        if loinc_check_digit(match.group(1)) != int(match.group(2)):
            self.fail(where, f"LOINC {value} fails its mod-10 check digit")
        return str(value)

    def test(self, raw: Any) -> m.LabTest | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            self.fail("catalog", f"entry without a string id: {raw!r:.80}")
            return None
        tid = raw["id"]
        where = f"test {tid}"
        self.keys(where, raw, _TEST_KEYS, "entry")
        if not _ID.match(tid):
            self.fail(where, "id must be snake_case")
        for field, allowed in (("category", m.CATEGORIES), ("specimen", m.SPECIMENS)):
            if raw.get(field) not in allowed:
                self.fail(where, f"`{field}` is {raw.get(field)!r}; expected one of {', '.join(allowed)}")
        kind = raw.get("kind", "quantitative")
        if kind not in m.KINDS:
            self.fail(where, f"`kind` is {kind!r}; expected one of {m.KINDS}")
        dept = str(raw.get("department") or "")
        if dept not in self.department_codes:
            self.fail(where, f"department {dept!r} is not in the NHC catalogue (departments.yaml)")
        unit = str(raw.get("unit") if raw.get("unit") is not None else "")
        if kind == "quantitative" and unit_key(unit) not in DIMENSIONS and unit_key(unit) not in _PLAIN_UNITS:
            self.fail(where, f"canonical unit {unit!r} is unknown to units.py")
        aliases = raw.get("aliases") or {}
        ctx = raw.get("context_aliases") or {}
        for c in ctx:
            if c not in m.CONTEXTS:
                self.fail(where, f"context {c!r}; expected one of {m.CONTEXTS}")
        meaning = raw.get("meaning") or {}
        intervals = tuple(i for i in (self.interval(where, r) for r in raw.get("intervals") or []) if i)
        alts = tuple(a for a in (self.alt_unit(where, r) for r in raw.get("alt_units") or []) if a)
        crit = self.critical(where, raw.get("critical"))
        molar_mass = self.number(where, raw.get("molar_mass"), "molar_mass")
        mm_source = ""
        if molar_mass is not None:
            mm_source = self.source(where, raw.get("molar_mass_source"))
        entry_sources = [self.source(where, s) for s in raw.get("sources") or []]
        if not entry_sources:
            self.fail(where, "`sources` must name at least one source for the entry")
        cited = dict.fromkeys([*entry_sources, *(i.source for i in intervals), *(a.source for a in alts),
                               *([crit.source] if crit else []), *([mm_source] if mm_source else [])])
        sex_only = raw.get("sex_only", "any")
        if sex_only not in m.SEXES:
            self.fail(where, f"`sex_only` is {sex_only!r}")
        name = self.text(where, raw.get("name"), "name")
        return m.LabTest(
            id=tid, loinc=self.loinc(where, raw.get("loinc")), name=name, abbr=str(raw.get("abbr") or ""),
            category=str(raw.get("category")), specimen=str(raw.get("specimen")), kind=str(kind),
            unit=unit, department=dept,
            meaning_high=self.text(where, meaning.get("high"), "meaning.high"),
            meaning_low=self.text(where, meaning.get("low"), "meaning.low"),
            aliases_zh=tuple(str(a) for a in aliases.get("zh") or ()),
            aliases_en=tuple(str(a) for a in aliases.get("en") or ()),
            context_aliases=MappingProxyType({str(k): tuple(str(a) for a in v) for k, v in ctx.items()}),
            paired_abbr=tuple(str(a) for a in raw.get("paired_abbr") or ()),
            twins=tuple(str(t) for t in raw.get("twins") or ()),
            alt_units=alts, molar_mass=molar_mass, molar_mass_source=mm_source, intervals=intervals,
            critical=crit, ordinal_normal_max=int(raw.get("ordinal_normal_max", 0)),
            sex_only=str(sex_only), loinc_verify=bool(raw.get("loinc_verify", False)),
            sources=tuple(cited), note=self.text(where, raw["note"], "note") if raw.get("note") else None,
        )


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: cannot be read ({exc})")
        return None


def _index(tests: tuple[m.LabTest, ...], problems: list[str]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    global_index: dict[str, str] = {}
    context_index: dict[str, dict[str, str]] = {c: {} for c in m.CONTEXTS}
    for test in tests:
        # A name the test lists under a report section (pH under 尿常规) is never a global alias.
        scoped = {alias_key(a) for aliases in test.context_aliases.values() for a in aliases}
        scoped |= {alias_key(a) for a in test.paired_abbr}
        for alias in dict.fromkeys(test.all_aliases):
            key = alias_key(alias)
            if not key or key in scoped:
                continue
            other = global_index.setdefault(key, test.id)
            if other != test.id:
                problems.append(f"alias {alias!r} maps to both {other} and {test.id}")
        for ctx, aliases in test.context_aliases.items():
            for alias in aliases:
                key = alias_key(alias)
                other = context_index.setdefault(ctx, {}).setdefault(key, test.id)
                if other != test.id:
                    problems.append(f"{ctx} alias {alias!r} maps to both {other} and {test.id}")
    return global_index, context_index


def _cross_checks(test: m.LabTest, problems: list[str]) -> None:
    where = f"test {test.id}"
    crit = test.critical
    if crit:
        for iv in test.intervals:
            if crit.low is not None and iv.low is not None and crit.low >= iv.low:
                problems.append(f"{where}: critical low {crit.low} is not below interval low {iv.low}")
            if crit.high is not None and iv.high is not None and crit.high <= iv.high:
                problems.append(f"{where}: critical high {crit.high} is not above interval high {iv.high}")
    if test.kind == "ordinal" and test.intervals:
        problems.append(f"{where}: ordinal tests carry no numeric intervals")
    seen = {unit_key(test.unit)}
    for alt in test.alt_units:
        key = unit_key(alt.unit)
        if key in seen:
            problems.append(f"{where}: unit {alt.unit!r} listed twice")
        seen.add(key)


def _build(catalog_dir: Path) -> tuple[m.LabCatalog | None, list[str]]:
    problems: list[str] = []
    raw_sources = _read_yaml(SOURCES_FILE, problems) or {}
    sources: dict[str, m.LabSource] = {}
    for raw in raw_sources.get("sources") or []:
        sid = str(raw.get("id"))
        if sid in sources:
            problems.append(f"source {sid}: duplicate id")
        if raw.get("kind") not in m.SOURCE_KINDS or not raw.get("title"):
            problems.append(f"source {sid}: needs a title and a kind in {m.SOURCE_KINDS}")
        sources[sid] = m.LabSource(id=sid, title=str(raw.get("title")), kind=str(raw.get("kind")),
                                   year=raw.get("year"), url=raw.get("url"), note=str(raw.get("note") or ""))
    departments = {code: d.name for code, d in load_departments().items()}
    reader = _Reader(set(sources), set(departments))
    tests: list[m.LabTest] = []
    for path in sorted(catalog_dir.glob("*.yaml")):
        data = _read_yaml(path, problems) or {}
        for raw in data.get("tests") or []:
            test = reader.test(raw)
            if test is not None:
                tests.append(test)
    problems.extend(reader.problems)
    by_id: dict[str, m.LabTest] = {}
    for test in tests:
        if test.id in by_id:
            problems.append(f"test {test.id}: duplicate id")
        by_id[test.id] = test
        _cross_checks(test, problems)
    for test in tests:
        for twin in test.twins:
            if twin not in by_id or twin == test.id:
                problems.append(f"test {test.id}: twin {twin!r} is not another test in the catalogue")
    frozen = tuple(tests)
    global_index, context_index = _index(frozen, problems)
    if problems:
        return None, problems
    catalog = m.LabCatalog(
        tests=frozen, sources=MappingProxyType(sources), departments=MappingProxyType(departments),
        by_id=MappingProxyType(by_id), alias_index=MappingProxyType(global_index),
        context_index=MappingProxyType({k: MappingProxyType(v) for k, v in context_index.items()}),
    )
    return catalog, problems


def check_lab_catalog(catalog_dir: Path | None = None) -> list[str]:
    """Every problem in the catalogue, as readable sentences; [] when it is sound."""
    return _build(catalog_dir or CATALOG_DIR)[1]


@lru_cache(maxsize=1)
def load_lab_catalog() -> m.LabCatalog:
    """The shipped catalogue, built once per process; KnowledgeGap if it has problems."""
    catalog, problems = _build(CATALOG_DIR)
    if catalog is None:
        shown = "; ".join(problems[:10])
        raise KnowledgeGap(f"lab catalogue has {len(problems)} problem(s): {shown}",
                           zh=f"检验项目知识库有 {len(problems)} 个问题：{shown}")
    return catalog


def unit_table(test: m.LabTest) -> Mapping[str, tuple[float, float]]:
    """Explicit unit -> (factor, offset) to the canonical unit, canonical included."""
    table = {unit_key(test.unit): (1.0, 0.0)}
    for alt in test.alt_units:
        table[unit_key(alt.unit)] = (alt.factor, alt.offset)
    return table
