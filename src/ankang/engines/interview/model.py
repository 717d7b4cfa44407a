"""The probabilistic model behind the interview: priors and answer likelihoods as NumPy arrays.

Each condition c and evidence e has an answer distribution over (present, absent, unknown).
From the pack: P(present|c) = (1 - u) * p, P(absent|c) = (1 - u) * (1 - p), P(unknown|c) = u,
with p the pack likelihood (or `default_likelihood` when the pack does not list e for c) and u
the `unknown_rate`; an "unknown" answer then carries no information. Case data (`fit`) update
these as Dirichlet pseudo-counts with the pack (or, for ids the pack lacks, the evidence's
overall rate in the data) as the prior, so the learned model also knows how often an answer
is simply not known for a condition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ankang.engines.interview.types import Case
from ankang.knowledge.interview.model import AGE_BANDS, Pack

FloatArray = npt.NDArray[np.float64]

# Relative prior weight of each prevalence level; a band the pack leaves out gets ABSENT_BAND.
PREVALENCE_WEIGHT = {"very_common": 1.0, "common": 0.3, "uncommon": 0.08, "rare": 0.02, "very_rare": 0.005}
ABSENT_BAND = 1e-5
WRONG_SEX = 1e-9
SEXES = ("female", "male")
_CHOICE_INDEX = {"present": 0, "absent": 1, "unknown": 2}


@dataclass(frozen=True)
class ModelParams:
    unknown_rate: float = 0.1
    default_likelihood: float = 0.02
    prior_strength: float = 8.0


@dataclass(frozen=True)
class CompiledModel:
    conditions: tuple[str, ...]
    evidences: tuple[str, ...]
    cond_index: dict[str, int]
    ev_index: dict[str, int]
    answer: FloatArray  # shape (3, C, E): P(answer k | condition c) for evidence e
    log_answer_by_evidence: FloatArray  # (3, E, C): log of `answer`, evidence-major for fast per-answer rows
    plogp: FloatArray  # (C, E): sum_k answer * log(answer), for information gain
    log_prior: FloatArray  # (len(AGE_BANDS) + 1, 3, C): by age band (last = unknown) and sex (last = unknown)

    def prior(self, band: str | None, sex: str | None) -> FloatArray:
        b = AGE_BANDS.index(band) if band else len(AGE_BANDS)
        s = SEXES.index(sex) if sex else 2
        row: FloatArray = self.log_prior[b, s]
        return row


def compile_model(pack: Pack, cases: Sequence[Case], params: ModelParams) -> CompiledModel:
    conditions = list(pack.conditions)
    evidences = list(pack.evidences)
    seen_c, seen_e = set(conditions), set(evidences)
    for case in cases:
        if case.condition not in seen_c:
            seen_c.add(case.condition)
            conditions.append(case.condition)
        for item in case.evidence:
            if item.id not in seen_e:
                seen_e.add(item.id)
                evidences.append(item.id)
    ci = {c: i for i, c in enumerate(conditions)}
    ei = {e: i for i, e in enumerate(evidences)}
    n_c, n_e = len(conditions), len(evidences)

    counts, totals = _count(cases, ci, ei, n_c, n_e)
    prior_mean = _prior_answer_mean(pack, ci, ei, counts, params)
    m = params.prior_strength
    answer = (counts + m * prior_mean) / (totals[None, :, None] + m)
    log_answer = np.log(answer)
    return CompiledModel(
        conditions=tuple(conditions),
        evidences=tuple(evidences),
        cond_index=ci,
        ev_index=ei,
        answer=answer,
        log_answer_by_evidence=np.ascontiguousarray(log_answer.transpose(0, 2, 1)),
        plogp=(answer * log_answer).sum(axis=0),
        log_prior=_log_prior(pack, conditions, totals),
    )


def _count(
    cases: Iterable[Case], ci: dict[str, int], ei: dict[str, int], n_c: int, n_e: int
) -> tuple[FloatArray, FloatArray]:
    """Answer counts (3, C, E); evidence a case does not record counts as unknown."""
    counts = np.zeros((3, n_c, n_e))
    totals = np.zeros(n_c)
    for case in cases:
        c = ci[case.condition]
        totals[c] += 1
        for item in case.evidence:
            counts[_CHOICE_INDEX[item.choice], c, ei[item.id]] += 1
    counts[2] = totals[:, None] - counts[0] - counts[1]
    return counts, totals


def _prior_answer_mean(
    pack: Pack, ci: dict[str, int], ei: dict[str, int], counts: FloatArray, params: ModelParams
) -> FloatArray:
    """Prior answer distribution (3, C, E): the pack where it speaks, else the data's overall rate."""
    n_c, n_e = counts.shape[1:]
    u = params.unknown_rate
    overall = counts.sum(axis=1) + 1.0  # (3, E), add-one so no answer is impossible
    overall /= overall.sum(axis=0, keepdims=True)
    mean = np.broadcast_to(overall[:, None, :], (3, n_c, n_e)).copy()
    pack_e = np.array([ei[e] for e in pack.evidences], dtype=int)
    p = np.full((n_c, n_e), params.default_likelihood)
    for cid, cond in pack.conditions.items():
        for eid, like in cond.evidence.items():
            p[ci[cid], ei[eid]] = like
    pack_rows = np.array([ci[c] for c in pack.conditions], dtype=int)
    if len(pack_rows) and len(pack_e):
        block = p[np.ix_(pack_rows, pack_e)]
        mean[0][np.ix_(pack_rows, pack_e)] = (1 - u) * block
        mean[1][np.ix_(pack_rows, pack_e)] = (1 - u) * (1 - block)
        mean[2][np.ix_(pack_rows, pack_e)] = u
    return mean


def _log_prior(pack: Pack, conditions: Sequence[str], totals: FloatArray) -> FloatArray:
    """Log prior by (age band | unknown, sex | unknown, condition), each row normalised."""
    n_b = len(AGE_BANDS)
    weight = np.zeros((n_b + 1, 3, len(conditions)))
    data_total = totals.sum()
    for i, cid in enumerate(conditions):
        cond = pack.conditions.get(cid)
        if cond is None or totals[i] > 0:
            # Learned from data: class frequency, the same for every band and sex.
            weight[:, :, i] = (totals[i] + 1.0) / (data_total + len(conditions))
            continue
        by_band = np.array([PREVALENCE_WEIGHT.get(cond.prevalence.get(b, ""), ABSENT_BAND) for b in AGE_BANDS])
        weight[:n_b, :, i] = by_band[:, None]
        weight[n_b, :, i] = by_band.mean()
        for s, sex in enumerate(SEXES):
            if cond.sex not in ("any", sex):
                weight[:, s, i] *= WRONG_SEX
    weight /= weight.sum(axis=2, keepdims=True)
    return np.log(weight)
