""""Where they stand" at the top of the results: each sentence is a button that filters the page
(actor filter and the topic the article is coloured by) to the quotes behind it."""

from __future__ import annotations

import streamlit as st

from models.schema import Analysis


def render_digest(analysis: Analysis, key: str, topic_key: str, actors_key: str) -> None:
    """Draw the digest; must run before the topic and actor widgets it sets are drawn."""
    if not analysis.targets or not analysis.quotes:
        return
    st.subheader("Where they stand")
    if not analysis.digest:
        st.caption("No quoted actor takes a clear, confident side on these topics: the model's labels are "
                   "neutral or unsure (low confidence) here. The charts below show the detail.")
        return
    st.caption("Built from the confident labels only (click a sentence to see its quotes).")
    for i, line in enumerate(analysis.digest):
        if st.button(line.text, key=f"{key}-digest-{i}", type="tertiary"):
            st.session_state[actors_key] = [line.actor]
            if line.targets:
                st.session_state[topic_key] = line.targets[0]
