"""`ankang bench interview`: train on a dataset's training split, interview simulated patients
from its test split, and report accuracy, implicit-symptom recall, turns and step latency.

The simulated patient reveals its explicit evidence first, then answers each question only
from its record; anything the record lacks is "unknown". Settings are chosen on a held-out
slice of the training split, never on the test split.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ankang.bench.datasets import BenchCase
from ankang.engines.interview import EvidenceItem, Interview, InterviewEngine, Question
from ankang.knowledge.departments import load_departments
from ankang.knowledge.interview.model import Pack

# Published anchors (accuracy, implicit recall, turns), ../shared/benchmarks/interview/README.md.
ANCHORS = {
    "dxy": {"HRL": (0.779, 0.424, 8.61), "KR-DS": (0.740, 0.399, 5.65), "GAMP": (0.731, 0.268, 2.84),
            "classifier, explicit only": (0.682, None, None), "classifier, all symptoms": (0.846, None, None)},
    "mz4": {"HRL": (0.735, 0.229, 5.08), "KR-DS": (0.678, 0.177, 4.61), "GAMP": (0.644, 0.107, 2.93),
            "classifier, explicit only": (0.671, None, None), "classifier, all symptoms": (0.755, None, None)},
    "mz10": {"HRL": (0.556, 0.295, 6.99), "KR-DS": (0.485, 0.279, 5.95), "GAMP": (0.500, 0.067, 1.78),
             "classifier, explicit only": (0.532, None, None), "classifier, all symptoms": (0.706, None, None)},
}
# Turn budget when choosing settings: the best published policy's average turns.
TURN_BUDGET = {"dxy": 8.61, "mz4": 5.08, "mz10": 6.99}
GRID = {
    "stop_probability": (0.8, 0.9, 0.95, 0.99),
    "max_questions": (3, 4, 5, 6, 7, 8, 10, 12),
    "evidence_weight": (0.7, 1.0),
}


@dataclass
class Result:
    top1: float
    top3: float
    recall: float
    turns: float
    cases: int
    step_ms: list[tuple[float, float]] = field(default_factory=list, repr=False)  # (wall, cpu) per step

    def latency(self) -> dict[str, float]:
        arr = np.array(self.step_ms) if self.step_ms else np.zeros((1, 2))
        return {
            "p50_ms": float(np.percentile(arr[:, 0], 50)),
            "p99_ms": float(np.percentile(arr[:, 0], 99)),
            "cpu_p50_ms": float(np.percentile(arr[:, 1], 50)),
            "cpu_p99_ms": float(np.percentile(arr[:, 1], 99)),
        }


def data_pack() -> Pack:
    """An empty pack with the department catalogue: benchmark vocabularies are learned from data."""
    return Pack(version="data", sources={}, evidences={}, groups={}, conditions={}, rules=(),
                departments=load_departments())


def interview_case(engine: InterviewEngine, case: BenchCase,
                   step_ms: list[tuple[float, float]] | None = None) -> tuple[
        list[str], set[str], int]:
    """Run one simulated patient; returns (ranked labels, implicit ids asked, questions asked)."""
    known = engine.model_.ev_index
    evidence = [e for e in case.explicit if e.id in known]  # the model cannot use words it never saw
    asked: set[str] = set()
    while True:
        state = Interview(age=case.age, sex=case.sex, evidence=tuple(evidence))  # type: ignore[arg-type]
        t0, c0 = time.perf_counter(), time.thread_time()
        step = engine.step(state)
        if step_ms is not None:
            step_ms.append(((time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000))
        if step.should_stop or step.question is None:
            return [c.id for c in step.conditions], asked, step.questions_asked
        evidence += _answer(step.question, case)
        asked.update(item.id for item in step.question.items)


def _answer(question: Question, case: BenchCase) -> list[EvidenceItem]:
    """The simulated patient answers only from its record; anything else is unknown."""
    if question.type == "single":
        return [EvidenceItem(question.id, case.implicit.get(question.id, "unknown"), "question")]  # type: ignore[arg-type]
    chosen = [i.id for i in question.items if case.implicit.get(i.id) == "present"][:1]
    if chosen:
        return [EvidenceItem(chosen[0], "present", "question")]
    return [EvidenceItem(i.id, "unknown", "question") for i in question.items]


def evaluate(engine: InterviewEngine, cases: Sequence[BenchCase], *, timed: bool = False,
             progress: str | None = None) -> Result:
    hits1 = hits3 = 0
    recalls: list[float] = []
    turns: list[int] = []
    step_ms: list[tuple[float, float]] = []
    for i, case in enumerate(cases):
        ranked, asked, n = interview_case(engine, case, step_ms if timed else None)
        hits1 += bool(ranked) and ranked[0] == case.label
        hits3 += case.label in ranked[:3]
        if case.implicit:
            recalls.append(len(asked & case.implicit.keys()) / len(case.implicit))
        turns.append(n)
        if progress and (i % 25 == 0 or i == len(cases) - 1):
            _progress(progress, i + 1, len(cases))
    n_cases = max(len(cases), 1)
    return Result(hits1 / n_cases, hits3 / n_cases, float(np.mean(recalls)) if recalls else 0.0,
                  float(np.mean(turns)) if turns else 0.0, len(cases), step_ms)


def choose_settings(pack: Pack, train: Sequence[BenchCase], budget: float | None, *, seed: int = 0,
                    slice_size: int = 1500) -> tuple[dict[str, float], Result]:
    """Grid search on a held-out 20% slice of the training split (capped at slice_size cases)."""
    rng = random.Random(seed)
    order = list(train)
    rng.shuffle(order)
    cut = max(1, len(order) // 5)
    held, fit_part = order[:cut][:slice_size], order[cut:]
    best: tuple[tuple[float, float], dict[str, float], Result] | None = None
    combos = list(itertools.product(*GRID.values()))
    for i, values in enumerate(combos):
        settings = dict(zip(GRID, values, strict=True))
        engine = make_engine(pack, settings).fit(c.as_training_case() for c in fit_part)
        res = evaluate(engine, held)
        _progress("选择参数 / tuning on train slice", i + 1, len(combos))
        if budget is not None and res.turns > budget:
            continue
        key = (res.top1, -res.turns)
        if best is None or key > best[0]:
            best = (key, settings, res)
    if best is None:
        raise RuntimeError("no setting met the turn budget")
    return best[1], best[2]


def make_engine(pack: Pack, settings: dict[str, float]) -> InterviewEngine:
    return InterviewEngine(
        pack,
        stop_probability=settings["stop_probability"],
        max_questions=int(settings["max_questions"]),
        evidence_weight=settings["evidence_weight"],
        prior_strength=1.0,
        min_gain=1e-4,
        top_conditions=5,
    )


def _progress(label: str, done: int, total: int) -> None:
    if not sys.stderr.isatty() and done != total:
        return
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r{label} [{'█' * filled}{'·' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def synthetic_cases(pack: Pack, n: int, *, seed: int = 0) -> list[BenchCase]:
    """Patients drawn from the pack's own model (adults): for latency and self-consistency checks."""
    rng = np.random.default_rng(seed)
    conditions = [c for c in pack.conditions.values() if "adult" in c.prevalence]
    cases = []
    for _ in range(n):
        cond = conditions[int(rng.integers(len(conditions)))]
        drawn = {e: ("present" if rng.random() < p else "absent") for e, p in cond.evidence.items()}
        present = [e for e, c in drawn.items() if c == "present"] or [max(cond.evidence, key=cond.evidence.get)]
        first = present[: int(rng.integers(1, 3))]
        explicit = tuple(EvidenceItem(e, "present", "initial") for e in first)
        implicit = {e: c for e, c in drawn.items() if e not in first}
        sex = "female" if cond.sex == "female" else "male" if cond.sex == "male" else ("female", "male")[n % 2]
        cases.append(BenchCase(cond.id, explicit, implicit, age=40.0, sex=sex))
    return cases
