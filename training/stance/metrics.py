"""Scores for stance predictions (the trainer's monitor, training/stance/calibrate.py and
benchmarks/stance_eval.py)."""

from __future__ import annotations

from typing import Sequence

from training.stance.data import LABELS

__all__ = ["expected_calibration_error", "macro_f1"]


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


def expected_calibration_error(gold: Sequence[str], labels: Sequence[str], confidence: Sequence[float],
                               bins: int = 10) -> float:
    """Weighted mean |accuracy - confidence| over equal-width confidence bins."""
    n = len(gold)
    if not n:
        return float("nan")
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i in range(n) if (lo < confidence[i] <= hi) or (b == 0 and confidence[i] == 0)]
        if idx:
            acc = sum(gold[i] == labels[i] for i in idx) / len(idx)
            conf = sum(confidence[i] for i in idx) / len(idx)
            total += len(idx) / n * abs(acc - conf)
    return total
