"""Corpus page: open a `cli.py corpus run` output folder and see who stands where over time.

Wiring only: DuckDB (models.corpus.explore) aggregates, components.corpus_views draws.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from components.corpus_views import (
    cell_from_selection,
    corpus_heatmap_figure,
    outlet_figure,
    period_label,
    point_from_selection,
    stance_over_time_figure,
)
from components.highlight import render_highlighted
from components.text_safety import markdown_literal
from components.summary_view import render_summary
from models.corpus.explore import PERIODS, CorpusExplorer, CorpusFilters
from models.limits import InputError
from models.schema import Analysis

st.set_page_config(page_title="StanceLens corpus", page_icon="🗞️", layout="wide")
st.title("Corpus")
st.caption("Who stands where across many articles: open the folder written by `cli.py corpus run`.")


@st.cache_resource(show_spinner=False, max_entries=4)
def open_corpus(out: str, parts: int) -> CorpusExplorer:
    """One explorer per folder and number of finished parts (a run still writing adds parts)."""
    return CorpusExplorer(out)


def _parts(out: str) -> int:
    return len(list((Path(out) / "articles").glob("part-*.parquet")))


default_dir = st.query_params.get("dir") or os.environ.get("STANCELENS_CORPUS_DIR", "")
out = st.text_input("Corpus output folder", value=default_dir, key="corpus_dir",
                    placeholder="e.g. runs/season  (the --out of cli.py corpus run)").strip()
if not out:
    st.info("Run `python cli.py corpus run SOURCE --out DIR --target TOPIC`, then give DIR here.")
    st.stop()
try:
    explorer = open_corpus(str(Path(out).resolve()), _parts(out))
    overview = explorer.overview()
except (InputError, OSError) as exc:
    st.error(str(exc))
    st.stop()
except Exception as exc:  # a damaged folder: one message, the page keeps working
    st.error(f"{out}: could not read this corpus ({type(exc).__name__})")
    st.stop()

span = f", {overview['first']:%Y-%m-%d} to {overview['last']:%Y-%m-%d}" if overview["first"] is not None else ""
st.write(f"**{overview['articles']}** articles ({overview['failed']} failed), "
         f"**{overview['stances']}** quote-topic stances{span}.")
topics = explorer.topics()
if not topics:
    st.warning("This corpus has no quotes with a stance yet.")
    st.stop()

with st.sidebar:
    st.header("Filters")
    actor_filter = st.multiselect("Actors", explorer.actors(), key="f_actors")
    topic_filter = st.multiselect("Topics", topics, key="f_topics")
    outlet_filter = st.multiselect("Outlets", explorer.outlets(), key="f_outlets")
    dates = st.date_input("Dates", value=(), key="f_dates") if overview["first"] is not None else ()
filters = CorpusFilters(actors=tuple(actor_filter), topics=tuple(topic_filter), outlets=tuple(outlet_filter),
                        date_from=dates[0] if len(dates) >= 1 else None, date_to=dates[1] if len(dates) == 2 else None)

st.subheader("Where they stand")
heat = explorer.heat(filters)
if heat.empty:
    st.info("No quotes match these filters.")
    st.stop()
heat_event = st.plotly_chart(corpus_heatmap_figure(heat), width="stretch", key="heat",
                             on_select="rerun", selection_mode="points")
cell = cell_from_selection(heat_event)
if cell is not None:
    cell_quotes = explorer.quotes_behind(filters, cell[0], cell[1])
    st.markdown(f"**{len(cell_quotes)} quotes** by {markdown_literal(cell[0])} on “{markdown_literal(cell[1])}” "
                "(the cell you clicked)")
    st.dataframe(cell_quotes, hide_index=True, width="stretch")

st.subheader("Over time")
c1, c2, c3 = st.columns([2, 3, 1])
topic = c1.selectbox("Topic", topic_filter or topics, key="t_topic")
ranked = [a for a in explorer.actors() if not actor_filter or a in actor_filter]
chosen = c2.multiselect("Actors on the chart", ranked, default=ranked[:3], key="t_actors")
period = c3.radio("By", PERIODS, index=1, horizontal=True, key="t_period")
series = explorer.over_time(filters, topic, chosen, period)
picked = None
if series.empty:
    st.info("No dated quotes for these actors on this topic.")
else:
    event = st.plotly_chart(stance_over_time_figure(series, topic, period), width="stretch", key="time",
                            on_select="rerun", selection_mode="points")
    picked = point_from_selection(event)
    points = [(r.actor, r.period.date() if hasattr(r.period, "date") else r.period, int(r.quotes)) for r in series.itertuples()]
    labels = ["(click a point, or pick one here)"] + [f"{a} · {period_label(p, period)} · {n} quotes" for a, p, n in points]
    choice = st.selectbox("Quotes behind a point", labels, key="t_point")
    if picked is None and choice != labels[0]:
        a, p, _n = points[labels.index(choice) - 1]
        picked = (a, p)

if picked is not None:
    actor, start = picked
    behind = explorer.quotes_behind(filters, actor, topic, period, start)
    st.markdown(f"**{len(behind)} quotes** by {markdown_literal(actor)} on “{markdown_literal(topic)}”, "
                f"{period_label(start, period)}")
    st.dataframe(behind, hide_index=True, width="stretch", key="behind",
                 column_config={"confidence": st.column_config.NumberColumn(format="%.2f")})
    ids = list(dict.fromkeys(behind["article_id"].tolist()))
    if ids:
        opened = st.selectbox("Open an article", ["(none)"] + ids, key="open_article")
        if opened != "(none)":
            found = explorer.analysis(opened)
            if found is None:
                st.warning("That article has no stored analysis.")
            else:
                text, data = found
                analysis = Analysis.from_dict(data)
                with st.container(border=True):
                    render_summary(analysis.summary)
                    render_highlighted(text, analysis, topic, None)

if chosen:
    st.subheader("Outlets side by side")
    outlets = explorer.by_outlet(filters, topic, chosen)
    if not outlets.empty:
        st.plotly_chart(outlet_figure(outlets, topic), width="stretch", key="outlets")
