"""Choosing the next question by expected information gain about the condition.

For an evidence with answer distribution P(k|c) and current posterior p over conditions,
the expected gain is the mutual information I(C; A) = sum_c p_c sum_k P(k|c) log P(k|c)
- sum_k m_k log m_k, with m_k = sum_c p_c P(k|c). All evidences are scored at once with
a few matrix-vector products.
"""

from __future__ import annotations

import numpy as np

from ankang.engines.interview.model import CompiledModel, FloatArray

# Only the most probable conditions are scored: the rest hold too little mass to change the choice.
TOP_CONDITIONS = 32


def leading(posterior: FloatArray) -> tuple[np.ndarray, FloatArray]:
    """Indices of the leading conditions and their renormalised probabilities."""
    if posterior.size <= TOP_CONDITIONS:
        return np.arange(posterior.size), posterior
    top = np.argpartition(posterior, -TOP_CONDITIONS)[-TOP_CONDITIONS:]
    p = posterior[top]
    return top, p / p.sum()


def evidence_gains(model: CompiledModel, top: np.ndarray, p: FloatArray) -> FloatArray:
    """Expected information gain (nats) of asking each evidence, given the leading conditions `top`."""
    answer = model.answer[:, top, :]  # (3, K, E)
    marginal = np.einsum("c,kce->ke", p, answer)
    gains: FloatArray = p @ model.plogp[top] - _xlogx(marginal).sum(axis=0)
    return gains


def group_gain(model: CompiledModel, top: np.ndarray, p: FloatArray, options: np.ndarray) -> float:
    """Expected gain of a single-choice question over mutually exclusive option evidences."""
    present = model.answer[0][np.ix_(top, options)]  # (K, n)
    unknown = model.answer[2][np.ix_(top, options)].mean(axis=1, keepdims=True)
    dist = np.hstack([present / present.sum(axis=1, keepdims=True) * (1 - unknown), unknown])
    marginal = p @ dist
    return float(p @ _xlogx(dist).sum(axis=1) - _xlogx(marginal).sum())


def _xlogx(x: FloatArray) -> FloatArray:
    out: FloatArray = x * np.log(np.where(x > 0, x, 1.0))
    return out
