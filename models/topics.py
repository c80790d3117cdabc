"""Suggest 3 to 5 topics from the article itself, for the reader to edit.

A good stance topic is something people can be for or against and that the article keeps
returning to: "sanctions relief", "the war in Ukraine", "the new tariff". So candidates are
noun phrases (extended by one prepositional phrase: "the war" + "in Ukraine") and named
events/laws/organisations from the shared spaCy Doc, scored by how often their content words
recur, how early they appear, and whether quotes talk about them. Pronouns, dates, numbers,
people (they are the actors, not the topics) and single generic words are never suggested.
Pure rules over the existing parse: deterministic and well under 0.1 s for a long article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from models.article import Article
from models.quotes.marks import QuoteMask

# Single common nouns that are too generic to take a stance on, even when frequent.
GENERIC = {
    "thing", "things", "people", "person", "time", "times", "year", "years", "day", "days", "week", "weeks",
    "month", "months", "way", "ways", "part", "lot", "number", "kind", "sort", "issue", "issues", "problem",
    "problems", "question", "questions", "statement", "statements", "interview", "official", "officials",
    "man", "woman", "men", "women", "group", "case", "point", "fact", "world", "country", "countries",
    "report", "reports", "news", "comment", "comments", "side", "sides", "end", "place", "area", "percent",
    "spokesman", "spokeswoman", "spokesperson", "reporter", "reporters", "source", "sources", "story",
    "situation", "state", "states", "government", "leader", "leaders", "member", "members", "friday",
    "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "today", "yesterday", "tomorrow",
}
DROP_LEADING = {"a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your",
                "some", "any", "such", "another", "other", "every", "each", "all", "both", "the", "no", "what",
                "which", "whose", "many", "much", "more", "most", "several", "few", "own"}
BAD_ENTS = {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
GOOD_ENTS = {"EVENT", "LAW", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC"}
ATTACH_PREPS = {"of", "in", "on", "against", "for", "over", "with", "to"}
# An organisation named like this is the outlet reporting the story, not something to take a
# stance on ("Fox News", "The Washington Post", "USA Today").
MEDIA_WORDS = {"news", "post", "times", "journal", "press", "today", "daily", "tribune", "herald", "magazine",
               "radio", "tv", "television", "network", "cnn", "msnbc", "reuters", "bloomberg", "politico",
               "breitbart", "guardian", "telegraph", "observer", "gazette", "chronicle", "wire", "afp", "bbc", "npr"}
# A candidate phrase with a quotation mark inside straddles a quote's edge: never a topic.
QUOTE_CHARS = '"“”«»„'


@dataclass
class _Candidate:
    key: tuple[str, ...]
    first: int
    keep_case: bool = True
    count: int = 0
    in_quote: int = 0
    entity: bool = False
    surfaces: Counter = field(default_factory=Counter)
    in_body: int = 0
    in_headline: int = 0


@dataclass
class _Tokens:
    """Token attributes read once into lists: indexing a spaCy Doc in the hot loop is slow."""

    text: list[str]
    lower: list[str]
    pos: list[str]
    ent: list[str]
    stop: list[bool]
    alpha: list[bool]
    key: list[str]
    idx: list[int]
    sent_start: list[bool]
    quoted: list[bool]

    @classmethod
    def read(cls, article: Article) -> _Tokens:
        t = cls([], [], [], [], [], [], [], [], [], [])
        mask = QuoteMask(article.quote_marks)
        for tok in article.doc:
            t.text.append(tok.text)
            t.lower.append(tok.lower_)
            t.pos.append(tok.pos_)
            t.ent.append(tok.ent_type_)
            t.stop.append(tok.is_stop)
            t.alpha.append(tok.is_alpha)
            t.key.append(_norm(tok.lemma_) if tok.pos_ in CONTENT_POS and tok.is_alpha and not tok.is_stop else "")
            t.idx.append(tok.idx)
            t.sent_start.append(bool(tok.is_sent_start))
            # Inside the article's quotation-mark pairs (the quote finder's own): a quoted word.
            t.quoted.append(mask.inside(tok.idx) and not tok.is_punct)
        return t


CONTENT_POS = ("NOUN", "PROPN", "ADJ", "VERB")
LEADING_POS = ("DET", "PRON", "NUM", "PUNCT", "CCONJ", "PART", "ADP", "SPACE")


def _norm(word: str) -> str:
    """Lemma-ish key that also folds headline plurals spaCy tags as proper nouns ("Issues")."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _trim(t: _Tokens, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners/possessives/numbers/prepositions and trailing punctuation."""
    first = start
    while start < end and (
        not t.text[start].strip() or t.lower[start] in DROP_LEADING or t.pos[start] in LEADING_POS
        or t.ent[start] in BAD_ENTS
    ):
        start += 1
    # "the war in Ukraine" reads as a topic; "war in Ukraine" as a headline: keep that "the".
    if start > first and t.lower[start - 1] == "the" and "ADP" in t.pos[start:end]:
        start -= 1
    while end > start and (t.pos[end - 1] in ("PUNCT", "PART", "SPACE") or not t.text[end - 1].strip()):
        end -= 1
    return start, end


