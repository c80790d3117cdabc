"""Per-topic few-shot adapters: a reader's own labels teach the model a topic it is unsure on.

A classifier trained on other topics stays unsure, or wrong, on some topics (polarity toward an
unseen policy is the hard part; issue 14). Once the reader has labelled a handful of quotes on
one topic, a logistic regression over what the stance model already computes, the quote's
MiniLM sentence embedding and the zero-shot scores, is fitted for that topic in milliseconds and
re-scores the quotes the reader has not labelled. It is a topic-specific read-out, SetFit's
head without SetFit's contrastive fine-tuning (which would cost seconds to minutes on 2 cores).

Classes the reader has not used keep the zero-shot model's share of probability: with only
favor and against labelled, the adapter decides the side and the model still decides how much
of the quote is neutral. The adapter is plain numbers (`to_dict`/`from_dict`), saved with the
Analysis, never pickled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.schema import STANCE_LABELS

__all__ = ["MIN_LABELS", "TopicAdapter", "adapter_features", "fit_adapter", "ready_to_fit"]

# The reader's labels a topic needs before its adapter is fitted; both sides must be among them,
# or there is no side to learn.
MIN_LABELS = 4
# Zero-shot log-probabilities are scaled to weigh about as much as the unit-length embedding.
_PRIOR_SCALE = 0.5
# Inverse L2 strength and prior weight, chosen on two held-out parts (ArgQ motions, MTSD targets;
# K = 4, 8, 16): C from 3 to 100 is within 0.01, C = 1 and a prior weight of 0 or 2 lose
# 0.01-0.03. The README's few-shot table is on every part, those two included.
_C = 10.0
# Labels at which the adapter and the zero-shot model weigh the same (the adapter's weight is
# n / (n + _SHRINK)): with 8 labels on a three-way topic a free read-out overfits (GWSD fell
# from 0.60 to 0.42 at K = 8 without it).
_SHRINK = 8.0
_AGREE = 0.75


def ready_to_fit(labels: Sequence[str]) -> bool:
    """Enough labels on a topic to fit an adapter: MIN_LABELS or more, favor and against seen."""
    return len(labels) >= MIN_LABELS and {"favor", "against"} <= set(labels)


def adapter_features(embeddings: Any, zero_shot: Sequence[dict[str, float]]) -> Any:
    """Rows of [sentence embedding, scaled log zero-shot scores]: the adapter's input."""
    import numpy as np

    prior = np.log(np.clip(np.array([[s.get(k, 0.0) for k in STANCE_LABELS] for s in zero_shot], dtype=np.float64),
                           1e-4, 1.0))
    emb = np.asarray(embeddings, dtype=np.float64).reshape(len(zero_shot), -1)
    return np.hstack([emb, _PRIOR_SCALE * prior])


@dataclass
class TopicAdapter:
    """A fitted read-out for one topic: classes the reader used, and the linear weights."""

    topic: str
    classes: tuple[str, ...]
    coef: list[list[float]]
    intercept: list[float]
    n_labels: int

    def rescore(self, features: Any, zero_shot: Sequence[dict[str, float]]) -> list[dict[str, float]]:
        """Scores over STANCE_LABELS: the adapter's split of the mass of the classes it knows."""
        import numpy as np

        x = np.asarray(features, dtype=np.float64)
        z = x @ np.asarray(self.coef).T + np.asarray(self.intercept)
        if len(self.classes) == 2:  # sklearn's binary form: one column, for classes[1]
            p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
            probs = np.stack([1.0 - p1, p1], axis=1)
        else:
            z = z - z.max(axis=1, keepdims=True)
            probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        weight = self.n_labels / (self.n_labels + _SHRINK)
        out = []
        for row, prior in zip(probs, zero_shot):
            unseen = {k: float(prior.get(k, 0.0)) for k in STANCE_LABELS if k not in self.classes}
            rest = max(0.0, 1.0 - sum(unseen.values()))
            scores = {**unseen, **{c: rest * float(p) for c, p in zip(self.classes, row)}}
            # Few labels are weak evidence: lean on the zero-shot scores until there are more.
            out.append({k: weight * scores[k] + (1 - weight) * float(prior.get(k, 0.0)) for k in STANCE_LABELS})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "classes": list(self.classes), "coef": self.coef,
                "intercept": self.intercept, "n_labels": self.n_labels}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicAdapter:
        return cls(topic=d["topic"], classes=tuple(d["classes"]), coef=[list(map(float, r)) for r in d["coef"]],
                   intercept=list(map(float, d["intercept"])), n_labels=int(d["n_labels"]))


def fit_adapter(topic: str, features: Any, labels: Sequence[str],
                zero_shot: Sequence[dict[str, float]] | None = None) -> TopicAdapter | None:
    """The adapter for `topic` from the reader's labelled rows; None until ready_to_fit, and
    None when the zero-shot model already agrees with `_AGREE` of the reader's labels (it reads
    this topic as the reader does; a read-out fitted on a handful of rows would only add noise)."""
    if not ready_to_fit(labels):
        return None
    if zero_shot is not None:
        agree = sum(max(s, key=s.get) == g for s, g in zip(zero_shot, labels)) / len(labels)
        if agree >= _AGREE:
            return None
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=_C, class_weight="balanced", max_iter=500)
    model.fit(features, list(labels))
    coef = [[round(float(v), 6) for v in row] for row in model.coef_]
    return TopicAdapter(topic=topic, classes=tuple(str(c) for c in model.classes_), coef=coef,
                        intercept=[round(float(v), 6) for v in model.intercept_], n_labels=len(labels))
