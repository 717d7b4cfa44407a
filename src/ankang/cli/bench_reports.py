"""`ankang bench reports`: the generated report corpus through the whole pipeline (table and --json)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(bench: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = bench.add_parser("reports", help="report reading on a generated corpus (clean and photographed)")
    p.add_argument("--clean", type=int, default=20, help="clean rendered pages")
    p.add_argument("--distorted", type=int, default=20, help="photographed-style pages")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--save-dir", type=Path, default=None, help="also write the pages and their ground truth here")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON only")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from ankang.bench.reports import run
    from ankang.domains.reports.service import ReportService

    result = run(ReportService.default(), clean=args.clean, distorted=args.distorted, seed=args.seed,
                 save_dir=args.save_dir, progress=not args.json)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print_table(result)
    return 0


def print_table(r: dict[str, Any]) -> None:
    def f(v: float | None) -> str:
        return "—" if v is None else f"{v:.3f}"

    print(f"\n报告识别基准 / report reading benchmark (seed {r['seed']})")
    print(f"{'set':<11}{'pages':>6}{'rows':>6}{'value acc':>10}{'precision':>10}{'recall':>8}"
          f"{'patient':>9}{'critical':>10}{'s/page':>8}{'p90 s':>7}")
    for name in ("clean", "distorted"):
        if name not in r:
            continue
        x = r[name]
        print(f"{name:<11}{x['pages']:>6}{x['rows']:>6}{f(x['value_accuracy']):>10}{f(x['precision']):>10}"
              f"{f(x['recall']):>8}{f(x['patient_details_accuracy']):>9}"
              f"{str(x['critical_flagged']) + '/' + str(x['critical_rows']):>10}"
              f"{f(x['seconds_per_page_mean']):>8}{f(x['seconds_per_page_p90']):>7}")
    print("\nfield-level precision / recall:")
    for name in ("clean", "distorted"):
        if name in r:
            cells = "  ".join(f"{k} {f(v['precision'])}/{f(v['recall'])}" for k, v in r[name]["fields"].items())
            print(f"  {name:<10} {cells}")
    if r.get("misses"):
        print("\nvalues not read correctly (first few):")
        for m in r["misses"][:10]:
            print(f"  {m}")
