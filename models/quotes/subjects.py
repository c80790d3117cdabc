"""Who spoke, as the parse says: the subject of a cue, and the noun phrase that names it.

Why a module of its own: every step that finds a cue (direct quotes, reported speech, the
short-phrase rules) asks the same question of the parse, "whose words are these?", and must get
the same answer; the speaker mention it yields is what models.actors later resolves to a name.
"""

from __future__ import annotations

from typing import Any

from models.quotes.index import DocIndex
from models.quotes.marks import QuoteMask

__all__ = [
    "PRONOUNS_PERSON",
    "PRONOUNS_PLURAL",
    "PRONOUNS_ORG",
    "PRONOUNS_ALL",
    "RELATIVE_PRONOUNS",
    "is_agent",
    "subject_of",
    "subject_outside",
    "mention_span",
    "nearby_speaker",
]

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them"}
PRONOUNS_ORG = {"it"}
PRONOUNS_ALL = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_ORG | {"i", "we", "you"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
_AGENT_PRONOUNS = {"he", "she", "they", "i", "we", "who"}


def is_agent(tok: Any) -> bool:
    """A subject that can say things: a person, organisation, people or a personal pronoun."""
    if tok is None:
        return False
    if tok.lower_ in _AGENT_PRONOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return False


def subject_outside(verb: Any, mask: QuoteMask) -> Any:
    """The verb's subject unless it stands inside quotation marks (then it is quoted words,
    not the speaker)."""
    subj = subject_of(verb)
    return subj if subj is not None and not mask.inside(subj.idx) else None


def subject_of(verb: Any) -> Any:
    """The token that says who spoke: subject, passive agent, `according to X`, or the owner
    of a noun of saying ("Trump's claim")."""
    if verb.pos_ == "NOUN":
        for c in verb.children:
            if c.dep_ == "poss":
                return c
        return None
    if verb.lower_ == "according":
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None:
            for c in nxt.children:
                if c.dep_ == "pobj":
                    return c
        for c in verb.subtree:
            if c.dep_ == "pobj":
                return c
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c  # "Smith, who said": stays "who"; models.actors resolves it
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return None  # "he was told": the subject is the listener
    # "X said ... and added", "X tweeted, asserting ...", "began by saying ...": climb to the
    # nearest verb above that has a subject
    v = verb
    for _ in range(6):
        if v.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or v.head.i == v.i:
            break
        v = v.head
        if v.pos_ in ("VERB", "AUX"):
            for c in v.children:
                if c.dep_ == "nsubj":
                    return c
    # "a statement saying ...": the noun the participle describes
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def mention_span(doc: Any, tok: Any) -> tuple[int, int]:
    """Token range of the noun phrase naming the speaker.

    Left modifiers (titles, compounds, determiners) stay, so that "US President Donald Trump"
    is read whole; right modifiers stay only for common nouns ("a source familiar with the
    talks"), cut at commas and relative clauses, so that appositions do not swallow the quote.
    """
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("punct", "cc", "preconj", "case"):
            continue
        if c.dep_ == "poss" or c.dep_ in ("det", "compound", "amod", "nmod", "nummod", "quantmod", "predet", "advmod", "npadvmod", "poss") or c.ent_type_:
            left = min(left, c.left_edge.i)
    while left < tok.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    right = tok.i + 1
    if tok.ent_type_:
        # extend over the rest of a multi-token entity ("Trump Jr.")
        while right < len(doc) and doc[right].ent_iob_ == "I" and doc[right].ent_type_ == tok.ent_type_:
            right += 1
    elif tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.rights:
            if c.dep_ in ("prep", "amod", "acl", "compound") and c.right_edge.i - tok.i <= 10:
                if any(t.is_punct and t.text in ",;:—–(" for t in doc[tok.i + 1 : c.right_edge.i + 1]):
                    break
                right = max(right, c.right_edge.i + 1)
            else:
                break
    if right - left > 14:
        left = max(left, tok.i - 6)
        right = min(right, tok.i + 8)
    return left, right


def nearby_speaker(idx: DocIndex, mask: QuoteMask, cue: Any) -> Any:
    """When the parse gives the cue no subject: a name or pronoun right next to it."""
    doc = idx.doc
    for off in (1, -1, 2, -2, 3, -3, -4, 4, -5, -6, -7, -8):
        k = cue.i + off
        if 0 <= k < len(doc):
            t = doc[k]
            if mask.inside(t.idx) or idx.sent_of[k] != idx.sent_of[cue.i]:
                continue
            if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in ("he", "she", "they"):
                if t.ent_type_ and t.ent_iob_ == "I":
                    # use the entity's last token as head
                    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
                        k += 1
                    return doc[k]
                return t
    return None
