"""Triage on free-text vignettes: the level each text reaches from the person's own words.

Used by the safety test suite (tests/safety) and by `ankang bench triage` on a held-out set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ankang.domains.interview import schemas as s
from ankang.domains.interview.service import InterviewService
from ankang.knowledge.interview.model import EMERGENCY_LEVELS, TRIAGE_LEVELS

UNRECOGNISED = "unrecognised"  # no symptom found: the product asks the person to say it another way
COLUMNS = (*TRIAGE_LEVELS, UNRECOGNISED)
NOT_ED = frozenset({"self_care", "consultation", UNRECOGNISED})


@dataclass(frozen=True)
class Outcome:
    id: str
    text: str
    level: str


def load_vignettes(path: Path) -> list[dict[str, str]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"])


def triage_text(service: InterviewService, text: str) -> str:
    parsed = service.parse(s.ParseIn(text=text))
    if not any(e.choice == "present" for e in parsed.evidence):
        return UNRECOGNISED
    evidence = [s.EvidenceIn(id=e.id, choice=e.choice) for e in parsed.evidence]
    return service.triage(s.InterviewIn(age=parsed.age, sex=parsed.sex, evidence=evidence)).triage.level


def run(service: InterviewService, vignettes: Iterable[Mapping[str, str]]) -> list[Outcome]:
    return [Outcome(v["id"], v["text"], triage_text(service, v["text"])) for v in vignettes]


def summary(emergency: list[Outcome], self_care: list[Outcome]) -> dict[str, object]:
    return {
        "emergency_reached": sum(o.level in EMERGENCY_LEVELS for o in emergency) / max(len(emergency), 1),
        "self_care_kept_out_of_ed": sum(o.level in NOT_ED for o in self_care) / max(len(self_care), 1),
        "matrix": {
            "emergency": dict(Counter(o.level for o in emergency)),
            "self_care": dict(Counter(o.level for o in self_care)),
        },
        "missed_emergencies": [f"{o.id} → {o.level}" for o in emergency if o.level not in EMERGENCY_LEVELS],
        "self_care_sent_to_ed": [f"{o.id} → {o.level}" for o in self_care if o.level in EMERGENCY_LEVELS],
    }


def matrix_table(rows: Mapping[str, list[Outcome]]) -> str:
    lines = [f"{'':<12}" + "".join(f"{c:>21}" for c in COLUMNS)]
    for kind, outcomes in rows.items():
        counts = Counter(o.level for o in outcomes)
        lines.append(f"{kind:<12}" + "".join(f"{counts[c]:>21}" for c in COLUMNS))
    return "\n".join(lines)
