"""`ankang kb check`: validate the interview pack and print coverage counts."""

from __future__ import annotations

import csv
from pathlib import Path

from ankang.knowledge.interview import check_pack


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
    if problems:
        print(f"\n{len(problems)} 个问题 / problem(s):")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("\n✓ 知识库检查通过 / pack is valid")
    return 0
