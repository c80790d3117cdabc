"""Stance accuracy, calibration and speed on the held-out parts: `python benchmarks/stance_eval.py`.

For one or more stance classifiers side by side (`--stance` repeatable: `embedded`, a retrained
artifact folder, or any Hugging Face NLI model), on every part training never sees
(training.stance.make_splits: VAST topics, GWSD rows, SemEval "Donald Trump", and one held-out
part per source added in issue 14), prints:

* macro-F1 over favor / against / neutral, and per-class F1;
* two-way macro-F1 for parts whose gold has no neutral (favor vs against by the larger of the
  two scores: does the model get the side right when there is one);
* ECE, the expected calibration error of the top label's score (10 equal-width bins), over all
  rows and ("ECE rep.") over each part's report half only (training/stance/calibrate.py): the
  shipped temperature was fitted on the other half's topics, so "ECE rep." is the fair one;
* pairs per second, and speed on quote-length texts with the classifier loaded;
* with `--few-shot 0,4,8,16`: per-topic adapters fitted on K of a held-out topic's own rows,
  scored against the zero-shot model on the topic's other rows (benchmarks/fewshot.py).

    .venv/bin/python benchmarks/stance_eval.py                      # the shipped model
    .venv/bin/python benchmarks/stance_eval.py --stance embedded --stance /tmp/new_model
    .venv/bin/python benchmarks/stance_eval.py --few-shot 0,4,8,16
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any, Sequence

from benchmarks.fewshot import few_shot_rows
from models.stance import StanceInput, get_stance_classifier
from training.stance import DATA_DIR, macro_f1, make_splits
from training.stance.calibrate import calibration_halves
from training.stance.metrics import expected_calibration_error
from training.stance.splits import TWO_WAY

__all__ = ["expected_calibration_error", "two_way_macro_f1"]


def two_way_macro_f1(gold: Sequence[str], scores: Sequence[dict[str, float]]) -> float:
    """Macro-F1 of favor vs against on the polar gold rows, by the larger of the two scores."""
    pairs = [(g, "favor" if s.get("favor", 0) >= s.get("against", 0) else "against")
             for g, s in zip(gold, scores) if g in ("favor", "against")]
    if not pairs:
        return float("nan")
    f1s = []
    for label in ("favor", "against"):
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 2


def evaluate(clf: Any, evals: dict[str, list[Any]], limit: int,
             keep: dict[str, list[dict[str, float]]] | None = None) -> dict[str, dict[str, float]]:
    """Scores per part; `keep`, if given, receives each part's per-row scores."""
    out: dict[str, dict[str, float]] = {}
    for name, rows in evals.items():
        rows = rows[:limit] if limit else rows
        inputs = [StanceInput(text=e.text, target=e.target) for e in rows]
        t = time.perf_counter()
        preds = clf.predict(inputs)
        rate = len(inputs) / max(1e-9, time.perf_counter() - t)
        gold = [e.label for e in rows]
        _, report = calibration_halves(rows)
        if keep is not None:
            keep[name] = [p.scores for p in preds]
        macro, per = macro_f1(gold, [p.label for p in preds])
        out[name] = {
            "n": len(rows), "macro": macro, **per, "rate": rate,
            "two_way": two_way_macro_f1(gold, [p.scores for p in preds]) if name in TWO_WAY else float("nan"),
            "ece": expected_calibration_error(gold, [p.label for p in preds], [p.scores[p.label] for p in preds]),
            "ece_report": expected_calibration_error(
                [gold[i] for i in report], [preds[i].label for i in report],
                [preds[i].scores[preds[i].label] for i in report]),
        }
    return out


