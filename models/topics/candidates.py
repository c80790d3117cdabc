"""Topic candidates from the shared parse: noun phrases and named things, positions read off
verbs with an object, and people; each with where and how often it is said."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from models.article import Article
from models.quotes.marks import QuoteMask
from models.schema import Quote
from models.topics.lexicon import (
    ATTACH_PREPS, BAD_ENTS, CONTENT_POS, DROP_LEADING, GENERIC, GOOD_ENTS, KINDS_OF_ENT_NOT_ALONE, LEADING_POS,
    MEDIA_WORDS, POSITION_VERBS, QUOTE_CHARS, STANDALONE, VAGUE_HEADS, DOUBLED_FINAL,
)

__all__ = ["Candidate", "Tokens", "gerund", "person_candidates", "phrase_candidates", "position_candidates"]


@dataclass
class Candidate:
    key: tuple[str, ...]
    first: int
    keep_case: bool = True
    count: int = 0
    in_quote: int = 0
    entity: bool = False
    surfaces: Counter = field(default_factory=Counter)
    in_body: int = 0
    in_headline: int = 0
    # the object of a verb in the headline ("Ken Starr praises, laments Bill Clinton's legacy"):
    # the headline itself says someone takes a side on it
    headline_object: bool = False
    possessive: bool = False  # opens with a named owner ("Bill Clinton's legacy")
    quotes: set = field(default_factory=set)  # ids of the quotes that speak to it
    quoted_in: set = field(default_factory=set)  # ids of the quotes it is said inside
    voices: int = 0  # distinct speakers among `quotes`
    kind: str = "phrase"  # "phrase" | "position" | "person"
    head: str = ""


@dataclass
class Tokens:
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
    # Words of the place and nationality entities found anywhere in the article: spaCy often
    # misses a place in a title-cased headline ("Canada's Cape Breton Will Welcome ...") that it
    # tags in the body, so a headline phrase made only of such words is still a place.
    place_words: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, article: Article) -> Tokens:
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
        t.place_words = {tok.lower_ for ent in article.doc.ents if ent.label_ in KINDS_OF_ENT_NOT_ALONE
                         for tok in ent if tok.is_alpha}
        return t


def _norm(word: str) -> str:
    """Lemma-ish key that also folds headline plurals spaCy tags as proper nouns ("Issues")."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


_POSSESSIVE = ("'s", "’s", "'", "’")


def _named_possessor(t: Tokens, start: int, end: int) -> bool:
    """A person's or organisation's name with a possessive, then a noun, starts at `start`."""
    label = t.ent[start]
    if label not in ("PERSON", "ORG"):
        return False
    j = start
    while j < end and t.ent[j] == label and t.text[j] not in _POSSESSIVE:
        j += 1
    return j + 1 < end and t.text[j] in _POSSESSIVE and t.pos[j + 1] in ("NOUN", "ADJ")


