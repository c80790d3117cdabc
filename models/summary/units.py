"""Sentence units for summarization: what the extractive summarizer chooses among.

A unit is one or more consecutive sentences that must be chosen together, so that a summary
reads well in ways ROUGE does not see: sentences are kept whole, a quotation that runs over
several sentences is one unit (chosen whole or not at all), and a sentence that leans on its
predecessor ("He added ...", "But ...") is flagged so it is only chosen together with it.

`units_from_doc` is the entry point: it scans the quotation marks once and hands the pairs to
both `sentence_spans` and `build_units` (each scans for itself only when given none), using the
pipeline's spaCy Doc and parsing the text only when there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from models import loading
from models.summary.marks import QuotePair, quote_pairs

__all__ = ["Unit", "build_units", "count_words", "is_dependent", "sentence_spans", "units_from_doc"]

# A "sentence" longer than this many words without sentence punctuation is cut into pieces of
# FALLBACK_PIECE_WORDS words: text with no punctuation still gets a readable summary.
MAX_SENTENCE_WORDS = 80
FALLBACK_PIECE_WORDS = 30
# A quotation that has not closed after this many sentences is treated as a stray mark.
MAX_QUOTE_SENTENCES = 6

_WORD_RE = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)

# Openers that make a sentence depend on the one before it. Compared in lower case after any
# leading quotation mark, so '“He added ...' counts too.
_DEPENDENT_FIRST_WORDS = frozenset(
    """he she they it its his her their him them such
    but and also however so yet still instead moreover furthermore besides nevertheless
    nonetheless thus therefore otherwise additionally likewise similarly then meanwhile
    or nor plus hence indeed""".split()
)
_DEMONSTRATIVES = frozenset("this that these those".split())
_PRONOUN_FOLLOWERS = frozenset(
    """is was are were has had have will would could can may might must should shall does did
    do means meant shows showed comes came made makes includes included follows followed
    marks marked led leads""".split()
)
_DEPENDENT_PHRASES = ("in addition", "as well", "on the other hand", "at the same time", "even so", "that is")
# A unit that ends like this is a sentence; one that does not (a headline, a byline) is not
# `complete` and only fills a budget that whole sentences left over.
_SENTENCE_END_RE = re.compile(r"[.!?…。](?:\s*[\"'”’»)\]])*\s*$")


@dataclass(frozen=True)
class Unit:
    """One or more consecutive sentences that must be chosen together (e.g. a long quotation)."""

    start: int
    end: int
    n_sentences: int
    index: int  # position among units, article order
    first_sentence: int  # index of its first sentence
    dependent: bool = False  # leans on the previous unit ("He added ...")
    too_long: bool = False  # a quotation longer than MAX_QUOTE_SENTENCES: never chosen
    complete: bool = True  # ends like a sentence; headlines and bylines only fill a leftover budget

    def text(self, article: str) -> str:
        return article[self.start : self.end].strip()


def count_words(text: str) -> int:
    """Words as the summarizer counts them (for the word budget and the short-sentence rule)."""
    return len(_WORD_RE.findall(text))


def _is_sentence_punct_free(text: str) -> bool:
    return not re.search(r"[.!?…。]", text)


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long unpunctuated stretch into word windows, preferring line breaks."""
    segment = text[start:end]
    pieces: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", segment):
        words = list(re.finditer(r"\S+", line.group()))
        base = start + line.start()
        for i in range(0, len(words), FALLBACK_PIECE_WORDS):
            chunk = words[i : i + FALLBACK_PIECE_WORDS]
            pieces.append((base + chunk[0].start(), base + chunk[-1].end()))
    return pieces or [(start, end)]


def sentence_spans(
    text: str, doc: Any | None = None, pairs: Sequence[QuotePair] | None = None
) -> list[tuple[int, int]]:
    """Sentence character spans, with quotation marks moved to the sentence they belong to.

    spaCy often leaves an opening mark at the end of the previous sentence (". “Next ...") or
    a closing one at the start of the next; we fix both so a sentence never starts mid-quote.
    Then a blank line always ends a sentence, and an over-long unpunctuated one is cut up.
    `doc` is parsed here when not given; `pairs` (from marks.quote_pairs) likewise.
    """
    if doc is None:
        doc = _parse(text)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    if not spans:
        return []
    if pairs is None:
        pairs = quote_pairs(text)
    opens = {o for o, _, _ in pairs}
    closes = {c for _, c, explicit in pairs if explicit}
    fixed: list[list[int]] = [list(x) for x in spans]
    for k in range(len(fixed) - 1):
        s, e = fixed[k]
        ns, ne = fixed[k + 1]
        # trailing opening mark(s) -> next sentence
        last = e - 1
        while last > s and text[last] in "\"'“‘«`" and last in opens:
            ns = last
            e = last
            while e > s and text[e - 1].isspace():
                e -= 1
            last = e - 1
        # leading closing mark(s) of the next sentence -> this sentence
        first = ns
        while first < ne and first in closes and first - 1 >= 0:
            e = first + 1
            ns = first + 1
            while ns < ne and text[ns].isspace():
                ns += 1
            first = ns
        fixed[k] = [s, e]
        fixed[k + 1] = [ns, ne]
    out: list[tuple[int, int]] = []
    for s, e in _split_at_blank_lines(text, fixed):
        if count_words(text[s:e]) > MAX_SENTENCE_WORDS and _is_sentence_punct_free(text[s:e]):
            out.extend(_split_long(text, s, e))
        else:
            out.append((s, e))
    return out


