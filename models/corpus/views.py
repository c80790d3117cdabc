"""The DuckDB side: a database file in the output folder with views over the Parquet parts.

Views are (re)made each time the folder is opened, with the folder's current absolute path,
so a moved or copied output folder still works and new parts are seen at once. DuckDB does
every aggregation the corpus page draws, so the page never holds 100,000 quotes in pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from models.actors.across import names_across_articles
from models.corpus.rows import SCHEMAS
from models.limits import InputError

__all__ = ["DB_NAME", "connect", "query", "VIEWS"]

DB_NAME = "corpus.duckdb"

_DUCK_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE"}

# Net stance = (favor - against) / quotes: +1 all in favour, -1 all against, 0 balanced or neutral.
STANCE_COUNTS = (
    "COUNT(*) AS quotes, COUNT(*) FILTER (label = 'favor') AS favor, "
    "COUNT(*) FILTER (label = 'against') AS against, COUNT(*) FILTER (label = 'neutral') AS neutral, "
    "(COUNT(*) FILTER (label = 'favor') - COUNT(*) FILTER (label = 'against')) / COUNT(*) AS net"
)

VIEWS = {
    "stances": """
        SELECT q.* REPLACE (COALESCE(m.canonical, q.speaker) AS speaker), q.speaker AS speaker_as_written,
               a.title, a.outlet, TRY_CAST(a.date AS DATE) AS date
        FROM quotes q JOIN articles a USING (key) LEFT JOIN speaker_names m ON m.speaker = q.speaker
        WHERE q.topic IS NOT NULL AND q.speaker IS NOT NULL""",
    "actor_topic": f"""
        SELECT speaker AS actor, topic, {STANCE_COUNTS}, COUNT(DISTINCT key) AS articles
        FROM stances GROUP BY ALL""",
    "stance_by_month": f"""
        SELECT speaker AS actor, topic, CAST(DATE_TRUNC('month', date) AS DATE) AS month, {STANCE_COUNTS}
        FROM stances WHERE date IS NOT NULL GROUP BY ALL""",
    "stance_by_outlet": f"""
        SELECT COALESCE(outlet, '(unknown)') AS outlet, speaker AS actor, topic, {STANCE_COUNTS}
        FROM stances GROUP BY ALL""",
}


def _table_sql(root: Path, table: str) -> str:
    parts = sorted(p for p in (root / table).glob("*.parquet") if not p.name.startswith(".tmp-"))
    if parts:
        files = ", ".join("'" + str(p.resolve()).replace("'", "''") + "'" for p in parts)
        return f"SELECT * FROM read_parquet([{files}])"
    cols = ", ".join(f'CAST(NULL AS {_DUCK_TYPES[str(f.type)]}) AS "{f.name}"' for f in SCHEMAS[table])
    return f"SELECT {cols} WHERE FALSE"


def connect(out: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to DIR's database with the tables and views in place.

    `read_only` (the page, `corpus query`) uses an in-memory database with the same views, so
    readers never lock the file against a running `corpus run`."""
    root = Path(out)
    if not (root / "articles").is_dir():
        raise InputError(f"{out}: not a corpus output folder (no articles/ table); run `cli.py corpus run` first")
    con = duckdb.connect(":memory:" if read_only else str(root / DB_NAME))
    for table in SCHEMAS:
        con.execute(f"CREATE OR REPLACE VIEW {table} AS {_table_sql(root, table)}")
    _speaker_names(con)
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
    return con


def _speaker_names(con: duckdb.DuckDBPyConnection) -> None:
    """Table speaker_names(speaker, canonical): one name per person across the corpus, by the
    same rule a page comparison uses (models.actors.across), so "Dmitriev" in one article and
    "Kirill Dmitriev" in another are one actor in every view."""
    import pandas as pd

    written = [r[0] for r in con.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL").fetchall()]
    names = pd.DataFrame(list(names_across_articles(written).items()), columns=["speaker", "canonical"], dtype=str)
    if con.execute("SELECT COUNT(*) FROM duckdb_views() WHERE view_name = 'speaker_names'").fetchall()[0][0]:
        con.execute("DROP VIEW speaker_names")  # a database written when this was a view
    con.register("speaker_names_frame", names)
    con.execute("CREATE OR REPLACE TABLE speaker_names AS SELECT * FROM speaker_names_frame")
    con.unregister("speaker_names_frame")


def query(out: str, sql: str, params: list[Any] | None = None) -> Any:
    """Run SQL over DIR's tables and views; returns a pandas DataFrame."""
    con = connect(out, read_only=True)
    try:
        return con.execute(sql, params or []).df()
    except duckdb.Error as exc:
        raise InputError(f"SQL error: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
