"""Sentence units for summarization: what the extractive summarizer chooses among.

A unit is one or more consecutive sentences that must be chosen together, so that a summary
reads well in ways ROUGE does not see: sentences are kept whole, a quotation that runs over
several sentences is one unit (chosen whole or not at all), and a sentence that leans on its
predecessor ("He added ...", "But ...") is flagged so it is only chosen together with it.

`units_of(article)` is the entry point: it groups the parsed article's sentence spans using its
quotation-mark pairs (models.article derives both once for every stage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from models.article import Article
from models.quotes.marks import QuoteMarkPair

__all__ = ["Unit", "build_units", "is_dependent", "units_of"]

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


def build_units(text: str, spans: Sequence[tuple[int, int]], marks: Sequence[QuoteMarkPair]) -> list[Unit]:
    """Group sentences so that no quotation is split across units.

    A quotation that closes with a real mark is merged however long it is, but a unit of more
    than MAX_QUOTE_SENTENCES sentences is flagged `too_long` and never chosen; an implicitly
    closed one (paragraph end, reopened) that would run longer is taken for a stray mark.
    `marks` are the article's quotation-mark pairs.
    """
    pairs = [_bounds(p) for p in marks]
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


def units_of(article: Article) -> list[Unit]:
    """Units of a parsed article, from its shared sentence spans and quotation marks."""
    return build_units(article.text, article.sentences, article.quote_marks)


def _bounds(pair: QuoteMarkPair) -> tuple[int, int, bool]:
    """(opening mark, its last character, explicit): a quotation is explicit when a mark whose
    role was certain closed it, and then it is kept whole however long it runs."""
    if pair.closed:
        return pair.outer_start, pair.outer_end - 1, pair.certain
    return pair.outer_start, pair.end - 1, False


def _sentences_until(spans: Sequence[tuple[int, int]], j: int, pos: int) -> int:
    """How many sentences, counting from span j, it takes to reach character pos."""
    n = 1
    while j + n - 1 < len(spans) and spans[j + n - 1][1] <= pos:
        n += 1
    return n
