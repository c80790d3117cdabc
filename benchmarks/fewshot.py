"""Few-shot adapters on held-out topics, for `benchmarks/stance_eval.py --few-shot K,...`.

For every held-out topic with enough rows, K rows are drawn as the reader's labels (a seeded
draw that must contain both sides, as the page requires before fitting), an adapter
(models.stance.adapter) is fitted on them and the topic's other rows are scored twice: by the
zero-shot model and by the adapter. Both are scored on exactly the same rows, so the difference
is what the K labels bought. Each K is averaged over `draws` draws.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from models.stance.adapter import adapter_features, fit_adapter
from training.stance import macro_f1

__all__ = ["few_shot_rows"]

MIN_SCORED = 8  # a topic needs K labelled rows plus at least this many to score


def _draw(rows: list[int], gold: list[str], k: int, rng: random.Random) -> list[int] | None:
    for _ in range(50):
        pick = rng.sample(rows, k)
        if {"favor", "against"} <= {gold[i] for i in pick}:
            return pick
    return None


def _score(gold: list[str], pred: list[str], polar: bool) -> float:
    macro, per = macro_f1(gold, pred)
    return (per["favor"] + per["against"]) / 2 if polar else macro


def few_shot_rows(part_rows: list[Any], zero_shot: list[dict[str, float]], embeddings: Any, ks: list[int],
                  draws: int = 3, seed: int = 13, polar: bool = False) -> dict[int, dict[str, float]]:
    """{K: {"n", "topics", "zero_shot", "adapter"}}: macro-F1 over the scored rows of every
    topic that could be drawn from, pooled over topics and averaged over draws. `polar` (a part
    whose gold has no neutral) scores the mean of favor and against F1 instead of all three."""
    gold = [e.label for e in part_rows]
    zs_labels = [max(s, key=s.get) for s in zero_shot]
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(part_rows):
        by_topic[e.target].append(i)
    features = adapter_features(embeddings, zero_shot)
    out: dict[int, dict[str, float]] = {}
    for k in ks:
        zs_f1, ad_f1, ns, topics = [], [], [], 0
        for d in range(draws):
            rng = random.Random(seed * 1000 + d)
            g_all, zs_all, ad_all = [], [], []
            n_topics = 0
            for topic, rows in sorted(by_topic.items()):
                if len(rows) < k + MIN_SCORED:
                    continue
                labelled = _draw(rows, gold, k, rng) if k else []
                if labelled is None:
                    continue
                chosen = set(labelled)
                rest = [i for i in rows if i not in chosen]
                n_topics += 1
                g_all += [gold[i] for i in rest]
                zs_all += [zs_labels[i] for i in rest]
                adapter = (fit_adapter(topic, features[labelled], [gold[i] for i in labelled],
                                       [zero_shot[i] for i in labelled]) if k else None)
                if adapter is None:
                    ad_all += [zs_labels[i] for i in rest]
                else:
                    scores = adapter.rescore(features[rest], [zero_shot[i] for i in rest])
                    ad_all += [max(s, key=s.get) for s in scores]
            if not g_all:
                continue
            zs_f1.append(_score(g_all, zs_all, polar))
            ad_f1.append(_score(g_all, ad_all, polar))
            ns.append(len(g_all))
            topics = n_topics
        if zs_f1:
            out[k] = {"n": sum(ns) / len(ns), "topics": topics, "zero_shot": sum(zs_f1) / len(zs_f1),
                      "adapter": sum(ad_f1) / len(ad_f1)}
    return out
