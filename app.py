"""StanceLens dashboard: page layout and wiring only; the NLP lives in models/."""

from __future__ import annotations

import streamlit as st

from components.input_panel import render_input_panel
from components.results import render_results
from components.runner import RESULT_KEY, RESULT_TEXT_KEY, run_analysis
from components.settings_panel import render_settings
from components.topics_panel import queue_topics, render_topics_panel

st.set_page_config(page_title="StanceLens", page_icon="🗞️", layout="wide")
st.title("StanceLens")
st.caption("Who is quoted, saying what, and where they stand — from any news article.")

config = render_settings()
text = render_input_panel()


def _suggest() -> list[str]:
    from models.pipeline import suggest_targets

    return suggest_targets(st.session_state.get("article_text", ""))


topics = render_topics_panel(_suggest)

if st.button("Analyze", type="primary", key="analyze"):
    analysis = run_analysis(text, topics, config)
    if analysis is not None and not topics and analysis.targets:
        queue_topics(analysis.targets)  # show the suggested topics in the editor
        st.rerun()

if RESULT_KEY in st.session_state:
    st.divider()
    render_results(st.session_state[RESULT_KEY], st.session_state[RESULT_TEXT_KEY])
elif not text.strip():
    st.info("Paste an article, upload a file or load the sample, then press Analyze.")
