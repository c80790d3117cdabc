"""Downloads: the Analysis as JSON (DESIGN's schema) and the quotes as CSV.

CSV cells that a spreadsheet would run as a formula (=, +, -, @ and control prefixes) are
prefixed with a quote character: an article must not be able to put a formula in an analyst's
spreadsheet.
"""

from __future__ import annotations

import json
from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.quote_table import quotes_dataframe
from models.schema import Analysis

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def analysis_json(analysis: Analysis | list[Analysis]) -> str:
    if isinstance(analysis, list):
        return json.dumps([a.to_dict() for a in analysis], ensure_ascii=False, indent=2)
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)


def _defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _defused_csv(frame: pd.DataFrame) -> str:
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            frame[column] = frame[column].map(_defuse)
    return frame.to_csv(index=False)


def quotes_csv(analysis: Analysis) -> str:
    return _defused_csv(quotes_dataframe(analysis))


def _json_and_csv_buttons(
    labels: tuple[str, str], json_data: Callable[[], str], csv_data: Callable[[], str], name: str, key: str
) -> None:
    """Two download buttons whose files are built only when clicked, never on every rerun."""
    left, right = st.columns(2)
    left.download_button(labels[0], data=json_data, file_name=f"{name}.json",
                         mime="application/json", on_click="ignore", key=f"{key}-json")
    right.download_button(labels[1], data=csv_data, file_name=f"{name}-quotes.csv",
                          mime="text/csv", on_click="ignore", key=f"{key}-csv")


def render_downloads(analysis: Analysis, key: str) -> None:
    _json_and_csv_buttons(("Download analysis (JSON)", "Download quotes (CSV)"), lambda: analysis_json(analysis), lambda: quotes_csv(analysis),
                          "stancelens-analysis", key)


def all_quotes_csv(labelled: list[tuple[str, Analysis]]) -> str:
    """Every article's quotes in one table, with the article they come from."""
    frames = []
    for label, analysis in labelled:
        frame = quotes_dataframe(analysis)
        frame.insert(0, "article", label)
        frames.append(frame)
    return _defused_csv(pd.concat(frames, ignore_index=True) if frames else pd.DataFrame())


def render_all_downloads(labelled: list[tuple[str, Analysis]]) -> None:
    _json_and_csv_buttons(("Download all analyses (JSON)", "Download all quotes (CSV)"), lambda: analysis_json([a for _, a in labelled]),
                          lambda: all_quotes_csv(labelled), "stancelens-all", "all")


PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "filename": "stancelens-chart", "scale": 2},
}


def figures_html(figures: list[go.Figure], title: str) -> str:
    """One standalone HTML file with every chart, plotly.js embedded so it opens offline."""
    parts = []
    for i, fig in enumerate(figures):
        parts.append(fig.to_html(full_html=False, include_plotlyjs=(i == 0), config=PLOTLY_CONFIG))
    from components.text_safety import safe_text

    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{safe_text(title)}</title></head>"
            f"<body>{''.join(parts)}</body></html>")


def render_chart_download(figures: list[go.Figure], key: str, title: str = "StanceLens charts") -> None:
    """Charts as HTML (built only when clicked); each chart's camera icon saves a PNG."""
    st.download_button(
        "Download charts (HTML)", data=lambda: figures_html(figures, title), file_name="stancelens-charts.html",
        mime="text/html", on_click="ignore", key=f"{key}-charts-html",
        help="Each chart's camera icon (top right of the chart) saves it as PNG.",
    )
