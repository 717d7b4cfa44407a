"""The interview engine on a hand-made pack: screening, questions, ranking, triage, departments."""

from __future__ import annotations

import numpy as np
import pytest

from ankang.engines.interview import Case, EvidenceItem, Interview, InterviewEngine
from ankang.errors import InvalidInput
from ankang.knowledge.interview import Pack


def ev(*items: str, source: str = "initial") -> tuple[EvidenceItem, ...]:
    """'fever' → present, '-fever' → absent, '?fever' → unknown."""
    out = []
    for item in items:
        choice = {"-": "absent", "?": "unknown"}.get(item[0], "present")
        out.append(EvidenceItem(item.lstrip("-?"), choice, source))  # type: ignore[arg-type]
    return tuple(out)


@pytest.fixture()
def engine(mini_pack: Pack) -> InterviewEngine:
    return InterviewEngine(mini_pack, max_questions=6).fit()


def test_init_stores_settings_only_and_fit_returns_self(mini_pack: Pack) -> None:
    engine = InterviewEngine(mini_pack, max_questions=3)
    assert not any(name.endswith("_") and not name.startswith("_") for name in vars(engine))
    assert engine.fit() is engine
    assert hasattr(engine, "model_")


def test_emergency_rule_ends_the_interview_with_the_emergency_department(engine: InterviewEngine) -> None:
    step = engine.step(Interview(age=62, sex="male", evidence=ev("chest_pain", "sweating")))
    assert step.triage.level == "emergency_ambulance"
    assert step.triage.rules == ("chest_pain_sweating",)
    assert step.should_stop and step.question is None
    assert step.department.code == "20"
    assert "120" in step.department.advice.zh


def test_rule_age_limit_is_respected(engine: InterviewEngine) -> None:
    step = engine.step(Interview(age=20, sex="male", evidence=ev("chest_pain", "sweating")))
    assert "chest_pain_sweating" not in step.triage.rules


def test_red_flag_question_comes_first(engine: InterviewEngine) -> None:
    step = engine.step(Interview(age=55, sex="female", evidence=ev("chest_pain")))
    assert step.question is not None
    assert step.question.id == "sweating" and step.question.red_flag


def test_an_absent_red_flag_is_not_asked_again(engine: InterviewEngine) -> None:
    step = engine.step(Interview(age=55, sex="female", evidence=ev("chest_pain", "-sweating")))
    assert step.question is None or step.question.id != "sweating"
    assert not step.triage.rules


def test_information_gain_asks_what_separates_the_leading_conditions(engine: InterviewEngine) -> None:
    # Cough + fever: cold vs pneumonia; runny nose (0.9 vs 0.15) or the fever duration separate them.
    step = engine.step(Interview(age=30, sex="male", evidence=ev("cough", "fever")))
    assert step.question is not None
    assert step.question.id in {"runny_nose", "fever_duration"}
    assert step.question.id not in {"rlq_pain", "chest_pain"}


def test_group_question_offers_its_options_only_after_the_parent(engine: InterviewEngine) -> None:
    without_fever = engine.step(Interview(age=30, sex="male", evidence=ev("cough", "-fever", "runny_nose")))
    assert without_fever.question is None or without_fever.question.id != "fever_duration"
    with_fever = engine.step(Interview(age=30, sex="male", evidence=ev("cough", "fever", "-runny_nose")))
    assert with_fever.question is not None and with_fever.question.type == "group_single"
    assert [i.id for i in with_fever.question.items] == ["fever_short", "fever_long"]


def test_answers_move_the_ranking(engine: InterviewEngine) -> None:
    cold = engine.step(Interview(age=30, sex="male", evidence=ev("cough", "runny_nose", "-fever")))
    pneu = engine.step(Interview(age=30, sex="male", evidence=ev("cough", "fever", "-runny_nose", "fever_long")))
    assert cold.conditions[0].id == "common_cold"
    assert pneu.conditions[0].id == "pneumonia"
    probs = [c.probability for c in pneu.conditions]
    assert probs == sorted(probs, reverse=True) and sum(probs) <= 1.0 + 1e-6


def test_option_implies_parent_and_fires_rule(engine: InterviewEngine) -> None:
    step = engine.step(Interview(age=30, sex="male", evidence=ev("fever_long", "cough")))
    assert "long_fever" in step.triage.rules
    assert step.triage.level in {"consultation_24", "emergency", "emergency_ambulance"}


