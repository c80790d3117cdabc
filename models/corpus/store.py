"""The output folder: one Parquet part per finished batch in each table, written whole.

A part is written under a temporary name and renamed into place, and the `articles` part is
renamed last: an `articles` part is the mark that its batch is finished. Opening the folder
removes temporary files and `quotes`/`actors` parts whose `articles` part never landed (a run
killed between renames), so a rerun redoes those articles and nothing is counted twice.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from models.corpus.rows import SCHEMAS, Rows

__all__ = ["CorpusStore", "TABLES"]

TABLES = ("quotes", "actors", "articles")  # the order parts are renamed in: articles last
_TMP = ".tmp-"


class CorpusStore:
    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.root = Path(out)
        for table in TABLES:
            (self.root / table).mkdir(parents=True, exist_ok=True)
        self._sweep()

    def parts(self, table: str) -> list[Path]:
        return sorted(p for p in (self.root / table).glob("*.parquet") if not p.name.startswith(_TMP))

    def done_keys(self) -> set[str]:
        """Keys of every article in a finished part."""
        keys: set[str] = set()
        for part in self.parts("articles"):
            keys.update(pq.read_table(part, columns=["key"]).column("key").to_pylist())
        return keys

    def write(self, rows: Rows) -> str:
        """Write one batch's rows as a part of each table; returns the part's name."""
        name = f"part-{uuid.uuid4().hex[:16]}.parquet"
        staged = []
        for table in TABLES:
            target = self.root / table / name
            tmp = target.with_name(_TMP + name)
            pq.write_table(pa.Table.from_pylist(rows.get(table, []), schema=SCHEMAS[table]), tmp)
            staged.append((tmp, target))
        for tmp, target in staged:
            os.replace(tmp, target)
        return name

    def _sweep(self) -> None:
        finished = {p.name for p in self.parts("articles")}
        for table in TABLES:
            for p in (self.root / table).glob("*.parquet"):
                if p.name.startswith(_TMP) or (table != "articles" and p.name not in finished):
                    p.unlink(missing_ok=True)