def _candidate_spans(doc: Any) -> list[tuple[int, int, bool]]:
    """(start, end, is_entity) for noun chunks (plus one attached PP) and good named entities."""
    spans: list[tuple[int, int, bool]] = []
    try:
        chunks = list(doc.noun_chunks)
    except Exception:  # no parser: entities only
        chunks = []
    n = len(doc)
    for chunk in chunks:
        spans.append((chunk.start, chunk.end, False))
        # "the war" + "in Ukraine": a prepositional phrase right after the chunk's head.
        nxt = chunk.end
        if nxt < n:
            prep = doc[nxt]
            if prep.lower_ in ATTACH_PREPS and prep.head.i == chunk.root.i:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        end = obj.right_edge.i + 1
                        if end - chunk.start <= 7:
                            spans.append((chunk.start, end, False))
                        break
    for ent in doc.ents:
        if ent.label_ in GOOD_ENTS:
            spans.append((ent.start, ent.end, True))
    return spans


def _is_media_outlet(t: _Tokens, start: int, end: int) -> bool:
    """A name (an ORG entity or proper nouns) ending in an outlet word: "Fox News", "USA Today"."""
    named = t.ent[end - 1] == "ORG" or t.pos[end - 1] == "PROPN"
    return named and t.lower[end - 1] in MEDIA_WORDS


def _is_dateline(surface: str) -> bool:
    """"LOS ANGELES" opening a story: several words all in capitals (acronyms are one word)."""
    words = [w for w in surface.split() if any(c.isalpha() for c in w)]
    return len(words) > 1 and all(w.isupper() for w in words)


def _acceptable(t: _Tokens, start: int, end: int, is_entity: bool, people: set[str]) -> bool:
    if end - start <= 0 or end - start > 7:
        return False
    rng = range(start, end)
    if not is_entity and any(t.ent[i] in BAD_ENTS for i in rng):
        # "last week", "Mr. Putin", "2 percent": dates, people and numbers are not topics.
        if all(t.ent[i] in BAD_ENTS or t.stop[i] or not t.alpha[i] for i in rng):
            return False
        if t.ent[end - 1] in BAD_ENTS:
            return False
    if any(t.text[i] in QUOTE_CHARS or "\n" in t.text[i] for i in rng):
        return False
    content = [i for i in rng if t.alpha[i] and not t.stop[i]]
    if not content:
        return False
    if len(content) == 1:
        # A bare common noun ("sanctions", "people") is too generic; a named organisation,
        # place, law or event ("NATO", "Brexit") may stand alone.
        if not is_entity or t.lower[content[0]] in GENERIC:
            return False
    if all(t.lower[i] in people for i in content):
        return False  # "Trump", "Mr. Dmitriev": people are actors, not topics
    return True


def suggest_topics(article: Article | None, k: int = 5) -> list[str]:
    """Up to `k` (normally 3-5) topics drawn from the parsed article, best first; [] for an empty one."""
    if article is None or len(article.doc) == 0:
        return []
    k = max(1, int(k))
    doc = article.doc
    t = _Tokens.read(article)
    text = article.text
    people = {tok.lower_ for ent in doc.ents if ent.label_ == "PERSON" for tok in ent if tok.is_alpha}
    key_freq = Counter(w for w in t.key if w)
    body_start = article.body_start
    cands: dict[tuple[str, ...], _Candidate] = {}
    for raw_start, raw_end, is_entity in _candidate_spans(doc):
        start, end = _trim(t, raw_start, raw_end)
        if not _acceptable(t, start, end, is_entity, people):
            continue
        surface = text[t.idx[start] : t.idx[end - 1] + len(t.text[end - 1])]
        if len(surface) > 60 or _is_media_outlet(t, start, end) or _is_dateline(surface):
            continue
        key = tuple(w for w in t.key[start:end] if w) or (surface.lower(),)
        cand = cands.get(key)
        if cand is None:
            keep = t.pos[start] == "PROPN" or bool(t.ent[start]) or not t.sent_start[start] or t.text[start].isupper()
            cand = cands[key] = _Candidate(key=key, first=t.idx[start], keep_case=keep)
        cand.count += 1
        if t.idx[start] < body_start:
            cand.in_headline += 1
        else:
            cand.in_body += 1
        cand.in_quote += int(any(t.quoted[start:end]))
        cand.entity = cand.entity or is_entity
        cand.surfaces[surface] += 1

    n_chars = max(1, len(text))

    def score(c: _Candidate) -> float:
        recurrence = sum(key_freq[w] for w in c.key) / max(1, len(c.key))
        s = c.count * 2.0 + recurrence + 1.5 * min(c.in_quote, 3) + 2.0 * min(c.in_headline, 1)
        s *= 1.0 + 0.6 * (1 - c.first / n_chars)  # earlier mentions are more central in news
        if 2 <= len(c.key) <= 4:
            s *= 1.3  # "sanctions relief" says more than "relief"
        if len(c.key) == 1:
            s *= 0.5  # "Ukraine" alone is a place; "the war in Ukraine" is the topic
        if c.count == 1 and len(c.key) >= 3:
            s *= 0.5  # a long phrase said once describes; a topic recurs
        return s

    # A topic the story is about appears in its body; the headline only adds weight to it.
    ranked = sorted((c for c in cands.values() if c.in_body), key=lambda c: (-score(c), c.first, c.key))
    chosen: list[_Candidate] = []
    for cand in ranked:
        words = set(cand.key)
        # Skip near-duplicates: one topic's content words contained in another's.
        if any(words <= set(o.key) or set(o.key) <= words for o in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= k:
            break
    out = []
    for c in chosen:
        surface = " ".join(c.surfaces.most_common(1)[0][0].split())
        # Lower a capital that only comes from a sentence start ("Sanctions relief ..."), keep a
        # name's ("NATO", "American voters", "Trump's campaign").
        if not c.keep_case and surface[:1].isupper():
            surface = surface[0].lower() + surface[1:]
        out.append(surface)
    return out