def _split_at_blank_lines(text: str, spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """A blank line always ends a sentence: spaCy glues an unpunctuated headline or byline to
    the paragraph after it, and a summary sentence should never run across paragraphs."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if s >= e or not text[s:e].strip():
            continue
        pos = s
        for m in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text[s:e]):
            piece_end = s + m.start()
            if text[pos:piece_end].strip():
                out.append((pos, piece_end))
            pos = s + m.end()
        if text[pos:e].strip():
            out.append((pos, e))
    return [(a, b) for a, b in out if a < b]


def is_dependent(sentence: str) -> bool:
    """Does this sentence lean on the one before it (pronoun subject, connective opener)?"""
    body = sentence.lstrip(" \"'“‘«`(—–-").lower()
    words = _WORD_RE.findall(body)
    if not words:
        return False
    if words[0] in _DEMONSTRATIVES:
        # "This is ..." leans on what came before; "This budget ..." names its own subject
        return len(words) == 1 or words[1] in _PRONOUN_FOLLOWERS
    if words[0] in _DEPENDENT_FIRST_WORDS:
        return True
    return body.startswith(_DEPENDENT_PHRASES)


def build_units(
    text: str, spans: Sequence[tuple[int, int]], pairs: Sequence[QuotePair] | None = None
) -> list[Unit]:
    """Group sentences so that no quotation is split across units.

    A quotation that closes with a real mark is merged however long it is, but a unit of more
    than MAX_QUOTE_SENTENCES sentences is flagged `too_long` and never chosen; an implicitly
    closed one (paragraph end, reopened) that would run longer is taken for a stray mark.
    `pairs` are the quotation pairs (from marks.quote_pairs when not given).
    """
    if pairs is None:
        pairs = quote_pairs(text)
    units: list[Unit] = []
    k = 0
    while k < len(spans):
        s, e = spans[k]
        j = k
        while True:
            crossing = [
                c
                for o, c, explicit in pairs
                if s <= o < e and c >= e and (explicit or _sentences_until(spans, j, c) <= MAX_QUOTE_SENTENCES)
            ]
            if not crossing:
                break
            target = max(crossing)
            nxt = j
            while nxt + 1 < len(spans) and spans[nxt][1] <= target:
                nxt += 1
            if nxt == j:
                break
            j = nxt
            e = spans[j][1]
        first_text = text[spans[k][0] : spans[k][1]]
        units.append(
            Unit(
                start=s,
                end=e,
                n_sentences=j - k + 1,
                index=len(units),
                first_sentence=k,
                dependent=bool(units) and is_dependent(first_text),
                too_long=j - k + 1 > MAX_QUOTE_SENTENCES,
                complete=bool(_SENTENCE_END_RE.search(text[s:e])),
            )
        )
        k = j + 1
    return units


def units_from_doc(text: str, doc: Any | None = None) -> list[Unit]:
    """Units of an article: sentence spans from `doc` (parsed when None), quotation marks scanned once."""
    pairs = quote_pairs(text)
    return build_units(text, sentence_spans(text, doc, pairs), pairs)


def _sentences_until(spans: Sequence[tuple[int, int]], j: int, pos: int) -> int:
    """How many sentences, counting from span j, it takes to reach character pos."""
    n = 1
    while j + n - 1 < len(spans) and spans[j + n - 1][1] <= pos:
        n += 1
    return n


def _parse(text: str) -> Any:
    """Parse with spaCy only when the pipeline did not hand us its Doc.

    Sentences come from the dependency parser alone, so the tagger, lemmatizer and NER are
    skipped: about 3x faster, same sentence boundaries.
    """
    nlp = loading.get_spacy()
    skip = [name for name in ("ner", "lemmatizer", "attribute_ruler", "tagger") if name in nlp.pipe_names]
    with loading.inference_lock(nlp):
        return nlp(text, disable=skip)
