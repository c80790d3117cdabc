"""A small corpus built from the sample article (no ../shared): 20 articles of different
paragraph windows, dates over three months and two outlets."""

from __future__ import annotations

import json
from pathlib import Path

from components.sample import SAMPLE_ARTICLE

TOPIC = "lifting sanctions on Russia"


def corpus_rows(n: int = 20) -> list[dict[str, str]]:
    paras = SAMPLE_ARTICLE.split("\n\n")
    rows = []
    for i in range(n):
        start = i % (len(paras) - 3)
        width = 3 + i % 5
        text = "\n\n".join(paras[start : start + width]) + f"\n\nThis is report number {i}."
        rows.append({"id": f"art-{i:02d}", "text": text, "title": f"Report {i}",
                     "date": f"2026-{1 + i % 3:02d}-{1 + i:02d}", "outlet": ("Wire", "Daily")[i % 2]})
    return rows


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def build_output(out: Path, rows: list[dict[str, str]], topic: str = TOPIC) -> Path:
    """A corpus output folder written by the run's own analyser and store, without starting
    Ray (the page only reads folders; the Ray run itself is tested in test_corpus.py)."""
    from models.corpus.keys import article_key
    from models.corpus.run import CorpusAnalyzer, model_names
    from models.corpus.store import CorpusStore

    analyser = CorpusAnalyzer([topic], "embedded", "embedded", threads=2)
    store = CorpusStore(out)
    tables: dict[str, list] = {"articles": [], "quotes": [], "actors": []}
    for row in rows:
        record = {"title": None, "date": None, "outlet": None, "url": None, "error": None, **row}
        record["key"] = article_key(row["id"], row["text"], [topic], model_names("embedded", "embedded"))
        for table, values in analyser.analyse(record).items():
            tables[table].extend(values)
    store.write(tables)
    return out
