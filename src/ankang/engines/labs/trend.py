"""Trend of one test against the person's earlier results (dates come in; no clock here).

Direction compares the current value with the most recent earlier one. Changes smaller than
`stable_within_pct` (default 10 %, an ankang convention: the true reference change value depends on each
analyte's analytical and biological variation) count as stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ankang.engines.labs.explain import fmt
from ankang.engines.labs.types import Direction, Movement, PastResult, RangeUsed, Trend
from ankang.engines.labs.units import convert_unit, resolve_test
from ankang.errors import InvalidInput
from ankang.knowledge.labs import LabCatalog
from ankang.knowledge.text import Text

DEFAULT_STABLE_PCT = 10.0  # ankang_convention

_MOVEMENT = {
    "within_range": Text("两次均在参考范围内", "both within the reference range"),
    "toward_range": Text("向参考范围靠近", "moving towards the reference range"),
    "away_from_range": Text("离参考范围更远", "moving further from the reference range"),
    "no_change": Text("离参考范围的距离没有变化", "no closer to the reference range"),
}
_DIRECTION = {"rising": Text("上升", "risen"), "falling": Text("下降", "fallen"), "stable": Text("基本稳定", "stable")}


def _outside(value: float, rng: RangeUsed) -> float:
    below = rng.low - value if rng.low is not None and value < rng.low else 0.0
    above = value - rng.high if rng.high is not None and value > rng.high else 0.0
    return max(below, above)


def compute_trend(test_id: str, current_value: float, current_on: date, history: Sequence[PastResult], *,
                  rng: RangeUsed | None = None, stable_within_pct: float = DEFAULT_STABLE_PCT,
                  catalog: LabCatalog | None = None) -> Trend | None:
    """Trend of `current_value` (canonical unit) against earlier results of the same test.

    Earlier results are converted to the canonical unit; an unknown unit there is a caller mistake
    (InvalidInput). Results on or after `current_on` are ignored. Returns None without earlier results.
    """
    if stable_within_pct < 0:
        raise InvalidInput(f"stable_within_pct must be ≥ 0, got {stable_within_pct!r}",
                           zh=f"稳定阈值须 ≥ 0，收到 {stable_within_pct!r}", expression="stable_within_pct")
    test = resolve_test(test_id, catalog)
    earlier: list[tuple[date, float]] = []
    for i, past in enumerate(history):
        if past.test_id != test.id:
            continue
        if not isinstance(past.taken_on, date):
            raise InvalidInput(f"history[{i}].taken_on must be a date", zh=f"history[{i}].taken_on 必须是日期",
                               expression=f"history[{i}].taken_on")
        if past.taken_on < current_on:
            earlier.append((past.taken_on, convert_unit(past.value, past.unit, test, catalog=catalog)))
    if not earlier:
        return None
    earlier.sort(key=lambda p: p[0])
    prev_on, prev = earlier[-1]
    pct = (current_value - prev) / abs(prev) * 100 if prev != 0 else None
    direction: Direction
    if pct is None:
        direction = "stable" if current_value == prev else ("rising" if current_value > prev else "falling")
    elif abs(pct) < stable_within_pct:
        direction = "stable"
    else:
        direction = "rising" if pct > 0 else "falling"
    movement: Movement | None = None
    if rng is not None and (rng.low is not None or rng.high is not None):
        before, now = _outside(prev, rng), _outside(current_value, rng)
        if before == 0 and now == 0:
            movement = "within_range"
        elif now < before:
            movement = "toward_range"
        elif now > before:
            movement = "away_from_range"
        else:
            movement = "no_change"
    unit = test.unit
    pct_txt = f"{pct:+.0f}%" if pct is not None else "—"
    zh = (f"{test.name.zh}与{prev_on.isoformat()}的 {fmt(prev)} {unit} 相比为 {fmt(current_value)} {unit}，"
          f"变化 {pct_txt}，{_DIRECTION[direction].zh}")
    en = (f"{test.name.en} is {fmt(current_value)} {unit} against {fmt(prev)} {unit} on {prev_on.isoformat()}: "
          f"{pct_txt}, {_DIRECTION[direction].en}")
    if movement is not None:
        zh += f"，{_MOVEMENT[movement].zh}"
        en += f", {_MOVEMENT[movement].en}"
    return Trend(
        test_id=test.id, direction=direction, percent_change=pct, previous_value=prev, previous_on=prev_on,
        current_value=current_value, current_on=current_on, unit=unit, movement=movement,
        points=(*earlier, (current_on, current_value)), text=Text(zh + "。", en + "."),
    )
