"""Comparing articles: each actor's net stance on each topic, in each article, in one look.

Small multiples, one panel per topic, actors as rows and one bar per article, so "how does
Dmitriev come across in outlet A versus outlet B" is read off a single row. Actors are matched
across articles by canonical name (case-insensitive), with a surname that ends exactly one
full name in the set read as that person (models.actors.across).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from components.export import PLOTLY_CONFIG, render_chart_download
from components.charts import hover_list, short_label, net_stance, quotes_by_actor
from components.palette import UNATTRIBUTED, speaker_color
from models.actors.across import names_across_articles
from models.schema import Analysis, Quote

MAX_ACTORS = 12
PANELS_PER_ROW = 3


def actors_across(analyses: list[Analysis]) -> list[dict[str, list[Quote]]]:
    """Each article's quotes by actor, with names shared across the articles: "Dmitriev" in
    one article and "Kirill Dmitriev" in another are one row of the comparison."""
    per_article = [quotes_by_actor(a) for a in analyses]
    canonical = names_across_articles(n for groups in per_article for n in groups if n != UNATTRIBUTED)
    merged: list[dict[str, list[Quote]]] = []
    for groups in per_article:
        out: dict[str, list[Quote]] = {}
        for name, quotes in groups.items():
            out.setdefault(canonical.get(name, name), []).extend(quotes)
        merged.append(out)
    return merged


def shared_actors(analyses: list[Analysis]) -> list[str]:
    """Actors by total quote count across articles; those in several articles first."""
    counts: dict[str, int] = {}
    spread: dict[str, int] = {}
    names: dict[str, str] = {}
    for groups in actors_across(analyses):
        for name, quotes in groups.items():
            if name == UNATTRIBUTED:
                continue
            key = name.casefold()
            names.setdefault(key, name)
            counts[key] = counts.get(key, 0) + len(quotes)
            spread[key] = spread.get(key, 0) + 1
    ranked = sorted(counts, key=lambda k: (-spread[k], -counts[k], k))
    return [names[k] for k in ranked[:MAX_ACTORS]]


def comparison_figure(analyses: list[Analysis], labels: list[str], targets: list[str]) -> go.Figure:
    """One panel per topic; x = net stance (-1 against .. +1 favor), one bar per article."""
    actors = shared_actors(analyses)
    rows = actors[::-1]
    cols = max(1, min(PANELS_PER_ROW, len(targets)))
    grid_rows = max(1, math.ceil(len(targets) / cols))
    fig = make_subplots(rows=grid_rows, cols=cols, shared_yaxes=True, vertical_spacing=0.12,
                        subplot_titles=[short_label(t, 26) for t in targets] or ["(no topics)"])
    for a_index, (groups, article_label) in enumerate(zip(actors_across(analyses), labels)):
        by_actor = {k.casefold(): v for k, v in groups.items()}
        for t_index, target in enumerate(targets):
            values, hovers = [], []
            for actor in rows:
                quotes = [q for q in by_actor.get(actor.casefold(), []) if target in q.stance]
                value = net_stance(quotes, target)
                values.append(None if value is None else round(value, 3))
                hovers.append(hover_list(quotes))
            fig.add_bar(
                x=values, y=[short_label(a) for a in rows], orientation="h", name=short_label(article_label, 40),
                legendgroup=str(a_index), showlegend=t_index == 0, marker_color=speaker_color(a_index),
                customdata=hovers, row=t_index // cols + 1, col=t_index % cols + 1,
                hovertemplate="<b>%{y}</b>: %{x:.2f}<br>%{customdata}<extra>" + short_label(article_label, 30) + "</extra>",
            )
    fig.update_xaxes(range=[-1.05, 1.05], tickvals=[-1, -0.5, 0, 0.5, 1], zeroline=True,
                     zerolinecolor="rgba(128,128,128,0.8)")
    per_row = 80 + 22 * len(rows) * max(1, min(len(analyses), 3))
    fig.update_layout(
        barmode="group",
        height=max(320, 110 + per_row * grid_rows),
        margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        title=dict(text="Net stance by actor, topic and article (−1 against … +1 favor)", x=0),
    )
    return fig


def render_comparison(analyses: list[Analysis], labels: list[str], targets: list[str]) -> None:
    if not shared_actors(analyses):
        st.info("None of these articles has attributed quotes to compare.")
        return
    if not targets:
        st.info("Choose at least one topic to compare stances.")
        return
    figure = comparison_figure(analyses, labels, targets)
    st.plotly_chart(figure, key="compare-chart", width="stretch", config=PLOTLY_CONFIG)
    render_chart_download([figure], "compare", "StanceLens comparison")
    merged = actors_across(analyses)
    common = [a for a in shared_actors(analyses)
              if sum(a.casefold() in {n.casefold() for n in groups} for groups in merged) > 1]
    if common:
        st.caption("Quoted in more than one article: " + ", ".join(common))
