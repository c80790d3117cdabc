"""The reader's corrections applied to an Analysis: stance labels, speakers, "not a quote".

A correction names its quote by span and text (schema.Correction), so it finds the quote again
when the same text is analysed again, with other topics or another model. Applying is pure: a
corrected copy comes back, the model's Analysis stays as it was, and undoing a correction is
applying the list without it. Later corrections of the same quote and field win.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.schema import READER, Actor, Analysis, Correction, Quote, Stance

__all__ = ["apply_corrections", "correction_key", "latest_corrections", "rebuild_actors"]


def correction_key(c: Correction) -> tuple[str, int, int, str | None]:
    """What a correction overrides: one field of one quote (for a stance, toward one target)."""
    return (c.field, c.start, c.end, c.target if c.field == "stance" else None)


def latest_corrections(corrections: Sequence[Correction]) -> list[Correction]:
    """One correction per quote and field (per target for a stance): the reader's last word."""
    latest: dict[tuple[str, int, int, str | None], Correction] = {}
    for c in corrections:
        latest[correction_key(c)] = c
    return list(latest.values())


def rebuild_actors(quotes: Sequence[Quote], previous: Sequence[Actor]) -> list[Actor]:
    """Actors from the quotes' speakers, keeping each surviving actor's mentions; a name the
    reader typed that no actor had becomes a new actor. Ordered as the pipeline orders them."""
    by_name = {a.name: Actor(name=a.name, mentions=list(a.mentions)) for a in previous}
    actors: dict[str, Actor] = {}
    for q in sorted(quotes, key=lambda q: q.id):
        if q.speaker is None:
            continue
        actor = actors.setdefault(q.speaker, by_name.get(q.speaker) or Actor(name=q.speaker))
        actor.quote_ids.append(q.id)
    return sorted(actors.values(), key=lambda a: (-len(a.quote_ids), a.name.casefold()))


def apply_corrections(analysis: Analysis, corrections: Sequence[Correction]) -> Analysis:
    """A copy of `analysis` with `corrections` applied, all of them recorded in `.corrections`.

    A stance correction toward a topic the Analysis does not have is recorded but not applied
    (it applies again once the topic is back); one whose quote is not in this Analysis likewise.
    """
    latest = latest_corrections(corrections)
    if not latest:
        return analysis
    copy = Analysis.from_dict(analysis.to_dict())
    by_span = {(q.start, q.end, q.text): q for q in copy.quotes}
    dropped: set[int] = set()
    applied: list[Correction] = []
    for c in latest:
        quote = by_span.get((c.start, c.end, c.text))
        if quote is None:
            continue
        if c.field == "not_quote":
            dropped.add(quote.id)
        elif c.field == "speaker":
            quote.speaker = (c.value or "").strip() or None
            quote.speaker_source = READER
        elif c.target in copy.targets:
            quote.stance[c.target] = Stance.by_reader(str(c.value))
        else:
            continue
        applied.append(c)
    if any(c.field != "stance" for c in applied):
        copy.quotes = [q for q in copy.quotes if q.id not in dropped]
        copy.actors = rebuild_actors(copy.quotes, copy.actors)
    copy.corrections = list(corrections)
    return copy
