"""Direct quotes: which stretches between quotation marks are speech, not titles or scare quotes.

Why filters: quotation marks also enclose titles ("The Art of the Deal"), names of shows, scare
quotes ("so-called “experts”"), handles and links. A quoted stretch is kept as a direct quote
when it is long enough, or continues over paragraphs, or is a whole utterance next to its cue
("“No,” he said."); a short one is set aside, and kept later (models.quotes.merge) only when
`governed_by_cue` shows it is attributed speech ("called the plan “a total disaster”").
"""

from __future__ import annotations

import re
from typing import Any

from models.quotes.attribution import find_attribution
from models.quotes.candidates import Candidate
from models.quotes.cues import ATTRIBUTING_LEMMAS, NAMING_LEMMAS, is_report_cue, is_speech_noun, lemma
from models.quotes.index import DocIndex, after_colon, words
from models.quotes.marks import QuoteMask
from models.quotes.rules import QuoteRules
from models.quotes.subjects import is_agent, subject_of, subject_outside

__all__ = ["split_direct", "governed_by_cue", "looks_like_title"]

_TITLE_SMALL_WORDS = {
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
    "is", "vs", "vs.", "as", "&", "de", "la", "le", "du", "des", "van", "von",
}
_NAME_SLOT_WORDS = {
    "on", "in", "at", "of", "to", "for", "from", "with", "by", "about", "into", "the", "a", "an",
    "'s", "’s", "his", "her", "their", "its", "our", "my", "your", "titled", "entitled",
}
_HANDLE_RE = re.compile(r"(?:^|\s)[@#]\w|https?://|www\.|pic\.twitter|^[a-z]+[A-Z]\w*$")


def split_direct(
    cands: list[Candidate], idx: DocIndex, mask: QuoteMask, rules: QuoteRules, attribute: bool = True
) -> tuple[list[Candidate], list[Candidate]]:
    """(kept, short): the quoted stretches that are direct quotes, and the short or title-like
    ones that count only if attributed. With `attribute`, each gets its cue and subject."""
    text = idx.text
    group_size: dict[int, int] = {}
    for c in cands:
        group_size[c.group] = group_size.get(c.group, 0) + 1
    kept: list[Candidate] = []
    short: list[Candidate] = []  # scare-quote-like: kept only inside attributed speech
    for c in cands:
        content = text[c.start : c.end]
        if not words(content):
            continue
        if attribute:
            c.cue, c.subject = find_attribution(idx, mask, c, rules)
        nwords = len(words(content))
        grouped = group_size[c.group] > 1
        utterance = _ends_utterance(content) and (
            (c.cue is not None and _adjacent_cue(text, c)) or after_colon(text, c.outer_start)
        )
        title = looks_like_title(content)
        if title and utterance and _after_name_slot(idx, c):
            utterance = False  # said on “Face the Nation,”: a show, not words
        if (nwords <= rules.scare_quote_max_words and not grouped and not utterance) or (title and not utterance):
            short.append(c)
            continue
        kept.append(c)
    return kept, short


