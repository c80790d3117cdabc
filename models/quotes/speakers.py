"""Speaker mentions: from a quote's subject to the words that name its speaker.

Why here and not in models.actors: which words name the speaker is a question about this
quote's sentence (a pronoun bound by the clause that embeds it, a quote that continues the
previous one's attribution); which actor those words refer to is a question about the whole
article, answered once by models.actors for every quote. This step fills each candidate's
`speaker_mention`, the token range and head behind it, and for a quote that shares another's
attribution, that other quote (`source`).
"""

from __future__ import annotations

from typing import Any

from models.quotes.candidates import Candidate
from models.quotes.cues import is_cue
from models.quotes.index import DocIndex, make_span, starts_paragraph
from models.quotes.rules import QuoteRules
from models.quotes.subjects import PRONOUNS_ALL, RELATIVE_PRONOUNS, mention_span

__all__ = ["attribute", "inherit_unattributed"]

_BOUND_CLIMB = ("ccomp", "xcomp", "relcl", "acl", "pcomp", "pobj", "dobj", "conj", "prep", "advcl", "attr")


def attribute(kept: list[Candidate], idx: DocIndex, rules: QuoteRules) -> None:
    """Fill each candidate's speaker mention; quotes without a cue share their neighbours'.

    Only the mention (and its head token) is found here: which person or organisation it names
    is decided once, by models.actors, for every quote together.
    """
    doc = idx.doc
    for c in kept:
        if c.subject is None or c.subject.is_space or c.subject.is_punct:
            c.subject = None
            continue
        if rules.bound_pronoun and c.kind == "direct":
            bound = _binding_subject(c.subject, c)
            if bound is not None:
                c.subject, verb = bound
                if is_cue(verb, rules):
                    c.cue = verb
        a, b = mention_span(doc, c.subject)
        while a < b and (doc[a].is_space or doc[a].is_punct):
            a += 1
        while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct):
            b -= 1
        if b <= a:
            c.subject = None
            continue
        c.speaker_mention = make_span(doc, a, b)
        c.mention_tokens = (a, b)
    inherit_unattributed(kept, idx)


def inherit_unattributed(kept: list[Candidate], idx: DocIndex) -> None:
    """Quotes without a speaker mention of their own take their neighbours': quotes split over
    paragraphs or around the attribution, and quotes that continue the previous one. Run after
    the rules and again after the speaker ranker (which may give a neighbour its speaker)."""
    # quotes split over paragraphs or around the attribution share a speaker
    by_group: dict[int, Candidate] = {}
    for c in kept:
        if c.speaker_mention is not None and c.group not in by_group:
            by_group[c.group] = c
    for c in kept:
        if c.speaker_mention is None and c.group in by_group:
            _inherit(c, by_group[c.group])
    # a quote with no attribution of its own: the nearest attributed quote in the same
    # paragraph, else the previous quote when this paragraph continues it
    text = idx.text
    for i, c in enumerate(kept):
        if c.speaker_mention is not None:
            continue
        prev = kept[i - 1] if i > 0 else None
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if prev is not None and prev.speaker_mention is not None and "\n" not in text[prev.end : c.start]:
            _inherit(c, prev)
        elif nxt is not None and nxt.speaker_mention is not None and "\n" not in text[c.end : nxt.start] and nxt.cue is not None and nxt.cue.idx > nxt.end:
            _inherit(c, nxt)
        elif prev is not None and prev.speaker_mention is not None and starts_paragraph(text, c.outer_start) and text[prev.end : c.start].count("\n\n") <= 1 and not _other_speaker_between(idx, prev, c):
            _inherit(c, prev)


def _agrees(pron: str, tok: Any) -> bool:
    """Can `tok` (a subject) be what the pronoun refers to? Number and person/thing only."""
    if tok.lower_ == pron:
        return True
    if tok.lower_ in PRONOUNS_ALL or tok.lower_ in RELATIVE_PRONOUNS:
        return False
    ent = tok.ent_type_
    if pron in ("he", "she"):
        # the small model often tags a lone surname ORG ("Lynch said she ...")
        return ent == "PERSON" or (ent in ("", "ORG") and tok.pos_ == "PROPN")
    if pron == "it":
        return ent in ("ORG", "GPE") or (not ent and tok.tag_ in ("NN", "NNP"))
    if pron == "they":
        return ent in ("ORG", "NORP", "GPE") or (not ent and tok.pos_ in ("NOUN", "PROPN"))
    return False


def _binding_subject(subj: Any, c: Candidate) -> tuple[Any, Any] | None:
    """(subject, verb) of the clause that embeds a pronoun speaker, when the pronoun refers to it.

    "Lynch said she recalled thinking, “…”", "Ban Ki-moon condemned what he called a “brazen
    breach”": a subject pronoun inside a clause embedded under another clause of the same
    sentence is bound by that clause's subject. Only where the inner clause is not itself the
    utterance: a label ("what he called") or a clause told by the outer one ("said she
    recalled"); "in which he declares, “…”" keeps its own pronoun. Direct quotes only: for reported speech
    ("Rendell said he thought that ...") the inner clause is what was said, and its pronoun
    is the attribution. The attribution is then read from the outer
    clause, whose subject names the speaker (the pronoun would only point back to it); the
    news annotation (PolNeAR) marks the outer clause too. Skipped when another candidate of
    the same kind stands between the two (then "he" may be someone else).
    """
    pron = subj.lower_
    if pron not in ("he", "she", "it", "they") or subj.dep_ != "nsubj" or subj.idx >= c.start:
        return None  # "“…,” he said": a pronoun after the quote is its own attribution
    inner = subj.head
    naming = inner.lemma_.lower() == "call"
    if not naming and not (inner.dep_ == "ccomp" and inner.head.lemma_.lower() in ("say", "tell")):
        return None
    v = subj.head
    for _ in range(8):
        if v.dep_ not in _BOUND_CLIMB or v.head.i == v.i:
            return None
        v = v.head
        if v.pos_ not in ("VERB", "AUX"):
            continue
        outer = next((ch for ch in v.children if ch.dep_ == "nsubj"), None)
        if outer is None:
            continue
        if outer.i >= subj.i or outer.idx >= c.start or not _agrees(pron, outer):
            return None
        lo, hi = mention_span(subj.doc, outer)
        for t in subj.doc[hi : subj.i]:
            if t.dep_ == "poss" or t.head.dep_ == "poss":
                continue  # "Clinton's campaign": a possessor is rarely the subject's rival
            if pron in ("he", "she") and (t.ent_type_ == "PERSON" or t.lower_ in ("he", "she", "him", "her")):
                return None
            if pron in ("it", "they") and t.ent_type_ in ("ORG", "NORP", "GPE"):
                return None
            if pron == "they" and t.tag_ in ("NNS", "NNPS"):
                return None
        return outer, v
    return None


def _inherit(c: Candidate, src: Candidate) -> None:
    """`c` shares `src`'s attribution: the same mention, so the same speaker (models.actors
    resolves it once, for the quote that has it of its own)."""
    c.speaker_mention = src.speaker_mention
    c.mention_tokens = src.mention_tokens
    c.subject = src.subject
    c.cue = c.cue or src.cue
    c.source = src.source or src


def _other_speaker_between(idx: DocIndex, prev: Candidate, c: Candidate) -> bool:
    """A named person outside quotes between two quotes suggests a change of speaker."""
    own = prev.speaker_mention
    return any(e.label_ == "PERSON" and not (own is not None and own.start <= e.start_char < own.end)
               for e in idx.ents_starting(prev.outer_end, c.outer_start))
