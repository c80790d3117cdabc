"""The parsed article: what more than one stage reads about a text, derived once.

Quotes, stance, summary and topic suggestion used to pair quotation marks, cut sentences and
find the headline each in their own way, so the same article could have a quotation in one
stage and none in the next. `read_article(text, doc)` derives those facts once, from the one
spaCy Doc, and every stage reads the same `Article`:

- `quote_marks`: the quotation-mark pairs (models.quotes.marks.scan_quote_marks, the scanner
  the quote finder was measured with on PolNeAR);
- `sentences`: sentence character spans, with quotation marks moved to the sentence they
  belong to and a blank line always ending a sentence (what the summary picks from and what a
  short quote's stance context is cut from);
- `body_start`: where the headline ends (0 when there is none).

The quote finder itself walks the Doc's token sentences (it needs tokens); they come from the
same parse, in which the spaCy component in models.loading already starts a sentence after a
headline line, using the same `is_headline_line` test as `body_start`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from models.markup import blank_markup
from models.quotes.marks import QuoteMarkPair, scan_quote_marks

__all__ = [
    "Article",
    "HEADLINE_MAX_TOKENS",
    "as_article",
    "MAX_SENTENCE_WORDS",
    "count_words",
    "headline_end",
    "is_headline_line",
    "read_article",
    "read_text",
    "sentence_spans",
]

# A headline is a first line of at most this many tokens with no sentence punctuation.
HEADLINE_MAX_TOKENS = 25
_DOTTED_HEADLINE_MAX_TOKENS = 15
_SENTENCE_END_TOKENS = frozenset({".", "!", "?", ":", ";", '"', "\u201d", "'", "\u2019", ")"})
_OPENING_MARKS = "\"\u201c'\u2018\u00ab"

# A "sentence" longer than this many words without sentence punctuation is cut into pieces of
# FALLBACK_PIECE_WORDS words: text with no punctuation still gets readable sentences.
MAX_SENTENCE_WORDS = 80
FALLBACK_PIECE_WORDS = 30
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Article:
    """One text and everything derived from it that several stages share. Never modified."""

    text: str
    doc: Any
    quote_marks: tuple[QuoteMarkPair, ...]
    sentences: tuple[tuple[int, int], ...]
    body_start: int = 0

    @property
    def headline(self) -> str:
        return self.text[: self.body_start].strip()


def read_article(text: str, doc: Any) -> Article:
    """Derive the shared facts of `text` from its spaCy `doc`, a parse of this text or of the
    same text with its markup blanked (models.markup: same length, so offsets agree).

    Quotation marks are scanned in what the parser read, so a mark inside a `<script>` is none.
    """
    parsed = doc.text
    marks = tuple(scan_quote_marks(parsed if len(parsed) == len(text) else text))
    return Article(
        text=text,
        doc=doc,
        quote_marks=marks,
        sentences=tuple(sentence_spans(text, doc, marks)),
        body_start=headline_end(doc),
    )


def count_words(text: str) -> int:
    """Words as the summarizer counts them (for its word budget and its short-sentence rule)."""
    return len(_WORD_RE.findall(text))


def is_headline_line(tokens: Sequence[str], next_token: str) -> bool:
    """Is a line of these (non-space) tokens a headline: short, unpunctuated, followed by a
    capitalised line or a quotation? A byline or a title line passes too, which is what both
    users want: the parser should not glue it to the first sentence, and topics should not be
    drawn from headline grammar."""
    return (
        0 < len(tokens) <= HEADLINE_MAX_TOKENS
        and not any(t in _SENTENCE_END_TOKENS for t in tokens)
        and (next_token[:1].isupper() or next_token[:1] in _OPENING_MARKS)
    )


def headline_end(doc: Any) -> int:
    """Character offset just after the first line when it is a headline, else 0."""
    line: list[Any] = []
    for i, token in enumerate(doc):
        if "\n" not in token.text:
            if not token.is_space:
                line.append(token)
            continue
        if not line:
            continue  # blank lines before the first line of text
        nxt = doc[i + 1].text if i + 1 < len(doc) else ""
        words = [t.text for t in line]
        if is_headline_line(words, nxt):
            return line[-1].idx + len(line[-1].text)
        if (words[-1] == "." and len(words) <= _DOTTED_HEADLINE_MAX_TOKENS and token.text.count("\n") >= 2
                and is_headline_line(words[:-1], nxt)):
            # "Ken Starr praises, laments Bill Clinton's legacy.": archives and feeds (PolNeAR's
            # among them) end the headline with a period; a short line alone in its paragraph
            # with no other punctuation of a sentence is still the headline
            return line[-1].idx + len(line[-1].text)
        return 0
    return 0


def sentence_spans(text: str, doc: Any, pairs: Sequence[QuoteMarkPair]) -> list[tuple[int, int]]:
    """Sentence character spans, with quotation marks moved to the sentence they belong to.

    spaCy often leaves an opening mark at the end of the previous sentence (". “Next ...") or
    a closing one at the start of the next; we fix both so a sentence never starts mid-quote.
    Then a blank line always ends a sentence, and an over-long unpunctuated one is cut up.
    """
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
    opens = {p.outer_start for p in pairs}
    closes = {i for p in pairs if p.closed and p.certain for i in range(p.end, p.outer_end) if not text[i].isspace()}
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
        if count_words(text[s:e]) > MAX_SENTENCE_WORDS and not re.search(r"[.!?…。]", text[s:e]):
            out.extend(_split_long(text, s, e))
        else:
            out.append((s, e))
    return out


def _split_at_blank_lines(text: str, spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """A blank line always ends a sentence: spaCy glues an unpunctuated headline or byline to
    the paragraph after it, and a sentence should never run across paragraphs."""
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


def read_text(text: str) -> Article:
    """Parse `text` with the embedded spaCy pipeline (markup blanked, models.markup) and read
    it: the one place a text is parsed. `pipeline.read` keeps the last few of these."""
    from models import loading

    nlp = loading.get_spacy()
    with loading.inference_lock(nlp):
        doc = nlp(blank_markup(text))
    return read_article(text, doc)


def as_article(source: Article | str) -> Article:
    """An Article as given, or a string read into one."""
    return source if isinstance(source, Article) else read_text(source)
