"""The interview engine: stateless, one step at a time, like a clinician's history taking.

    engine = InterviewEngine(pack).fit()          # or .fit(cases) to learn from solved cases
    step = engine.step(Interview(age=30, sex="female", evidence=(...)))

Each step screens for emergencies first (deterministic rules), then ranks conditions with a
naive-Bayes posterior, and asks the red-flag question or the question with the highest
expected information gain until confident, out of questions, or an emergency is found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import numpy as np

from ankang.engines.interview import departments, triage
from ankang.engines.interview.model import CompiledModel, FloatArray, ModelParams, compile_model
from ankang.engines.interview.questions import evidence_gains, group_gain, leading
from ankang.engines.interview.types import (
    ASKED_SOURCES,
    CHOICES,
    EVIDENCE_SOURCES,
    Case,
    DepartmentAdvice,
    Explanation,
    Factor,
    Interview,
    Question,
    QuestionItem,
    RankedCondition,
    Step,
    Triage,
)
from ankang.errors import InvalidInput
from ankang.knowledge.interview.model import TRIAGE_LEVELS, Pack, age_band
from ankang.knowledge.text import Text

MAX_AGE = 130
_ANSWER_ROW = {"present": 0, "absent": 1, "unknown": 2}


class InterviewEngine:
    """Settings only in __init__; `fit` builds the learned attributes (ending in `_`)."""

    def __init__(
        self,
        pack: Pack,
        *,
        max_questions: int = 12,
        stop_probability: float = 0.9,
        min_gain: float = 0.01,
        top_conditions: int = 10,
        unknown_rate: float = 0.1,
        default_likelihood: float = 0.02,
        prior_strength: float = 8.0,
        evidence_weight: float = 1.0,
    ) -> None:
        self.pack = pack
        self.max_questions = max_questions
        self.stop_probability = stop_probability
        self.min_gain = min_gain
        self.top_conditions = top_conditions
        self.unknown_rate = unknown_rate
        self.default_likelihood = default_likelihood
        self.prior_strength = prior_strength
        self.evidence_weight = evidence_weight  # < 1 tempers naive Bayes' overconfidence on correlated answers

    # -- learning -------------------------------------------------------------------------
    def fit(self, cases: Iterable[Case] = ()) -> InterviewEngine:
        cases = tuple(cases)
        for i, case in enumerate(cases):
            for item in case.evidence:
                _check_choice(item.choice, f"cases[{i}].evidence")
        params = ModelParams(self.unknown_rate, self.default_likelihood, self.prior_strength)
        self.model_: CompiledModel = compile_model(self.pack, cases, params)
        opts = {g.id: np.array([self.model_.ev_index[o] for o in g.options]) for g in self.pack.groups.values()}
        self.group_options_: dict[str, np.ndarray] = opts
        self.option_group_: dict[str, str] = {o: g.id for g in self.pack.groups.values() for o in g.options}
        self.askable_: np.ndarray = np.array(
            [e not in self.option_group_ for e in self.model_.evidences], dtype=bool
        )
        self.rules_ = triage.RuleSet(self.pack.rules)
        # Per condition: index of its usual triage level and of its primary department (last bin = none).
        self.departments_: tuple[str, ...] = tuple(sorted(
            {c.departments[0] for c in self.pack.conditions.values() if c.departments}))
        level_of, dept_of = [], []
        for cid in self.model_.conditions:
            cond = self.pack.conditions.get(cid)
            level_of.append(TRIAGE_LEVELS.index(cond.triage) if cond else len(TRIAGE_LEVELS))
            dept_of.append(self.departments_.index(cond.departments[0])
                           if cond and cond.departments else len(self.departments_))
        self.level_of_: np.ndarray = np.array(level_of)
        self.ranked_template_: tuple[RankedCondition, ...] = tuple(  # filled with a probability per step
            RankedCondition(cid, self._condition_name(cid), 0.0,
                            c.icd10 if (c := self.pack.conditions.get(cid)) else None, c.triage if c else None)
            for cid in self.model_.conditions)
        self.department_of_: np.ndarray = np.array(dept_of)
        return self

    # -- one step ---------------------------------------------------------------------------
    def step(self, interview: Interview) -> Step:
        answers = self._validate(interview)
        posterior = self._posterior(interview, answers)
        ranked = self._ranked(posterior)
        verdict, department = self._assess(interview, answers, posterior)
        asked = len({self.option_group_.get(i.id, i.id) for i in interview.evidence if i.source in ASKED_SOURCES})
        question = None
        if not verdict.emergency:  # an emergency ends the interview at once
            # Red-flag questions are asked whatever the confidence or the question budget.
            question = self._red_flag_question(interview, answers)
            if question is None and asked < self.max_questions and float(posterior.max()) < self.stop_probability:
                question = self._best_question(answers, posterior)
        stop = question is None
        return Step(
            question=question,
            conditions=ranked,
            should_stop=stop,
            triage=verdict,
            department=department,
            questions_asked=asked,
        )

    def triage(self, interview: Interview) -> tuple[Triage, DepartmentAdvice]:
        """Urgency and department only: no question is chosen."""
        answers = self._validate(interview)
        return self._assess(interview, answers, self._posterior(interview, answers))

    def posterior(self, interview: Interview) -> FloatArray:
        """Probability of every condition in `model_.conditions` order."""
        return self._posterior(interview, self._validate(interview))

    def _red_flag_question(self, interview: Interview, answers: dict[str, str]) -> Question | None:
        for eid in self.rules_.open_red_flags(answers, interview.age, interview.sex):
            if eid in self.model_.ev_index:
                return self._single(eid, red_flag=True)
        return None

    def _best_question(self, answers: dict[str, str], posterior: FloatArray) -> Question | None:
        """The evidence or group question with the highest expected information gain."""
        model = self.model_
        candidates = self.askable_.copy()
        for eid in answers:
            candidates[model.ev_index[eid]] = False
        best_gain, best = self.min_gain, None
        top, p = leading(posterior)
        if candidates.any():
            gains = np.where(candidates, evidence_gains(model, top, p), -np.inf)
            i = int(np.argmax(gains))
            if gains[i] > best_gain:
                best_gain, best = float(gains[i]), self._single(model.evidences[i])
        for gid, group in self.pack.groups.items():
            if answers.get(group.parent) != "present" or any(o in answers for o in group.options):
                continue
            gain = group_gain(model, top, p, self.group_options_[gid])
            if gain > best_gain:
                best_gain, best = gain, self._group(gid)
        return best

    def explain(self, interview: Interview, condition_ids: Sequence[str] | None = None) -> tuple[Explanation, ...]:
        """Why each condition ranks where it does: the answers for and against it."""
        answers = self._validate(interview)
        posterior = self._posterior(interview, answers)
        model = self.model_
        if condition_ids is None:
            condition_ids = [r.id for r in self._ranked(posterior)]
        out = []
        for i, cid in enumerate(condition_ids):
            if cid not in model.cond_index:
                raise InvalidInput(f"unknown condition id {cid!r}", zh=f"未知疾病编号 {cid!r}",
                                   expression=f"condition_ids[{i}]")
            c = model.cond_index[cid]
            rest = posterior.copy()
            rest[c] = 0.0
            rest = rest / rest.sum() if rest.sum() > 0 else np.full_like(rest, 1 / len(rest))
            factors = []
            for eid, choice in answers.items():
                row = model.answer[_ANSWER_ROW[choice], :, model.ev_index[eid]]
                weight = float(np.log(row[c]) - np.log(rest @ row))
                if choice != "unknown" and abs(weight) >= 0.05:
                    factors.append(Factor(eid, self._evidence_name(eid), choice, round(weight, 3)))  # type: ignore[arg-type]
            factors.sort(key=lambda f: -abs(f.weight))
            out.append(
                Explanation(
                    condition_id=cid,
                    name=self._condition_name(cid),
                    probability=float(posterior[c]),
                    supporting=tuple(f for f in factors if f.weight > 0),
                    conflicting=tuple(f for f in factors if f.weight < 0),
                )
            )
        return tuple(out)

    # -- internals ----------------------------------------------------------------------------
    def _validate(self, interview: Interview) -> dict[str, str]:
        if interview.age is not None and not 0 <= interview.age <= MAX_AGE:
            raise InvalidInput(f"age {interview.age} is outside 0–{MAX_AGE} years",
                               zh=f"年龄 {interview.age} 不在 0–{MAX_AGE} 岁之间", expression="age")
        if interview.sex not in (None, "female", "male"):
            raise InvalidInput(f"sex {interview.sex!r} must be female or male",
                               zh="性别须为 female 或 male", expression="sex")
        answers: dict[str, str] = {}
        for i, item in enumerate(interview.evidence):
            where = f"evidence[{i}]"
            if item.id not in self.model_.ev_index:
                raise InvalidInput(f"unknown evidence id {item.id!r}", zh=f"未知症状编号 {item.id!r}",
                                   expression=f"{where}.id")
            _check_choice(item.choice, f"{where}.choice")
            if item.source not in EVIDENCE_SOURCES:
                raise InvalidInput(f"source {item.source!r} is not one of {', '.join(EVIDENCE_SOURCES)}",
                                   zh="证据来源无效", expression=f"{where}.source")
            before = answers.get(item.id)
            if before is not None and before != item.choice:
                raise InvalidInput(
                    f"contradictory answers for {item.id!r}: {before} and {item.choice}",
                    zh=f"关于 {item.id!r} 的回答互相矛盾：{before} 与 {item.choice}",
                    expression=f"{where}.choice",
                )
            answers[item.id] = item.choice
        for eid, choice in list(answers.items()):  # a chosen option implies its parent
            gid = self.option_group_.get(eid)
            if gid is not None and choice == "present":
                answers.setdefault(self.pack.groups[gid].parent, "present")
        return answers

    def _posterior(self, interview: Interview, answers: dict[str, str]) -> FloatArray:
        model = self.model_
        band = age_band(interview.age) if interview.age is not None else None
        logp = model.prior(band, interview.sex).copy()
        if answers:
            rows = [_ANSWER_ROW[c] for c in answers.values()]
            cols = [model.ev_index[e] for e in answers]
            logp += self.evidence_weight * model.log_answer_by_evidence[rows, cols].sum(axis=0)
        logp -= logp.max()
        p: FloatArray = np.exp(logp)
        p /= p.sum()
        return p

    def _assess(
        self, interview: Interview, answers: dict[str, str], posterior: FloatArray
    ) -> tuple[Triage, DepartmentAdvice]:
        present = frozenset(e for e, c in answers.items() if c == "present")
        verdict = triage.decide(self.rules_, present, interview.age, interview.sex, self._mass(posterior))
        advice = departments.recommend(self.pack, verdict.level, interview.age, self._department(posterior))
        return verdict, advice

    def _mass(self, posterior: FloatArray) -> dict[str, float]:
        """Posterior mass of the conditions at each usual triage level."""
        totals = np.bincount(self.level_of_, weights=posterior, minlength=len(TRIAGE_LEVELS) + 1)
        return dict(zip(TRIAGE_LEVELS, totals.tolist(), strict=False))

    def _department(self, posterior: FloatArray) -> str | None:
        """The primary department holding the most posterior mass (None if no condition has one)."""
        totals = np.bincount(self.department_of_, weights=posterior, minlength=len(self.departments_) + 1)[:-1]
        return self.departments_[int(np.argmax(totals))] if totals.size and totals.max() > 0 else None

    def _ranked(self, posterior: FloatArray) -> tuple[RankedCondition, ...]:
        k = min(self.top_conditions, posterior.size)
        head = np.argpartition(-posterior, k - 1)[:k] if k else np.arange(0)
        order = head[np.argsort(-posterior[head])]
        probs = np.round(posterior[order], 4).tolist()
        return tuple(
            dataclasses.replace(self.ranked_template_[i], probability=p) for i, p in zip(order.tolist(), probs, strict=True)
        )

    def _single(self, eid: str, *, red_flag: bool = False) -> Question:
        ev = self.pack.evidences.get(eid)
        text = ev.question if ev else Text(eid, eid)
        return Question("single", eid, text, (QuestionItem(eid, self._evidence_name(eid)),), red_flag)

    def _group(self, gid: str) -> Question:
        group = self.pack.groups[gid]
        items = tuple(QuestionItem(o, self._evidence_name(o)) for o in group.options)
        return Question("group_single", gid, group.question, items)

    def _evidence_name(self, eid: str) -> Text:
        ev = self.pack.evidences.get(eid)
        return ev.name if ev else Text(eid, eid)

    def _condition_name(self, cid: str) -> Text:
        cond = self.pack.conditions.get(cid)
        return cond.name if cond else Text(cid, cid)


def _check_choice(choice: str, where: str) -> None:
    if choice not in CHOICES:
        raise InvalidInput(f"choice {choice!r} must be present, absent or unknown",
                           zh="回答须为 present、absent 或 unknown", expression=where)

