"""Deterministic emergency screening and the five-level triage.

Rules fire on what the person has said (present evidence) and their age and sex; a fired
emergency rule decides the level on its own. Otherwise the level follows the probability
mass of conditions at or above each urgency: urgent levels need less mass, because
under-triage is the worst error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ankang.engines.interview.types import Triage
from ankang.knowledge.interview.model import (
    EMERGENCY_LEVELS,
    TRIAGE_LEVELS,
    TriageRule,
    urgency_rank,
)
from ankang.knowledge.text import Text

# Minimum posterior mass of conditions whose usual urgency is at least this level: urgent levels need
# less (under-triage is the worst error); "see a doctor" needs half the mass, else self-care advice.
MASS_THRESHOLD = {"emergency_ambulance": 0.5, "emergency": 0.5, "consultation_24": 0.35, "consultation": 0.5}

_FROM_CONDITIONS = {
    "emergency_ambulance": Text("可能是需要立即急救的情况", "This may be a condition that needs emergency care"),
    "emergency": Text("可能是需要立即急诊处理的情况", "This may be a condition that needs the emergency department"),
    "consultation_24": Text("可能的情况需要在24小时内就医", "The likely conditions need a doctor within 24 hours"),
    "consultation": Text("可能的情况需要就医明确", "The likely conditions need a doctor's assessment"),
    "self_care": Text("目前情况可先居家观察和自我护理", "This can be looked after at home for now"),
}


def rule_fires(rule: TriageRule, present: frozenset[str], age: float | None, sex: str | None) -> bool:
    return (
        rule.applies_to(age, sex)
        and all(e in present for e in rule.all)
        and (not rule.any or any(e in present for e in rule.any))
        and not any(e in present for e in rule.none)
    )


class RuleSet:
    """The pack's triage rules, indexed by evidence so a step only looks at rules it can touch."""

    def __init__(self, rules: Sequence[TriageRule]) -> None:
        self.rules = tuple(rules)
        by_key: dict[str, list[int]] = defaultdict(list)
        by_red_flag: dict[str, list[int]] = defaultdict(list)
        for i, rule in enumerate(self.rules):
            by_key[rule.all[0]].append(i)  # a rule can fire only if its first `all` evidence is present
            if rule.level in EMERGENCY_LEVELS:
                for e in rule.all:
                    by_red_flag[e].append(i)
        self._by_key = {e: tuple(ix) for e, ix in by_key.items()}
        self._by_red_flag = {e: tuple(ix) for e, ix in by_red_flag.items()}
        self._order = {i: (urgency_rank(r.level), i) for i, r in enumerate(self.rules)}

    def fired(self, present: frozenset[str], age: float | None, sex: str | None) -> list[TriageRule]:
        candidates = sorted({i for e in present for i in self._by_key.get(e, ())})
        return [self.rules[i] for i in candidates if rule_fires(self.rules[i], present, age, sex)]

    def open_red_flags(self, answers: Mapping[str, str], age: float | None, sex: str | None) -> list[str]:
        """Unanswered evidences that could complete an emergency rule already partly present, most urgent first."""
        present = {e for e, c in answers.items() if c == "present"}
        touched = {i for e in present for i in self._by_red_flag.get(e, ())}
        wanted: list[str] = []
        for i in sorted(touched, key=self._order.__getitem__):
            rule = self.rules[i]
            if not rule.applies_to(age, sex) or any(answers.get(e) == "absent" for e in rule.all):
                continue
            if any(e in present for e in rule.none) or (rule.any and all(answers.get(e) == "absent" for e in rule.any)):
                continue
            wanted += [e for e in (*rule.all, *rule.any) if e not in answers and e not in wanted]
        return wanted


def decide(
    rules: RuleSet,
    present: frozenset[str],
    age: float | None,
    sex: str | None,
    mass: Mapping[str, float],
) -> Triage:
    """`mass`: posterior probability of the conditions whose usual urgency is each level."""
    fired = rules.fired(present, age, sex)
    rule_level = min((urgency_rank(r.level) for r in fired), default=len(TRIAGE_LEVELS) - 1)
    cumulative, cond_level = 0.0, len(TRIAGE_LEVELS) - 1
    for i, level in enumerate(TRIAGE_LEVELS[:-1]):
        cumulative += mass.get(level, 0.0)
        if cumulative >= MASS_THRESHOLD[level]:
            cond_level = i
            break
    level = TRIAGE_LEVELS[min(rule_level, cond_level)]
    reasons = [r.reason for r in sorted(fired, key=lambda r: urgency_rank(r.level))]
    if cond_level <= rule_level:
        reasons.append(_FROM_CONDITIONS[TRIAGE_LEVELS[cond_level]])
    serious = sorted({e for r in fired if urgency_rank(r.level) <= 2 for e in r.all + r.any if e in present})
    return Triage(
        level=level,
        emergency=level in EMERGENCY_LEVELS,
        reasons=tuple(reasons),
        serious=tuple(serious),
        rules=tuple(r.id for r in fired),
    )
