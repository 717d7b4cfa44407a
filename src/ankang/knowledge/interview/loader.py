"""Load and validate the interview knowledge pack.

`check_pack` returns every problem found; `load_pack` raises KnowledgeGap listing them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ankang.errors import KnowledgeGap
from ankang.knowledge.departments import Department, load_departments
from ankang.knowledge.interview import model as m
from ankang.knowledge.text import Text

PACK_DIR = Path(__file__).parent
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")
_SECTIONS = ("sources", "evidences", "groups", "conditions", "triage_rules")


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    counts: Mapping[str, int]
    pack: m.Pack | None

    @property
    def ok(self) -> bool:
        return not self.problems


class _Reader:
    """Turns raw YAML entries into pack objects, collecting problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def text(self, where: str, raw: Any, field: str) -> Text:
        if not isinstance(raw, dict):
            self.fail(where, f"`{field}` must be a mapping with zh and en")
            return Text("", "")
        for lang in ("zh", "en"):
            if not str(raw.get(lang) or "").strip():
                self.fail(where, f"`{field}` is missing its {lang} text")
        return Text(str(raw.get("zh") or ""), str(raw.get("en") or ""))

    def ids(self, where: str, raw: Any, field: str) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            self.fail(where, f"`{field}` must be a list of ids")
            return ()
        return tuple(raw)

    def choice(self, where: str, value: Any, allowed: Iterable[str], field: str) -> str:
        allowed = tuple(allowed)
        if value not in allowed:
            self.fail(where, f"`{field}` is {value!r}; expected one of {', '.join(allowed)}")
        return str(value)

    def evidence(self, raw: dict[str, Any]) -> m.Evidence:
        where = f"evidence {raw.get('id')}"
        syn = raw.get("synonyms") or {}
        rng = raw.get("range_days")
        if rng is not None and not (isinstance(rng, list) and len(rng) == 2):
            self.fail(where, "`range_days` must be [min, max]")
            rng = None
        return m.Evidence(
            id=raw["id"],
            name=self.text(where, raw.get("name"), "name"),
            question=self.text(where, raw.get("question"), "question"),
            type=self.choice(where, raw.get("type"), m.EVIDENCE_TYPES, "type"),
            system=str(raw.get("system") or ""),
            synonyms_zh=tuple(str(s) for s in syn.get("zh") or ()),
            synonyms_en=tuple(str(s) for s in syn.get("en") or ()),
            sources=self.ids(where, raw.get("sources"), "sources"),
            range_days=(float(rng[0]), None if rng[1] is None else float(rng[1])) if rng else None,
            level=raw.get("level"),
        )

    def group(self, raw: dict[str, Any]) -> m.Group:
        where = f"group {raw.get('id')}"
        return m.Group(
            id=raw["id"],
            parent=str(raw.get("parent") or ""),
            kind=self.choice(where, raw.get("kind"), m.GROUP_KINDS, "kind"),
            question=self.text(where, raw.get("question"), "question"),
            options=self.ids(where, raw.get("options"), "options"),
        )

    def condition(self, raw: dict[str, Any]) -> m.Condition:
        where = f"condition {raw.get('id')}"
        prevalence = raw.get("prevalence") or {}
        if not isinstance(prevalence, dict) or not prevalence:
            self.fail(where, "`prevalence` must map at least one age band to a level")
            prevalence = {}
        for band, level in prevalence.items():
            self.choice(where, band, m.AGE_BANDS, "prevalence band")
            self.choice(where, level, m.PREVALENCE_LEVELS, f"prevalence.{band}")
        evidence = raw.get("evidence") or {}
        if not isinstance(evidence, dict) or not evidence:
            self.fail(where, "`evidence` must map evidence ids to probabilities")
            evidence = {}
        for eid, p in evidence.items():
            if not isinstance(p, (int, float)) or not 0.0 < p < 1.0:
                self.fail(where, f"probability of {eid} is {p!r}; expected a number in (0, 1)")
        icd = str(raw.get("icd10") or "")
        if not _ICD10.match(icd):
            self.fail(where, f"`icd10` {icd!r} is not an ICD-10 code like K35 or K35.8")
        return m.Condition(
            id=raw["id"],
            name=self.text(where, raw.get("name"), "name"),
            icd10=icd,
            departments=self.ids(where, [str(d) for d in raw.get("departments") or []], "departments"),
            severity=self.choice(where, raw.get("severity"), m.SEVERITIES, "severity"),
            triage=self.choice(where, raw.get("triage"), m.TRIAGE_LEVELS, "triage"),
            sex=self.choice(where, raw.get("sex", "any"), m.SEXES, "sex"),
            prevalence=MappingProxyType({str(k): str(v) for k, v in prevalence.items()}),
            evidence=MappingProxyType({str(k): float(v) for k, v in evidence.items()
                                       if isinstance(v, (int, float))}),
            sources=self.ids(where, raw.get("sources"), "sources"),
        )

    def rule(self, raw: dict[str, Any]) -> m.TriageRule:
        where = f"triage rule {raw.get('id')}"
        sex = raw.get("sex")
        if sex is not None:
            self.choice(where, sex, ("female", "male"), "sex")
        all_ = self.ids(where, raw.get("all"), "all")
        if not all_:
            self.fail(where, "`all` must name at least one evidence")
        return m.TriageRule(
            id=raw["id"],
            level=self.choice(where, raw.get("level"), m.RULE_LEVELS, "level"),
            reason=self.text(where, raw.get("reason"), "reason"),
            all=all_,
            any=self.ids(where, raw.get("any"), "any"),
            none=self.ids(where, raw.get("none"), "none"),
            age_min=raw.get("age_min"),
            age_max=raw.get("age_max"),
            sex=sex,
            sources=self.ids(where, raw.get("sources"), "sources"),
        )


