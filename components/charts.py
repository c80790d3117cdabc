"""Plotly figure builders. Pure functions of the Analysis, so tests inspect the data directly.

Labels and hover text from the article are escaped: plotly renders a subset of HTML tags in
text, and an actor name or quote must never become markup.
"""

from __future__ import annotations

import html
import textwrap
from collections import defaultdict

import plotly.graph_objects as go

from components.palette import STANCE_COLORS, UNATTRIBUTED
from models.schema import Analysis, Quote

MAX_HOVER_QUOTES = 6


def figure_text(text: str) -> str:
    """Text from an article made safe for a plotly label or hover (plotly renders some HTML)."""
    return html.escape(text, quote=False)


def _short(text: str, width: int = 90) -> str:
    return figure_text(textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …"))


def hover_list(quotes: list[Quote]) -> str:
    lines = [f"• {_short(q.text)}" for q in quotes[:MAX_HOVER_QUOTES]]
    if len(quotes) > MAX_HOVER_QUOTES:
        lines.append(f"… and {len(quotes) - MAX_HOVER_QUOTES} more")
    return "<br>".join(lines) if lines else "(no quotes)"


def quotes_by_actor(analysis: Analysis) -> dict[str, list[Quote]]:
    """Actor name -> quotes, most-quoted first; unattributed quotes grouped last."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    for quote in analysis.quotes:
        groups[quote.speaker or UNATTRIBUTED].append(quote)
    return dict(
        sorted(groups.items(), key=lambda kv: (kv[0] == UNATTRIBUTED, -len(kv[1]), kv[0].casefold()))
    )


def short_label(text: str, width: int = 28) -> str:
    """Axis labels: escaped and short enough not to squeeze the plot on a 1280-px screen."""
    return figure_text(textwrap.shorten(" ".join(text.split()), width=width, placeholder="…"))


def _layout(fig: go.Figure, title: str, rows: int) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        height=max(280, 130 + 34 * rows),
        margin=dict(l=10, r=10, t=40, b=50),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        hoverlabel=dict(align="left"),
    )
    return fig


def quotes_per_actor_figure(analysis: Analysis) -> go.Figure:
    """Horizontal bars: direct and reported quotes per actor, most-quoted at the top."""
    groups = quotes_by_actor(analysis)
    actors = list(groups)[::-1]  # plotly draws the first category at the bottom
    fig = go.Figure()
    for kind, color in (("direct", "#56B4E9"), ("reported", "#E69F00")):
        picked = [[q for q in groups[a] if q.kind == kind] for a in actors]
        fig.add_bar(
            y=[short_label(a) for a in actors],
            x=[len(p) for p in picked],
            name=kind,
            orientation="h",
            marker_color=color,
            customdata=[[hover_list(p), figure_text(a)] for p, a in zip(picked, actors)],
            hovertemplate="<b>%{y}</b> · %{x} " + kind + "<br>%{customdata[0]}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, "Quotes per actor", len(actors))


def stance_counts(analysis: Analysis, target: str) -> dict[str, dict[str, list[Quote]]]:
    """Actor -> label -> quotes with that stance toward `target` (only scored quotes)."""
    table: dict[str, dict[str, list[Quote]]] = {}
    for actor, quotes in quotes_by_actor(analysis).items():
        scored = [q for q in quotes if target in q.stance]
        if scored:
            table[actor] = {label: [q for q in scored if q.stance[target].label == label] for label in STANCE_COLORS}
    return table


def stance_by_actor_figure(analysis: Analysis, target: str) -> go.Figure:
    """Diverging bars: against to the left, favor to the right, neutral centred on zero."""
    counts = stance_counts(analysis, target)
    actors = list(counts)[::-1]
    y = [short_label(a) for a in actors]
    fig = go.Figure()

    def add(label: str, sign: float, share: float, show: bool) -> None:
        quotes = [counts[a][label] for a in actors]
        # Each quote counts by its confidence: five unsure "against" quotes do not outweigh
        # two sure "favor" ones, and an unsure model draws short bars, not a side.
        weights = [sum(q.stance[target].confidence for q in group) for group in quotes]
        unsure = [sum(q.stance[target].low_confidence for q in group) for group in quotes]
        fig.add_bar(
            y=y,
            x=[sign * share * w for w in weights],
            name=label,
            legendgroup=label,
            showlegend=show,
            orientation="h",
            marker_color=STANCE_COLORS[label],
            # the actor's (escaped) name stays last: actors_from_selection reads it there
            customdata=[[len(q), hover_list(q), f"{w:.1f}", n, figure_text(a)]
                        for q, a, w, n in zip(quotes, actors, weights, unsure)],
            hovertemplate="<b>%{y}</b> · " + label + ": %{customdata[0]} quotes (confidence-weighted "
                          "%{customdata[2]}; %{customdata[3]} low confidence)<br>%{customdata[1]}<extra></extra>",
        )

    add("neutral", -1, 0.5, True)
    add("neutral", +1, 0.5, False)
    add("against", -1, 1.0, True)
    add("favor", +1, 1.0, True)
    fig.update_layout(barmode="relative")
    fig.add_vline(x=0, line_width=1, line_color="rgba(128,128,128,0.8)")
    fig.update_xaxes(title_text="quotes, weighted by confidence")
    return _layout(fig, f"Stance on “{short_label(target, 24)}”: ← against · favor →", len(actors))


def selected_customdata(event: object) -> list[list[object]]:
    """The customdata lists of the points a plotly selection event (st.plotly_chart with
    on_select) names, in order; [] for no selection or an event of another shape."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return []
    out = []
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and data:
            out.append(list(data))
    return out


def actors_from_selection(event: object) -> list[str]:
    """Actor names from a plotly selection event: our bar charts carry the (escaped) name last
    in customdata, so nothing from the article sits raw in a figure."""
    names: list[str] = []
    for data in selected_customdata(event):
        if isinstance(data[-1], str):
            name = html.unescape(data[-1])
            if name not in names:
                names.append(name)
    return names


def net_stance(quotes: list[Quote], target: str) -> float | None:
    """Mean of (favor - against), each quote weighted by its confidence (top score)."""
    num = den = 0.0
    for q in quotes:
        stance = q.stance.get(target)
        if stance is None:
            continue
        weight = max(stance.scores.values())
        num += weight * (stance.scores.get("favor", 0.0) - stance.scores.get("against", 0.0))
        den += weight
    return num / den if den > 0 else None


def stance_heatmap_figure(analysis: Analysis) -> go.Figure:
    """Actor x topic heat map of net stance; hover lists the quotes behind each cell."""
    groups = quotes_by_actor(analysis)
    actors = list(groups)[::-1]
    targets = list(analysis.targets)
    z: list[list[float | None]] = []
    hover: list[list[str]] = []
    for actor in actors:
        row, row_hover = [], []
        for target in targets:
            value = net_stance(groups[actor], target)
            row.append(None if value is None else round(value, 3))
            row_hover.append(hover_list([q for q in groups[actor] if target in q.stance]))
        z.append(row)
        hover.append(row_hover)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[short_label(t, 20) for t in targets],
            y=[short_label(a) for a in actors],
            zmin=-1,
            zmax=1,
            colorscale=[[0.0, STANCE_COLORS["against"]], [0.5, "#DDDDDD"], [1.0, STANCE_COLORS["favor"]]],
            colorbar=dict(title="net stance", tickvals=[-1, 0, 1], ticktext=["against", "0", "favor"]),
            customdata=hover,
            hovertemplate="<b>%{y}</b> on %{x}: %{z:.2f}<br>%{customdata}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    _layout(fig, "Net stance by actor and topic", len(actors))
    fig.update_layout(height=max(320, 180 + 40 * len(actors)), xaxis=dict(tickangle=-30, side="bottom"))
    return fig
