"""The reader's corrections to actors: rename one, or merge two by giving them the same name.

The NLP layer's actors are a starting point; a journalist knows that "the minister" and "Okafor"
are one person. Renames are kept per article in session state and applied to a copy of the
Analysis, so charts, highlights, table and exports all follow, and clearing a rename restores
the original.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.digest import where_they_stand
from models.schema import Actor, Analysis


def apply_renames(analysis: Analysis, renames: dict[str, str]) -> Analysis:
    """A copy of `analysis` with speakers renamed; actors that end up with one name are merged."""
    renames = {old: new.strip() for old, new in renames.items() if new and new.strip() and new.strip() != old}
    if not renames:
        return analysis
    copy = Analysis.from_dict(analysis.to_dict())
    for quote in copy.quotes:
        if quote.speaker in renames:
            quote.speaker = renames[quote.speaker]
    merged: dict[str, Actor] = {}
    for actor in copy.actors:
        name = renames.get(actor.name, actor.name)
        target = merged.setdefault(name, Actor(name=name))
        for mention in [actor.name] + actor.mentions:
            if mention not in target.mentions and mention != name:
                target.mentions.append(mention)
        target.quote_ids = sorted(set(target.quote_ids) | set(actor.quote_ids))
    copy.actors = sorted(merged.values(), key=lambda a: (-len(a.quote_ids), a.name.casefold()))
    copy.digest = where_they_stand(copy)
    return copy


def actors_frame(analysis: Analysis, renames: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"actor": a.name, "quotes": len(a.quote_ids), "mentions": ", ".join(a.mentions),
          "rename to": renames.get(a.name, "")} for a in analysis.actors],
        columns=["actor", "quotes", "mentions", "rename to"],
    )


def render_actor_editor(analysis: Analysis, key: str) -> Analysis:
    """Draw the actor list with a 'rename to' column; return the Analysis with renames applied."""
    state_key = f"{key}-renames"
    renames: dict[str, str] = st.session_state.setdefault(state_key, {})
    if not analysis.actors:
        return analysis
    with st.expander(f"Actors ({len(analysis.actors)}): rename, or give two the same name to merge them"):
        edited = st.data_editor(
            actors_frame(analysis, renames),
            key=f"{key}-actor-editor",
            hide_index=True,
            width="stretch",
            disabled=["actor", "quotes", "mentions"],
            column_config={"rename to": st.column_config.TextColumn(max_chars=200)},
        )
        renames = {row["actor"]: str(row["rename to"] or "") for _, row in edited.iterrows()
                   if str(row["rename to"] or "").strip()}
        st.session_state[state_key] = renames
    return apply_renames(analysis, renames)
