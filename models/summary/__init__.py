"""Article summaries: embedded extractive (no download) and abstractive (any HF seq2seq model).

    lengths.py      the page's length presets (LENGTHS) and the default length
    units.py        units over the article's sentences: quotations kept whole, dependent sentences flagged
    extractive.py   the embedded PacSum-style TF-IDF summarizer and its settings
    abstractive.py  any Hugging Face seq2seq model through `generate`, chunked map-reduce

`get_summarizer(name)` is the registry: `embedded` is the extractive summarizer, anything else
a seq2seq model from a local folder or the hub, each built once per process. Summarizers read
the shared `models.article.Article` (its sentence spans and quotation marks), or a string.
"""

from __future__ import annotations

from models import loading
from models.summary.abstractive import AbstractiveSummarizer, GenerationSettings, chunk_sentences
from models.summary.extractive import STOP_WORDS, ExtractiveSettings, ExtractiveSummarizer, tfidf_similarity
from models.summary.lengths import LENGTHS
from models.summary.units import build_units, is_dependent, units_of

__all__ = [
    "LENGTHS",
    "STOP_WORDS",
    "AbstractiveSummarizer",
    "ExtractiveSettings",
    "ExtractiveSummarizer",
    "GenerationSettings",
    "build_units",
    "chunk_sentences",
    "get_summarizer",
    "is_dependent",
    "tfidf_similarity",
    "units_of",
]


def get_summarizer(name: str = loading.EMBEDDED) -> ExtractiveSummarizer | AbstractiveSummarizer:
    """The summarizer for a model name, built once per process.

    `embedded` is the extractive summarizer; anything else is a seq2seq model from a local
    folder or the hub. Raises loading.ModelLoadError when the model cannot be loaded, which the
    pipeline turns into a warning and a fallback to the embedded summarizer.
    """
    source = loading.resolve(name)
    if source.kind == loading.EMBEDDED:
        return loading.cached("summarizer", loading.EMBEDDED, ExtractiveSummarizer)

    def build() -> AbstractiveSummarizer:
        tokenizer, model, device = loading.load_seq2seq(name)
        return AbstractiveSummarizer(name=source.name, tokenizer=tokenizer, model=model, device=device)

    return loading.cached("summarizer", source.name, build)
