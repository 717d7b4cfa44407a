"""Which department to see (NHC 诊疗科目 codes) and the panel summary.

Rules (ankang convention): any critical result or urgent finding -> 急诊医学科 (20) only, as the other
visits can wait until the urgent one is dealt with. Otherwise the departments of findings, then of
results that are moderately or markedly out of range or positive. When every reason is mild ->
全科医疗科 (02) for a routine review instead. Nothing abnormal -> no department.
"""

from __future__ import annotations

from collections.abc import Sequence

from ankang.engines.labs.types import DepartmentSuggestion, Finding, ResultInterpretation
from ankang.knowledge.labs import LabCatalog
from ankang.knowledge.text import Text

EMERGENCY = "20"
GENERAL_PRACTICE = "02"
_RANK = {"marked": 0, "moderate": 1, "mild": 2}
_KIND = {
    "anaemia": Text("血常规提示的贫血相关模式", "a blood-count pattern related to anaemia"),
    "liver": Text("肝功能化验模式", "a liver-test pattern"),
    "kidney": Text("肾功能化验模式", "a kidney-function pattern"),
    "lipids": Text("血脂异常", "abnormal blood lipids"),
    "glycaemia": Text("血糖相关结果", "blood-glucose results"),
    "thyroid": Text("甲状腺功能化验模式", "a thyroid-function pattern"),
}


def _name(catalog: LabCatalog, code: str) -> Text:
    return catalog.departments.get(code, Text(code, code))


def suggest_departments(results: Sequence[ResultInterpretation], findings: Sequence[Finding],
                        catalog: LabCatalog) -> tuple[DepartmentSuggestion, ...]:
    critical = [r for r in results if r.critical]
    urgent = [f for f in findings if f.urgent]
    if critical or urgent:
        what = ", ".join(dict.fromkeys([*(r.test_name.zh if r.test_name else r.name for r in critical),
                                        *(f.id for f in urgent)]))
        what_en = ", ".join(dict.fromkeys([*(r.test_name.en if r.test_name else r.name for r in critical),
                                           *(f.id for f in urgent)]))
        return (DepartmentSuggestion(
            code=EMERGENCY, name=_name(catalog, EMERGENCY), urgent=True,
            reason=Text(f"有结果达到危急值或需紧急处理（{what}），请立即联系医生或去急诊。",
                        f"Results at a critical level or needing urgent care ({what_en}); contact a doctor or "
                        "go to the emergency department now."),
        ),)
    picked: dict[str, tuple[int, Text]] = {}

    def add(code: str | None, rank: int, reason: Text) -> None:
        if not code:
            return
        if code not in picked or rank < picked[code][0]:
            picked[code] = (rank, reason)

    for f in sorted(findings, key=lambda f: _RANK[f.severity]):
        kind = _KIND.get(f.kind, Text(f.kind, f.kind))
        add(f.department, _RANK[f.severity], Text(f"{kind.zh}（{f.id}）", f"{kind.en} ({f.id})"))
    for r in results:
        if r.status == "positive" or (r.status in ("low", "high") and r.severity in ("moderate", "marked")):
            label = r.test_name or Text(r.name, r.name)
            add(r.department, _RANK.get(r.severity or "moderate", 1),
                Text(f"{label.zh}{'阳性' if r.status == 'positive' else '明显异常'}",
                     f"{label.en} {'positive' if r.status == 'positive' else 'clearly out of range'}"))
    mild_only = all(rank == _RANK["mild"] for rank, _ in picked.values())
    if mild_only and (picked or any(r.abnormal for r in results)):
        picked = {GENERAL_PRACTICE: (_RANK["mild"], Text(
            "仅有轻度异常，可在全科门诊或体检复诊时复查。",
            "Only mild changes: a routine review with a general practitioner."))}
    ordered = sorted(picked.items(), key=lambda kv: kv[1][0])
    return tuple(DepartmentSuggestion(code=code, name=_name(catalog, code), reason=reason)
                 for code, (_, reason) in ordered)


def summarise(results: Sequence[ResultInterpretation], findings: Sequence[Finding], critical: bool) -> Text:
    known = [r for r in results if r.test_id is not None]
    abnormal = [r for r in known if r.abnormal]
    unknown = len(results) - len(known)
    zh = f"共 {len(results)} 项结果，识别 {len(known)} 项，其中 {len(abnormal)} 项异常"
    en = f"{len(results)} results, {len(known)} recognised, {len(abnormal)} out of range"
    if findings:
        zh += f"，发现 {len(findings)} 个需关注的化验模式"
        en += f", {len(findings)} pattern(s) worth attention"
    if unknown:
        zh += f"，{unknown} 项未能识别"
        en += f", {unknown} not recognised"
    zh += "。"
    en += "."
    if critical:
        zh += "有结果达到危急值或需紧急处理：请立即联系医生或去急诊。"
        en += " Some results are at a critical level: contact a doctor or go to the emergency department now."
    elif not abnormal and not findings:
        zh += "已识别的结果均在参考范围内。"
        en += " All recognised results are within their reference ranges."
    return Text(zh, en)
