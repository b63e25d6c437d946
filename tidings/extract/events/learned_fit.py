"""Fitting the learned stage's model: multinomial logistic regression with L2, by full-batch
Adam in numpy. Deterministic: the same rows in the same order give the same weights.

Used by `scripts/train_event_model.py` (the shipped model) and by the `plv-train` eval
suite (a model per cross-validation fold); never at coding time.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .learned import NONE, EventModel


@dataclass(frozen=True)
class FitSettings:
    l2: float = 1e-3            # on the mean log-loss
    iterations: int = 300
    learning_rate: float = 0.05
    min_count: int = 2          # a feature seen fewer times is dropped
    none_weight: float = 1.0    # weight of "none" rows in the loss


def fit(feats: Sequence[Sequence[str]], vectors: np.ndarray, labels: Sequence[str],
        settings: FitSettings = FitSettings(), threshold: float = 0.5,
        meta: dict[str, Any] | None = None) -> EventModel:
    """A model from rows of (feature names, tok2vec row, label); labels must include
    "none"."""
    classes = tuple(sorted(set(labels) | {NONE}))
    counts = Counter(n for names in feats for n in set(names))
    names = sorted(n for n, c in counts.items() if c >= settings.min_count)
    vocab = {n: i for i, n in enumerate(names)}
    n_rows, n_feat, n_lab = len(labels), len(names), len(classes)
    ids, rows = [], []
    for r, row_names in enumerate(feats):
        for i in sorted({vocab[n] for n in row_names if n in vocab}):
            ids.append(i)
            rows.append(r)
    ids_a, rows_a = np.asarray(ids, dtype=np.int64), np.asarray(rows, dtype=np.int64)
    order = np.argsort(ids_a, kind="stable")
    ids_sorted, rows_by_id = ids_a[order], rows_a[order]
    uniq, starts = np.unique(ids_sorted, return_index=True)

    vec = np.asarray(vectors, dtype=np.float64)
    mean = vec.mean(axis=0) if n_rows else np.zeros(vec.shape[1])
    scale = vec.std(axis=0) + 1e-3 if n_rows else np.ones(vec.shape[1])
    x_dense = (vec - mean) / scale
    y = np.zeros((n_rows, n_lab))
    y[np.arange(n_rows), [classes.index(lab) for lab in labels]] = 1.0
    weight = np.where(np.asarray(labels) == NONE, settings.none_weight, 1.0)
    weight = weight / weight.sum()

    params = [np.zeros((n_feat, n_lab)), np.zeros((vec.shape[1], n_lab)), np.zeros(n_lab)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, settings.iterations + 1):
        w_sparse, w_dense, bias = params
        scores = x_dense @ w_dense + bias
        scores += _sparse_scores(w_sparse, ids_a, rows_a, n_rows)
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * weight[:, None]
        grad_sparse = np.zeros_like(w_sparse)
        if len(uniq):
            grad_sparse[uniq] = np.add.reduceat(g[rows_by_id], starts, axis=0)
        grads = [grad_sparse + settings.l2 * w_sparse,
                 x_dense.T @ g + settings.l2 * w_dense, g.sum(axis=0)]
        for param, grad, (m, v) in zip(params, grads, moments):
            m *= b1
            m += (1 - b1) * grad
            v *= b2
            v += (1 - b2) * grad * grad
            param -= settings.learning_rate * (m / (1 - b1 ** step)) / (
                np.sqrt(v / (1 - b2 ** step)) + eps)
    info = {"rows": n_rows, "features": n_feat, "settings": settings.__dict__,
            **(meta or {})}
    return EventModel(labels=classes, vocab=vocab,
                      sparse=params[0].astype(np.float32), dense=params[1].astype(np.float32),
                      bias=params[2].astype(np.float32), mean=mean.astype(np.float32),
                      scale=scale.astype(np.float32), threshold=threshold, meta=info)


def _sparse_scores(w: np.ndarray, ids: np.ndarray, rows: np.ndarray, n_rows: int) -> np.ndarray:
    out = np.zeros((n_rows, w.shape[1]))
    if len(ids):
        # rows are ascending in `rows`: sum each row's run of weights
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        out[rows[starts]] = np.add.reduceat(w[ids], starts, axis=0)
    return out
