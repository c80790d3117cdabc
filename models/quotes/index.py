"""Positions in the parsed article: char offset -> token, token -> sentence, paragraph starts.

Built once per Doc so that every lookup is a bisect, never a scan of the whole article (the
quote finder stays linear in the article's length).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from models.schema import Span

__all__ = ["DocIndex", "words", "make_span", "after_colon", "starts_paragraph"]

_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*", re.UNICODE)


class DocIndex:
    """Char offset -> token and token -> sentence, built once per doc (no quadratic scans)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access: read it once
        self.starts = [t.idx for t in doc]
        self.sents = list(doc.sents) if len(doc) else []
        self.sent_of = [0] * len(doc)
        for si, s in enumerate(self.sents):
            for k in range(s.start, s.end):
                self.sent_of[k] = si
        self.ents_by_start = sorted(doc.ents, key=lambda e: e.start_char)
        self.ent_starts = [e.start_char for e in self.ents_by_start]

    def ents_starting(self, lo: int, hi: int) -> list[Any]:
        """The entities that start at character lo..hi-1, by bisect (Span.ents walks every
        entity of the doc on each call)."""
        return self.ents_by_start[bisect.bisect_left(self.ent_starts, lo) : bisect.bisect_left(self.ent_starts, hi)]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or the last one starting before) `char`."""
        k = bisect.bisect_right(self.starts, char) - 1
        return max(0, min(k, len(self.starts) - 1))


def words(s: str) -> list[str]:
    """The words of a string, as the word-count rules count them."""
    return _WORD_RE.findall(s)


def make_span(doc: Any, a: int, b: int) -> Span:
    """The schema Span of tokens a..b, with its exact character offsets."""
    s = doc[a:b]
    return Span(text=s.text, start=s.start_char, end=s.end_char)


def after_colon(text: str, pos: int) -> bool:
    """Introduced by a colon on the same line: 'a new message: "It's about me."'."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j >= 0 and text[j] == ":"


def starts_paragraph(text: str, pos: int) -> bool:
    """Only spaces or tabs between the start of the line and `pos`."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\r":
        k -= 1
    return k < 0 or text[k] == "\n"
