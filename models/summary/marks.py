"""Quotation marks for the summarizer: which marks open and close, and how they pair.

The summarizer needs the pairs for two things: moving a mark that spaCy left on the wrong side
of a sentence boundary, and keeping a quotation that runs over several sentences in one unit.
It is not models.quotes.marks.scan_quote_marks: this scanner also pairs straight single quotes
and backticks (PTB-tokenized text such as CNN/DailyMail uses ' and ` as quotation marks),
pairs single quotes nested in double ones, closes a quotation implicitly at every newline and
at a reopening mark, and flags pairs closed by a standalone straight mark as not explicit.
`units.units_from_doc` scans once and hands the pairs to both `sentence_spans` and `build_units`.
"""

from __future__ import annotations

import re

__all__ = ["QuotePair", "quote_pairs"]

# (open, close, explicit): character positions of a quotation's marks; explicit is False when
# the quotation was closed by a paragraph end, a reopening mark or a standalone straight mark.
QuotePair = tuple[int, int, bool]

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_PTB_CONTRACTION = re.compile(r"'(s|re|ll|ve|d|m|t)\b", re.IGNORECASE)


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """Every quotation mark as (position, role): 'open'/'close' (double) or 'sopen'/'sclose'.

    Straight marks are classified by what touches them: '"word' opens, 'word"' closes. A mark
    standing alone between spaces (PTB-tokenized text, ' We said , ' he) toggles. A straight single quote inside or before a
    contraction ("o'hare", "sunday 's", "fans'") is an apostrophe. A curly ’ is only a closing
    mark when a ‘ is open (decided in quote_pairs).
    """
    marks: list[tuple[int, str]] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _DOUBLE_OPEN:
            marks.append((i, "open"))
        elif ch in _DOUBLE_CLOSE:
            marks.append((i, "close"))
        elif ch in _SINGLE_OPEN:
            marks.append((i, "sopen"))
        elif ch in _SINGLE_CLOSE:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            if not (before.isalnum() and after.isalnum()):  # it’s, don’t: apostrophes
                marks.append((i, "sclose"))
        elif ch in "\"'`":
            single = ch != '"'
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            if single and (before.isalnum() and after.isalnum()):
                continue  # o'hare, don't
            if single and _PTB_CONTRACTION.match(text, i) and (before.isspace() or before.isalnum()):
                continue  # PTB "sunday 's", "they 're"
            if before.isspace() and after.isspace():
                role = "toggle"  # PTB style: the mark is its own token; parity decides
            elif (before.isspace() or before in "([—–-") and not after.isspace():
                role = "open"
            elif not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-" or i + 1 == n):
                if single and before.isalnum():
                    continue  # fans' (possessive) is far likelier than a closing single quote
                role = "close"
            else:
                continue
            marks.append((i, ("s" + role) if single else role))
    return marks


def quote_pairs(text: str) -> list[QuotePair]:
    """(open, close, explicit) positions of quotations, within paragraphs.

    A new opening mark while a quotation is open, or a paragraph end, closes it implicitly
    (explicit=False): news style reopens a quotation on each paragraph it runs over and never
    closes the unfinished ones. A pair closed by a standalone straight mark is not explicit
    either: in PTB text with lost paragraph breaks such a mark may be a reopening. Closing marks with nothing open are dropped as strays.
    """
    pairs: list[QuotePair] = []
    marks = _quote_marks(text)
    bounds = [0] + [m.start() for m in re.finditer(r"\n", text)] + [len(text)]
    mi = 0
    for p in range(len(bounds) - 1):
        hi = bounds[p + 1]
        open_at: dict[str, int | None] = {"": None, "s": None}
        while mi < len(marks) and marks[mi][0] < hi:
            pos, role = marks[mi]
            mi += 1
            kind = "s" if role.startswith("s") else ""
            sure = not role.endswith("toggle")  # a toggling mark may be a lost reopening
            if not sure:
                role = "close" if open_at[kind] is not None else "open"
            if role.endswith("open"):
                if open_at[kind] is not None:
                    pairs.append((open_at[kind], pos - 1, False))
                open_at[kind] = pos
            elif open_at[kind] is not None:
                pairs.append((open_at[kind], pos, sure))
                open_at[kind] = None
        for kind, pos in open_at.items():
            if pos is not None:
                pairs.append((pos, hi - 1, False))
    return pairs
