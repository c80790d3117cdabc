"""The reader's corrections on the page: kept per article text, applied to every view, undoable.

Corrections live in session state keyed by a hash of the exact text they were made on, not by
the article's view state, so analysing the same text again (other topics, another model) keeps
them, while a new result's view state (filters, chart clicks) starts clean. The model's Analysis
is never changed: `reader_views` builds the corrected copies that charts, digest, highlights,
table and exports all draw from, so they cannot disagree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import streamlit as st

from models.corrections import apply_corrections
from models.digest import where_they_stand
from models.schema import Analysis, Correction

__all__ = ["add_corrections", "clear_corrections", "corrections_for", "reader_views", "undo_last"]

STORE_KEY = "reader_corrections"


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _store() -> dict[str, list[Correction]]:
    return st.session_state.setdefault(STORE_KEY, {})


def corrections_for(text: str) -> list[Correction]:
    return list(_store().get(_text_key(text), []))


def add_corrections(text: str, new: Sequence[Correction]) -> None:
    if new:
        _store().setdefault(_text_key(text), []).extend(new)


def undo_last(text: str) -> Correction | None:
    """Take back the reader's latest correction on this text (one edit = one correction)."""
    items = _store().get(_text_key(text), [])
    return items.pop() if items else None


def clear_corrections(text: str) -> None:
    _store().pop(_text_key(text), None)


@st.cache_data(show_spinner=False, max_entries=64)
def _embed(texts: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from models import loading

    return loading.get_sentence_encoder().encode(list(texts))


def embed(texts: list[str]):  # type: ignore[no-untyped-def]
    return _embed(tuple(texts))


def reader_views(results: Sequence[tuple[str, Analysis]]) -> list[Analysis]:
    """Each (text, model Analysis) as the reader sees it: their corrections applied, then the
    per-topic adapters fitted on all their stance labels (over every article) applied, then
    "Where they stand" rewritten from the result."""
    from models.stance.teaching import apply_adapters, fit_topic_adapters, labelled_quotes

    fixes = [corrections_for(t) for t, _ in results]
    corrected = [apply_corrections(a, f) for (_, a), f in zip(results, fixes)]
    examples = [e for (_, a), f in zip(results, fixes) for e in labelled_quotes(a, f)]
    adapters = fit_topic_adapters(examples, embed) if examples else {}
    views = []
    for view in corrected:
        if adapters:
            view = apply_adapters(view, adapters, embed)
        if view.corrections or view.adapters:
            view.digest = where_they_stand(view)
        views.append(view)
    return views
