"""Ranking topic candidates: which quotes speak to each, which candidates can be a side at all,
how they score, and how the chosen ones are phrased."""

from __future__ import annotations

import bisect
from collections import Counter

from models.article import Article
from models.schema import Quote
from models.topics.candidates import Candidate, Tokens
from models.topics.lexicon import CONTESTABLE, EVENT_HEADS, GROUP_HEADS, TITLE_HEADS, VAGUE_HEADS

__all__ = ["attach_support", "choose", "score", "usable"]


def _quote_zones(article: Article, quotes: list[Quote]) -> list[tuple[int, int, int]]:
    """(start, end, quote id): each quote with the sentence(s) it sits in, where its topic is named
    ("Brandt rejected the plan. 'It will cost jobs,' he said": the plan is in the sentence before)."""
    zones = []
    sents = article.sentences
    for q in quotes:
        lo, hi = q.start, q.end
        for i, (a, b) in enumerate(sents):
            if a <= q.start < b or a < q.end <= b:
                lo, hi = min(lo, a), max(hi, b)
                if a <= q.start < b and i > 0 and q.start - a < 3:
                    lo = min(lo, sents[i - 1][0])  # a quote opening its sentence: the one before too
        if q.speaker_mention is not None:
            lo, hi = min(lo, q.speaker_mention.start), max(hi, q.speaker_mention.end)
        zones.append((lo, hi, q.id))
    return zones


def attach_support(cands: dict[tuple[str, ...], Candidate], article: Article, t: Tokens, quotes: list[Quote]) -> None:
    """Set each candidate's `quotes`: the quotes whose words or sentence name its head."""
    # Which quotes speak to each candidate: its head word in the quote or the quote's sentence.
    zones = _quote_zones(article, quotes)
    zone_keys: list[set[str]] = []
    zone_people: list[set[str]] = []
    for lo, hi, _ in zones:
        keys, names = set(), set()
        for i in range(bisect.bisect_left(t.idx, lo), bisect.bisect_left(t.idx, hi)):
            if t.key[i]:
                keys.add(t.key[i])
            names.add(t.lower[i])
        zone_keys.append(keys)
        zone_people.append(names)
    by_id = {q.id: q for q in quotes}
    for cand in cands.values():
        if cand.kind == "person":
            cand.quotes = {qid for (_, _, qid), names in zip(zones, zone_people) if cand.head in names
                           and not (by_id[qid].speaker and cand.head in by_id[qid].speaker.lower().split())}
        else:
            words = list(cand.key[1:]) if cand.kind == "position" else list(cand.key)
            if cand.kind == "position":
                cand.head = words[0] if words else ""
            need = max(1, (len(words) + 1) // 2)
            cand.quotes = {qid for (_, _, qid), keys in zip(zones, zone_keys)
                           if cand.head in keys and sum(w in keys for w in words) >= need}
        cand.voices = len({by_id[q].speaker for q in cand.quotes if by_id[q].speaker})


def score(c: Candidate, quotes: list[Quote], key_freq: Counter, n_chars: int) -> float:
    """Higher is a better topic: quotes that speak to it (and how many voices), a contestable
    head, a position, the headline, recurrence and an early first mention."""
    recurrence = sum(key_freq[w] for w in c.key) / max(1, len(c.key))
    support = len(c.quotes)
    s = (4.0 * min(support, 4) + 2.0 * min(max(0, c.voices - 1), 2) + 1.5 * c.count + 0.5 * recurrence
         + 3.0 * min(c.in_headline, 1))
    if c.head.split(":")[-1] in CONTESTABLE or (c.kind == "phrase" and c.head in EVENT_HEADS):
        s += 5.0
    elif c.kind == "phrase" and not c.entity:
        s *= 0.5  # "new strategy", "human beings": a description, seldom a side
    if c.kind == "position":
        s += 2.0
    s *= 1.0 + 0.6 * (1 - c.first / n_chars)  # earlier mentions are more central in news
    if c.kind == "phrase" and 2 <= len(c.key) <= 4:
        s *= 1.3  # "sanctions relief" says more than "relief"
    if c.kind == "phrase" and len(c.key) == 1:
        s *= 0.6  # "Ukraine" alone is a place; "the war in Ukraine" is the topic
    if c.count == 1 and len(c.key) >= 3:
        s *= 0.6  # a long phrase said once describes; a topic recurs
    if c.kind == "person":
        s *= 0.8
    if c.kind == "phrase" and c.entity and c.head not in CONTESTABLE:
        s *= 0.4  # "Benghazi Committee": an organisation named is rarely what sides are taken on
    if c.possessive and not c.in_headline:
        s *= 0.5  # "Davis' commentary": one person's thing, a topic only when the headline says so
    if c.headline_object:
        s += 6.0  # the headline says who takes a side on it
    elif quotes and support == 0:
        s *= 0.3  # no quote speaks to it: nobody's side can be read on it
    return s


def usable(c: Candidate) -> bool:
    """False for what can never be a side: a speaker's role, a group of people, a phrase said
    inside one quote only, a person no one else speaks about."""
    if not c.in_body and not (c.kind == "person" and c.in_headline) and not c.headline_object:
        return False  # a topic the story is about appears in its body; the headline adds weight
    if c.kind == "person":  # spoken about in others' quotes, and named more than once
        return (len(c.quotes) >= 2 and c.count >= 2) or (c.in_headline > 0 and len(c.quotes) >= 1)
    if c.in_quote and c.in_quote == c.count and len(c.quoted_in) <= 1:
        return False  # a phrase from inside one quote (or scare quotes) describes; it is not a side
    if c.kind == "phrase" and any(k in TITLE_HEADS for k in c.key):
        return False  # "the former Secretary of State", "the president of Mexico": a role, an actor
    if c.kind == "phrase" and c.head in GROUP_HEADS | VAGUE_HEADS and c.head not in CONTESTABLE:
        return False  # "Mexican officials", "Justice Department", "new home": actors or descriptions
    return True


def choose(ranked: list[Candidate], k: int) -> list[str]:
    """The first `k` candidates that are not near-duplicates of one chosen before, phrased."""
    chosen: list[Candidate] = []
    for cand in ranked:
        words = set(cand.key[1:] if cand.kind == "position" else cand.key)
        # Skip near-duplicates: one topic's content words contained in another's.
        stems = {w[:6] for w in words}  # "Islamic terrorism" and "Islamic terrorist" are one topic
        if any(words <= _words(o) or _words(o) <= words or stems == {w[:6] for w in _words(o)} for o in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= k:
            break
    out = []
    for c in chosen:
        if not c.surfaces:
            continue
        surface = " ".join(c.surfaces.most_common(1)[0][0].split())
        if c.kind == "person":
            surface = max(c.surfaces, key=lambda x: (c.surfaces[x], len(x.split())))  # the full name
        # Lower a capital that only comes from a sentence start ("Sanctions relief ..."), keep a
        # name's ("NATO", "American voters", "Trump's campaign").
        if not c.keep_case and surface[:1].isupper():
            surface = surface[0].lower() + surface[1:]
        if c.kind == "phrase" and c.head in EVENT_HEADS:
            surface = "ending " + (surface if surface.lower().startswith("the ") else "the " + surface)
        out.append(surface)
    return out


def _words(c: Candidate) -> set[str]:
    if c.kind == "position":
        return set(c.key[1:])
    if c.kind == "person":  # the full name: "Bill Clinton" and "Hillary Clinton" are two topics
        return set(c.key[0].split(":", 1)[1].split())
    return set(c.key)
