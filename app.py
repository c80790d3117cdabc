"""StanceLens dashboard: page layout and wiring only; the NLP lives in models/."""

from __future__ import annotations

import streamlit as st

from components import workspace
from components.compare import render_comparison
from components.corrections import reader_views
from components.export import render_all_downloads
from components.input_panel import render_input_panel
from components.results import render_results
from components.runner import run_analyses, start_background_warm_up
from components.settings_panel import render_settings
from components.topics_panel import queue_topics, render_topics_panel

st.set_page_config(page_title="StanceLens", page_icon="🗞️", layout="wide")
start_background_warm_up()
st.title("StanceLens")
st.caption("Who is quoted, saying what, and where they stand — from any news article.")

config = render_settings()
workspace.ensure_workspace()
current = render_input_panel()


def _suggest() -> list[str]:
    from models.pipeline import suggest_targets

    return suggest_targets(workspace.article_text(current))


topics = render_topics_panel(_suggest)
articles = workspace.articles()
labels = {a.id: workspace.label(a, i) for i, a in enumerate(articles)}
button_label = "Analyze" if len(articles) == 1 else f"Analyze all {len(articles)} articles"

if st.button(button_label, type="primary", key="analyze"):
    items = [(a, workspace.article_text(a), labels[a.id] if len(articles) > 1 else "The article") for a in articles]
    filled = [item for item in items if item[1].strip()] or items[:1]
    used = run_analyses(filled, topics, config)
    if not topics and used:
        queue_topics(used)  # show the suggested topics in the editor for the reader to edit
        st.rerun()

done = [(a, workspace.results()[a.id]) for a in articles if a.id in workspace.results()]
if not done:
    if not any(workspace.article_text(a).strip() for a in articles):
        st.info("Paste an article, fetch one from a URL, upload a file or load the sample, then press Analyze.")
else:
    st.divider()
    for article, result in done:
        if workspace.article_text(article) != result.text:
            st.caption(f"{labels[article.id]}: the text changed since it was analysed; press Analyze to update.")
    # What the reader sees: their corrections, and the adapters learned from them, applied.
    views = reader_views([(r.text, r.analysis) for _, r in done])
    if len(done) == 1:
        article, result = done[0]
        render_results(views[0], result.text, key=workspace.view_key(article.id))
    else:
        tabs = st.tabs(["Compare"] + [labels[a.id] for a, _ in done])
        with tabs[0]:
            render_comparison(views, [labels[a.id] for a, _ in done], list(done[0][1].analysis.targets))
            render_all_downloads([(labels[a.id], v) for (a, _), v in zip(done, views)])
        for tab, (article, result), view in zip(tabs[1:], done, views):
            with tab:
                render_results(view, result.text, key=workspace.view_key(article.id))
