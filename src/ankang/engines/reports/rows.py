"""One report line → result rows. A line may hold one result or two side by side.

A row is: [row number] name tokens, a value, then flags, units and reference-range pieces in any
order. The name is the token run before the value; when a number could belong to the name
("CA 125 12.3"), the longer name wins if the catalogue knows it. A row is kept when its name is in
the catalogue, or when it carries a unit or a reference range (then it is reported, unrecognised).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankang.engines.labs import match_test, parse_reference_range
from ankang.engines.reports import tokens as tk
from ankang.engines.reports.types import ReportRow
from ankang.knowledge.labs import LabCatalog, LabTest

MAX_NAME_TOKENS = 8
_DECORATION = "*★☆▲△▼●◆※#"


def parse_line(tokens: Sequence[str], *, context: str | None = None, line: int = 0, ocr: bool = False,
               catalog: LabCatalog | None = None) -> list[ReportRow]:
    rows: list[ReportRow] = []
    rest = list(tokens)
    while rest:
        row, used = _one_row(rest, context=context, line=line, ocr=ocr, catalog=catalog)
        if used == 0:
            break
        if row is not None:
            rows.append(row)
        rest = rest[used:]
    return rows


def _value_positions(toks: Sequence[str]) -> list[int]:
    out = []
    for j, tok in enumerate(toks[: MAX_NAME_TOKENS + 1]):
        if j >= 1 and tk.value_kind(tok) != "text":
            out.append(j)
    return out


_GREEK_LEAD = re.compile(r"^[YyrVaAB]\s*[-－]\s*")  # γ- α- β- as OCR reads them: "Y-GT", "a-淀粉酶"
_ZERO_IN_CODE = re.compile(r"(?<=[A-Z])0|0(?=[A-Z])")  # "E0%" → "EO%"
_A1C = re.compile(r"A[lI|]c")  # "HbAlc" → "HbA1c"


def ocr_variants(text: str) -> list[str]:
    """Spellings to retry when OCR misread a Greek prefix or confused 0/O and 1/l in a code."""
    out = []
    if _GREEK_LEAD.match(text):
        rest = _GREEK_LEAD.sub("", text)
        out += [f"{g}-{rest}" for g in ("γ", "α", "β")] + [rest]
    for pattern, repl in ((_ZERO_IN_CODE, "O"), (_A1C, "A1c")):
        fixed = pattern.sub(repl, text)
        if fixed != text:
            out.append(fixed)
    return out


def _resolve(name_tokens: Sequence[str], *, unit: str | None, kind: str | None, context: str | None,
             catalog: LabCatalog | None, ocr: bool = False) -> LabTest | None:
    """The catalogue test for a printed name: whole name first, then every part, which must agree;
    for OCR text, then common misreadings (which must all point at one test)."""
    joined = " ".join(name_tokens)
    for text in (joined, "".join(name_tokens)):
        test = match_test(text, unit=unit, value_kind=kind, context=context, catalog=catalog)
        if test is not None:
            return test
    if ocr:
        hits = {t.id: t for v in ocr_variants(joined)
                if (t := match_test(v, unit=unit, value_kind=kind, context=context, catalog=catalog)) is not None}
        if len(hits) == 1:
            return next(iter(hits.values()))
    if len(name_tokens) < 2:
        return None
    found: dict[str, LabTest] = {}
    for tok in name_tokens:
        test = match_test(tok, unit=unit, value_kind=kind, context=context, catalog=catalog)
        if test is not None:
            found[test.id] = test
    return next(iter(found.values())) if len(found) == 1 else None


def _strip_lead(toks: Sequence[str]) -> int:
    """How many leading tokens are row numbers or decorations."""
    i = 0
    while i < len(toks) - 2 and (tk.is_row_number(toks[i]) or toks[i].strip(_DECORATION) == ""):
        i += 1
    return i


def _one_row(toks: Sequence[str], *, context: str | None, line: int, ocr: bool,
             catalog: LabCatalog | None) -> tuple[ReportRow | None, int]:
    lead = _strip_lead(toks)
    body = list(toks[lead:])
    body = [t.lstrip(_DECORATION) or t for t in body[:1]] + body[1:]
    positions = _value_positions(body)
    if not positions:
        return None, len(toks)
    j = positions[0]
    if not all(tk.is_name_like(t) for t in body[:j]):
        return None, lead + j + 1  # no name before this value: skip past it
    if len(positions) > 1 and positions[1] == j + 1:
        short = _resolve(body[:j], unit=None, kind=None, context=context, catalog=catalog, ocr=ocr)
        longer = _resolve(body[: j + 1], unit=None, kind=None, context=context, catalog=catalog, ocr=ocr)
        if longer is not None and (short is None or short.id != longer.id):
            j += 1
    value, flag = tk.split_value_flag(body[j])
    flag = tk.normal_flag(flag, ocr=ocr) if flag else None
    unit: str | None = None
    ref_parts: list[str] = []
    k = j + 1
    ordinal = tk.value_kind(value) == "ordinal"
    while k < len(body):
        tok = body[k]
        kind = tk.classify(tok, ocr=ocr)
        if kind == "flag" and flag is None:
            flag = tk.normal_flag(tok, ocr=ocr)
        elif kind == "unit" and unit is None:
            unit = tok
        elif kind in ("range", "sep"):
            ref_parts.append(tok)
        elif kind == "value" and ordinal and not ref_parts and tok not in ("+", "-"):
            ref_parts.append(tok)  # qualitative reference such as "阴性"
        elif kind == "value" and _is_number(tok) and (not ref_parts or _continues_range(ref_parts, tok)):
            ref_parts.append(tok)
        elif _next_row_follows(body, k):
            break  # a second result on the same line
        k += 1
    if len(ref_parts) == 1 and _is_number(ref_parts[0]):
        ref_parts = []  # a lone number is not a range
    name_tokens = body[:j]
    name = " ".join(name_tokens)
    kind_v = tk.value_kind(value)
    test = _resolve(name_tokens, unit=unit, kind=kind_v, context=context, catalog=catalog, ocr=ocr)
    ref_text = _join_range(ref_parts)
    if test is None and unit is None and not ref_text:
        return None, lead + k
    low, high = parse_reference_range(ref_text) if ref_text else (None, None)
    return ReportRow(
        name=name, value=value, unit=unit, flag=flag, ref_text=ref_text or None, ref_low=low, ref_high=high,
        test_id=test.id if test else None, context=context, line=line,
    ), lead + k


def _continues_range(parts: Sequence[str], tok: str) -> bool:
    """A bare number joins the range when it follows a low bound or a separator ("3.5", "-", "9.5")."""
    return bool(parts) and (parts[-1] in ("-", "~", "～", "—", "–", "－", "至", "到", "--") or
                            parts[-1].endswith(("-", "~")) or (len(parts) == 1 and _is_number(parts[0])))


def _is_number(tok: str) -> bool:
    return bool(re.fullmatch(r"[-+]?\d+(?:\.\d+)?", tok))


def _next_row_follows(body: Sequence[str], k: int) -> bool:
    """Does a name followed by a value start at k (a second result on the same line)?"""
    if not tk.is_name_like(body[k]):
        return False
    for t in body[k + 1: k + 1 + MAX_NAME_TOKENS]:
        kind = tk.value_kind(t)
        if kind != "text":
            return True
        if not tk.is_name_like(t):
            return False
    return False


def _join_range(parts: Sequence[str]) -> str:
    text = " ".join(parts)
    text = re.sub(r"(\d)\s+(?=\d)", r"\1-", text)
    return text.replace(" ", "")
