"""`ankang bench …`: benchmark commands that print a table (and JSON with --json)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bench = sub.add_parser("bench", help="benchmarks / 基准测试").add_subparsers(dest="bench_command", required=True)
    iv = bench.add_parser("interview", help="interview engine on public datasets or the starter pack")
    iv.add_argument("--dataset", required=True,
                    choices=["dxy", "mz4", "mz4-710", "mz10", "symcat", "ddxplus", "pack"],
                    help="public dataset, or `pack`: synthetic patients from the starter pack (latency)")
    iv.add_argument("--data-dir", type=Path, default=Path("../shared/benchmarks/interview"))
    iv.add_argument("--json", action="store_true", help="print machine-readable JSON only")
    iv.add_argument("--seed", type=int, default=0)
    iv.add_argument("--cases", type=int, default=2000, help="synthetic patients for --dataset pack")
    iv.set_defaults(func=_interview)

    tr = bench.add_parser("triage", help="triage reached from free-text vignettes (a held-out set)")
    tr.add_argument("--vignettes", type=Path, default=Path("benchmarks/triage_holdout"),
                    help="folder with emergency.yaml and self_care.yaml")
    tr.add_argument("--json", action="store_true")
    tr.set_defaults(func=_triage)
    from ankang.cli import bench_reports

    bench_reports.register(bench)  # ankang bench reports


def _interview(args: argparse.Namespace) -> int:
    from ankang.bench import interview as bi
    from ankang.bench.datasets import load_dataset
    from ankang.knowledge.interview import load_pack

    if args.dataset == "pack":
        pack = load_pack()
        engine = bi.InterviewEngine(pack).fit()
        result = bi.evaluate(engine, bi.synthetic_cases(pack, args.cases, seed=args.seed), timed=True,
                             progress="模拟问诊 / interviewing")
        settings: dict[str, Any] = {"pack_version": pack.version, **pack.counts}
        chosen = None
    else:
        train, test = load_dataset(args.dataset, args.data_dir)
        data = bi.data_pack()
        settings, chosen = bi.choose_settings(data, train, bi.TURN_BUDGET.get(args.dataset), seed=args.seed)
        engine = bi.make_engine(data, settings).fit(c.as_training_case() for c in train)
        result = bi.evaluate(engine, test, timed=True, progress="测试集问诊 / interviewing test split")
    report = {
        "dataset": args.dataset,
        "cases": result.cases,
        "top1": round(result.top1, 4),
        "top3": round(result.top3, 4),
        "implicit_recall": round(result.recall, 4),
        "avg_turns": round(result.turns, 2),
        **{k: round(v, 4) for k, v in result.latency().items()},
        "settings": settings,
        "train_slice": None if chosen is None else
        {"top1": round(chosen.top1, 4), "avg_turns": round(chosen.turns, 2), "cases": chosen.cases},
        "anchors": bi.ANCHORS.get(args.dataset, {}),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _print_table(report)
    return 0


def _triage(args: argparse.Namespace) -> int:
    from ankang.bench import triage as vt
    from ankang.domains.interview.service import InterviewService
    from ankang.knowledge.interview import load_pack

    service = InterviewService.from_pack(load_pack())
    rows = {kind: vt.run(service, vt.load_vignettes(args.vignettes / f"{kind}.yaml"))
            for kind in ("emergency", "self_care")}
    report = vt.summary(rows["emergency"], rows["self_care"])
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"\n分诊基准 / triage benchmark: {args.vignettes}")
    print(vt.matrix_table(rows))
    print(f"\nemergency reached: {report['emergency_reached']:.1%}   "
          f"self-care kept out of ED: {report['self_care_kept_out_of_ed']:.1%}")
    for line in report["missed_emergencies"]:  # type: ignore[attr-defined]
        print(f"  missed: {line}")
    return 0


def _print_table(r: dict[str, Any]) -> None:
    def fmt(v: float | None, spec: str) -> str:
        return "—" if v is None else format(v, spec)

    print(f"\n问诊基准 / interview benchmark: {r['dataset']}  ({r['cases']} test cases)")
    print(f"{'model':<28}{'top-1':>8}{'top-3':>8}{'recall':>8}{'turns':>8}")
    print(f"{'ankang':<28}{r['top1']:>8.3f}{r['top3']:>8.3f}{r['implicit_recall']:>8.3f}{r['avg_turns']:>8.2f}")
    for name, (acc, rec, turns) in r["anchors"].items():
        print(f"{name:<28}{fmt(acc, '.3f'):>8}{'':>8}{fmt(rec, '.3f'):>8}{fmt(turns, '.2f'):>8}")
    print(f"\nstep latency / 单步耗时: wall p50 {r['p50_ms']:.3f} ms, p99 {r['p99_ms']:.3f} ms; "
          f"CPU p50 {r['cpu_p50_ms']:.3f} ms, p99 {r['cpu_p99_ms']:.3f} ms")
    if r["train_slice"]:
        s = r["train_slice"]
        print(f"settings chosen on a held-out slice of the training split ({s['cases']} cases: "
              f"top-1 {s['top1']:.3f}, {s['avg_turns']:.2f} turns): {r['settings']}")
