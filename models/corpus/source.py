"""SOURCE -> articles: a folder of article files, a JSON Lines / CSV / Parquet table with a
`text` column (optional id, title, date, outlet, url), or a glob of those.

Folders are read with the page's own file readers (models.sources), so a corpus accepts what
the page accepts. A file that cannot be read becomes an article with an error, not a failed
run: the run records it like any other failure.
"""

from __future__ import annotations

import glob as globlib
import os
from dataclasses import dataclass
from pathlib import Path

from models.limits import InputError

__all__ = ["CorpusArticle", "read_source", "TABLE_TYPES"]

TABLE_TYPES = (".jsonl", ".ndjson", ".csv", ".parquet")
META = ("title", "date", "outlet", "url")


@dataclass(frozen=True)
class CorpusArticle:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    error: str | None = None  # the file could not be read

    def to_record(self) -> dict[str, str | None]:
        return {k: getattr(self, k) for k in ("id", "text", "title", "date", "outlet", "url", "error")}


def read_source(source: str) -> list[CorpusArticle]:
    """Every article of SOURCE, in a stable order (sorted paths, table row order). Ids are the
    table's `id` column, else "<file>:<row>", else the file's path under the folder."""
    paths = _expand(source)
    articles: list[CorpusArticle] = []
    base = source if os.path.isdir(source) else None
    for path in paths:
        if path.suffix.lower() in TABLE_TYPES:
            articles.extend(_read_table(path))
        else:
            articles.append(_read_file(path, base))
    seen: set[str] = set()
    for a in articles:
        if a.id in seen:
            raise InputError(f"{source}: article id {a.id!r} appears twice; ids must be unique")
        seen.add(a.id)
    return articles


def _expand(source: str) -> list[Path]:
    if os.path.isdir(source):
        from models.sources.files import SUPPORTED_TYPES

        kinds = set(SUPPORTED_TYPES) | set(TABLE_TYPES)
        found = [p for p in Path(source).rglob("*") if p.is_file() and p.suffix.lower() in kinds]
    elif os.path.isfile(source):
        found = [Path(source)]
    else:
        found = [Path(p) for p in globlib.glob(source, recursive=True) if os.path.isfile(p)]
    if not found:
        raise InputError(f"{source}: no article files or tables found (a folder, a .jsonl/.csv/.parquet file, or a glob)")
    return sorted(found)


def _read_file(path: Path, base: str | None) -> CorpusArticle:
    from models.sources import load_input

    ident = str(path.relative_to(base)) if base else str(path)
    try:
        doc = load_input(str(path))
    except InputError as exc:
        return CorpusArticle(id=ident, text="", error=str(exc))
    return CorpusArticle(id=ident, text=doc.text, title=doc.title)


def _read_table(path: Path) -> list[CorpusArticle]:
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_json(path, lines=True, dtype=False)
    except Exception as exc:
        raise InputError(f"{path}: not a readable {suffix[1:]} table ({exc})") from None
    if "text" not in frame.columns:
        raise InputError(f"{path}: no `text` column (found: {', '.join(map(str, frame.columns)) or 'none'})")
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        ident = _cell(row.get("id")) or f"{path.name}:{i}"
        text = _cell(row.get("text")) or ""
        meta = {k: _cell(row.get(k)) for k in META}
        out.append(CorpusArticle(id=ident, text=text, error=None if text.strip() else "no text", **meta))
    return out


def _cell(value: object) -> str | None:
    """A table cell as text; missing (None, NaN, "") is None. Dates keep their ISO form."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        iso = value.isoformat()
        return iso[:10] if iso.endswith("T00:00:00") else iso
    text = str(value)
    return None if text in ("", "nan", "NaT", "None") else text
