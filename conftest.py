"""Fixtures shared by every test module (pytest finds this file at the repository root).

The spaCy pipeline is loaded once per test session, and parsed articles are built the way the
pipeline builds them (models.article.read_article), so a test reads the same Article a stage
reads in production. Plain helpers (a sentence-only Doc) live in tests/parsing.py.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from models.article import Article, read_article


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The embedded spaCy pipeline, loaded once per session."""
    from models.loading import get_spacy

    return get_spacy()


@pytest.fixture(scope="session")
def read(nlp: Any) -> Callable[[str], Article]:
    """text -> Article through the embedded spaCy pipeline, as models.pipeline.read builds it."""
    return lambda text: read_article(text, nlp(text))
