"""What the corpus page asks of a corpus, as SQL that DuckDB runs over the Parquet parts.

Every function returns a small aggregated DataFrame (at most a few thousand rows), whatever
the corpus size: the page draws aggregates and lists the quotes behind one point at a time,
so 100,000 quotes never pass through pandas on the page.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from models.corpus.views import STANCE_COUNTS, connect

__all__ = ["CorpusFilters", "CorpusExplorer", "PERIODS"]

PERIODS = ("week", "month")


@dataclass(frozen=True)
class CorpusFilters:
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over the `stances` view and its parameters."""
        parts, params = ["TRUE"], []
        for column, values in (("speaker", self.actors), ("topic", self.topics), ("COALESCE(outlet, '(unknown)')", self.outlets)):
            if values:
                parts.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.date_from:
            parts.append("date >= ?")
            params.append(self.date_from)
        if self.date_to:
            parts.append("date <= ?")
            params.append(self.date_to)
        return " AND ".join(parts), params


class CorpusExplorer:
    """One open corpus output folder (an in-memory DuckDB with views over its parts)."""

    def __init__(self, out: str) -> None:
        self.out = out
        self.con: duckdb.DuckDBPyConnection = connect(out, read_only=True)

    def _df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.con.cursor().execute(sql, params or []).df()

    def overview(self) -> dict[str, Any]:
        row = self._df(
            "SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM articles WHERE error IS NOT NULL) AS failed, "
            "(SELECT COUNT(*) FROM stances) AS stances, (SELECT MIN(date) FROM stances) AS first, (SELECT MAX(date) FROM stances) AS last"
        ).iloc[0]
        return {k: (None if pd.isna(v) else v) for k, v in row.items()}

    def actors(self, limit: int = 300) -> list[str]:
        """Actors by number of quotes with a stance, most quoted first."""
        return self._df("SELECT speaker FROM stances GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT ?", [limit])["speaker"].tolist()

    def topics(self) -> list[str]:
        return self._df("SELECT topic FROM stances GROUP BY 1 ORDER BY COUNT(*) DESC, 1")["topic"].tolist()

    def outlets(self) -> list[str]:
        return self._df("SELECT COALESCE(outlet, '(unknown)') AS o FROM stances GROUP BY 1 ORDER BY COUNT(*) DESC, 1")["o"].tolist()

    def heat(self, filters: CorpusFilters, top_actors: int = 20) -> pd.DataFrame:
        """actor x topic: quotes, favor, against, neutral, net, for the most quoted actors."""
        where, params = filters.where()
        return self._df(
            f"WITH f AS (SELECT * FROM stances WHERE {where}), "
            "top AS (SELECT speaker FROM f GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT ?) "
            f"SELECT speaker AS actor, topic, {STANCE_COUNTS} FROM f WHERE speaker IN (SELECT speaker FROM top) "
            "GROUP BY ALL ORDER BY actor, topic", params + [top_actors])

    def over_time(self, filters: CorpusFilters, topic: str, actors: list[str], period: str) -> pd.DataFrame:
        """Per actor and week or month: quotes and net stance toward `topic`."""
        if period not in PERIODS or not actors:
            return pd.DataFrame(columns=["actor", "period", "quotes", "favor", "against", "neutral", "net"])
        where, params = filters.where()
        marks = ", ".join("?" for _ in actors)
        return self._df(
            f"SELECT speaker AS actor, CAST(DATE_TRUNC('{period}', date) AS DATE) AS period, {STANCE_COUNTS} "
            f"FROM stances WHERE {where} AND topic = ? AND speaker IN ({marks}) AND date IS NOT NULL "
            "GROUP BY ALL ORDER BY actor, period", params + [topic, *actors])

    def by_outlet(self, filters: CorpusFilters, topic: str, actors: list[str]) -> pd.DataFrame:
        where, params = filters.where()
        marks = ", ".join("?" for _ in actors) or "NULL"
        return self._df(
            f"SELECT COALESCE(outlet, '(unknown)') AS outlet, speaker AS actor, {STANCE_COUNTS} FROM stances "
            f"WHERE {where} AND topic = ? AND speaker IN ({marks}) GROUP BY ALL ORDER BY outlet, actor",
            params + [topic, *actors])

    def quotes_behind(self, filters: CorpusFilters, actor: str, topic: str, period: str | None = None,
                      start: dt.date | None = None, outlet: str | None = None, limit: int = 200) -> pd.DataFrame:
        """The quotes behind one cell, point or bar, newest first."""
        where, params = filters.where()
        sql = f"SELECT text, label, confidence, CAST(date AS VARCHAR) AS date, outlet, title, article_id FROM stances WHERE {where} AND speaker = ? AND topic = ?"
        params += [actor, topic]
        if period in PERIODS and start is not None:
            sql += f" AND CAST(DATE_TRUNC('{period}', date) AS DATE) = ?"
            params.append(start)
        if outlet is not None:
            sql += " AND COALESCE(outlet, '(unknown)') = ?"
            params.append(outlet)
        return self._df(sql + " ORDER BY date DESC NULLS LAST, article_id, start LIMIT ?", params + [limit])

    def analysis(self, article_id: str) -> tuple[str, dict[str, Any]] | None:
        """(text, Analysis dict) of one article, for its full view."""
        rows = self._df("SELECT text, analysis FROM articles WHERE id = ? AND analysis IS NOT NULL LIMIT 1", [article_id])
        if rows.empty:
            return None
        return rows["text"][0], json.loads(rows["analysis"][0])

    def close(self) -> None:
        self.con.close()
