"""Suggest 3 to 5 topics from the article itself, for the reader to edit.

A good stance topic is what the quoted actors take sides on: a proposal, a policy, a contested
decision or a person ("lifting sanctions on Russia", "the harbour redevelopment plan",
"Hillary Clinton"). So candidates are
* noun phrases (extended by one prepositional phrase: "the war" + "in Ukraine") and named
  events, laws and organisations from the shared spaCy Doc;
* positions read off verbs with an object ("lift sanctions on Russia" -> "lifting sanctions on
  Russia"), the form a reader types for a policy;
* people whom at least two quotes speak about and who are not themselves the speakers;
and an event no one can be for or against becomes a position ("the war in Ukraine" -> "ending
the war in Ukraine"). They are ranked by how many quotes speak to them (the quote's words and
its sentence), whether the headline names them, whether their head is a contestable thing
(plan, tax, ban, nomination, investigation ...), and how often and early they recur. Never
suggested: pronouns, dates, numbers, the speakers, a bare country or nationality, the outlet,
a datelines, single generic words, and phrases found only inside one quote.
Pure rules over the existing parse and quotes: deterministic and well under 0.1 s.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from models.article import Article
from models.quotes.marks import QuoteMask
from models.schema import Quote

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
# Heads of things people take sides on: a phrase headed by one ranks above one that is not.
CONTESTABLE = {
    "plan", "proposal", "bill", "law", "tax", "levy", "deal", "agreement", "treaty", "sanction", "ban", "tariff",
    "reform", "policy", "investigation", "probe", "inquiry", "nomination", "nominee", "decision", "ruling", "wall",
    "immigration", "rule", "vote", "abortion", "healthcare", "relief", "ceasefire", "cut", "mandate", "budget",
    "project", "redevelopment", "development", "pipeline", "merger", "strike", "referendum", "amendment",
    "regulation", "subsidy", "programme", "scheme", "initiative", "measure", "charge",
    "prosecution", "impeachment", "candidacy", "legacy", "proposal", "email", "server", "column", "care", "socialism", "refugee", "deportation",
    "border", "trade", "spending", "funding", "closure", "expansion", "scandal", "controversy", "change",
}
# Contestable things that are a topic on their own ("sanctions"); "the decision" alone is not.
STANDALONE = {"sanction", "abortion", "immigration", "ceasefire", "tariff", "socialism", "capitalism", "healthcare",
              "tax", "levy", "wall", "impeachment", "deportation", "brexit", "austerity", "euthanasia", "fracking"}
# Events nobody is for or against as such: suggested as a position ("ending the war in Ukraine").
EVENT_HEADS = {"war", "conflict", "fighting", "violence", "occupation", "blockade", "shutdown", "crisis", "siege"}
# Verbs whose object is a position a reader can take ("lift sanctions" -> "lifting sanctions").
POSITION_VERBS = {
    "lift", "ease", "impose", "ban", "repeal", "approve", "build", "cut", "raise", "end", "restore", "investigate",
    "prosecute", "deport", "legalize", "legalise", "expand", "block", "fund", "reform", "pass", "veto", "abolish",
    "scrap", "cancel", "delay", "extend", "reject", "sign", "ratify", "withdraw", "close", "privatize", "raise",
    "lower", "increase", "reduce", "halt", "resume", "renew", "impeach", "confirm", "nominate", "recognize",
    "sell", "buy", "redevelop", "demolish", "overturn", "recommend", "charge", "elect", "support", "oppose",
}
_DOUBLED = {"ban", "cut", "stop", "plan", "scrap", "veto", "rig", "bar", "drop", "slash", "cap", "ship"}
TITLE_HEADS = {
    "secretary", "president", "chairman", "chairwoman", "chair", "director", "minister", "senator", "governor",
    "mayor", "spokesman", "spokeswoman", "official", "candidate", "nominee", "leader", "ambassador", "aide",
    "counsel", "attorney", "judge", "host", "chancellor", "representative", "congressman", "congresswoman",
}
KINDS_OF_ENT_NOT_ALONE = {"GPE", "NORP", "LOC", "FAC"}
# Heads that name a group of people: "Mexican officials", "GOP delegates" are actors, not topics.
GROUP_HEADS = {
    "government", "delegate", "official", "voter", "administrator", "advocate", "leader", "member", "critic",
    "supporter", "opponent", "resident", "protester", "lawmaker", "republican", "democrat", "administration",
    "committee", "agency", "department", "office", "court", "center", "institution", "group", "party",
    "brother", "sister", "family", "people", "citizen", "worker", "student", "expert", "analyst", "economist",
    "ally", "partner", "firm", "company",
}
# Heads of descriptions that are never a side ("new home", "Sanders interview", "effect on voters").
VAGUE_HEADS = {"interview", "home", "effect", "kind", "type", "time", "moment", "way", "idea", "term", "story",
               "report", "remark", "comment", "statement", "speech", "event", "night", "life", "role", "job", "mood",
               "tone", "language", "step", "point", "path", "address", "condition"}  # "Russia", "Mexican", "Europe": a place is not a side
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
    quotes: set = field(default_factory=set)  # ids of the quotes that speak to it
    quoted_in: set = field(default_factory=set)  # ids of the quotes it is said inside
    kind: str = "phrase"  # "phrase" | "position" | "person"
    head: str = ""


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
    if any(t.pos[i] in ("VERB", "AUX") and not t.lower[i].endswith("ing") for i in rng):
        return False  # "Clinton Email Story Has Moved": a clause (a title), not a thing
    content = [i for i in rng if t.alpha[i] and not t.stop[i]]
    if not content:
        return False
    if all(t.ent[i] in KINDS_OF_ENT_NOT_ALONE for i in content):
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
    if lemma in _DOUBLED:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return lemma + "ing"


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


def suggest_topics(article: Article | None, k: int = 5, quotes: list[Quote] | None = None) -> list[str]:
    """Up to `k` (normally 3-5) topics drawn from the parsed article, best first; [] for an empty one.

    `quotes` (the quote finder's, on the same article) say what the quoted actors speak to;
    without them the ranking falls back to the article's own recurrence and headline."""
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
    quote_list = list(quotes or [])
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
            # A capital kept only where it is a name's: "NATO", "American voters", not "Lifting ...".
            keep = t.pos[start] == "PROPN" or bool(t.ent[start]) or t.text[start].isupper()
            cand = cands[key] = _Candidate(key=key, first=t.idx[start], keep_case=keep)
            # The head: the last content word before an attached preposition ("the war in Ukraine": war).
            cut = next((i for i in range(start, end) if t.pos[i] == "ADP"), end)
            heads = [t.key[i] for i in range(start, cut) if t.key[i]]
            cand.head = heads[-1] if heads else key[-1]
        cand.count += 1
        if t.idx[start] < body_start:
            cand.in_headline += 1
        else:
            cand.in_body += 1
        cand.in_quote += int(any(t.quoted[start:end]))
        cand.quoted_in |= {q.id for q in quote_list if q.start <= t.idx[start] < q.end}
        cand.entity = cand.entity or is_entity
        cand.surfaces[surface] += 1

    quotes = list(quotes or [])
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
            cand = cands[key] = _Candidate(key=key, first=t.idx[verb], kind="position")
        cand.count += 1
        cand.in_body += int(t.idx[verb] >= body_start)
        cand.in_headline += int(t.idx[verb] < body_start)
        cand.surfaces[f"{gerund(lemma)} {obj}"] += 1
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
        cand = cands.setdefault(key, _Candidate(key=key, first=ent.start_char, kind="person"))
        cand.count += 1
        cand.in_body += int(ent.start_char >= body_start)
        cand.in_headline += int(ent.start_char < body_start)
        if len(ent) >= 2:
            cand.surfaces[" ".join(ent.text.split())] += 1
        cand.head = last

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
            continue
        words = [w for w in cand.key[1:]] if cand.kind == "position" else list(cand.key)
        if cand.kind == "position":
            cand.head = words[0] if words else ""
        need = max(1, (len(words) + 1) // 2)
        cand.quotes = {qid for (_, _, qid), keys in zip(zones, zone_keys)
                       if cand.head in keys and sum(w in keys for w in words) >= need}

    n_chars = max(1, len(text))

    def score(c: _Candidate) -> float:
        recurrence = sum(key_freq[w] for w in c.key) / max(1, len(c.key))
        support = len(c.quotes)
        voices = len({by_id[q].speaker for q in c.quotes if by_id[q].speaker})
        s = 4.0 * min(support, 4) + 2.0 * min(max(0, voices - 1), 2) + c.count * 1.5 + 0.5 * recurrence + 3.0 * min(c.in_headline, 1)
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
        if quotes and support == 0:
            s *= 0.3  # no quote speaks to it: nobody's side can be read on it
        return s

    def usable(c: _Candidate) -> bool:
        if not c.in_body and not (c.kind == "person" and c.in_headline):
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

    ranked = sorted((c for c in cands.values() if usable(c)), key=lambda c: (-score(c), c.first, c.key))
    chosen: list[_Candidate] = []
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


def _words(c: _Candidate) -> set[str]:
    if c.kind == "position":
        return set(c.key[1:])
    if c.kind == "person":  # the full name: "Bill Clinton" and "Hillary Clinton" are two topics
        return set(c.key[0].split(":", 1)[1].split())
    return set(c.key)
