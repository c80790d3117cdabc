"""Speakers as actors: resolving each speaker mention to a name, and merging names into actors.

Readers compare actors, not strings: "US President Donald Trump", "Trump", "the president"
and "he" must come out as one actor. This is the one place a quote's `speaker` is set.
models.quotes finds the words that name each speaker (the mention) and stops there; here, for
every quote of the article together, two steps (rules over spaCy's entities and parse; no
coreference library installs offline on our stack):

1. `MentionResolver.resolve`, called in article order, turns a mention into a raw name: the
   PERSON/ORG entity inside the mention, a pronoun's antecedent (most recent fitting person or
   organisation, with gender cues from titles and first names), a role noun's bearer ("the
   president" -> the last person titled President), or a surname's full name.
2. `merge_actors` canonicalises raw names (titles stripped, surnames merged with full names,
   organisations merged with their short forms and acronyms) and builds the Actor list.

`resolve_speakers(extraction, doc)` does both and returns new quotes and the actors.

    names.py     name cleaning, titles, gender cues, the lexicons
    resolver.py  MentionResolver: mention -> raw name, in article order
    canon.py     merge_actors: raw names -> canonical actors
"""

from __future__ import annotations

import dataclasses
from typing import Any

from models.actors.canon import merge_actors
from models.actors.names import clean_name, guess_gender, looks_like_org, strip_titles
from models.actors.resolver import MentionResolver
from models.quotes import QuoteExtraction, QuoteMask
from models.schema import Actor, Quote

__all__ = [
    "resolve_speakers",
    "merge_actors",
    "MentionResolver",
    "clean_name",
    "strip_titles",
    "looks_like_org",
    "guess_gender",
]


def resolve_speakers(
    extraction: QuoteExtraction, doc: Any, strict: bool = False
) -> tuple[list[Quote], list[Actor]]:
    """The extraction's quotes with their canonical speakers, and the actors they make up.

    Returns new Quote values (the extraction's are left as they are). Quotes whose speaker
    could not be resolved have `speaker=None` and belong to no actor. Never raises unless
    `strict`: a failure keeps the quotes, with the raw names found so far or none.
    """
    quotes = list(extraction.quotes)
    raw = _raw_names(extraction, doc, strict)
    try:
        names, actors = merge_actors(quotes, raw, doc)
    except Exception:  # pragma: no cover - never lose the quotes over actor merging
        if strict:
            raise
        names, actors = [clean_name(r) or None if r is not None else None for r in raw], []
    return [dataclasses.replace(q, speaker=n) for q, n in zip(quotes, names)], actors


def _raw_names(extraction: QuoteExtraction, doc: Any, strict: bool) -> list[str | None]:
    """Each quote's raw speaker name: its own mention resolved in article order (the resolver
    remembers earlier speakers), or the name of the quote whose attribution it continues."""
    raw: list[str | None] = [None] * len(extraction.quotes)
    if not extraction.mentions:
        return raw
    try:
        resolver = MentionResolver(doc, QuoteMask(extraction.pairs).inside)
    except Exception:  # pragma: no cover - an odd parse: mentions stay unresolved
        if strict:
            raise
        return raw
    for m in extraction.mentions:
        if m.source_id is None:
            a, b = m.tokens
            raw[m.quote_id] = resolver.resolve(doc[m.head], doc[a:b])
    for m in extraction.mentions:
        if m.source_id is not None:
            raw[m.quote_id] = raw[m.source_id]
    return raw
