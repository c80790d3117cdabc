"""The quote table: one row per quote, stance and confidence columns per topic."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.palette import UNATTRIBUTED
from models.schema import Analysis


def quotes_dataframe(analysis: Analysis, actors: set[str] | None = None) -> pd.DataFrame:
    """Rows in article order; `actors` (None = all) filters by canonical speaker."""
    rows = []
    for q in sorted(analysis.quotes, key=lambda q: q.start):
        speaker = q.speaker or UNATTRIBUTED
        if actors is not None and speaker not in actors:
            continue
        row: dict[str, object] = {
            "id": q.id,
            "speaker": speaker,
            "mention": q.speaker_mention.text if q.speaker_mention else "",
            "kind": q.kind,
            "quote": q.text,
            "start": q.start,
            "end": q.end,
        }
        for target in analysis.targets:
            stance = q.stance.get(target)
            row[f"stance: {target}"] = stance.label if stance else ""
            row[f"confidence: {target}"] = round(max(stance.scores.values()), 3) if stance else None
        rows.append(row)
    columns = ["id", "speaker", "mention", "kind", "quote", "start", "end"]
    for target in analysis.targets:
        columns += [f"stance: {target}", f"confidence: {target}"]
    return pd.DataFrame(rows, columns=columns)


def render_quote_table(analysis: Analysis, actors: set[str] | None, key: str) -> None:
    frame = quotes_dataframe(analysis, actors)
    if frame.empty:
        st.info("No quotes to show for this selection.")
        return
    st.dataframe(
        frame.drop(columns=["start", "end"]),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={"quote": st.column_config.TextColumn("quote", width="large")},
    )
