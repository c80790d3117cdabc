""""Where they stand": two to four plain sentences built from an Analysis, by rule.

Written by code from the labels, never by a language model, so every word can be traced to the
quotes behind it (each line carries their ids). Only what the labels support is said: a label
the model is unsure of (schema.LOW_CONFIDENCE) and neutral quotes are not counted; an actor
whose confident quotes take both sides is called mixed; one confident quote only "leans".
"""

from __future__ import annotations

from models.schema import Analysis, DigestLine, Quote

__all__ = ["MAX_LINES", "position_phrase", "where_they_stand"]

MAX_LINES = 4
# Share of an actor's confident polar quotes one side needs, with 4 or more of them, for
# "mostly"; below it the actor is mixed.
MOSTLY = 0.75


def position_phrase(favor: int, against: int) -> str | None:
    """The verb phrase for an actor's confident favor/against counts on one topic."""
    total = favor + against
    if not total:
        return None
    if favor and against:
        if total >= 4 and max(favor, against) / total >= MOSTLY:
            return "mostly favors" if favor > against else "is mostly against"
        return "is mixed on"
    if total == 1:
        return "leans in favor of" if favor else "leans against"
    return "favors" if favor else "is against"


def _polar(quotes: list[Quote], target: str) -> tuple[list[Quote], list[Quote]]:
    favor, against = [], []
    for q in quotes:
        s = q.stance.get(target)
        if s is None or s.low_confidence or s.label == "neutral":
            continue
        (favor if s.label == "favor" else against).append(q)
    return favor, against


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def where_they_stand(analysis: Analysis) -> list[DigestLine]:
    """One line per actor with a confident side on a topic, most such quotes first, at most MAX_LINES."""
    by_id = {q.id: q for q in analysis.quotes}
    lines: list[tuple[int, int, DigestLine]] = []
    for order, actor in enumerate(analysis.actors):
        quotes = [by_id[i] for i in actor.quote_ids if i in by_id]
        by_phrase: dict[str, list[str]] = {}  # "favors": [topics], in topic order
        targets, ids = [], []
        for target in analysis.targets:
            favor, against = _polar(quotes, target)
            phrase = position_phrase(len(favor), len(against))
            if phrase is None:
                continue
            by_phrase.setdefault(phrase, []).append(target)
            targets.append(target)
            ids += [q.id for q in favor + against]
        if not by_phrase:
            continue
        ids = sorted(set(ids))
        n = len(quotes)
        said = "; ".join(f"{phrase} {_join(topics)}" for phrase, topics in by_phrase.items())
        text = f"{actor.name} ({n} quote{'s' if n != 1 else ''}) {said}."
        lines.append((-len(ids), order, DigestLine(text=text, actor=actor.name, targets=targets, quote_ids=ids)))
    return [line for _, _, line in sorted(lines, key=lambda t: (t[0], t[1]))][:MAX_LINES]
