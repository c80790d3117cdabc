"""Figures of the corpus page, built from the aggregated frames of models.corpus.explore.

Pure builders (frame -> plotly Figure) so tests inspect them without a browser. Names from
articles are escaped before they enter a figure (plotly renders some HTML in labels), and
every point carries its actor and period in customdata so a click can list its quotes.
"""

from __future__ import annotations

import datetime as dt
import html
import math

import pandas as pd
import plotly.graph_objects as go

from components.charts import figure_text, selected_customdata, short_label
from components.palette import STANCE_COLORS, speaker_color

__all__ = ["corpus_heatmap_figure", "stance_over_time_figure", "outlet_figure", "point_from_selection",
           "cell_from_selection", "period_label"]

_SCALE = [[0.0, STANCE_COLORS["against"]], [0.5, "#DDDDDD"], [1.0, STANCE_COLORS["favor"]]]


def period_label(value: object, period: str) -> str:
    day = pd.Timestamp(value).date()
    return f"week of {day.isoformat()}" if period == "week" else day.strftime("%B %Y")


def corpus_heatmap_figure(heat: pd.DataFrame) -> go.Figure:
    """actor x topic net stance over the corpus; each cell's text is its number of quotes.

    Drawn as a scatter of square markers, not a go.Heatmap: Streamlit's plotly selection
    reports clicks on scatter points but not on heat-map cells, and a reader must be able to
    click a cell to read the quotes behind it."""
    actors = sorted(heat["actor"].unique().tolist(), key=lambda a: -heat.loc[heat["actor"] == a, "quotes"].sum())[::-1]
    topics = sorted(heat["topic"].unique().tolist())
    rows = heat.assign(_a=heat["actor"].map({a: i for i, a in enumerate(actors)})).sort_values(["_a", "topic"])
    side = max(22, min(44, int(560 / max(1, len(topics)))))
    fig = go.Figure(go.Scatter(
        x=[short_label(t, 24) for t in rows["topic"]], y=[short_label(a) for a in rows["actor"]],
        mode="markers+text", text=[str(int(n)) for n in rows["quotes"]], textfont=dict(size=11),
        marker=dict(symbol="square", size=side, color=rows["net"].round(3), cmin=-1, cmax=1, colorscale=_SCALE,
                    line=dict(width=0),
                    colorbar=dict(title="net stance", tickvals=[-1, 0, 1], ticktext=["against", "0", "favor"])),
        customdata=[[figure_text(a), figure_text(t)] for a, t in zip(rows["actor"], rows["topic"])],
        hovertemplate="<b>%{customdata[0]}</b> on %{customdata[1]}<br>net %{marker.color:.2f} over %{text} quotes<extra></extra>",
    ))
    fig.update_xaxes(categoryorder="array", categoryarray=[short_label(t, 24) for t in topics], showgrid=False)
    fig.update_yaxes(categoryorder="array", categoryarray=[short_label(a) for a in actors], showgrid=False)
    fig.update_layout(title="Net stance by actor and topic (cell: number of quotes; click one for its quotes)",
                      height=max(320, 160 + 32 * len(actors)), margin=dict(l=10, r=10, t=50, b=10),
                      clickmode="event+select")
    return fig


def stance_over_time_figure(series: pd.DataFrame, topic: str, period: str) -> go.Figure:
    """Net stance per actor and period; marker area grows with the number of quotes, and the
    hover says how many, so a reader sees how thin each point is."""
    fig = go.Figure()
    for i, (actor, rows) in enumerate(series.groupby("actor", sort=False)):
        sizes = [6 + 4 * math.sqrt(float(n)) for n in rows["quotes"]]
        fig.add_trace(go.Scatter(
            x=[pd.Timestamp(p) for p in rows["period"]], y=rows["net"].round(3), mode="lines+markers",
            name=short_label(actor), marker=dict(size=sizes, color=speaker_color(i)),
            line=dict(color=speaker_color(i)),
            customdata=[[figure_text(actor), pd.Timestamp(p).date().isoformat(), int(n), int(f), int(a)]
                        for p, n, f, a in zip(rows["period"], rows["quotes"], rows["favor"], rows["against"])],
            hovertemplate=("<b>%{customdata[0]}</b> %{x|%Y-%m-%d}<br>net %{y:.2f} over %{customdata[2]} quotes "
                           "(%{customdata[3]} favor, %{customdata[4]} against)<extra></extra>"),
        ))
    fig.add_hline(y=0, line_width=1, line_color="rgba(128,128,128,0.8)")
    fig.update_layout(title=f"Stance on “{short_label(topic, 40)}” by {period}",
                      yaxis=dict(range=[-1.1, 1.1], title="net stance (against −1 … +1 favor)"),
                      height=420, margin=dict(l=10, r=10, t=50, b=10), clickmode="event+select")
    return fig


def outlet_figure(outlets: pd.DataFrame, topic: str) -> go.Figure:
    """Outlets side by side: each actor's net stance on `topic` as quoted by each outlet."""
    fig = go.Figure()
    for i, (actor, rows) in enumerate(outlets.groupby("actor", sort=False)):
        fig.add_trace(go.Bar(
            x=[figure_text(o) for o in rows["outlet"]], y=rows["net"].round(3), name=short_label(actor),
            marker_color=speaker_color(i), text=[str(int(n)) for n in rows["quotes"]], textposition="outside",
            customdata=[[figure_text(actor), figure_text(o), int(n)] for o, n in zip(rows["outlet"], rows["quotes"])],
            hovertemplate="<b>%{customdata[0]}</b> in %{customdata[1]}: net %{y:.2f} over %{customdata[2]} quotes<extra></extra>",
        ))
    fig.update_layout(barmode="group", title=f"By outlet, on “{short_label(topic, 40)}” (bar label: quotes)",
                      yaxis=dict(range=[-1.15, 1.15]), height=380, margin=dict(l=10, r=10, t=50, b=10))
    return fig


def point_from_selection(event: object) -> tuple[str, dt.date] | None:
    """(actor, period start) of the first clicked point of the time chart, if any."""
    for data in selected_customdata(event):
        if len(data) >= 2:
            return html.unescape(str(data[0])), dt.date.fromisoformat(str(data[1]))
    return None


def cell_from_selection(event: object) -> tuple[str, str] | None:
    """(actor, topic) of the first clicked heat-map cell, if any."""
    for data in selected_customdata(event):
        if len(data) == 2:
            return html.unescape(str(data[0])), html.unescape(str(data[1]))
    return None
