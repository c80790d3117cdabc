"""Attribution of a direct quote: the cue next to it and the subject that names its speaker.

Why a search in windows: the speaker is nearly always the subject of a verb of saying in the
quote's own sentence, but news also attributes in the next sentence ("... lost.” He said."), in
the previous one when it introduces the quote with a colon, in the previous paragraph ("Kerry
wrote in a blog post on Monday." then the quoted passage), and after a dash ("“…” ― Sonya
Herridge"). The search never crosses a paragraph break except where that convention is clear.
"""

from __future__ import annotations

import re
from typing import Any

from models.quotes.candidates import Candidate
from models.quotes.cues import is_cue, is_stance_cue
from models.quotes.index import DocIndex, after_colon, starts_paragraph
from models.quotes.marks import QuoteMask
from models.quotes.rules import QuoteRules
from models.quotes.subjects import PRONOUNS_ALL, is_agent, nearby_speaker, subject_outside

__all__ = ["find_attribution"]


def find_attribution(idx: DocIndex, mask: QuoteMask, c: Candidate, rules: QuoteRules) -> tuple[Any, Any]:
    """(cue, subject) for a quote: a speech verb outside quotes next to it, and its subject.

    Looks in the sentences the quote touches first, then the next sentence when the quote ends
    one ("... lost.” He said."), then the previous sentence when it introduces the quote with a
    colon or the quote starts its sentence.
    """
    doc = idx.doc
    if not len(doc):
        return None, None
    dash = _dash_attribution(idx, c)
    if dash is not None:
        return None, dash
    t0 = idx.token_at(c.outer_start)
    t1 = idx.token_at(max(c.outer_start, c.outer_end - 1))
    s0 = idx.sent_of[t0]
    s1 = idx.sent_of[t1]
    windows: list[tuple[int, int]] = [(idx.sents[s0].start, idx.sents[s1].end)]
    if s1 + 1 < len(idx.sents):
        windows.append((idx.sents[s1 + 1].start, idx.sents[s1 + 1].end))
    if s0 > 0:
        windows.append((idx.sents[s0 - 1].start, idx.sents[s0 - 1].end))
    # never look across a paragraph break: the attribution is in the quote's own paragraph
    text = idx.text
    p_lo = text.rfind("\n", 0, c.outer_start) + 1
    j = p_lo - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j >= 0 and text[j] == ":":
        # "X said in a statement:\n\n“...”": the introducing paragraph counts
        p_lo = text.rfind("\n", 0, j) + 1
    p_hi = text.find("\n", c.outer_end)
    if p_hi < 0:
        p_hi = len(text)
    for wi, (a, b) in enumerate(windows):
        while a < b and doc[a].idx < p_lo:
            a += 1
        while b > a and doc[b - 1].idx >= p_hi:
            b -= 1
        if a >= b:
            continue
        if b - a > 200:
            # a very long "sentence" (no punctuation): stay near the quote
            a = max(a, t0 - 40)
            b = min(b, t1 + 40)
        best = None
        best_key = None
        governing = _governing_cue(idx, mask, c, rules) if wi == 0 and rules.governing_cue_first else None
        for k in range(a, b):
            tok = doc[k]
            if mask.inside(tok.idx):
                continue
            if not is_cue(tok, rules):
                continue
            subj = subject_outside(tok, mask)
            if wi and rules.negated_neighbour_skip and any(ch.dep_ == "neg" for ch in tok.children):
                continue  # "He didn't suggest retaliation.": introduces no neighbouring quote
            if wi == 1:
                # next sentence: only a short attribution that starts right after the quote
                if k - a > 4 or subj is None:
                    continue
            if wi == 2:
                # previous sentence: must end in a colon or lead straight into the quote
                last = doc[b - 1]
                gap_text = idx.text[doc[b - 1].idx + len(doc[b - 1].text) : c.outer_start]
                if not (last.text in (":", ",") or (gap_text.strip() == "" and subj is not None)):
                    continue
                if subj is None:
                    continue
            dist = c.outer_start - (tok.idx + len(tok.text)) if tok.idx < c.outer_start else tok.idx - c.outer_end
            if is_stance_cue(tok, rules) and not (tok.left_edge.i <= t0 <= tok.right_edge.i):
                # a verb of judging quotes only inside its own clause ("Christie described
                # Clinton as a “disgrace” after she attacked police": not "attacked")
                continue
            key = (subj is None, governing is not None and k != governing, abs(dist))
            if best_key is None or key < best_key:
                best, best_key = (tok, subj), key
        if best is not None:
            cue, subj = best
            if subj is None:
                subj = nearby_speaker(idx, mask, cue)
            return cue, subj
    colon_at = c.outer_start if after_colon(text, c.outer_start) else None
    if rules.prev_paragraph_attribution and j >= 0 and starts_paragraph(text, c.outer_start):
        found = _previous_paragraph_attribution(idx, mask, j, rules)
        if found[1] is not None or not (rules.paragraph_colon and text[j] == ":"):
            return found
        # "Sanders made the following comment:\n\n“…”": the introducing clause's subject
        colon_at = j + 1
    if colon_at is not None:
        # "Obama is rolling out a new message: “It's about me.”": the introducing clause's subject
        k = idx.token_at(colon_at - 1)
        while k > 0 and doc[k].idx >= colon_at:
            k -= 1
        verb = doc[k].head if doc[k].text == ":" else doc[k]
        for _ in range(50):  # spaCy makes a new Token per access: compare indices, not `is`
            if verb.head.i == verb.i or verb.pos_ in ("VERB", "AUX"):
                break
            verb = verb.head
        for ch in verb.children:
            if ch.dep_ == "nsubj" and is_agent(ch) and not mask.inside(ch.idx):
                return None, ch
    return None, None


