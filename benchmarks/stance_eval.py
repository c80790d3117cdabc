"""Stance accuracy and speed on the held-out splits: `python benchmarks/stance_eval.py`.

Prints macro-F1 (mean of favor/against/neutral F1), per-class F1 and pairs per second for a
stance classifier (the embedded one by default, or any NLI model with --stance NAME) on the
splits that training never sees (training.stance.make_splits): held-out VAST dev topics,
held-out GWSD sentences, and the SemEval-2016 "donald trump" target. Speed is measured
separately on texts under 60 words (quote length) with the classifier already loaded, as the
pipeline uses it.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from models.stance import StanceInput, get_stance_classifier
from training.stance import DATA_DIR, macro_f1, make_splits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stance", default="embedded", help="embedded | HF NLI id | local folder")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="at most N rows per split (0 = all)")
    parser.add_argument("--speed-pairs", type=int, default=512)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    _, evals = make_splits(args.data)
    clf = get_stance_classifier(args.stance)
    print(f"model: {clf.name}   threads: {args.threads}")
    print(f"{'split':<22}{'n':>6}{'macro-F1':>10}{'favor':>8}{'against':>9}{'neutral':>9}{'pairs/s':>9}")
    short = []
    for name, rows in evals.items():
        if args.limit:
            rows = rows[: args.limit]
        inputs = [StanceInput(text=e.text, target=e.target) for e in rows]
        t = time.perf_counter()
        preds = clf.predict(inputs)
        rate = len(inputs) / (time.perf_counter() - t)
        macro, per = macro_f1([e.label for e in rows], [p.label for p in preds])
        print(
            f"{name:<22}{len(rows):>6}{macro:>10.3f}{per['favor']:>8.3f}{per['against']:>9.3f}"
            f"{per['neutral']:>9.3f}{rate:>9.0f}"
        )
        short += [i for i in inputs if len(i.text.split()) < 60]
    short = (short * (1 + args.speed_pairs // max(1, len(short))))[: args.speed_pairs]
    clf.predict(short[:32])  # warm-up
    t = time.perf_counter()
    clf.predict(short)
    rate = len(short) / (time.perf_counter() - t)
    words = sum(len(i.text.split()) for i in short) / max(1, len(short))
    print(f"speed: {rate:.0f} pairs/s on {len(short)} pairs under 60 words (mean {words:.0f} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