def looks_like_title(content: str) -> bool:
    """Every significant word capitalised: "The Art of the Deal", "Face the Nation,".

    American style puts the sentence's comma or period inside the marks, so a trailing one
    does not make a title an utterance; a single word ("No,") is left to the caller, and
    all-caps text (a shouting headline or an all-caps article) is not a title by this test.
    """
    body = content.rstrip().rstrip(".,;:")
    words_ = body.split()
    if not words_ or len(words_) > 10:
        return False
    if body[-1:] in "!?":
        return False
    if len(words_) == 1 and body != content.rstrip():
        return False
    letters = [ch for ch in body if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(words_) > 1:
        return False
    significant = [w for w in words_ if w.lower().strip(".,:;!?") not in _TITLE_SMALL_WORDS]
    if not significant:
        return False
    caps = sum(1 for w in significant if w[:1].isupper() or w[:1].isdigit())
    if caps != len(significant):
        return False
    # "I" and "We" open real sentences; a title rarely starts with a first-person pronoun
    if words_[0] in ("I", "We", "We're", "I'm", "It's") and len(words_) > 1:
        return False
    return True


def governed_by_cue(idx: DocIndex, mask: QuoteMask, d: Candidate, rules: QuoteRules) -> bool:
    """A quoted phrase that is attributed speech, not a scare quote: its head chain reaches a
    verb of saying outside quotes, or its nearest verb attributes words to an agent subject."""
    doc = idx.doc
    content = idx.text[d.start : d.end]
    if _HANDLE_RE.search(content):
        return False  # @handles, links: markup, not speech
    t = doc[idx.token_at(d.start)]
    title_like = looks_like_title(content)
    if _governing_chain(idx, mask, d, t, title_like, rules):
        return True
    one_word = len(words(content)) == 1
    if rules.sentence_cue_short and not title_like and not (one_word and rules.single_word_needs_chain):
        # a quoted phrase in a sentence that reports speech ("ruled that ... is “true”")
        sent = idx.sents[idx.sent_of[t.i]]
        for u in sent:
            if is_report_cue(u) and not mask.inside(u.idx):
                _take_cue(d, mask, u)
                return True
    return False


def _governing_chain(
    idx: DocIndex, mask: QuoteMask, d: Candidate, t: Any, title_like: bool, rules: QuoteRules
) -> bool:
    first_verb = True
    for _ in range(8):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.idx >= d.outer_start and t.idx < d.outer_end:
            continue
        if mask.inside(t.idx):
            continue
        if not any(ch.isalpha() for ch in t.text):
            continue  # a dash the tagger calls a verb ("as a “con artist” ― just as he did")
        is_verb = t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")
        hit = is_report_cue(t) or _owned_speech_noun(t)
        if is_verb and first_verb and title_like:
            if lemma(t) not in NAMING_LEMMAS:
                return False
            hit = True
        if not hit and is_verb and first_verb:
            lem = lemma(t)
            if lem in ATTRIBUTING_LEMMAS:
                hit = True
            elif rules.agent_subject_short and is_agent(subject_of(t)):
                hit = True
        if is_verb:
            first_verb = False
        if hit:
            _take_cue(d, mask, t)
            return True
    return False


def _owned_speech_noun(tok: Any) -> bool:
    """Someone's noun of saying ("his claim that people would ''learn nothing''"): the quoted
    words in its clause are the owner's."""
    return is_speech_noun(tok) and any(c.dep_ == "poss" for c in tok.children)


def _take_cue(d: Candidate, mask: QuoteMask, cue: Any) -> None:
    """`cue` introduces the quote; its subject (outside any quote) is the speaker, unless one
    was already found in the quote's own sentence. `cue` is always in that sentence (the
    quote's head chain or its sentence), so it replaces a cue the window search took from the
    next one ("Reid has been pounding Trump as a “con artist” ― ... Reid frequently mocked ..."
    had taken "mocked"). Narrowing the window search instead (the next sentence only for a
    quote that ends its own) lost three right speakers on PolNeAR dev, where spaCy splits a
    quote's sentence early."""
    if d.cue is not None and d.cue.sent.start != cue.sent.start:
        subj = subject_outside(cue, mask)
        if subj is not None:
            d.cue, d.subject = cue, subj
            return
    d.cue = d.cue or cue
    if d.subject is None:
        d.subject = subject_outside(cue, mask)


def _after_name_slot(idx: DocIndex, c: Candidate) -> bool:
    """The quote sits where a name goes: after a preposition, article or possessive."""
    k = idx.token_at(c.outer_start)
    doc = idx.doc
    if k > 0 and doc[k].idx >= c.outer_start:
        k -= 1
    return doc[k].lower_ in _NAME_SLOT_WORDS and doc[k].idx < c.outer_start


def _ends_utterance(content: str) -> bool:
    return content.rstrip()[-1:] in ",.!?…—-"


def _adjacent_cue(text: str, c: Candidate) -> bool:
    """The speech verb sits right against the quote ("“No,” he said" / "said: “No”")."""
    if c.cue is None:
        return False
    ci = c.cue.idx
    if ci >= c.outer_end:
        gap = text[c.outer_end : ci]
    else:
        gap = text[ci + len(c.cue.text) : c.outer_start]
    return len(gap) <= 40 and "\n" not in gap
