"""From the reader's stance corrections to per-topic adapters, and back onto the Analyses.

The reader's labels on a topic, gathered over every article being compared, fit one adapter per
topic (models.stance.adapter); the adapter then re-scores every quote on that topic whose label
still came from the model, in every article. Reader labels are never overwritten, and a quote
the adapter scored says so (Stance.source == "adapter"), so the page can tell the reader which
labels are the model's, which theirs and which were learned from theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from models.corrections import latest_corrections
from models.schema import ADAPTER, MODEL, Analysis, Correction, Stance
from models.stance.adapter import TopicAdapter, adapter_features, fit_adapter

__all__ = ["Embed", "LabelledQuote", "apply_adapters", "fit_topic_adapters", "labelled_quotes"]

Embed = Callable[[list[str]], Any]  # texts -> unit-length sentence embeddings, one row each


@dataclass(frozen=True)
class LabelledQuote:
    """A reader's stance label, with the model's own scores for the same quote and topic."""

    topic: str
    text: str
    label: str
    zero_shot: dict[str, float]


def labelled_quotes(model_analysis: Analysis, corrections: Sequence[Correction]) -> list[LabelledQuote]:
    """The reader's latest stance label per quote and topic, for quotes and topics the model's
    (uncorrected) Analysis scored: its scores are the adapter's prior."""
    by_span = {(q.start, q.end, q.text): q for q in model_analysis.quotes}
    latest = latest_corrections(corrections)
    dropped = {(c.start, c.end, c.text) for c in latest if c.field == "not_quote"}
    out = []
    for c in latest:
        span = (c.start, c.end, c.text)
        quote = by_span.get(span)
        if c.field != "stance" or quote is None or span in dropped or c.target not in quote.stance:
            continue
        out.append(LabelledQuote(topic=str(c.target), text=quote.text, label=str(c.value),
                                 zero_shot=dict(quote.stance[str(c.target)].scores)))
    return out


def fit_topic_adapters(examples: Sequence[LabelledQuote], embed: Embed) -> dict[str, TopicAdapter]:
    """One adapter per topic whose labels are ready (adapter.ready_to_fit); others get none."""
    by_topic: dict[str, list[LabelledQuote]] = defaultdict(list)
    for e in examples:
        by_topic[e.topic].append(e)
    adapters = {}
    for topic, rows in by_topic.items():
        features = adapter_features(embed([r.text for r in rows]), [r.zero_shot for r in rows])
        adapter = fit_adapter(topic, features, [r.label for r in rows])
        if adapter is not None:
            adapters[topic] = adapter
    return adapters


def apply_adapters(analysis: Analysis, adapters: dict[str, TopicAdapter], embed: Embed) -> Analysis:
    """A copy with the model-labelled quotes on each adapted topic re-scored by its adapter."""
    topics = [t for t in analysis.targets if t in adapters]
    if not topics:
        return analysis
    copy = Analysis.from_dict(analysis.to_dict())
    for topic in topics:
        quotes = [q for q in copy.quotes if topic in q.stance and q.stance[topic].source == MODEL]
        if not quotes:
            continue
        zero_shot = [q.stance[topic].scores for q in quotes]
        scores = adapters[topic].rescore(adapter_features(embed([q.text for q in quotes]), zero_shot), zero_shot)
        for q, s in zip(quotes, scores):
            q.stance[topic] = replace(Stance.from_scores(s), source=ADAPTER)
    copy.adapters = {t: adapters[t].to_dict() for t in topics}
    return copy
