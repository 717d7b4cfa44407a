"""`ankang report FILE`: read a lab report (photo, PDF or text file) and print the table and explanation."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ankang.knowledge.text import Text

_T = {
    "table": Text("识别结果（请与原件核对）", "Results read (check them against the original)"),
    "head": Text("项目 | 结果 | 单位 | 提示 | 参考范围 | 判断", "Test | Result | Unit | Flag | Range | Reading"),
    "explain": Text("解读", "Explanation"),
    "dept": Text("建议科室", "Department"),
    "patient": Text("患者", "Patient"),
}
_STATUS = {"normal": Text("正常", "normal"), "low": Text("偏低", "low"), "high": Text("偏高", "high"),
           "positive": Text("阳性", "positive"), "unknown": Text("无法判断", "not judged")}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="read and explain a lab report / 化验单解读")
    p.add_argument("file", type=Path, help="photo (JPEG/PNG/HEIC), PDF or text file")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument("--sex", choices=["female", "male"], default=None)
    p.add_argument("--age", type=float, default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ankang.domains.reports import schemas as s
    from ankang.domains.reports.service import ReportService
    from ankang.errors import AnkangError

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        out = ReportService.default().from_file(data, s.PatientIn(sex=args.sex, age=args.age))
    except AnkangError as exc:
        print(exc.zh if args.lang == "zh" else exc.message, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(out.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return 0
    print_report(out, args.lang)
    return 0


def print_report(out: object, lang: str) -> None:
    from ankang.domains.reports.schemas import ReportOut

    assert isinstance(out, ReportOut)

    def t(x: Text | object) -> str:
        if isinstance(x, Text):
            return x.get(lang)
        return str(getattr(x, lang))

    p = out.patient
    print(f"{t(_T['patient'])}: {p.sex or '—'}, {p.age_years if p.age_years is not None else '—'}   "
          f"{out.specimen or ''} {out.report_date or ''}".rstrip())
    print(f"\n{t(_T['table'])}\n{t(_T['head'])}")
    for r in out.rows:
        name = t(r.test_name) if r.test_name else r.name
        ref = r.reference.text or ""
        mark = "!!" if r.critical else ""
        print(f"{name} | {r.value} | {r.unit or ''} | {r.flag or ''} | {ref} | {t(_STATUS[r.status])}{mark}")
    i = out.interpretation
    print(f"\n{t(_T['explain'])}: {t(i.summary)}")
    if i.urgent_advice:
        print(f"!! {t(i.urgent_advice)}")
    for r in out.rows:
        if r.status != "normal":
            print(f"- {t(r.explanation)}")
    for f in i.findings:
        print(f"* {t(f.text)}")
    for d in i.departments:
        print(f"{t(_T['dept'])}: {t(d.name)} — {t(d.reason)}")
    print(f"\n{t(i.disclaimer)}\n{t(out.ai.notice)}")
