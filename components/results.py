"""Everything shown once an article is analysed, for one Analysis.

Takes the Analysis and the text it was made from; `key` keeps widget keys unique so the same
panel can be drawn for several articles on one page.
"""

from __future__ import annotations

import streamlit as st

from components.actor_editor import render_actor_editor
from components.charts import actors_from_selection, quotes_per_actor_figure, stance_by_actor_figure, stance_heatmap_figure
from components.digest_view import render_digest
from components.export import PLOTLY_CONFIG, render_chart_download, render_downloads
from components.highlight import render_highlighted
from components.palette import UNATTRIBUTED
from components.quote_table import render_quote_table
from components.summary_view import render_summary
from models.schema import Analysis

ALL_SPEAKERS = "speakers (no topic)"


def actor_names(analysis: Analysis) -> list[str]:
    names = [a.name for a in analysis.actors]
    if any(q.speaker is None for q in analysis.quotes):
        names.append(UNATTRIBUTED)
    return names


def render_warnings(analysis: Analysis) -> None:
    for warning in analysis.warnings:
        st.warning(warning)


def render_results(analysis: Analysis, text: str, key: str = "main") -> None:
    """`analysis` is the reader's view (components.corrections.reader_views); `text` the
    exact text it was made from, which also keys the reader's corrections."""
    render_warnings(analysis)
    analysis = render_actor_editor(analysis, key)
    # First what a reader came for; it sets the topic and actor widgets drawn further down.
    render_digest(analysis, key, topic_key=f"{key}-topic", actors_key=f"{key}-actors-pending")
    total = analysis.timings_s.get("total")
    cols = st.columns(4)
    cols[0].metric("Quotes", len(analysis.quotes))
    cols[1].metric("Actors", len(analysis.actors))
    cols[2].metric("Topics", len(analysis.targets))
    cols[3].metric("Time", f"{total:.2f} s" if total is not None else "–")

    st.subheader("Summary")
    render_summary(analysis.summary)

    if not analysis.quotes:
        st.info("No quotes found in this article: nothing to attribute or classify. The summary is above.")
        return

    actors_key, pending_key, seen_key = f"{key}-actors", f"{key}-actors-pending", f"{key}-chart-pick"
    names = actor_names(analysis)
    if pending_key in st.session_state:  # a chart click asked for these actors in the last run
        st.session_state[actors_key] = st.session_state.pop(pending_key)
    if actors_key in st.session_state:  # a re-analysis may have dropped or renamed actors
        st.session_state[actors_key] = [n for n in st.session_state[actors_key] if n in names]
    pick_topic, pick_actors = st.columns(2)
    topic_options = list(analysis.targets) + [ALL_SPEAKERS]
    topic = pick_topic.selectbox("Colour quotes by stance on", topic_options, key=f"{key}-topic")
    target = None if topic == ALL_SPEAKERS else topic
    chosen = pick_actors.multiselect(
        "Show only these actors (or click a bar)", names, key=actors_key,
        placeholder="All actors",
    )
    actors = set(chosen) if chosen else None

    charts, article = st.columns([1, 1])
    picks: list[str] = []
    figures = []
    with charts:
        if target:
            figures.append(stance_by_actor_figure(analysis, target))
            event = st.plotly_chart(figures[-1], key=f"{key}-stance-chart", width="stretch", on_select="rerun",
                                    selection_mode="points", config=PLOTLY_CONFIG)
            picks += actors_from_selection(event)
        figures.append(quotes_per_actor_figure(analysis))
        event = st.plotly_chart(figures[-1], key=f"{key}-quotes-chart", width="stretch",
                                on_select="rerun", selection_mode="points", config=PLOTLY_CONFIG)
        picks += actors_from_selection(event)
        if len(analysis.targets) > 0:
            figures.append(stance_heatmap_figure(analysis))
            st.plotly_chart(figures[-1], key=f"{key}-heatmap", width="stretch", config=PLOTLY_CONFIG)
        render_chart_download(figures, key)
    picks = list(dict.fromkeys(picks))
    if picks != st.session_state.get(seen_key, []):  # only a new click changes the filter
        st.session_state[seen_key] = picks
        if picks and set(picks) != set(chosen):
            st.session_state[pending_key] = picks
            st.rerun()
    with article:
        st.subheader("Article")
        render_highlighted(text, analysis, target, actors)

    st.subheader("Quotes")
    render_quote_table(analysis, actors, key=f"{key}-table", text=text)
    render_downloads(analysis, key=key)
