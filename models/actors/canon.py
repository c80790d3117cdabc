"""Canonical actors: raw speaker names merged into one actor per person or organisation.

Titles are stripped, a surname is merged with the article's full name, organisations with their
short forms and acronyms, and a later, fuller name replaces an earlier short one everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.actors.names import acronym, clean_name, is_pronoun, org_key, strip_titles
from models.schema import Actor, Quote

__all__ = ["merge_actors"]

class _Canon:
    """Union of raw names into canonical actors, order-stable."""

    def __init__(self, person_names: list[str]) -> None:
        self.names: list[str] = []  # canonical names in first-seen order
        self.person_full: dict[str, list[str]] = {}
        for n in person_names:
            parts = n.split()
            if len(parts) >= 2:
                self.person_full.setdefault(parts[-1], [])
                if n not in self.person_full[parts[-1]]:
                    self.person_full[parts[-1]].append(n)

    def canonical(self, raw: str) -> str:
        name = strip_titles(clean_name(raw))
        if not name:
            return clean_name(raw)
        if name.lower().startswith(("a ", "an ", "another ", "some ", "two ", "three ", "several ", "one ")):
            first, rest = name.split(" ", 1)
            return first.lower() + " " + rest  # unnamed source, kept as the article names it
        if name.lower().startswith("the ") and name[4:5].islower():
            return "the " + name[4:]
        parts = name.split()
        if len(parts) == 1 and parts[0] in self.person_full and len(self.person_full[parts[0]]) == 1:
            name = self.person_full[parts[0]][0]
        # merge with a name already seen
        for existing in self.names:
            if self._same(existing, name):
                if len(name) > len(existing) and not name.lower().startswith("the "):
                    self.names[self.names.index(existing)] = name
                    return name
                return existing
        self.names.append(name)
        return name

    def _same(self, a: str, b: str) -> bool:
        if a.lower() == b.lower():
            return True
        ta, tb = a.split(), b.split()
        if not ta or not tb:
            return False
        # person: surname alone vs full name, or same first+last with a middle name
        if ta[-1] == tb[-1] and (len(ta) == 1 or len(tb) == 1) and ta[-1][:1].isupper():
            return True
        if len(ta) >= 2 and len(tb) >= 2 and ta[0] == tb[0] and ta[-1] == tb[-1]:
            return True
        # organisation: same core words, or acronym
        ka, kb = org_key(a), org_key(b)
        if ka and ka == kb and (a[:1].isupper() and b[:1].isupper()):
            return True
        if len(tb) == 1 and tb[0].isupper() and len(tb[0]) >= 2 and acronym(a) == tb[0].replace(".", ""):
            return True
        if len(ta) == 1 and ta[0].isupper() and len(ta[0]) >= 2 and acronym(b) == ta[0].replace(".", ""):
            return True
        return False


def merge_actors(
    quotes: Sequence[Quote], raw_names: Sequence[str | None], doc: Any
) -> tuple[list[str | None], list[Actor]]:
    """Canonical speaker names (one per quote) and the actors, from each quote's raw name.

    A quote without a raw name falls back to its mention's words unless the mention is a
    pronoun ("a source familiar with the talks" names someone; an unresolved "he" does not).
    """
    person_names = [strip_titles(clean_name(e.text)) for e in doc.ents if e.label_ == "PERSON"] if doc is not None else []
    canon = _Canon(person_names)
    per_quote: list[str | None] = []
    for q, raw in zip(quotes, raw_names):
        if raw is None and q.speaker_mention is not None and not is_pronoun(q.speaker_mention.text):
            raw = q.speaker_mention.text
        if raw is None or not clean_name(raw):
            per_quote.append(None)
            continue
        per_quote.append(canon.canonical(raw))
    # a later, fuller name may have replaced an earlier canonical one: re-map
    final: list[str | None] = []
    for c in per_quote:
        if c is None:
            final.append(None)
            continue
        match = next((n for n in canon.names if canon._same(n, c)), c)
        final.append(match)
    actors: dict[str, Actor] = {}
    for q, name in zip(quotes, final):
        if name is None:
            continue
        actor = actors.setdefault(name, Actor(name=name))
        actor.quote_ids.append(q.id)
        if q.speaker_mention is not None:
            m = " ".join(q.speaker_mention.text.split())
            if m and m not in actor.mentions:
                actor.mentions.append(m)
    return final, list(actors.values())
