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
