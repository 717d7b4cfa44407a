"""Printed test name -> catalogue test, returning None rather than guessing wrong.

Order of attempts: exact alias (report section first) -> bracket pairs such as "丙氨酸氨基转移酶(ALT)"
(all recognised parts must agree) -> specimen prefixes and "测定"-style suffixes -> a single-edit fuzzy
match that must be unique, must keep every digit and every short code (CA125 is never CA15, ApoB is
never ApoE) and only applies to names of 4+ characters (6+ for plain Latin names).
"""

from __future__ import annotations

import re

from ankang.engines.labs.units import to_canonical
from ankang.errors import InvalidInput
from ankang.knowledge.labs import LabCatalog, LabTest, load_lab_catalog
from ankang.knowledge.labs.keys import alias_key, clean, is_cjk
from ankang.knowledge.labs.model import CONTEXTS
from ankang.knowledge.labs.units import DIMENSIONS, unit_key

_ROW_NUMBER = re.compile(r"^\d{1,3}[.、)\s]+(?=\D)")
_DECORATION = "*★☆▲△▼●◆※"
_BRACKETS = re.compile(r"\(([^()]*)\)")
_SPECIMEN_WORDS: dict[str, str | None] = {
    "尿": "urine", "尿液": "urine", "urine": "urine", "u": "urine", "粪": "stool", "粪便": "stool",
    "便": "stool", "大便": "stool", "stool": "stool", "动脉血": "blood_gas", "动脉": "blood_gas",
    "血清": None, "血浆": None, "全血": None, "静脉血": None, "serum": None, "plasma": None, "血": None,
    "空腹": None,
}
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("尿液", "urine"), ("尿", "urine"), ("urine", "urine"), ("u-", "urine"), ("u_", "urine"),
    ("粪便", "stool"), ("大便", "stool"), ("粪", "stool"), ("便", "stool"),
    ("血清", None), ("血浆", None), ("全血", None), ("静脉血", None), ("serum", None), ("plasma", None),
)
_SUFFIXES = ("测定", "检测", "检查")
_SPECIMEN_CONTEXT = {"urine": "urine", "stool": "stool", "arterial_blood": "blood_gas"}


def normalise_test_name(printed: str, *, context: str | None = None,
                        catalog: LabCatalog | None = None) -> str | None:
    """The catalogue id for a printed name, or None when unknown or ambiguous.

    `context` is the report section the row sits in ("urine", "stool", "blood_gas"): under 尿常规 a bare
    "葡萄糖" is urine glucose and a bare "pH" is urine pH.
    """
    if context is not None and context not in CONTEXTS:
        raise InvalidInput(f"context must be one of {CONTEXTS} or None, got {context!r}",
                           zh=f"报告分区只能是 {CONTEXTS} 之一或空，收到 {context!r}", expression="context")
    cat = catalog or load_lab_catalog()
    text = _strip_decoration(clean(printed))
    if not alias_key(text):
        return None
    hit = _plain(cat, text, context)
    if hit is not None:
        return hit
    if "(" in text:
        resolved, outside = _brackets(cat, text, context)
        if resolved is not None:
            return resolved or None  # "" means the parts disagreed
        text = outside or text
    return _fuzzy(cat, alias_key(text), context)


def match_test(printed: str, *, unit: str | None = None, value_kind: str | None = None,
               context: str | None = None, catalog: LabCatalog | None = None) -> LabTest | None:
    """Like normalise_test_name, then pick among twins (tests printed under the same name) the one
    whose unit and value type fit: "红细胞" with "/HP" is the microscopy count, with "++" the dipstick."""
    cat = catalog or load_lab_catalog()
    test_id = normalise_test_name(printed, context=context, catalog=cat)
    if test_id is None:
        return None
    test = cat.by_id[test_id]
    return pick_twin(cat, test, unit=unit, value_kind=value_kind)


def pick_twin(cat: LabCatalog, test: LabTest, *, unit: str | None, value_kind: str | None) -> LabTest:
    candidates = [test, *(cat.by_id[t] for t in test.twins)]
    fitting = [t for t in candidates if _fits(t, unit, value_kind)]
    if test in fitting or len(fitting) != 1:
        return test
    return fitting[0]


