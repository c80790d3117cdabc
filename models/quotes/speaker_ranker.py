"""The learned speaker ranker: re-scores the mentions around each quote and keeps the best.

Why small boosted trees over hand-made features: the options and what distinguishes them (is it
the subject of a verb of saying? a person? in the quote's sentence? the rules' own choice?) are
few and readable, and PolNeAR's train split has a few thousand attributed quotes. A logistic
model over the same features gained 0.3 points on dev (it cannot say "a name in the quote's
sentence counts only when the rules found nothing"); shallow trees capture such interactions
(depth, count and margin chosen on dev; re-ranking direct quotes and reported clauses with the
quote-kind features: +1.8 points on dev over the rules, on the trainer's rows). The trees are a JSON file of thresholds and leaf values (no
pickle), walked in numpy for all options of a quote at once. The rules stay the fallback: without the
artifact (or with `QuoteRules(speaker_ranker=False)`) the rules' choice stands, and the ranker
overrides it only when its best option beats the rules' by `margin` in log-odds.
Trained by `python -m training.speaker` (training/speaker); measured by
benchmarks/quotes_polnear.py (`--toggle speaker_ranker` shows the rules alone).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from models.quotes.candidates import Candidate
from models.quotes.index import DocIndex, make_span
from models.quotes.marks import QuoteMask
from models.quotes.rules import QuoteRules
from models.quotes.speaker_options import FEATURES, SpeakerOption, speaker_options
from models.quotes.speakers import inherit_unattributed
from models.quotes.subjects import mention_span, modified_noun

__all__ = ["SpeakerRanker", "default_ranker", "load_ranker", "name_counts", "RANKER_PATH"]

RANKER_PATH = Path(__file__).resolve().parents[1] / "speaker_model" / "ranker.json"


def name_counts(doc: Any, mask: QuoteMask) -> dict[str, int]:
    """How often each entity word appears outside quotes: a salience feature."""
    # the tokens with an entity type are exactly the entities' tokens: walk those, not the doc
    return dict(Counter(t.lower_ for e in doc.ents for t in e if not mask.inside(t.idx)))


@dataclass(frozen=True)
class Tree:
    """One regression tree as sklearn stores it: node arrays, leaves where `left` is -1."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    value: tuple[float, ...]

    def predict(self, x: list[float]) -> float:
        node = 0
        while self.left[node] != -1:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class SpeakerRanker:
    """Boosted trees over `FEATURES` giving each option a log-odds of naming the speaker;
    `margin` is how much the best option must beat the rules' choice by to replace it, and
    `min_score` what an option needs when the rules found no speaker at all."""

    trees: tuple[Tree, ...]
    base: float = 0.0
    learning_rate: float = 0.1
    margin: float = 0.0
    min_score: float = 0.0
    kinds: tuple[str, ...] = ("direct",)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, ...]:
        """The trees as padded node arrays (trees x nodes), so that all options of a quote walk
        all trees at once in numpy: 300 trees walked in Python cost 0.07 s per 5,000 words."""
        n = max((len(t.left) for t in self.trees), default=1)
        shape = (len(self.trees), n)
        left, right = np.full(shape, -1, dtype=np.int64), np.full(shape, -1, dtype=np.int64)
        feature, threshold, value = np.zeros(shape, dtype=np.int64), np.zeros(shape), np.zeros(shape)
        for i, t in enumerate(self.trees):
            k = len(t.left)
            left[i, :k], right[i, :k], feature[i, :k] = t.left, t.right, t.feature
            threshold[i, :k], value[i, :k] = t.threshold, t.value
        return left, right, feature, threshold, value

    def score_many(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for each row of x (options x FEATURES)."""
        x = np.asarray(x, dtype=float).reshape(-1, len(FEATURES))
        if not self.trees:
            return np.full(len(x), self.base)
        left, right, feature, threshold, value = self._arrays
        trees = np.arange(len(self.trees))[None, :]
        rows = np.arange(len(x))[:, None]
        node = np.zeros((len(x), len(self.trees)), dtype=np.int64)
        for _ in range(left.shape[1]):
            nxt_left = left[trees, node]
            leaf = nxt_left == -1
            if leaf.all():
                break
            go_left = x[rows, feature[trees, node]] <= threshold[trees, node]
            node = np.where(leaf, node, np.where(go_left, nxt_left, right[trees, node]))
        return self.base + self.learning_rate * value[trees, node].sum(axis=1)


    def pick(self, scores: list[float], is_rule: list[bool]) -> int | None:
        """Index of the option to use instead of the rules' choice, or None to keep the rules'.
        Shared with training/speaker, which tunes `margin` and `min_score` through it."""
        if not scores:
            return None
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if is_rule[best]:
            return None
        rule_scores = [s for s, r in zip(scores, is_rule) if r]
        if rule_scores:
            return best if scores[best] - max(rule_scores) > self.margin else None
        return best if scores[best] > self.min_score else None

    def choose(self, options: list[SpeakerOption]) -> SpeakerOption | None:
        """The option to use instead of the rules' choice, or None to keep the rules'."""
        scores = self.score_many([o.vector() for o in options]).tolist()
        i = self.pick(scores, ["is_rule" in o.flags for o in options])
        return None if i is None else options[i]

    def rerank(self, cands: list[Candidate], idx: DocIndex, mask: QuoteMask, rules: QuoteRules) -> int:
        """Re-attribute the candidates in place (they are the extraction's own working
        records); returns how many changed. Quotes that share an attribution follow it."""
        counts = name_counts(idx.doc, mask)
        sentence_cache: dict[int, Any] = {}
        changed = 0
        for i, c in enumerate(cands):
            if c.kind not in self.kinds:
                continue
            prev = cands[i - 1] if i > 0 else None
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            opts = speaker_options(c, prev, nxt, idx, mask, rules, counts, sentence_cache)
            best = self.choose(opts)
            if best is None:
                continue
            changed += 1
            if best.inherit is not None and best.inherit is not c:
                src = best.inherit
                c.speaker_mention, c.mention_tokens, c.subject = src.speaker_mention, src.mention_tokens, src.subject
                c.cue = c.cue or src.cue
                c.source = src.source or src
            else:
                a, b = best.tokens
                head = idx.doc[best.head]
                owner = modified_noun(head)
                if owner is not None and not mask.inside(owner.idx):
                    # the entity only describes a noun ("Republican" in "Republican pollster
                    # Daron Shaw"): the speaker is that noun phrase, not the adjective
                    head = owner
                    a, b = mention_span(idx.doc, owner)
                c.subject = head
                c.mention_tokens = (a, b)
                c.speaker_mention = make_span(idx.doc, a, b)
                c.cue = best.cue if best.cue is not None else c.cue
                c.source = None
        if changed:
            for c in cands:  # a quote that continues another's attribution follows it
                src = c.source
                seen = 0
                while src is not None and src.source is not None and seen < 50:
                    src, seen = src.source, seen + 1
                if src is not None and src is not c:
                    c.source = src
                    c.speaker_mention, c.mention_tokens, c.subject = src.speaker_mention, src.mention_tokens, src.subject
            inherit_unattributed(cands, idx)
        return changed

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES), "base": self.base, "learning_rate": self.learning_rate,
            "margin": self.margin, "min_score": self.min_score, "kinds": list(self.kinds),
            "trees": [{"left": t.left, "right": t.right, "feature": t.feature, "threshold": t.threshold, "value": t.value}
                      for t in self.trees],
        }


def load_ranker(path: Path | str) -> SpeakerRanker:
    """A ranker from its JSON artifact; ValueError when it was trained on other features or
    is malformed (then the rules alone decide)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        raise ValueError(f"{path}: trained on other features than models.quotes.speaker_options.FEATURES; retrain")
    trees = []
    for t in data["trees"]:
        tree = Tree(tuple(map(int, t["left"])), tuple(map(int, t["right"])), tuple(map(int, t["feature"])),
                    tuple(map(float, t["threshold"])), tuple(map(float, t["value"])))
        n = len(tree.left)
        if not n or any(len(a) != n for a in (tree.right, tree.feature, tree.threshold, tree.value)):
            raise ValueError(f"{path}: a tree's node arrays differ in length")
        if any(not (k == -1 or i < k < n) for i in range(n) for k in (tree.left[i], tree.right[i])) or any(
            tree.left[i] != -1 and not 0 <= tree.feature[i] < len(FEATURES) for i in range(n)
        ):
            raise ValueError(f"{path}: a tree points outside its nodes or features, or back up")
        trees.append(tree)
    return SpeakerRanker(tuple(trees), float(data.get("base", 0.0)), float(data.get("learning_rate", 0.1)),
                         float(data.get("margin", 0.0)), float(data.get("min_score", 0.0)),
                         tuple(data.get("kinds", ("direct",))))


@lru_cache(maxsize=1)
def default_ranker() -> SpeakerRanker | None:
    """The shipped ranker, or None (rules alone) when it is missing or stale."""
    try:
        return load_ranker(RANKER_PATH)
    except (OSError, ValueError, KeyError):
        return None
