"""Reported speech: the clause a verb of saying governs ("X said (that) ...").

Why from the parse: a reported clause has no marks to find it by, but the dependency parse gives
it directly: the clausal complement of a verb of saying or believing ("said (that) ..."), the
sentence around "according to X", the "to"-clause of "urged ... to", the object of a verb of
judging ("called for the complete repeal of ..."), and the "that"-clause of a noun of saying
("Trump's claim that ..."). A clause never runs over a paragraph break. Overlaps with direct
quotes are settled later, in models.quotes.merge.
"""

from __future__ import annotations

from typing import Any

from models.quotes.candidates import Candidate
from models.quotes.cues import NAMING_LEMMAS, OBJECT_LEMMAS, XCOMP_LEMMAS, is_report_cue, is_speech_noun, lemma
from models.quotes.index import DocIndex, words
from models.quotes.marks import QuoteMask
from models.quotes.rules import QuoteRules
from models.quotes.subjects import subject_outside

__all__ = ["reported_clauses"]

_OPENERS = {"“", "\"", "«", "‘", "``", "„"}
_CLOSERS = {"”", "\"", "»", "’", "''"}


def _strip_tokens(doc: Any, a: int, b: int) -> tuple[int, int]:
    """Trim punctuation (not quotation marks that belong to a mixed quote) off a token range."""
    while a < b and (doc[a].is_punct and doc[a].text not in _OPENERS or doc[a].is_space or doc[a].lower_ in ("and", "but")):
        a += 1
    while b > a and (doc[b - 1].is_punct and doc[b - 1].text not in _CLOSERS or doc[b - 1].is_space):
        b -= 1
    return a, b


def _minus(head: Any, cut: Any) -> tuple[int, int] | None:
    """head's subtree without cut's subtree: the larger contiguous side."""
    L, R = head.left_edge.i, head.right_edge.i + 1
    l, r = cut.left_edge.i, cut.right_edge.i + 1
    before = (L, l)
    after = (r, R)
    a, b = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    return (a, b) if b > a else None


def _content_of(verb: Any, rules: QuoteRules) -> tuple[int, int] | None:
    """Token range of what a cue reports: its clause, or the sentence around "according to"."""
    if verb.lower_ == "according":
        prep = verb
        head = prep.head
        if head.i == prep.i:
            return None
        return _minus(head, prep)
    for c in verb.children:
        if c.dep_ == "ccomp":
            return c.left_edge.i, c.right_edge.i + 1
    if verb.lemma_.lower() in XCOMP_LEMMAS:
        for c in verb.children:
            if c.dep_ == "xcomp":
                return c.left_edge.i, c.right_edge.i + 1
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        return _minus(verb.head, verb)
    if lemma(verb) in NAMING_LEMMAS:
        # "McCaskill called Oz a quack", "called her vote ... a mistake": the judgment is the
        # object with its predicate, a stance on the object
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        pred = next((c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i), None)
        if obj is not None and pred is not None and obj.i < pred.i:
            return obj.left_edge.i, pred.right_edge.i + 1
    if rules.object_content and lemma(verb) in OBJECT_LEMMAS:
        # "called for the complete repeal of Obamacare", "criticized the party's record"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for" and lemma(verb) == "call":
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        return g.left_edge.i, g.right_edge.i + 1
            if c.dep_ == "dobj" and c.right_edge.i - c.left_edge.i >= 2:
                return c.left_edge.i, c.right_edge.i + 1
    return None


# "declined to say", "refused to comment that ...": the verb of saying is what they did not do.
DECLINING_LEMMAS = frozenset({"decline", "refuse"})


# Negation raises out of these: "I don't think it works" says "I think it does not work", a
# stance, not a refusal to speak.
NEG_RAISING_LEMMAS = frozenset({"think", "believe", "expect", "suppose", "feel", "imagine", "anticipate",
                                "reckon", "figure", "want"})


def _negated(cue: Any) -> bool:
    """Whether a verb of saying is denied: "did not say", "never claimed", "declined to say".
    Only a negation before the verb counts ("promising to lift ... - probably not exactly what
    he had in mind" is not a denial)."""
    if cue.lemma_.lower() in NEG_RAISING_LEMMAS:
        return False
    if any(c.dep_ == "neg" and c.i < cue.i for c in cue.children):
        return True
    head = cue.head
    return cue.dep_ == "xcomp" and head.i != cue.i and head.lemma_.lower() in DECLINING_LEMMAS


def _noun_content(noun: Any) -> tuple[int, int] | None:
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i:
            first = c.left_edge
            if first.lower_ == "that" and first.dep_ == "mark":
                return first.i, c.right_edge.i + 1
    return None


def reported_clauses(idx: DocIndex, mask: QuoteMask, rules: QuoteRules) -> list[Candidate]:
    """Reported speech: the clause each verb of saying (or "according to") reports."""
    doc = idx.doc
    out: list[Candidate] = []
    for tok in doc:
        if mask.inside(tok.idx):
            continue
        if is_report_cue(tok):
            rng = _content_of(tok, rules)
        elif rules.report_nouns and is_speech_noun(tok):
            rng = _noun_content(tok)
        else:
            continue
        if rng is None or (rules.negated_cue_skip and _negated(tok)):
            continue
        a, b = _strip_tokens(doc, *rng)
        if b - a < 2 or (a <= tok.i < b):
            continue
        if sum(1 for t in doc[a:b] if not t.is_punct) < 3:
            continue
        subj = subject_outside(tok, mask)
        if subj is not None and a <= subj.i < b:
            subj = None
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        # a clause never runs over a paragraph break (the parser sometimes joins paragraphs)
        text = idx.text
        lo = text.rfind("\n", 0, tok.idx) + 1
        hi = text.find("\n", tok.idx)
        hi = len(text) if hi < 0 else hi
        start, end = max(start, lo), min(end, hi)
        if end - start < 8 or len(words(text[start:end])) < 3:
            continue
        out.append(
            Candidate(start=start, end=end, outer_start=start, outer_end=end, group=-1 - len(out), cue=tok, subject=subj, kind="reported")
        )
    return out
