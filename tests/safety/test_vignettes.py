"""Safety suite: free-text vignettes written independently of the rules.

Every emergency vignette must reach an emergency level from the person's own words;
at least 70% of self-care vignettes must stay at self_care or consultation (or go
unrecognised, when the product asks the person to say it another way).
The confusion matrix over the five levels is printed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ankang.bench import triage as vt
from ankang.domains.interview.service import InterviewService
from ankang.knowledge.interview import load_pack
from ankang.knowledge.interview.model import EMERGENCY_LEVELS

HERE = Path(__file__).parent / "vignettes"
SELF_CARE_TARGET = 0.70
Outcomes = dict[str, list[vt.Outcome]]


@pytest.fixture(scope="module")
def outcomes() -> Outcomes:
    service = InterviewService.from_pack(load_pack())
    return {kind: vt.run(service, vt.load_vignettes(HERE / f"{kind}.yaml")) for kind in ("emergency", "self_care")}


def test_there_are_enough_vignettes_in_both_languages() -> None:
    for kind in ("emergency", "self_care"):
        langs = Counter(v["lang"] for v in vt.load_vignettes(HERE / f"{kind}.yaml"))
        assert sum(langs.values()) >= 60 and langs["zh"] >= 20 and langs["en"] >= 20, (kind, langs)


def test_confusion_matrix(outcomes: Outcomes, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n分诊混淆矩阵 / triage confusion matrix (rows: vignette set, columns: level reached)")
        print(vt.matrix_table(outcomes))
    assert sum(len(rows) for rows in outcomes.values()) > 0


def test_every_emergency_vignette_reaches_an_emergency_level(outcomes: Outcomes) -> None:
    missed = [f"{o.id} → {o.level}: {o.text}" for o in outcomes["emergency"] if o.level not in EMERGENCY_LEVELS]
    assert not missed, "under-triaged:\n" + "\n".join(missed)


def test_self_care_vignettes_mostly_stay_out_of_the_emergency_department(outcomes: Outcomes) -> None:
    rows = outcomes["self_care"]
    share = sum(o.level in vt.NOT_ED for o in rows) / len(rows)
    sent_to_ed = [f"{o.id} → {o.level}" for o in rows if o.level in EMERGENCY_LEVELS]
    assert share >= SELF_CARE_TARGET, f"only {share:.0%} stayed at self_care/consultation; ED: {sent_to_ed}"