def _governing_cue(idx: DocIndex, mask: QuoteMask, c: Candidate, rules: QuoteRules) -> int | None:
    """The first cue above the quote in the parse, when the quote hangs on one place: the verb
    whose complement the quote is beats a nearer cue in a clause beside it ("Stevens said the
    way the operation disparaged women who complained about ... ''would be disqualifying''",
    "Saul tweeted ... a candidate who promised mass deportation: “Uh.. your proposal ...”")."""
    doc = idx.doc
    lo, hi = idx.token_at(c.start), idx.token_at(max(c.start, c.end - 1))
    attach = {doc[k].head.i for k in range(lo, hi + 1)
              if not doc[k].is_punct and not (c.start <= doc[k].head.idx < c.end) and doc[k].head.i != k}
    if len(attach) != 1:
        return None  # the parse splits the quote over two clauses: no single governor
    tok = doc[attach.pop()]
    for _ in range(40):
        if not mask.inside(tok.idx) and is_cue(tok, rules):
            # a verb of judging ("hailed the vote as “fantastic,”") keeps the old nearest-cue
            # choice: preferring it drops the single word as a scare quote, which PolNeAR counts
            return None if is_stance_cue(tok, rules) else tok.i
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _previous_paragraph_attribution(idx: DocIndex, mask: QuoteMask, j: int, rules: QuoteRules) -> tuple[Any, Any]:
    """A quote paragraph introduced by the previous paragraph's last sentence ("Kerry wrote in
    a blog post on Monday." then the quoted passage), when that sentence quotes nothing."""
    k = idx.token_at(j)
    sent = idx.sents[idx.sent_of[k]]
    if sent.end - sent.start > 60:
        return None, None
    for t in sent:
        if mask.inside(t.idx):
            return None, None  # the previous paragraph has its own quote
    for t in reversed(sent):
        if is_cue(t, rules):
            subj = subject_outside(t, mask)
            if subj is not None:
                return t, subj
    return None, None


_DASH_RE = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*")


def _dash_attribution(idx: DocIndex, c: Candidate) -> Any:
    """“…” ― Sonya Herridge: a name after a dash right behind the closing mark."""
    if not c.closed:
        return None
    text = idx.text
    m = _DASH_RE.match(text, c.outer_end)
    if m is None or m.end() == c.outer_end or m.end() >= len(text):
        return None
    k = idx.token_at(m.end())
    doc = idx.doc
    tok = doc[k]
    if tok.idx != m.end() or not (tok.ent_type_ in ("PERSON", "ORG") or tok.pos_ == "PROPN" or tok.text[:1].isupper()):
        return None
    if tok.lower_ in PRONOUNS_ALL or tok.is_stop:
        return None
    # the head of the name: the last token of the entity / proper-noun run
    while k + 1 < len(doc) and (
        (doc[k + 1].ent_iob_ == "I" and tok.ent_type_)
        or (not tok.ent_type_ and (doc[k + 1].pos_ == "PROPN" or doc[k + 1].text[:1].isupper()))
    ) and "\n" not in doc[k].whitespace_ and not doc[k + 1].is_punct:
        k += 1
    return doc[k]
