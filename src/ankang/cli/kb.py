"""`ankang kb check`: validate the interview pack and print coverage counts."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from ankang.knowledge.interview import Pack, check_pack
from ankang.knowledge.interview.model import AGE_BANDS, TRIAGE_LEVELS


def _icd10_categories(reference_dir: Path) -> set[str] | None:
    path = reference_dir / "icd10_cn" / "disease.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return {row[0].strip() for row in csv.reader(fh, delimiter="\t") if row}


def run_check(pack_dir: Path | None, reference_dir: Path | None) -> int:
    report = check_pack(pack_dir)
    problems = list(report.problems)
    if reference_dir and report.pack:
        known = _icd10_categories(reference_dir)
        if known is None:
            problems.append(f"reference: {reference_dir}/icd10_cn/disease.csv not found")
        else:
            problems += [
                f"condition {c.id}: ICD-10 category {c.icd10[:3]} not in the ICD-10 list"
                for c in report.pack.conditions.values()
                if c.icd10[:3] not in known
            ]
    width = max(len(k) for k in report.counts)
    print("知识库覆盖 / pack coverage")
    for key, value in report.counts.items():
        print(f"  {key:<{width}}  {value}")
    if report.pack:
        _coverage(report.pack)
    if problems:
        print(f"\n{len(problems)} 个问题 / problem(s):")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("\n✓ 知识库检查通过 / pack is valid")
    return 0


def _coverage(pack: Pack) -> None:
    by_band = Counter(b for c in pack.conditions.values() for b in c.prevalence)
    by_level = Counter(c.triage for c in pack.conditions.values())
    by_dept = Counter(c.departments[0].split(".")[0] for c in pack.conditions.values() if c.departments)
    print("  by age band:   " + ", ".join(f"{b} {by_band[b]}" for b in AGE_BANDS))
    print("  by triage:     " + ", ".join(f"{lvl} {by_level[lvl]}" for lvl in TRIAGE_LEVELS))
    print("  by department: " + ", ".join(
        f"{pack.departments[code].name.zh} {n}" for code, n in by_dept.most_common() if code in pack.departments))
