"""Scores for stance predictions (the trainer's monitor and benchmarks/stance_eval.py)."""

from __future__ import annotations

from training.stance.data import LABELS

__all__ = ["macro_f1"]


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    """(mean of the per-label F1 over favor/against/neutral, {label: F1}); a label never
    predicted correctly scores 0."""
    per: dict[str, float] = {}
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(LABELS), per
