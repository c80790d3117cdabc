"""Corpus mode: many articles through the same `pipeline.analyze`, on Ray Data, into Parquet
tables with DuckDB views over them (DESIGN, "Corpus contract").

    source.py   SOURCE (folder, JSON Lines / CSV / Parquet, or a glob) -> CorpusArticle rows
    keys.py     the resume key of an article: its id, text, topics and model names
    rows.py     one Analysis -> rows of the articles, quotes and actors tables
    store.py    the output folder: finished parts written whole (temp name, rename), done keys
    views.py    the DuckDB database and its views (actor x topic, by month, by outlet)
    run.py      the Ray Data run: read -> map_batches(CorpusAnalyzer) -> parts, resumable

Nothing here imports streamlit; the corpus page reads the folder through views.py.
"""

from models.corpus.run import CorpusRunSummary, run_corpus, suggest_corpus_targets
from models.corpus.source import CorpusArticle, read_source
from models.corpus.views import connect, query

__all__ = [
    "CorpusArticle",
    "CorpusRunSummary",
    "connect",
    "query",
    "read_source",
    "run_corpus",
    "suggest_corpus_targets",
]
