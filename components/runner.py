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

from models import pipeline
from models.limits import InputError
from models.pipeline import AnalysisConfig
from models.schema import Analysis

log = logging.getLogger("stancelens")
RESULT_KEY = "analysis"
RESULT_TEXT_KEY = "analysis_text"
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


@st.cache_resource(show_spinner="Loading the embedded models (first run only)…")
def warm_up_models() -> bool:
    """Load spaCy and the embedded encoder once per process, before the first analysis."""
    from models import loading

    loading.get_spacy()
    loading.get_sentence_encoder()
    return True


def analysis_key(text: str, topics: list[str] | None, config: AnalysisConfig) -> str:
    settings = {k: v for k, v in asdict(config).items() if k != "limits"}
    payload = json.dumps([text, topics, settings], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def run_analysis(text: str, topics: list[str], config: AnalysisConfig) -> Analysis | None:
    """Analyse and store the result in the session; return None (after a message) on failure."""
    try:
        pipeline.validate_text(text, config.limits)
    except InputError as exc:
        st.error(str(exc))
        return None
    wanted = list(topics) if topics else None
    key = analysis_key(text, wanted, config)
    analysis = result_cache().get(key)
    if analysis is None:
        warm_up_models()
        started = time.perf_counter()
        with st.status("Analyzing the article…", expanded=True) as status:
            try:
                analysis = pipeline.analyze(text, wanted, config, progress=status.write)
            except InputError as exc:
                status.update(label="Could not analyse this text", state="error")
                st.error(str(exc))
                return None
            except Exception as exc:  # never a traceback on the page; the log has the details
                log.exception("analysis failed")
                status.update(label="Analysis failed", state="error")
                st.error(f"Analysis failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
                return None
            status.update(
                label=f"Analysed in {time.perf_counter() - started:.1f} s", state="complete", expanded=False
            )
        result_cache().put(key, analysis)
    st.session_state[RESULT_KEY] = analysis
    st.session_state[RESULT_TEXT_KEY] = text
    return analysis
