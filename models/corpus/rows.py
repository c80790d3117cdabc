"""One article's Analysis -> rows of the three corpus tables.

The tables are flat so that DuckDB aggregates them without JSON functions: `quotes` has one
row per quote and topic (a quote with no topics has one row with a null topic), `actors` one
row per actor per article. `articles` keeps the whole Analysis JSON and the text, so the corpus
page can open any article in the full single-article view.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from models.corpus.source import CorpusArticle

__all__ = ["ARTICLES", "QUOTES", "ACTORS", "SCHEMAS", "article_rows", "failed_rows"]

ARTICLES = pa.schema([
    ("key", pa.string()), ("id", pa.string()), ("title", pa.string()), ("date", pa.string()),
    ("outlet", pa.string()), ("url", pa.string()), ("words", pa.int64()), ("summary", pa.string()),
    ("targets", pa.string()), ("models", pa.string()), ("timings", pa.string()), ("seconds", pa.float64()),
    ("n_quotes", pa.int64()), ("error", pa.string()), ("text", pa.string()), ("analysis", pa.string()),
])
QUOTES = pa.schema([
    ("key", pa.string()), ("article_id", pa.string()), ("quote_id", pa.int64()), ("kind", pa.string()),
    ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("speaker", pa.string()),
    ("topic", pa.string()), ("label", pa.string()), ("favor", pa.float64()), ("against", pa.float64()),
    ("neutral", pa.float64()), ("confidence", pa.float64()),
])
ACTORS = pa.schema([
    ("key", pa.string()), ("article_id", pa.string()), ("actor", pa.string()),
    ("mentions", pa.string()), ("n_quotes", pa.int64()),
])
SCHEMAS = {"articles": ARTICLES, "quotes": QUOTES, "actors": ACTORS}

Rows = dict[str, list[dict[str, Any]]]


def _article_row(key: str, article: CorpusArticle, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in ARTICLES.names}
    row.update(key=key, id=article.id, title=article.title, date=article.date, outlet=article.outlet,
               url=article.url, text=article.text, words=len(article.text.split()))
    row.update(values)
    return row


def failed_rows(key: str, article: CorpusArticle, error: str, targets: list[str]) -> Rows:
    """An article that could not be analysed: its row with the error, and no quotes."""
    return {"articles": [_article_row(key, article, error=error, targets=json.dumps(targets), n_quotes=0)],
            "quotes": [], "actors": []}


def article_rows(key: str, article: CorpusArticle, analysis: dict[str, Any], seconds: float) -> Rows:
    """The rows of one analysed article, from its Analysis dict (the `cli.py analyze` JSON)."""
    summary = analysis.get("summary") or {}
    quotes: list[dict[str, Any]] = []
    for q in analysis.get("quotes", []):
        base = {"key": key, "article_id": article.id, "quote_id": q["id"], "kind": q["kind"], "text": q["text"],
                "start": q["start"], "end": q["end"], "speaker": q.get("speaker")}
        stances = q.get("stance") or {}
        if not stances:
            quotes.append({**base, "topic": None, "label": None, "favor": None, "against": None,
                           "neutral": None, "confidence": None})
        for topic, st in stances.items():
            scores = st.get("scores", {})
            quotes.append({**base, "topic": topic, "label": st["label"], "favor": scores.get("favor"),
                           "against": scores.get("against"), "neutral": scores.get("neutral"),
                           "confidence": max(scores.values()) if scores else None})
    actors = [{"key": key, "article_id": article.id, "actor": a["name"], "mentions": json.dumps(a.get("mentions", [])),
               "n_quotes": len(a.get("quote_ids", []))} for a in analysis.get("actors", [])]
    row = _article_row(
        key, article, summary=summary.get("text"), targets=json.dumps(analysis.get("targets", [])),
        models=json.dumps(analysis.get("models", {})), timings=json.dumps(analysis.get("timings_s", {})),
        seconds=seconds, n_quotes=len(analysis.get("quotes", [])), analysis=json.dumps(analysis, ensure_ascii=False),
    )
    return {"articles": [row], "quotes": quotes, "actors": actors}
