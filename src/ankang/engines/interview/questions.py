"""Choosing the next question by expected information gain about the condition.

For an evidence with answer distribution P(k|c) and current posterior p over conditions,
the expected gain is the mutual information I(C; A) = sum_c p_c sum_k P(k|c) log P(k|c)
- sum_k m_k log m_k, with m_k = sum_c p_c P(k|c). All evidences are scored at once with
a few matrix-vector products.
"""

from __future__ import annotations

import numpy as np

from ankang.engines.interview.model import CompiledModel, FloatArray


def evidence_gains(model: CompiledModel, posterior: FloatArray, candidates: np.ndarray) -> FloatArray:
    """Expected information gain (nats) of asking each candidate evidence (indices into model.evidences)."""
    answer = model.answer[:, :, candidates]  # (3, C, n)
    marginal = np.einsum("c,kcn->kn", posterior, answer)
    gains: FloatArray = posterior @ model.plogp[:, candidates] - _xlogx(marginal).sum(axis=0)
    return gains


def group_gain(model: CompiledModel, posterior: FloatArray, options: np.ndarray) -> float:
    """Expected gain of a single-choice question over mutually exclusive option evidences."""
    present = model.answer[0][:, options]  # (C, n)
    unknown = model.answer[2][:, options].mean(axis=1, keepdims=True)
    dist = np.hstack([present / present.sum(axis=1, keepdims=True) * (1 - unknown), unknown])
    marginal = posterior @ dist
    return float(posterior @ _xlogx(dist).sum(axis=1) - _xlogx(marginal).sum())


def _xlogx(x: FloatArray) -> FloatArray:
    out: FloatArray = x * np.log(np.where(x > 0, x, 1.0))
    return out
