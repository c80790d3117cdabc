"""Synthetic training pairs added to the data sets' own.

The model reads (quote, topic) and must also say "neutral" when a quote does not speak to the
topic; VAST/SemEval/GWSD neutrals cover "on topic but no stance", so training adds off-topic
pairs (a text with another example's topic) labelled neutral.
"""

from __future__ import annotations

import random

from training.stance.data import Example
from training.stance.splits import SEED

__all__ = ["negated_topic_pairs", "off_topic_neutrals"]


def off_topic_neutrals(train: list[Example], n: int, seed: int = SEED) -> list[Example]:
    """`n` texts paired with a topic from a different example -> neutral (source "offtopic")."""
    rng = random.Random(seed + 1)
    targets = sorted({e.target for e in train})
    out: list[Example] = []
    while len(out) < n:
        ex = train[rng.randrange(len(train))]
        target = targets[rng.randrange(len(targets))]
        if target == ex.target:
            continue
        out.append(Example(ex.text, target, "neutral", "offtopic"))
    return out


def negated_topic_pairs(train: list[Example], fraction: float, seed: int = SEED) -> list[Example]:
    """For a `fraction` of the favor/against rows, the same text toward "opposition to TOPIC"
    with the label flipped (source unchanged, so the source mix still holds).

    Why: models learned that words like "sanctions" or a firm tone mean "against" whatever the
    topic; pairs that differ only in the topic's polarity make the label depend on the topic.
    Off by default: on v3 it cost GWSD (docs/stance_trials.md).
    """
    rng = random.Random(seed + 3)
    flip = {"favor": "against", "against": "favor"}
    rows = [e for e in train if e.label in flip and e.source != "offtopic"]
    picked = rng.sample(rows, int(fraction * len(rows)))
    return [Example(e.text, f"opposition to {e.target}", flip[e.label], e.source) for e in picked]
