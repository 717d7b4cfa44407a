"""`ankang interview`: an interactive symptom interview in the terminal (Chinese by default)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from ankang.knowledge.text import Text

if TYPE_CHECKING:
    from ankang.domains.interview.schemas import EvidenceIn, QuestionOut, StepOut

Ask = Callable[[str], str]
Out = Callable[[str], None]

_T = {
    "intro": Text("安康AI问诊（AI生成内容，仅供参考，不能替代医生）。请用自己的话描述哪里不舒服：",
                  "ankang AI symptom check (AI generated, not a doctor). Describe what is wrong in your own words:"),
    "age": Text("请问患者年龄（岁）？", "Age of the person (years)?"),
    "sex": Text("性别：1 女  2 男", "Sex: 1 female  2 male"),
    "answers": Text("  1 是   2 否   3 不知道", "  1 yes   2 no   3 don't know"),
    "pick": Text("  请输入序号（0 不知道）：", "  Enter a number (0 = don't know): "),
    "bad": Text("没看懂，请按提示输入。", "Sorry, please answer as shown."),
    "none": Text("没有识别到具体症状，请换种说法，例如“发烧两天，咳嗽”。",
                 "No symptom recognised. Try e.g. 'fever for two days and a cough'."),
    "result": Text("问诊结果", "Result"),
    "level": Text("紧急程度", "Urgency"),
    "dept": Text("建议科室", "Department"),
    "likely": Text("可能的情况（仅供参考）", "Possible conditions (for reference only)"),
    "why": Text("原因", "Why"),
}
LEVELS = {
    "emergency_ambulance": Text("立即拨打120", "Call 120 now"),
    "emergency": Text("立即去急诊", "Go to the emergency department now"),
    "consultation_24": Text("24小时内就医", "See a doctor within 24 hours"),
    "consultation": Text("建议就医", "See a doctor"),
    "self_care": Text("可居家自我护理", "Self-care at home"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("interview", help="interactive symptom interview / 终端问诊")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(func=lambda a: run(a.lang))


def run(lang: str, ask: Ask = input, out: Out = print) -> int:
    from ankang.domains.interview import schemas as s
    from ankang.domains.interview.service import InterviewService
    from ankang.errors import InvalidInput
    from ankang.knowledge.interview import load_pack

    service = InterviewService.from_pack(load_pack())
    t = {k: v.get(lang) for k, v in _T.items()}
    try:
        out(t["intro"])
        parsed = None
        while parsed is None or not parsed.evidence:
            if parsed is not None:
                out(t["none"])
            try:
                parsed = service.parse(s.ParseIn(text=ask("> ")))
            except InvalidInput as exc:
                out(exc.zh if lang == "zh" else exc.message)
        age = parsed.age if parsed.age is not None else _number(ask, out, t["age"] + " ", t["bad"])
        sex = parsed.sex or ("female" if _choice(ask, out, t["sex"] + "\n> ", 2, t["bad"]) == 1 else "male")
        evidence = [s.EvidenceIn(id=e.id, choice=e.choice, source="initial") for e in parsed.evidence]
        while True:
            step = service.next(s.InterviewIn(age=age, sex=sex, evidence=evidence))
            if step.should_stop or step.question is None:
                break
            evidence += _ask(step.question, lang, ask, out, t)
    except (EOFError, KeyboardInterrupt):
        out("")
        return 130
    _card(step, lang, out, t)
    return 0


def _ask(question: QuestionOut, lang: str, ask: Ask, out: Out, t: dict[str, str]) -> list[EvidenceIn]:
    from ankang.domains.interview.schemas import EvidenceIn

    source: Literal["red_flag", "question"] = "red_flag" if question.red_flag else "question"
    out("\n" + getattr(question.text, lang))
    if question.type == "single":
        out(t["answers"])
        n = _choice(ask, out, "> ", 3, t["bad"])
        return [EvidenceIn(id=question.id, choice=("present", "absent", "unknown")[n - 1], source=source)]
    for i, item in enumerate(question.items, 1):
        out(f"  {i} {getattr(item.name, lang)}")
    n = _choice(ask, out, t["pick"], len(question.items), t["bad"], allow_zero=True)
    if n == 0:
        return [EvidenceIn(id=item.id, choice="unknown", source=source) for item in question.items]
    return [EvidenceIn(id=question.items[n - 1].id, choice="present", source=source)]


def _choice(ask: Ask, out: Out, prompt: str, top: int, bad: str, allow_zero: bool = False) -> int:
    while True:
        raw = ask(prompt).strip()
        if raw.isdigit() and (0 if allow_zero else 1) <= int(raw) <= top:
            return int(raw)
        out(bad)


def _number(ask: Ask, out: Out, prompt: str, bad: str) -> float:
    while True:
        raw = ask(prompt).strip()
        try:
            value = float(raw)
        except ValueError:
            value = -1
        if 0 <= value <= 130:
            return value
        out(bad)


def _card(step: StepOut, lang: str, out: Out, t: dict[str, str]) -> None:
    line = "═" * 44
    level = LEVELS[step.triage.level].get(lang)
    out(f"\n{line}\n {t['result']}\n{line}")
    out(f" {t['level']}: {'🚨 ' if step.triage.emergency else ''}{level}")
    out(f" {t['dept']}: {getattr(step.department.name, lang)} — {getattr(step.department.advice, lang)}")
    for reason in step.triage.reasons:
        out(f" {t['why']}: {getattr(reason, lang)}")
    if not step.triage.emergency:
        out(f" {t['likely']}:")
        for c in step.conditions[:3]:
            out(f"   · {getattr(c.name, lang)}  {c.probability:.0%}")
    out(f"{line}\n {getattr(step.ai.notice, lang)}")
    cited = "; ".join(src.title for src in step.sources[:3])
    if cited:
        out(f" 依据 / Sources: {cited}")
    sys.stdout.flush()
