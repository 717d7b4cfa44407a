"""Plain-language wording (zh first, en second) for results, with the source ids they rest on."""

from __future__ import annotations

from collections.abc import Iterable

from ankang.engines.labs.types import RangeUsed, Severity, Status
from ankang.knowledge.text import Text

_STATUS = {
    "normal": Text("在参考范围内", "within the reference range"),
    "low": Text("低于参考范围", "below the reference range"),
    "high": Text("高于参考范围", "above the reference range"),
    "positive": Text("阳性（异常）", "positive (abnormal)"),
    "unknown": Text("无法判断是否异常", "cannot be judged"),
}
_SEVERITY = {
    "mild": Text("轻度偏离", "slightly out of range"),
    "moderate": Text("中度偏离", "moderately out of range"),
    "marked": Text("明显偏离", "markedly out of range"),
}
_ORIGIN = {
    "report": Text("报告单提供", "as printed on the report"),
    "catalogue": Text("国家/教科书参考区间", "national or textbook interval"),
    "none": Text("无参考范围", "no range available"),
}


def fmt(value: float | None) -> str:
    """Short human number: up to 4 significant digits, no exponent, no trailing zeros."""
    if value is None:
        return "—"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:.0f}"
    text = f"{value:.4g}"
    if "e" in text:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text


def range_text(rng: RangeUsed) -> Text:
    unit = f" {rng.unit}" if rng.unit else ""
    if rng.low is not None and rng.high is not None:
        body = f"{fmt(rng.low)}–{fmt(rng.high)}{unit}"
        return Text(body, body)
    if rng.high is not None:
        return Text(f"≤{fmt(rng.high)}{unit}", f"≤{fmt(rng.high)}{unit}")
    if rng.low is not None:
        return Text(f"≥{fmt(rng.low)}{unit}", f"≥{fmt(rng.low)}{unit}")
    return _ORIGIN["none"]


def cite(sources: Iterable[str]) -> Text:
    ids = ", ".join(dict.fromkeys(s for s in sources if s))
    return Text(f"来源：{ids}", f"Sources: {ids}") if ids else Text("", "")


def join(*parts: Text) -> Text:
    zh = "".join(p.zh for p in parts if p.zh)
    en = " ".join(p.en for p in parts if p.en)
    return Text(zh, en)


def explain_result(*, name: Text, value_text: str, printed_unit: str | None, unit: str, value: float | None,
                   converted: bool, status: Status, severity: Severity | None, rng: RangeUsed,
                   meaning: Text | None, critical: bool, sources: Iterable[str],
                   notes: Iterable[Text] = ()) -> Text:
    shown_unit = printed_unit if printed_unit else unit
    unit_part = f" {shown_unit}" if shown_unit and value_text and value_text[-1].isdigit() else ""
    zh = f"{name.zh}：{value_text}{unit_part}"
    en = f"{name.en}: {value_text}{unit_part}"
    if converted and value is not None:
        zh += f"（折合 {fmt(value)} {unit}）"
        en += f" (= {fmt(value)} {unit})"
    zh += f"，{_STATUS[status].zh}"
    en += f", {_STATUS[status].en}"
    if rng.origin != "none":
        zh += f"（参考范围 {range_text(rng).zh}，{_ORIGIN[rng.origin].zh}）"
        en += f" (range {range_text(rng).en}, {_ORIGIN[rng.origin].en})"
    head = Text(zh + "。", en + ".")
    parts = [head]
    if severity is not None and status in ("low", "high"):
        parts.append(Text(f"{_SEVERITY[severity].zh}。", f"{_SEVERITY[severity].en.capitalize()}."))
    if meaning is not None and status in ("low", "high", "positive"):
        parts.append(Text(meaning.zh, meaning.en))
    if critical:
        parts.append(Text("该结果达到危急值界限，请立即联系医生或去急诊。",
                          "This result is at a critical level: contact a doctor or go to the emergency "
                          "department now."))
    parts.extend(notes)
    parts.append(cite(sources))
    return join(*parts)
