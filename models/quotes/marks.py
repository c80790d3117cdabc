"""Quotation marks: finding them in the text and pairing them, in one linear pass.

Why this is its own step: the marks are an almost perfect signal for direct speech, and every
later step (direct quotes, reported speech that must not run into a quote, the speaker search
that must not take quoted words for a speaker) reads the same pairs. The hard parts are the ones
a regular expression gets wrong: straight quotes that could open or close, apostrophes that look
like closing single quotes, quotes that run over paragraphs. `scan_quote_marks(text)` returns
the pairs; a parsed article can compute them once and hand them to `extract_quotes`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["QuoteMarkPair", "QuoteMask", "scan_quote_marks", "paragraph_breaks", "QUOTE_MARK_TOKENS"]

# Pairs of (opening, closing) marks. Straight marks are decided by context.
_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“”", "``": "''", "‟": "”"}
# A straight single quote counts only standing alone between spaces, as in PTB-tokenized text
# (CNN/DailyMail: "' We have not objected , ' he said"); touching a word it is an apostrophe.
_MARK_RE = re.compile(r"``|''|[“”\"«»„‟‘’‹›]|(?:(?<=\s)|^)'(?=\s)", re.MULTILINE)
_SENT_END = set(".!?…")
# The marks _MARK_RE finds, as spaCy tokens: what a speaker's name never runs across.
QUOTE_MARK_TOKENS = frozenset({"``", "''", "“", "”", '"', "«", "»", "„", "‟", "‘", "’", "‹", "›", "'"})


@dataclass(frozen=True)
class QuoteMarkPair:
    """A stretch of text between an opening and a closing quotation mark.

    `start:end` is the content (whitespace inside the marks stripped); `outer_start` is the
    position of the opening mark and `outer_end` the position just after the closing mark, or
    the content's end when the quote was never closed (`closed` False: it ran to the end of
    its paragraph). Pairs of one quote continued over paragraphs share a `group`.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    group: int
    closed: bool = True
    # False when a mark was a straight quote standing alone between spaces (PTB-tokenized text):
    # then only parity said which mark opens, so a long stretch may be two stray marks.
    certain: bool = True


class QuoteMask:
    """Which characters are inside quotes (marks included), by bisect over the pairs."""

    def __init__(self, pairs: Iterable[QuoteMarkPair]) -> None:
        spans = sorted((p.outer_start, max(p.outer_end, p.end)) for p in pairs)
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def inside(self, char: int) -> bool:
        k = bisect.bisect_right(self.starts, char) - 1
        return k >= 0 and self.spans[k][0] <= char < self.spans[k][1]


def paragraph_breaks(text: str) -> list[int]:
    """Positions of newlines that end a paragraph.

    A blank line always ends one. A single newline ends one when the line before it ends a
    sentence or a quote, or the next line starts with a quotation mark; otherwise it is taken
    as a soft wrap inside a paragraph, so that hard-wrapped text keeps its quotes whole.
    """
    breaks: list[int] = []
    n = len(text)
    for m in re.finditer(r"\n", text):
        i = m.start()
        j = i - 1
        while j >= 0 and text[j] in " \t\r":
            j -= 1
        k = i + 1
        while k < n and text[k] in " \t\r":
            k += 1
        prev = text[j] if j >= 0 else "\n"
        nxt = text[k] if k < n else "\n"
        if prev == "\n" or nxt == "\n":
            breaks.append(i)
        elif prev in _SENT_END or prev in "”\"»:’'" or nxt in "“\"«„‘'`":
            breaks.append(i)
        elif nxt.isupper() and prev.isalnum() is False:
            breaks.append(i)
    return breaks


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def _straight_role(text: str, i: int, width: int, is_open: bool) -> str:
    """Decide whether a straight double quote at i opens or closes, from its neighbours."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    space_before = prev.isspace() or prev in "([{—–-/\u00a0" or i == 0
    space_after = nxt.isspace() or nxt in ".,;:!?)]}—–-…" or i + width >= len(text)
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "close" if is_open else "open"


def _clear_context(text: str, i: int, width: int) -> str:
    """"open"/"close" when the neighbours leave no doubt (space on exactly one side), else ""."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    if prev.isspace() and nxt.isalnum():
        return "open"
    if prev.isalnum() or (prev in ".,!?;:…" and (nxt.isspace() or i + width >= len(text))):
        return "close"
    return ""


