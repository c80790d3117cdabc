"""Choosing the topics that stance is measured against.

Suggestions come from the article; the reader can remove them, type new ones, and re-run. The
chosen list lives in session state so it survives reruns and widget changes. Streamlit forbids
changing a widget's value after it is drawn in a run, so code that wants to set the topics
(suggestions, the analysis choosing them) queues them with `queue_topics` and they are applied
at the top of the next run.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from models.limits import LIMITS

TOPICS_KEY = "topics"
OPTIONS_KEY = "topic_options"
PENDING_KEY = "topics_pending"
MESSAGE_KEY = "topics_message"


def queue_topics(topics: list[str]) -> None:
    st.session_state[PENDING_KEY] = list(topics)


def _apply_pending() -> None:
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending is None:
        return
    options = list(dict.fromkeys(st.session_state.get(OPTIONS_KEY, []) + pending))
    st.session_state[OPTIONS_KEY] = options
    st.session_state[TOPICS_KEY] = pending


def _suggest_clicked(suggest: Callable[[], list[str]]) -> None:
    try:
        suggestions = suggest()
    except Exception as exc:  # suggestions are a convenience; never break the page over them
        st.session_state[MESSAGE_KEY] = f"Could not suggest topics: {exc}"
        return
    if not suggestions:
        st.session_state[MESSAGE_KEY] = "No clear topics found in this text; type your own."
        return
    current = list(st.session_state.get(TOPICS_KEY, []))
    queue_topics(list(dict.fromkeys(current + suggestions)))
    _apply_pending()


def render_topics_panel(suggest: Callable[[], list[str]]) -> list[str]:
    """Draw the topic editor; `suggest` is called only when the reader asks for suggestions."""
    st.session_state.setdefault(OPTIONS_KEY, [])
    st.session_state.setdefault(TOPICS_KEY, [])
    _apply_pending()
    pick_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
    chosen = pick_col.multiselect(
        "Topics for stance (type to add your own)",
        options=st.session_state[OPTIONS_KEY],
        key=TOPICS_KEY,
        accept_new_options=True,
        placeholder="Leave empty to use topics suggested from the article",
    )
    button_col.button(
        "Suggest topics", key="suggest_topics", width="stretch", on_click=_suggest_clicked, args=(suggest,)
    )
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.info(message)
    if len(chosen) > LIMITS.max_targets:
        st.warning(f"{len(chosen)} topics chosen; only the first {LIMITS.max_targets} will be used.")
    return list(chosen)
