"""The quote finder's entry points: the steps of models.quotes, in order, over one Doc.

marks -> direct quotes (with their cues and subjects) -> reported clauses -> merge (no
overlaps) -> speaker mentions. Rules are passed in (`QuoteRules`), never read from globals, and
the quotation-mark pairs can be passed in too, by a caller that has already scanned the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.quotes.candidates import Candidate
from models.quotes.direct import split_direct
from models.quotes.index import DocIndex, make_span
from models.quotes.marks import QuoteMarkPair, QuoteMask, scan_quote_marks
from models.quotes.mentions import QuoteExtraction, SpeakerMention
from models.quotes.merge import merge
from models.quotes.reported import reported_clauses
from models.quotes.rules import QuoteRules
from models.quotes.speaker_ranker import default_ranker
from models.quotes.speakers import attribute
from models.quotes.transcript import apply_transcript_labels
from models.schema import Quote

__all__ = ["extract_quotes", "extract_quotes_with_mentions", "attributed_candidates"]


def extract_quotes_with_mentions(
    doc: Any,
    rules: QuoteRules | None = None,
    pairs: Sequence[QuoteMarkPair] | None = None,
    strict: bool = False,
) -> QuoteExtraction:
    """Direct and reported quotes in article order, with their speaker mentions.

    `rules` defaults to `QuoteRules()`; `pairs` to `scan_quote_marks(doc.text)` (they must come
    from the same text). Never raises unless `strict`: a bad parse falls back to the quoted
    stretches without attribution, then to nothing, so that it cannot lose the reader's page;
    tests pass `strict=True` so that a crash is not mistaken for "no quotes".
    """
    rules = QuoteRules() if rules is None else rules
    try:
        return _extract(doc, rules, pairs, attribute_speakers=True)
    except Exception:
        if strict:
            raise
    try:  # pragma: no cover - last-resort guard
        return _extract(doc, rules, pairs, attribute_speakers=False)
    except Exception:  # pragma: no cover
        return QuoteExtraction()


def extract_quotes(
    doc: Any,
    rules: QuoteRules | None = None,
    pairs: Sequence[QuoteMarkPair] | None = None,
    strict: bool = False,
) -> list[Quote]:
    """Only the quotes of `extract_quotes_with_mentions`, for callers that need no speakers
    (their `speaker` is None: `models.actors.resolve_speakers` sets it from the mentions)."""
    return list(extract_quotes_with_mentions(doc, rules, pairs, strict).quotes)


def attributed_candidates(
    doc: Any, rules: QuoteRules, pairs: Sequence[QuoteMarkPair] | None = None, attribute_speakers: bool = True
) -> tuple[list[Candidate], DocIndex, QuoteMask, tuple[QuoteMarkPair, ...]]:
    """The merged candidates in article order with the rules' speaker mentions, and the index,
    mask and mark pairs they were found with: what the speaker ranker re-scores, and what
    training/speaker reads its options from (so both see the same candidates)."""
    idx = DocIndex(doc)
    text = idx.text
    found = tuple(scan_quote_marks(text) if pairs is None else pairs)
    cands = [Candidate.from_pair(p) for p in found]
    mask = QuoteMask(found)
    kept, short = split_direct(cands, idx, mask, rules, attribute=attribute_speakers)
    final = kept
    if attribute_speakers:
        reported = reported_clauses(idx, mask, rules)
        final = merge(kept, short, reported, idx, mask, rules)
        attribute(final, idx, rules)
    return final, idx, mask, found


def _extract(
    doc: Any, rules: QuoteRules, pairs: Sequence[QuoteMarkPair] | None, attribute_speakers: bool
) -> QuoteExtraction:
    if not len(doc):
        return QuoteExtraction()
    final, idx, mask, found = attributed_candidates(doc, rules, pairs, attribute_speakers)
    text = idx.text
    if attribute_speakers and rules.speaker_ranker:
        ranker = default_ranker()
        if ranker is not None:
            ranker.rerank(final, idx, mask, rules)
    if attribute_speakers:
        final = apply_transcript_labels(final, idx)
    quotes: list[Quote] = []
    taken: list[Candidate] = []
    last_end = -1
    for c in final:
        if c.start < last_end or c.end <= c.start:
            continue  # never overlap
        last_end = c.end
        taken.append(c)
        quotes.append(
            Quote(
                id=len(quotes),
                kind=c.kind,
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                speaker=None,
                speaker_mention=c.speaker_mention,
                cue=make_span(doc, c.cue.i, c.cue.i + (2 if c.cue.lower_ == "according" else 1)) if c.cue is not None else None,
            )
        )
    return QuoteExtraction(quotes=tuple(quotes), mentions=_mentions(taken), pairs=found)


def _mentions(taken: list[Candidate]) -> tuple[SpeakerMention, ...]:
    """One SpeakerMention per quote that has a speaker mention, in quote order."""
    quote_id = {id(c): i for i, c in enumerate(taken)}
    out: list[SpeakerMention] = []
    for i, c in enumerate(taken):
        if c.speaker_mention is None or c.mention_tokens is None or c.subject is None:
            continue
        source_id = quote_id.get(id(c.source)) if c.source is not None else None
        out.append(
            SpeakerMention(quote_id=i, span=c.speaker_mention, head=c.subject.i, tokens=c.mention_tokens, source_id=source_id)
        )
    return tuple(out)
