"""Option rows for the speaker ranker: every mention around every quote, labelled by PolNeAR.

A quote is used when it matches a gold Content span (overlap at least half the shorter, as the
benchmark counts) whose relation has a Source; an option is positive when its mention overlaps
that Source, which is exactly what the benchmark calls "speaker right". Quotes none of whose
options is right still give negatives, which teaches the ranker when to leave the rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from benchmarks.quotes_polnear import Article, load_split, matches, overlap
from models.quotes.extract import attributed_candidates
from models.quotes.rules import QuoteRules
from models.quotes.speaker_options import speaker_options
from models.quotes.speaker_ranker import name_counts

__all__ = ["QuoteRows", "rows_for_split", "rows_for_article"]


@dataclass
class QuoteRows:
    """One quote's options: feature vectors, labels, and which option is the rules' choice."""

    article: str
    kind: str
    vectors: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    is_rule: list[bool] = field(default_factory=list)
    rule_right: bool = False


def rows_for_article(art: Article, doc: Any, rules: QuoteRules, kinds: tuple[str, ...]) -> list[QuoteRows]:
    """One QuoteRows per candidate of `kinds` that matches a gold Content with a Source."""
    cands, idx, mask, _pairs = attributed_candidates(doc, rules)
    counts = name_counts(doc, mask)
    gold = [r for r in art.relations if r.source]
    out: list[QuoteRows] = []
    sentence_cache: dict[int, Any] = {}
    for i, c in enumerate(cands):
        if c.kind not in kinds:
            continue
        span = [(c.start, c.end)]
        hits = [r for r in gold if matches(span, r.content)]
        if not hits:
            continue
        r = max(hits, key=lambda r: overlap(span, r.content))
        prev = cands[i - 1] if i > 0 else None
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        opts = speaker_options(c, prev, nxt, idx, mask, rules, counts, sentence_cache)
        q = QuoteRows(article=art.name, kind=c.kind)
        m = c.speaker_mention
        q.rule_right = m is not None and overlap([(m.start, m.end)], r.source) > 0
        for o in opts:
            a, b = o.tokens
            s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            q.vectors.append(o.vector())
            q.labels.append(int(overlap([(s, e)], r.source) > 0))
            q.is_rule.append("is_rule" in o.flags)
        out.append(q)
    return out


def rows_for_split(split: str, nlp: Any, rules: QuoteRules, kinds: tuple[str, ...],
                   skip: int = 0, limit: int | None = None) -> list[QuoteRows]:
    """Rows of a PolNeAR split's articles [skip : skip + limit], parsed with nlp.pipe."""
    arts = load_split(split, None)[skip:]
    if limit is not None:
        arts = arts[:limit]
    rows: list[QuoteRows] = []
    for art, doc in zip(arts, nlp.pipe(a.text for a in arts)):
        rows.extend(rows_for_article(art, doc, rules, kinds))
    return rows
