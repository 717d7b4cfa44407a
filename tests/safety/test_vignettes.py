"""Safety suite: free-text vignettes written independently of the rules.

Every emergency vignette must reach an emergency level from the person's own words;
at least 70% of self-care vignettes must stay at self_care or consultation.
The confusion matrix over the five levels is printed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from ankang.domains.interview import schemas as s
from ankang.domains.interview.service import InterviewService
from ankang.knowledge.interview import load_pack
from ankang.knowledge.interview.model import EMERGENCY_LEVELS, TRIAGE_LEVELS

HERE = Path(__file__).parent / "vignettes"
SELF_CARE_TARGET = 0.70


def _load(name: str) -> list[dict[str, str]]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["vignettes"]


@pytest.fixture(scope="module")
def service() -> InterviewService:
    return InterviewService.from_pack(load_pack())


UNRECOGNISED = "unrecognised"  # no symptom found: the product asks the person to say it another way
COLUMNS = (*TRIAGE_LEVELS, UNRECOGNISED)


def triage_text(service: InterviewService, text: str) -> str:
    parsed = service.parse(s.ParseIn(text=text))
    if not any(e.choice == "present" for e in parsed.evidence):
        return UNRECOGNISED
    evidence = [s.EvidenceIn(id=e.id, choice=e.choice) for e in parsed.evidence]
    return service.triage(s.InterviewIn(age=parsed.age, sex=parsed.sex, evidence=evidence)).triage.level


@pytest.fixture(scope="module")
def outcomes(service: InterviewService) -> dict[str, list[tuple[dict[str, str], str]]]:
    return {
        kind: [(v, triage_text(service, v["text"])) for v in _load(f"{kind}.yaml")]
        for kind in ("emergency", "self_care")
    }


def test_there_are_enough_vignettes_in_both_languages() -> None:
    for name in ("emergency.yaml", "self_care.yaml"):
        langs = Counter(v["lang"] for v in _load(name))
        assert sum(langs.values()) >= 60 and langs["zh"] >= 20 and langs["en"] >= 20, (name, langs)


def test_confusion_matrix(outcomes: dict[str, list[tuple[dict[str, str], str]]],
                          capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n分诊混淆矩阵 / triage confusion matrix (rows: vignette set, columns: level reached)")
        print(f"{'':<12}" + "".join(f"{lvl:>21}" for lvl in COLUMNS))
        for kind, rows in outcomes.items():
            counts = Counter(level for _, level in rows)
            print(f"{kind:<12}" + "".join(f"{counts[lvl]:>21}" for lvl in COLUMNS))
    assert sum(len(rows) for rows in outcomes.values()) > 0


def test_every_emergency_vignette_reaches_an_emergency_level(
        outcomes: dict[str, list[tuple[dict[str, str], str]]]) -> None:
    missed = [f"{v['id']} → {level}: {v['text']}" for v, level in outcomes["emergency"]
              if level not in EMERGENCY_LEVELS]
    assert not missed, "under-triaged:\n" + "\n".join(missed)


def test_self_care_vignettes_mostly_stay_out_of_the_emergency_department(
        outcomes: dict[str, list[tuple[dict[str, str], str]]]) -> None:
    rows = outcomes["self_care"]
    kept = [level in ("self_care", "consultation", UNRECOGNISED) for _, level in rows]
    share = sum(kept) / len(rows)
    sent_to_ed = [f"{v['id']} → {level}" for v, level in rows if level in EMERGENCY_LEVELS]
    assert share >= SELF_CARE_TARGET, f"only {share:.0%} stayed at self_care/consultation; ED: {sent_to_ed}"