def _read_yaml(files: Iterable[Path], reader: _Reader) -> tuple[dict[str, list[dict[str, Any]]], str]:
    sections: dict[str, list[dict[str, Any]]] = {s: [] for s in _SECTIONS}
    digest = hashlib.sha256()
    for path in files:
        raw_bytes = path.read_bytes()
        digest.update(raw_bytes)
        try:
            doc = yaml.safe_load(raw_bytes) or {}
        except yaml.YAMLError as exc:
            reader.fail(str(path.name), f"not valid YAML: {exc}")
            continue
        if not isinstance(doc, dict):
            reader.fail(str(path.name), "top level must be a mapping of sections")
            continue
        for key, entries in doc.items():
            if key not in _SECTIONS:
                reader.fail(path.name, f"unknown section {key!r}")
                continue
            for entry in entries or []:
                if not isinstance(entry, dict) or not _ID.match(str(entry.get("id", ""))):
                    reader.fail(path.name, f"{key} entry without a valid id: {str(entry)[:80]}")
                    continue
                sections[key].append({**entry, "_file": path.name})
    return sections, digest.hexdigest()[:12]


def check_pack(pack_dir: Path | None = None) -> CheckReport:
    """Read and validate a pack folder; never raises for content problems."""
    pack_dir = pack_dir or PACK_DIR
    reader = _Reader()
    sections, version = _read_yaml(sorted(pack_dir.rglob("*.yaml")), reader)
    for key, counter in ((k, Counter(e["id"] for e in v)) for k, v in sections.items()):
        for dup, n in counter.items():
            if n > 1:
                files = sorted({e["_file"] for e in sections[key] if e["id"] == dup})
                reader.fail(f"{key[:-1]} {dup}", f"defined {n} times (in {', '.join(files)})")

    sources = {s["id"]: m.Source(s["id"], str(s.get("title", "")), s.get("url")) for s in sections["sources"]}
    evidences = {e["id"]: reader.evidence(e) for e in sections["evidences"]}
    groups = {g["id"]: reader.group(g) for g in sections["groups"]}
    conditions = {c["id"]: reader.condition(c) for c in sections["conditions"]}
    rules = tuple(reader.rule(r) for r in sections["triage_rules"])
    departments = load_departments()
    _check_references(reader, sources, evidences, groups, conditions, rules, departments)

    option_group = {opt: g.id for g in groups.values() for opt in g.options}
    evidences = {
        eid: m.Evidence(**{**{f: getattr(e, f) for f in e.__slots__}, "group": option_group.get(eid)})
        for eid, e in evidences.items()
    }
    counts = {
        "conditions": len(conditions),
        "evidences": len(evidences),
        "groups": len(groups),
        "triage_rules": len(rules),
        "sources": len(sources),
        "emergency_rules": sum(r.level in m.EMERGENCY_LEVELS for r in rules),
        "emergency_conditions": sum(c.triage in m.EMERGENCY_LEVELS for c in conditions.values()),
    }
    pack = m.Pack(
        version=version,
        sources=MappingProxyType(sources),
        evidences=MappingProxyType(evidences),
        groups=MappingProxyType(groups),
        conditions=MappingProxyType(conditions),
        rules=rules,
        departments=MappingProxyType(departments),
        counts=MappingProxyType(counts),
    )
    return CheckReport(tuple(reader.problems), counts, pack)


def _check_references(
    reader: _Reader,
    sources: Mapping[str, m.Source],
    evidences: Mapping[str, m.Evidence],
    groups: Mapping[str, m.Group],
    conditions: Mapping[str, m.Condition],
    rules: tuple[m.TriageRule, ...],
    departments: Mapping[str, Department],
) -> None:
    def need(where: str, ids: Iterable[str], known: Mapping[str, object], what: str) -> None:
        for i in ids:
            if i not in known:
                reader.fail(where, f"unknown {what} {i!r}")

    cited = [(f"evidence {e.id}", e.sources) for e in evidences.values()]
    cited += [(f"condition {c.id}", c.sources) for c in conditions.values()]
    cited += [(f"triage rule {r.id}", r.sources) for r in rules]
    for where, ids in cited:
        if not ids:
            reader.fail(where, "cites no source")
        need(where, ids, sources, "source")
    for g in groups.values():
        need(f"group {g.id}", [g.parent, *g.options], evidences, "evidence")
        if len(g.options) < 2:
            reader.fail(f"group {g.id}", "needs at least two options")
        for opt in g.options:
            ev = evidences.get(opt)
            if ev and g.kind == "duration" and ev.range_days is None:
                reader.fail(f"group {g.id}", f"duration option {opt} has no range_days")
    owners = Counter(opt for g in groups.values() for opt in g.options)
    for opt, n in owners.items():
        if n > 1:
            reader.fail(f"evidence {opt}", f"is an option of {n} groups; at most one")
    for c in conditions.values():
        need(f"condition {c.id}", c.evidence, evidences, "evidence")
        need(f"condition {c.id}", c.departments, departments, "department code")
        if not c.departments:
            reader.fail(f"condition {c.id}", "names no department")
    for r in rules:
        need(f"triage rule {r.id}", r.evidence_ids(), evidences, "evidence")


@lru_cache(maxsize=4)
def load_pack(pack_dir: Path | None = None) -> m.Pack:
    """The validated pack (cached per folder). Raises KnowledgeGap if it has problems."""
    report = check_pack(pack_dir)
    if report.problems or report.pack is None:
        listed = "\n".join(report.problems[:20])
        raise KnowledgeGap(
            f"knowledge pack has {len(report.problems)} problem(s):\n{listed}",
            zh=f"知识库有 {len(report.problems)} 处问题",
        )
    return report.pack
