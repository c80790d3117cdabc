"""Fit the speaker ranker: `python -m training.speaker [--out models/speaker_model/ranker.json]`.

Gradient-boosted trees (scikit-learn, depth 3 or 4) over the option features, one row per option,
trained on PolNeAR train[300:]; the number and depth of trees and the override margin are chosen on dev by
what the benchmark counts (is the chosen mention inside the gold Source?). ~5 minutes on 2
cores, most of it the spaCy parse. Deterministic (fixed random_state).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

from models.loading import get_spacy
from models.quotes.rules import QuoteRules
from models.quotes.speaker_ranker import RANKER_PATH, SpeakerRanker, Tree
from training.speaker.data import QuoteRows, rows_for_split


def accuracy(rows: list[QuoteRows], ranker: SpeakerRanker | None) -> tuple[float, int]:
    """Share of quotes whose chosen mention is right (the rules' when the ranker abstains)."""
    right = 0
    for q in rows:
        ok = q.rule_right
        if ranker is not None:
            best = ranker.pick(ranker.score_many(q.vectors).tolist(), q.is_rule)
            if best is not None:
                ok = bool(q.labels[best])
        right += ok
    return right / max(1, len(rows)), right


def fit(rows: list[QuoteRows], n_trees: int, depth: int = 3, lr: float = 0.1) -> tuple[float, tuple[Tree, ...]]:
    """(base log-odds, trees) of a boosted model over the option rows."""
    x = np.array([v for q in rows for v in q.vectors], dtype=float)
    y = np.array([l for q in rows for l in q.labels])
    gb = GradientBoostingClassifier(n_estimators=n_trees, max_depth=depth, learning_rate=lr, subsample=0.8, random_state=0)
    gb.fit(x, y)
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        trees.append(Tree(tuple(int(k) for k in t.children_left), tuple(int(k) for k in t.children_right),
                          tuple(max(0, int(k)) for k in t.feature), tuple(float(v) for v in t.threshold),
                          tuple(float(v) for v in t.value[:, 0, 0])))
    raw = gb.decision_function(x[:1])[0]
    base = float(raw - lr * sum(tr.predict(list(x[0])) for tr in trees))
    return base, tuple(trees)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.speaker", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=RANKER_PATH)
    ap.add_argument("--kinds", default="direct,reported", help="quote kinds to re-rank: direct,reported (shipped) or direct")
    ap.add_argument("--train-skip", type=int, default=300, help="train articles left out (the benchmark's train[:N])")
    args = ap.parse_args(argv)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    t = time.perf_counter()
    nlp = get_spacy()
    rules = QuoteRules(speaker_ranker=False)
    train = rows_for_split("train", nlp, rules, kinds, skip=args.train_skip)
    dev = rows_for_split("dev", nlp, rules, kinds)
    print(f"rows: train {len(train)} quotes, dev {len(dev)} quotes ({time.perf_counter() - t:.0f}s)")
    base = accuracy(dev, None)[0]
    print(f"dev, rules alone: {base:.4f}")
    best: tuple[float, SpeakerRanker] | None = None
    for n_trees, depth, lr in ((100, 3, 0.1), (300, 3, 0.1), (300, 4, 0.05)):
        base_score, trees = fit(train, n_trees, depth, lr)
        for margin in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0):
            for min_score in (-1.0, 0.0, 1.0):
                r = SpeakerRanker(trees, base_score, lr, margin, min_score, kinds)
                acc = accuracy(dev, r)[0]
                if best is None or acc > best[0] + 1e-9:
                    best = (acc, r)
        print(f"{n_trees} trees of depth {depth}: best dev so far {best[0]:.4f} "
              f"({len(best[1].trees)} trees, margin {best[1].margin}, min {best[1].min_score})")
    assert best is not None
    acc, ranker = best
    print(f"chosen: dev {acc:.4f} vs rules {base:.4f}; train rules {accuracy(train, None)[0]:.4f} -> {accuracy(train, ranker)[0]:.4f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = ranker.to_json() | {"trained_on": f"PolNeAR train[{args.train_skip}:] ({len(train)} quotes); trees, margin tuned on dev",
                               "dev_accuracy": round(acc, 4), "dev_rules_accuracy": round(base, 4)}
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(',', ':')) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"{len(ranker.trees)} trees, {args.out.stat().st_size / 1024:.0f} KiB")
    print(f"wrote {args.out} in {time.perf_counter() - t:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