def speed(clf: Any, evals: dict[str, list[Any]], n: int) -> tuple[float, float]:
    short = [StanceInput(text=e.text, target=e.target) for rows in evals.values() for e in rows
             if len(e.text.split()) < 60]
    short = (short * (1 + n // max(1, len(short))))[:n]
    clf.predict(short[:32])  # warm-up
    t = time.perf_counter()
    clf.predict(short)
    return len(short) / (time.perf_counter() - t), sum(len(i.text.split()) for i in short) / max(1, len(short))


def print_few_shot(clf_scores: dict[str, list[dict[str, float]]], evals: dict[str, list[Any]], ks: list[int],
                   limit: int, draws: int) -> None:
    """The few-shot table: per held-out part, zero-shot vs adapter macro-F1 on the same rows."""
    from models import loading

    encoder = loading.get_sentence_encoder()
    print(f"\nfew-shot adapters (models.stance.adapter), mean of {draws} draws; "
          "cells: zero-shot -> adapter on the same rows (favor/against F1 for parts without neutral)")
    print("| held-out part | " + " | ".join(f"K={k} (topics, rows)" for k in ks) + " |")
    print("|---|" + "---|" * len(ks))
    for part, rows in evals.items():
        rows = rows[:limit] if limit else rows
        table = few_shot_rows(rows, clf_scores[part], encoder.encode([e.text for e in rows]), ks, draws=draws,
                              polar=part in TWO_WAY)
        cells = [f"{table[k]['zero_shot']:.3f} -> {table[k]['adapter']:.3f} ({table[k]['topics']}, "
                 f"{table[k]['n']:.0f})" if k in table else "--" for k in ks]
        print(f"| {part} | " + " | ".join(cells) + " |")


def _fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stance", action="append", help="embedded | HF NLI id | local folder (repeatable)")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="at most N rows per part (0 = all)")
    parser.add_argument("--speed-pairs", type=int, default=512)
    parser.add_argument("--few-shot", default="", help="e.g. 0,4,8,16: few-shot adapters with K labels per topic")
    parser.add_argument("--draws", type=int, default=3, help="few-shot draws per K")
    parser.add_argument("--only", default="", help="comma-separated part names to score (default all)")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    _, evals = make_splits(args.data)
    if args.only:
        evals = {k: v for k, v in evals.items() if k in set(args.only.split(","))}
    names = args.stance or ["embedded"]
    results, rates, labels = [], [], []
    kept: list[dict[str, list[dict[str, float]]]] = []
    for name in names:
        clf = get_stance_classifier(name)
        labels.append(clf.name)
        kept.append({})
        results.append(evaluate(clf, evals, args.limit, kept[-1]))
        rates.append(speed(clf, evals, args.speed_pairs))
    print(f"threads: {args.threads}; models: " + " | ".join(f"[{i}] {n}" for i, n in enumerate(labels)))
    cols = ["macro-F1", "2-way", "favor", "against", "neutral", "ECE", "ECE rep."]
    print("| held-out part | n | " + " | ".join(f"{c} [{i}]" for c in cols for i in range(len(names))) + " |")
    print("|---|---|" + "---|" * (len(cols) * len(names)))
    keys = ["macro", "two_way", "favor", "against", "neutral", "ece", "ece_report"]
    for part in evals:
        cells = [_fmt(results[i][part][k]) for k in keys for i in range(len(names))]
        print(f"| {part} | {results[0][part]['n']} | " + " | ".join(cells) + " |")
    for i in range(len(names)):
        mean = sum(r["ece"] for r in results[i].values()) / max(1, len(results[i]))
        rep = sum(r["ece_report"] for r in results[i].values()) / max(1, len(results[i]))
        print(f"mean ECE over parts [{i}]: {mean:.3f} (report halves {rep:.3f})")
    for i, (rate, words) in enumerate(rates):
        print(f"speed [{i}]: {rate:.0f} pairs/s on {args.speed_pairs} pairs under 60 words (mean {words:.0f} words)")
    if args.few_shot:
        for i, label in enumerate(labels):
            print(f"\n[{i}] {label}")
            print_few_shot(kept[i], evals, [int(k) for k in args.few_shot.split(",")], args.limit, args.draws)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