def _fits(test: LabTest, unit: str | None, value_kind: str | None) -> bool:
    if value_kind == "ordinal":
        return test.kind == "ordinal"
    if value_kind == "number" and test.kind == "ordinal":
        return False
    if unit and unit_key(unit):
        return test.kind == "quantitative" and to_canonical(test, unit) is not None
    return True


def _strip_decoration(text: str) -> str:
    text = _ROW_NUMBER.sub("", text.strip())
    return text.strip(_DECORATION + "↑↓ ").strip()


def _lookup(cat: LabCatalog, key: str, context: str | None) -> str | None:
    if context is not None:
        hit = cat.context_index.get(context, {}).get(key)
        if hit is not None:
            return hit
    return cat.alias_index.get(key)


def _plain(cat: LabCatalog, text: str, context: str | None) -> str | None:
    """Exact alias, then without a 测定-style suffix, then without a specimen prefix."""
    hit = _lookup(cat, alias_key(text), context)
    if hit is not None:
        return hit
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            hit = _lookup(cat, alias_key(text[: -len(suffix)]), context)
            if hit is not None:
                return hit
    lowered = text.casefold()
    for prefix, ctx in _PREFIXES:
        if not lowered.startswith(prefix) or len(lowered) == len(prefix):
            continue
        rest = alias_key(text[len(prefix):])
        if ctx is None:
            hit = _lookup(cat, rest, context)
            if hit is not None and cat.by_id[hit].specimen not in ("urine", "stool"):
                return hit
        else:
            hit = cat.context_index.get(ctx, {}).get(rest) or cat.alias_index.get(rest)
            if hit is not None and _SPECIMEN_CONTEXT.get(cat.by_id[hit].specimen) == ctx:
                return hit
    return None


def _is_unit(part: str) -> bool:
    key = unit_key(part)
    return bool(key) and (key in DIMENSIONS or key in ("fl", "pg", "mm/h", "/hpf", "mg/g", "mosm/kg"))


def _test_keys(test: LabTest) -> set[str]:
    keys = {alias_key(a) for a in (*test.all_aliases, *test.paired_abbr)}
    keys |= {alias_key(a) for aliases in test.context_aliases.values() for a in aliases}
    return keys


def _brackets(cat: LabCatalog, text: str, context: str | None) -> tuple[str | None, str]:
    """Resolve "name(abbr)" pairs. Returns (id, outside) on success, ("", outside) on a conflict and
    (None, outside) when nothing in the brackets helped."""
    outside = _BRACKETS.sub(" ", text).strip()
    ctx = context
    parts: list[str] = []
    for inner in _BRACKETS.findall(text):
        key = alias_key(inner)
        if not key or _is_unit(inner):
            continue
        if key in _SPECIMEN_WORDS:
            ctx = _SPECIMEN_WORDS[key] or ctx
            continue
        parts.append(key)
    out_id = _plain(cat, outside, ctx) if outside else None
    out_test = cat.by_id[out_id] if out_id else None
    inner_ctx = _SPECIMEN_CONTEXT.get(out_test.specimen, ctx) if out_test else ctx
    found: set[str] = {out_id} if out_id else set()
    own = _test_keys(out_test) if out_test else set()
    for key in parts:
        if key in own:
            continue
        hit = _lookup(cat, key, inner_ctx)
        if hit is not None:
            found.add(hit)
    if len(found) == 1:
        return found.pop(), outside
    if len(found) > 1:
        return "", outside
    return None, outside


def _short_codes(key: str) -> tuple[list[str], list[str]]:
    return re.findall(r"\d+", key), [t for t in re.findall(r"[a-zα-ωγβ]+", key) if len(t) <= 3]


def _within_one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _fuzzy(cat: LabCatalog, key: str, context: str | None) -> str | None:
    cjk = sum(is_cjk(ch) for ch in key)
    if (cjk and len(key) < 4) or (not cjk and len(key) < 6):
        return None
    pool = dict(cat.alias_index)
    if context is not None:
        pool.update(cat.context_index.get(context, {}))
    codes = _short_codes(key)
    found = {tid for alias, tid in pool.items() if _within_one_edit(key, alias) and _short_codes(alias) == codes}
    return found.pop() if len(found) == 1 else None