def test_unknown_answers_carry_no_information_from_the_pack(engine: InterviewEngine) -> None:
    base = engine.posterior(Interview(age=30, sex="male", evidence=ev("cough")))
    with_unknown = engine.posterior(Interview(age=30, sex="male", evidence=ev("cough", "?fever")))
    np.testing.assert_allclose(base, with_unknown)


def test_children_are_sent_to_paediatrics(engine: InterviewEngine) -> None:
    adult = engine.step(Interview(age=40, sex="male", evidence=ev("cough", "fever", "fever_long")))
    child = engine.step(Interview(age=5, sex="male", evidence=ev("cough", "fever", "fever_long")))
    assert adult.department.code == "03.01"
    assert child.department.code == "07.04"  # paediatric respiratory


def test_emergency_condition_mass_escalates_without_a_rule(engine: InterviewEngine) -> None:
    step = engine.step(Interview(age=25, sex="female", evidence=ev("rlq_pain", "vomiting", "fever")))
    assert step.conditions[0].id == "appendicitis"
    assert step.triage.level == "emergency"
    assert step.department.code == "20"


def test_interview_stops_after_max_questions(mini_pack: Pack) -> None:
    engine = InterviewEngine(mini_pack, max_questions=1, stop_probability=0.999).fit()
    step = engine.step(Interview(age=30, sex="male", evidence=ev("cough") + ev("?runny_nose", source="question")))
    assert step.questions_asked == 1 and step.should_stop and step.question is None


def test_explain_lists_evidence_for_and_against(engine: InterviewEngine) -> None:
    (exp,) = engine.explain(Interview(age=30, sex="male", evidence=ev("cough", "runny_nose", "-fever")),
                            ["pneumonia"])
    assert [f.evidence_id for f in exp.supporting] == ["cough"]
    assert {f.evidence_id for f in exp.conflicting} == {"runny_nose", "fever"}


@pytest.mark.parametrize(
    ("interview", "expression"),
    [
        (Interview(age=30, sex="male", evidence=ev("nonsense")), "evidence[0].id"),
        (Interview(age=30, sex="male", evidence=ev("cough", "-cough")), "evidence[1].choice"),
        (Interview(age=200, sex="male", evidence=ev("cough")), "age"),
        (Interview(age=-1, sex="male", evidence=ev("cough")), "age"),
        (Interview(age=30, sex="x", evidence=ev("cough")), "sex"),  # type: ignore[arg-type]
        (Interview(age=30, sex="male", evidence=(EvidenceItem("cough", "maybe"),)), "evidence[0].choice"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_names_the_problem(engine: InterviewEngine, interview: Interview, expression: str) -> None:
    with pytest.raises(InvalidInput) as info:
        engine.step(interview)
    assert info.value.expression == expression


def test_explain_unknown_condition_is_invalid(engine: InterviewEngine) -> None:
    with pytest.raises(InvalidInput, match="unknown condition"):
        engine.explain(Interview(age=30, sex="male", evidence=ev("cough")), ["nope"])


def test_fit_learns_from_cases_with_the_pack_as_prior(mini_pack: Pack) -> None:
    # Cases where pneumonia never has a cough: the learned likelihood must fall below the pack's 0.9.
    cases = [Case("pneumonia", ev("-cough", "fever")) for _ in range(40)]
    learned = InterviewEngine(mini_pack, prior_strength=8.0).fit(cases)
    prior = InterviewEngine(mini_pack, prior_strength=8.0).fit()
    c, e = learned.model_.cond_index["pneumonia"], learned.model_.ev_index["cough"]
    assert learned.model_.answer[0, c, e] < 0.3 < prior.model_.answer[0, c, e]
    assert np.allclose(learned.model_.answer.sum(axis=0), 1.0)


def test_fit_adds_conditions_and_evidence_seen_only_in_data(mini_pack: Pack) -> None:
    cases = [Case("new_disease", ev("new_symptom", "cough")) for _ in range(5)]
    engine = InterviewEngine(mini_pack).fit(cases)
    assert "new_disease" in engine.model_.conditions and "new_symptom" in engine.model_.ev_index
    post = engine.posterior(Interview(age=None, sex=None, evidence=ev("new_symptom")))
    assert engine.model_.conditions[int(np.argmax(post))] == "new_disease"


@pytest.mark.parametrize("evidence", [ev("cough", "fever"), ev("chest_pain", "sweating")])
def test_triage_alone_agrees_with_the_full_step(engine: InterviewEngine, evidence: tuple[EvidenceItem, ...]) -> None:
    interview = Interview(age=62, sex="male", evidence=evidence)
    step = engine.step(interview)
    assert engine.triage(interview) == (step.triage, step.department)