def _trim(t: Tokens, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners/possessives/numbers/prepositions and trailing punctuation."""
    first = start
    while start < end and (
        not t.text[start].strip() or t.lower[start] in DROP_LEADING or t.pos[start] in LEADING_POS
        or t.ent[start] in BAD_ENTS
    ):
        if _named_possessor(t, start, end):
            break  # "Bill Clinton's legacy": whose legacy is the topic; "legacy" alone is not
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


def _is_media_outlet(t: Tokens, start: int, end: int) -> bool:
    """A name (an ORG entity or proper nouns) ending in an outlet word: "Fox News", "USA Today"."""
    named = t.ent[end - 1] == "ORG" or t.pos[end - 1] == "PROPN"
    return named and t.lower[end - 1] in MEDIA_WORDS


def _is_dateline(surface: str) -> bool:
    """"LOS ANGELES" opening a story: several words all in capitals (acronyms are one word)."""
    words = [w for w in surface.split() if any(c.isalpha() for c in w)]
    return len(words) > 1 and all(w.isupper() for w in words)


def _acceptable(t: Tokens, start: int, end: int, is_entity: bool, people: set[str]) -> bool:
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
    if any(t.pos[i] in ("VERB", "AUX") and not t.lower[i].endswith("ing") for i in rng):
        return False  # "Clinton Email Story Has Moved": a clause (a title), not a thing
    content = [i for i in rng if t.alpha[i] and not t.stop[i]]
    if not content:
        return False
    if all(t.ent[i] in KINDS_OF_ENT_NOT_ALONE or (not t.ent[i] and t.lower[i] in t.place_words) for i in content):
        return False  # "Russia", "United States", "Mexican": a place or a nationality is not a side
    if len(content) == 1:
        # A bare common noun ("people", "relief") is too generic; a named organisation, law or
        # event ("NATO", "Brexit") or a contestable thing ("sanctions", "abortion") may stand alone.
        if t.lower[content[0]] in GENERIC or not (is_entity or t.key[content[0]] in STANDALONE):
            return False
    if all(t.lower[i] in people for i in content):
        return False  # "Trump", "Mr. Dmitriev": people are actors, not topics
    return True


def gerund(lemma: str) -> str:
    """"lift" -> "lifting", "ban" -> "banning", "raise" -> "raising", "end" -> "ending"."""
    if lemma in DOUBLED_FINAL:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return lemma + "ing"


def _position_spans(doc: Any) -> list[tuple[int, int, int]]:
    """(verb index, object start, object end) for POSITION_VERBS with a nominal object."""
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in POSITION_VERBS:
            continue
        for child in tok.children:
            if child.dep_ in ("dobj", "obj") and child.pos_ in ("NOUN", "PROPN"):
                start, end = child.left_edge.i, child.right_edge.i + 1
                if end - start <= 6:
                    out.append((tok.i, start, end))
                break
    return out


def phrase_candidates(article: Article, t: Tokens, quotes: list[Quote]) -> dict[tuple[str, ...], Candidate]:
    """Noun phrases and named things, keyed by their content words (one candidate per wording)."""
    doc, text, body_start = article.doc, article.text, article.body_start
    people = {tok.lower_ for ent in doc.ents if ent.label_ == "PERSON" for tok in ent if tok.is_alpha}
    body_lower = {tok.text for tok in doc if tok.idx >= body_start and tok.is_lower}
    cands: dict[tuple[str, ...], Candidate] = {}
    for raw_start, raw_end, is_entity in _candidate_spans(doc):
        start, end = _trim(t, raw_start, raw_end)
        if not _acceptable(t, start, end, is_entity, people):
            continue
        surface = text[t.idx[start] : t.idx[end - 1] + len(t.text[end - 1])]
        if len(surface) > 60 or _is_media_outlet(t, start, end) or _is_dateline(surface):
            continue
        key = tuple(w for w in t.key[start:end] if w) or (surface.lower(),)
        headline = t.idx[start] < body_start
        if headline:
            surface = recase_headline(surface, body_lower)
        cand = cands.get(key)
        if cand is None:
            # A capital kept only where it is a name's: "NATO", "American voters", not "Lifting ...".
            keep = headline or t.pos[start] == "PROPN" or bool(t.ent[start]) or t.text[start].isupper()
            cand = cands[key] = Candidate(key=key, first=t.idx[start], keep_case=keep)
            # The head: the last content word before an attached preposition ("the war in Ukraine": war).
            cut = next((i for i in range(start, end) if t.pos[i] == "ADP"), end)
            heads = [t.key[i] for i in range(start, cut) if t.key[i]]
            cand.head = heads[-1] if heads else key[-1]
        cand.count += 1
        cand.possessive = cand.possessive or _named_possessor(t, start, end)
        if t.idx[start] < body_start:
            cand.in_headline += 1
            cand.headline_object = cand.headline_object or _is_headline_object(doc[start:end], body_start)
        else:
            cand.in_body += 1
        cand.in_quote += int(any(t.quoted[start:end]))
        cand.quoted_in |= {q.id for q in quotes if q.start <= t.idx[start] < q.end}
        cand.entity = cand.entity or is_entity
        cand.surfaces[surface] += 1

    return cands


def recase_headline(surface: str, body_lower: set[str]) -> str:
    """A phrase from a title-cased headline in the casing its words have in the article's
    prose: "American Refugees" -> "American refugees" (the body writes "refugees", never
    "american"), so a headline-only topic reads as a reader would type it."""
    return " ".join(w.lower() if w[:1].isupper() and w.lower() in body_lower else w for w in surface.split(" "))


def _is_headline_object(span: Any, body_start: int) -> bool:
    """The span is the direct object of a verb of the headline, or coordinated with one
    ("Will Welcome American Refugees"; "backs the plan and its budget")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    verb = root.head
    return root.dep_ == "dobj" and verb.pos_ == "VERB" and verb.idx < body_start


def position_candidates(article: Article, t: Tokens, cands: dict[tuple[str, ...], Candidate]) -> None:
    """Add positions ("lift sanctions on Russia" -> "lifting sanctions on Russia") to `cands`."""
    doc, text, body_start = article.doc, article.text, article.body_start
    # Positions: "lift sanctions on Russia" -> "lifting sanctions on Russia".
    for verb, o_start, o_end in _position_spans(doc):
        start, end = _trim(t, o_start, o_end)
        rng = range(start, end)
        if end <= start or any(t.text[i] in QUOTE_CHARS or "\n" in t.text[i] for i in rng):
            continue
        if not any(t.pos[i] in ("NOUN", "PROPN") for i in rng) or t.ent[end - 1] in BAD_ENTS - {"PERSON"}:
            continue  # an object with a thing in it ("sanctions"), not "it" or "last year"
        if all(t.key[i] in VAGUE_HEADS | GENERIC or not t.key[i] for i in rng):
            continue  # "rejected that idea": the position is elsewhere
        obj = text[t.idx[start] : t.idx[end - 1] + len(t.text[end - 1])]
        lemma = doc[verb].lemma_.lower()
        key = (lemma,) + tuple(w for w in t.key[start:end] if w)
        cand = cands.get(key)
        if cand is None:
            cand = cands[key] = Candidate(key=key, first=t.idx[verb], kind="position")
        cand.count += 1
        cand.in_body += int(t.idx[verb] >= body_start)
        cand.in_headline += int(t.idx[verb] < body_start)
        cand.surfaces[f"{gerund(lemma)} {obj}"] += 1


def person_candidates(article: Article, cands: dict[tuple[str, ...], Candidate]) -> None:
    """Add people (PERSON entities, one per full name) to `cands`; ranking decides whether
    others' quotes speak about them enough to make them a topic."""
    doc, body_start = article.doc, article.body_start
    # People spoken about (not the speakers): "Hillary Clinton" in a story about her emails.
    persons = []
    for e in doc.ents:  # "Bill Clinton's" -> "Bill Clinton"
        if e.label_ == "PERSON":
            while len(e) > 1 and not e[-1].is_alpha:
                e = e[:-1]
            if e[-1].is_alpha:
                persons.append(e)
    full_names: dict[str, set[str]] = {}
    for ent in persons:
        if len(ent) >= 2:
            full_names.setdefault(ent[-1].lower_, set()).add(" ".join(w.lower_ for w in ent if w.is_alpha))
    for ent in persons:
        last = ent[-1].lower_
        name = " ".join(w.lower_ for w in ent if w.is_alpha) if len(ent) >= 2 else None
        if name is None:  # "Clinton": the one full name it stands for, if only one
            if len(full_names.get(last, ())) != 1:
                continue
            name = next(iter(full_names[last]))
        key = ("person:" + name,)
        cand = cands.setdefault(key, Candidate(key=key, first=ent.start_char, kind="person"))
        cand.count += 1
        cand.in_body += int(ent.start_char >= body_start)
        cand.in_headline += int(ent.start_char < body_start)
        if len(ent) >= 2:
            cand.surfaces[" ".join(ent.text.split())] += 1
        cand.head = last

