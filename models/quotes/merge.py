"""Merging direct quotes and reported clauses into one list without overlaps.

Why a step of its own: a reported clause often contains a direct quote ("said that the tariffs
were “a disaster for farmers”"). The reader should see those words once: a clause that only
wraps a direct quote gives way to it; one with more words of its own absorbs the quotes inside
it (a mixed quote, once); a short quoted phrase survives alone only when a verb of saying
governs it.
"""

from __future__ import annotations

import bisect

from models.quotes.candidates import Candidate
from models.quotes.direct import governed_by_cue
from models.quotes.index import DocIndex, words
from models.quotes.marks import QuoteMask
from models.quotes.rules import QuoteRules

__all__ = ["merge"]


def merge(
    kept: list[Candidate],
    short: list[Candidate],
    reported: list[Candidate],
    idx: DocIndex,
    mask: QuoteMask,
    rules: QuoteRules,
) -> list[Candidate]:
    """One list without overlaps: a reported clause that only wraps a direct quote gives way to
    it; one with more of its own words absorbs the quotes inside it (a mixed quote, once);
    a short quoted phrase survives alone only when a verb of saying governs it."""
    text = idx.text
    outer = _outermost(reported)
    directs = sorted(kept + short, key=lambda c: c.start)
    kept_ids = {id(d) for d in kept}
    d_starts = [d.outer_start for d in directs]
    absorbed: set[int] = set()
    result_r: list[Candidate] = []
    for r in outer:
        k = bisect.bisect_left(d_starts, r.start - 1)
        inside = []
        j = max(0, k - 1)
        while j < len(directs) and directs[j].outer_start < r.end + 1:
            d = directs[j]
            if d.start >= r.start and d.end <= r.end:
                inside.append(d)
            elif d.start >= r.start and d.end > r.end and len(words(text[r.end : d.end])) <= 3:
                # the parser ended the clause just before the quote's last words: take them
                r.end = d.outer_end if d.closed else d.end
                inside.append(d)
            elif d.outer_start < r.end and d.outer_end > r.start and id(d) in kept_ids:
                # partial overlap with a real quote: trim the clause away from it
                if d.outer_start > r.start:
                    r.end = d.outer_start
                else:
                    r.start = d.outer_end
            j += 1
        while r.start < r.end and not text[r.start].isalnum() and text[r.start] not in "“\"«‘":
            r.start += 1
        while r.end > r.start and text[r.end - 1] in " ,;:—–-":
            r.end -= 1
        own = len(words(text[r.start : r.end])) - sum(len(words(text[d.start : d.end])) for d in inside)
        if own <= 3:
            if inside:
                continue  # a direct quote in a wrapper: the quote stands alone
            if len(words(text[r.start : r.end])) < 3:
                continue
        for d in inside:
            absorbed.add(id(d))
        result_r.append(r)
    out = [d for d in kept if id(d) not in absorbed]
    for d in short:
        if rules.keep_governed_short and id(d) not in absorbed and (rules.keep_all_short or governed_by_cue(idx, mask, d, rules)):
            out.append(d)
    out.extend(result_r)
    return _outermost(out)


def _outermost(cands: list[Candidate]) -> list[Candidate]:
    """In article order, each candidate that does not overlap one kept before it (of two that
    start together, the longer)."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept
