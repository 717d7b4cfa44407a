"""`ankang` command line: serve, interview, kb check, bench."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _kb_check(args: argparse.Namespace) -> int:
    from ankang.cli.kb import run_check

    return run_check(args.pack_dir, args.reference_dir)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ankang", description="ankang (安康) AI health butler")
    sub = parser.add_subparsers(dest="command", required=True)

    kb = sub.add_parser("kb", help="knowledge pack tools / 知识库工具").add_subparsers(dest="kb_command", required=True)
    check = kb.add_parser("check", help="validate the interview knowledge pack and print coverage")
    check.add_argument("--pack-dir", type=Path, default=None, help="pack folder (default: the shipped pack)")
    check.add_argument("--reference-dir", type=Path, default=None,
                       help="folder with icd10_cn/disease.csv to check ICD-10 codes against (optional)")
    check.set_defaults(func=_kb_check)

    from ankang.cli import bench, interview, serve

    serve.register(sub)
    interview.register(sub)
    bench.register(sub)
    from ankang.cli import audit

    audit.register(sub)  # audit verify, accounts purge
    from ankang.cli import report

    report.register(sub)  # ankang report FILE
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