def scan_quote_marks(text: str) -> list[QuoteMarkPair]:
    """Pair quotation marks paragraph by paragraph, in one linear pass.

    Single quotes (‘ ’) count only at the top level and only where they cannot be an
    apostrophe; inside a double-quoted stretch they are nested quotes and stay part of it.
    A paragraph that opens a quote without closing it continues into the next paragraph when
    that one opens with a quotation mark (the newspaper convention); otherwise the quote is
    closed at the paragraph's end, since a forgotten closing mark is the likelier typo.
    """
    breaks = paragraph_breaks(text)
    bounds: list[tuple[int, int]] = []
    s = 0
    for b in breaks:
        bounds.append((s, b))
        s = b + 1
    bounds.append((s, len(text)))

    cands: list[QuoteMarkPair] = []
    group = 0
    carry_group: int | None = None  # group of an unclosed quote from the previous paragraph
    marks = list(_MARK_RE.finditer(text))
    mi = 0
    for p_start, p_end in bounds:
        open_pos: int | None = None
        open_width = 0
        open_kind = ""  # "double" or "single"
        if not text[p_start:p_end].strip():
            continue  # a blank line: an open quote carries over it
        continuing = carry_group
        carry_group = None
        # skip marks before this paragraph (should not happen, defensive)
        while mi < len(marks) and marks[mi].start() < p_start:
            mi += 1
        first_mark = True
        nested_close = False  # inside a curly pair nested in a straight-quoted stretch
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        while mi < len(marks) and marks[mi].start() < p_end:
            m = marks[mi]
            mi += 1
            ch = m.group()
            i = m.start()
            w = len(ch)
            at_para_start = first_mark and i == lead
            first_mark = False
            if ch == "'":
                # a standalone straight single quote: opens at the top level, closes an open one
                if open_pos is None:
                    open_pos, open_width, open_kind = i, 1, "single"
                elif open_kind == "single" and text[open_pos] == "'":
                    _emit(cands, text, open_pos, open_width, i, i + 1, group if continuing is None else continuing)
                    continuing = None
                    group += 1
                    open_pos, open_kind = None, ""
                continue
            if ch in ("‘", "’", "‹", "›"):
                if open_kind == "double":
                    continue  # nested single quotes belong to the outer quote
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if ch in ("‘", "‹"):
                    if open_pos is None and not _is_word_char(prev) and not nxt.isspace():
                        open_pos, open_width, open_kind = i, 1, "single"
                    continue
                # closing single (or an apostrophe)
                if open_kind == "single" and not (_is_word_char(prev) and _is_word_char(nxt)):
                    if not _is_word_char(nxt) and not (prev == "s" and nxt.isspace() and _looks_possessive(text, i)):
                        _emit(cands, text, open_pos, open_width, i, i + 1, group if continuing is None else continuing)
                        continuing = None
                        group += 1
                        open_pos, open_kind = None, ""
                continue
            # double marks
            is_open = open_pos is not None and open_kind == "double"
            if nested_close:
                if ch == "”":
                    nested_close = False
                continue
            if is_open and text[open_pos] == '"' and ch == "“" and _nests_curly(text, open_pos, i, p_end):
                # curly marks inside a straight-quoted stretch ("WALLACE: ... as “The Wall
                # Street Journal” wrote, ...): a title quoted within the quote, not a new quote
                nested_close = True
                continue
            if ch in ('"', "''"):
                # straight marks, and '' used both ways (older NYT text): decided by context
                role = _straight_role(text, i, w, is_open)
            elif ch == "“" and is_open and text[open_pos] == "„":
                role = "close"  # German style: „…“
            elif ch in _DOUBLE_OPEN:
                role = "open"
                if is_open and _straight_role(text, i, w, is_open) == "close" and _clear_context(text, i, w) == "close":
                    role = "close"  # a typo: “ used to close
            else:
                role = "close"
                if not is_open and (_clear_context(text, i, w) == "open"
                                    or (at_para_start and ch == "”" and "”" in text[i + 1 : p_end])):
                    role = "open"  # a typo: ” used to open (also before "… he said")
            if at_para_start and continuing is not None and role == "open":
                # continuation of the previous paragraph's quote
                open_pos, open_width, open_kind = i, w, "double"
                continue
            if role == "open":
                if open_pos is not None and open_kind == "double":
                    # an opening mark inside an open quote: the first one was never closed
                    continuing = None
                    group += 1
                open_pos, open_width, open_kind = i, w, "double"
                continuing = None if not at_para_start else continuing
                continue
            # closing mark
            if open_pos is not None and open_kind == "double":
                _emit(cands, text, open_pos, open_width, i, i + w, group if continuing is None else continuing)
                if continuing is None:
                    group += 1
                continuing = None
                open_pos, open_kind = None, ""
            # a closing mark with nothing open is stray: ignore
        if open_pos is not None and open_kind == "double":
            # unclosed at the paragraph's end: continue if the next paragraph opens a quote
            gid = group if continuing is None else continuing
            nxt_para = _next_paragraph_start(text, p_end)
            _emit(cands, text, open_pos, open_width, p_end, p_end, gid, closed=False)
            if nxt_para is not None and _opens_quote(text, nxt_para):
                carry_group = gid
                if continuing is None:
                    group += 1
            else:
                if continuing is None:
                    group += 1
    return cands


