"""Parsing helpers for tests: a fast sentence-only Doc, and Articles built from it."""

from __future__ import annotations

from typing import Any

from models.article import Article, read_article


def blank_doc(text: str) -> Any:
    """A Doc with rule-based sentences only: fast, for tests where the full parser is not the point."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp(text)


def blank_article(text: str) -> Article:
    """An Article over a sentencizer-only Doc (long inputs, sentence-only tests)."""
    return read_article(text, blank_doc(text))
