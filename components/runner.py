"""Running the pipeline from the page: progress, caching, and turning failures into messages.

An unchanged article with unchanged topics and models is never analysed twice: results are
kept per session (so widget changes redraw instantly) and in a small process-wide LRU keyed by
a hash of everything that affects the result (so a rerun or a second reader with the same input
is served at once). The reader's text is never lost: failures are messages, not exceptions.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import asdict

import streamlit as st

from components import workspace
from components.highlight import render_highlighted
from models import loading, pipeline
from models.limits import InputError
from models.pipeline import AnalysisConfig
from models.schema import Analysis

log = logging.getLogger("stancelens")
CACHE_SIZE = 32


class _ResultCache:
    """A small thread-safe LRU of finished analyses (as dicts, so no session mutates another's)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Analysis | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return Analysis.from_dict(self._items[key])

    def put(self, key: str, analysis: Analysis) -> None:
        with self._lock:
            self._items[key] = analysis.to_dict()
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@st.cache_resource(show_spinner=False)
def result_cache() -> _ResultCache:
    return _ResultCache(CACHE_SIZE)


def _load_embedded_models() -> None:
    from models.stance import get_stance_classifier
    from models.summary import get_summarizer

    loading.get_spacy()
    loading.get_sentence_encoder()
    get_stance_classifier(loading.EMBEDDED)
    get_summarizer(loading.EMBEDDED)


@st.cache_resource(show_spinner=False)
def start_background_warm_up() -> threading.Thread:
    """Start loading the embedded models when the server starts, not at the first Analyze.

    Runs once per process in a daemon thread, so the page paints at once; an analysis that
    starts before it finishes simply waits on the same per-model load lock in models.loading.
    """
    def run() -> None:
        try:
            _load_embedded_models()
        except Exception:  # the first analysis will report the same failure to the reader
            log.exception("warming up the embedded models failed")

    thread = threading.Thread(target=run, name="stancelens-warm-up", daemon=True)
    thread.start()
    return thread


@st.cache_resource(show_spinner="Loading the embedded models (first run only)…")
def warm_up_models() -> bool:
    """Make sure the embedded models are loaded before an analysis (shows a spinner if not)."""
    _load_embedded_models()
    return True


def analysis_key(text: str, topics: list[str] | None, config: AnalysisConfig) -> str:
    settings = {k: v for k, v in asdict(config).items() if k != "limits"}
    payload = json.dumps([text, topics, settings], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fast_summary(config: AnalysisConfig) -> bool:
    """The embedded summarizer (under any spelling, or as the fallback for a model that will
    not load) answers in milliseconds: no quotes-first preview is worth drawing for it."""
    try:
        return loading.resolve(config.summarizer).kind == loading.EMBEDDED
    except loading.ModelLoadError:
        return True


def _analyze_one(text: str, topics: list[str] | None, config: AnalysisConfig, label: str) -> Analysis | None:
    """One article, from the cache when unchanged; failures become a message naming the article."""
    key = analysis_key(text, topics, config)
    analysis = result_cache().get(key)
    if analysis is not None:
        return analysis
    started = time.perf_counter()
    preview = st.empty()

    def show_quotes_first(partial: Analysis) -> None:
        """With a slow (abstractive) summarizer, show the quotes while the summary is made."""
        with preview.container():
            st.caption(f"{label}: {len(partial.quotes)} quotes found; the summary is on its way…")
            render_highlighted(text, partial, partial.targets[0] if partial.targets else None, None)

    with st.status(f"Analyzing {label}…", expanded=True) as status:
        try:
            analysis = pipeline.analyze(text, topics, config, progress=status.write,
                                        on_quotes=None if _fast_summary(config) else show_quotes_first)
        except InputError as exc:
            status.update(label=f"{label}: could not analyse this text", state="error")
            st.error(f"{label}: {exc}")
            return None
        except Exception as exc:  # never a traceback on the page; the log has the details
            log.exception("analysis failed")
            status.update(label=f"{label}: analysis failed", state="error")
            first = str(exc).splitlines()[0] if str(exc) else ""
            st.error(f"{label}: analysis failed ({type(exc).__name__}: {first})")
            return None
        finally:
            preview.empty()  # the quotes-first preview never outlives the analysis
        status.update(label=f"{label}: analysed in {time.perf_counter() - started:.1f} s",
                      state="complete", expanded=False)
    result_cache().put(key, analysis)
    return analysis


def merged_suggestions(texts: list[str], k: int = 5) -> list[str]:
    """Topics for several articles at once: each article's suggestions in turn, deduplicated."""
    per_article = []
    for text in texts:
        try:
            per_article.append(pipeline.suggest_targets(text, k=k))
        except Exception:  # one unreadable article must not cost the others their topics
            log.exception("topic suggestion failed")
    merged: dict[str, str] = {}
    for rank in range(k):
        for suggestions in per_article:
            if rank < len(suggestions):
                merged.setdefault(suggestions[rank].casefold(), suggestions[rank])
    return list(merged.values())[:k]


def run_analyses(items: list[tuple[workspace.Article, str, str]], topics: list[str],
                 config: AnalysisConfig) -> list[str]:
    """Analyse each (article, text, label) with the same topics; returns the topics used.

    Every article gets the same topics so that the comparison view lines them up; an article
    that fails is reported by name and the others are still analysed and kept.
    """
    runnable = []
    for article, text, label in items:
        try:
            pipeline.validate_text(text, config.limits)
        except InputError as exc:
            st.error(f"{label}: {exc}")
            continue
        runnable.append((article, text, label))
    if not runnable:
        return list(topics)
    warm_up_models()
    wanted: list[str] | None = list(topics) if topics else None
    if wanted is None and len(runnable) > 1:
        wanted = merged_suggestions([text for _, text, _ in runnable])
    used = list(topics)
    for article, text, label in runnable:
        analysis = _analyze_one(text, wanted, config, label)
        if analysis is None:
            continue
        workspace.store_result(article, text, analysis)
        used = analysis.targets
    return used