def _nests_curly(text: str, open_pos: int, i: int, p_end: int) -> bool:
    """Does the curly pair opening at `i` sit inside the straight quote opened at `open_pos`?

    Only when the stretch shows it is one quote: a straight mark closes it after the curly
    pair, or it is a transcript turn ("WALLACE: ..."). A paragraph-opening straight mark with
    neither is as often a stray mark before a quote of its own (blockquoted excerpts).
    """
    close = text.find("”", i + 1, p_end)
    if close < 0:
        return False
    return '"' in text[close + 1 : p_end] or bool(_TURN_LABEL_AT.match(text, open_pos + 1))


# An upper-case transcript label ("WALLACE:", "SEN. KAINE:") right after an opening mark.
_TURN_LABEL_AT = re.compile(r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}:\s")


def _looks_possessive(text: str, i: int) -> bool:
    """`s’ ` at a word end is usually a plural possessive ("leaders’ talks"), not a closing quote."""
    j = i + 1
    while j < len(text) and text[j] == " ":
        j += 1
    return j < len(text) and text[j].islower()


def _next_paragraph_start(text: str, p_end: int) -> int | None:
    k = p_end
    n = len(text)
    while k < n and text[k].isspace():
        k += 1
    return k if k < n else None


def _opens_quote(text: str, k: int) -> bool:
    return text.startswith(("“", '"', "«", "„", "``", "‟"), k)


def _emit(
    cands: list[QuoteMarkPair],
    text: str,
    open_pos: int | None,
    open_width: int,
    close_pos: int,
    after_close: int,
    group: int,
    closed: bool = True,
) -> None:
    if open_pos is None:
        return
    s = open_pos + open_width
    e = close_pos
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return
    certain = not _standalone_straight(text, open_pos) and not (closed and _standalone_straight(text, close_pos))
    cands.append(
        QuoteMarkPair(start=s, end=e, outer_start=open_pos, outer_end=after_close, group=group, closed=closed,
                      certain=certain)
    )


def _standalone_straight(text: str, i: int) -> bool:
    """A straight mark with whitespace (or the text's edge) on both sides: its role is a guess."""
    if i >= len(text) or text[i] not in "\"'":
        return False
    width = 2 if text.startswith("''", i) else 1
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return before.isspace() and after.isspace()
