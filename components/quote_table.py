"""The quote table: one row per quote, stance, confidence and "set by" columns per topic; the
reader corrects a speaker, a stance or "not a quote" in place, and can undo.

An edit becomes a schema.Correction (components.corrections keeps them per text); the table
then redraws from the corrected Analysis under a new editor key, so Streamlit's stored row edits
are never re-applied to rows that have since moved.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.corrections import add_corrections, clear_corrections, corrections_for, undo_last
from components.palette import UNATTRIBUTED
from models.schema import ADAPTER, READER, STANCE_LABELS, Analysis, Correction, Stance

NOT_A_QUOTE = "not a quote"
_SOURCE_TEXT = {READER: "you ✎", ADAPTER: "adapter ✧"}


def _set_by(stance: Stance | None) -> str:
    return "" if stance is None else _SOURCE_TEXT.get(stance.source, "model")


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
            "speaker set by": _SOURCE_TEXT.get(q.speaker_source, "model"),
            "mention": q.speaker_mention.text if q.speaker_mention else "",
            "kind": q.kind,
            "quote": q.text,
            "start": q.start,
            "end": q.end,
        }
        for target in analysis.targets:
            stance = q.stance.get(target)
            row[f"stance: {target}"] = stance.label if stance else ""
            row[f"confidence: {target}"] = round(stance.confidence, 3) if stance else None
            row[f"set by: {target}"] = _set_by(stance)
        rows.append(row)
    columns = ["id", "speaker", "speaker set by", "mention", "kind", "quote", "start", "end"]
    for target in analysis.targets:
        columns += [f"stance: {target}", f"confidence: {target}", f"set by: {target}"]
    return pd.DataFrame(rows, columns=columns)


def corrections_from_edits(before: pd.DataFrame, after: pd.DataFrame, targets: list[str]) -> list[Correction]:
    """What the reader changed between the table as drawn and as edited, as corrections."""
    out: list[Correction] = []
    spans = {int(r["id"]): (int(r["start"]), int(r["end"]), str(r["quote"])) for _, r in before.iterrows()}
    old = before.set_index("id")
    for _, row in after.iterrows():
        qid = int(row["id"])
        if qid not in spans:
            continue
        start, end, text = spans[qid]
        if bool(row.get(NOT_A_QUOTE, False)):
            out.append(Correction("not_quote", start, end, text))
            continue
        speaker = str(row["speaker"] or "").strip()
        if speaker and speaker != old.at[qid, "speaker"]:
            out.append(Correction("speaker", start, end, text, value=None if speaker == UNATTRIBUTED else speaker))
        for target in targets:
            label = row.get(f"stance: {target}")
            if label in STANCE_LABELS and label != old.at[qid, f"stance: {target}"]:
                out.append(Correction("stance", start, end, text, value=str(label), target=target))
    return out


def _redraw(key: str) -> None:
    """A fresh editor key, so the grid's stored row edits never re-apply to the new rows."""
    st.session_state[f"{key}-version"] = st.session_state.get(f"{key}-version", 0) + 1
    st.rerun()


def render_quote_table(analysis: Analysis, actors: set[str] | None, key: str, text: str) -> None:
    frame = quotes_dataframe(analysis, actors)
    if frame.empty:
        st.info("No quotes to show for this selection.")
    else:
        st.caption("Correct the model: change a speaker or a stance, or tick "
                   f"“{NOT_A_QUOTE}”. Charts, summary sentences and downloads follow; "
                   "✎ marks your labels, ✧ labels learned from yours (4 or more on a topic, both sides).")
        version = st.session_state.get(f"{key}-version", 0)
        shown = frame.drop(columns=["start", "end"])
        shown.insert(2, NOT_A_QUOTE, False)
        stance_cols = [f"stance: {t}" for t in analysis.targets]
        config = {"quote": st.column_config.TextColumn("quote", width="large"),
                  "speaker": st.column_config.TextColumn("speaker", max_chars=200),
                  NOT_A_QUOTE: st.column_config.CheckboxColumn(NOT_A_QUOTE)}
        config.update({c: st.column_config.SelectboxColumn(c, options=list(STANCE_LABELS), required=True)
                       for c in stance_cols})
        edited = st.data_editor(
            shown, hide_index=True, width="stretch", key=f"{key}-editor-{version}", column_config=config,
            disabled=[c for c in shown.columns if c not in {"speaker", NOT_A_QUOTE, *stance_cols}],
        )
        new = corrections_from_edits(frame, edited, list(analysis.targets))
        if new:
            add_corrections(text, new)
            _redraw(key)
    done = corrections_for(text)
    if done:
        left, right = st.columns(2)
        if left.button(f"Undo last correction ({len(done)} made)", key=f"{key}-undo"):
            undo_last(text)
            _redraw(key)
        if right.button("Clear all corrections", key=f"{key}-clear"):
            clear_corrections(text)
            _redraw(key)
