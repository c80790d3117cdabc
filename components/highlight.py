"""The article with quotes highlighted, as an HTML string built from escaped text only.

Every character of the article goes through html.escape before any markup is added, and the
result is shown with st.html (which also runs DOMPurify), so a <script> or onerror= in an article
is displayed as text and never executed. Tooltips use the title attribute, escaped the same way.
"""

from __future__ import annotations

import streamlit as st

from components.text_safety import safe_text
from components.palette import STANCE_COLORS, UNATTRIBUTED, hex_to_rgba, speaker_color
from models.schema import ADAPTER, READER, Analysis, Quote

# Marks after the speaker's name: who set the label the reader is looking at.
READER_MARK, ADAPTER_MARK = "✎", "✧"


def source_mark(quote: Quote, target: str | None) -> str:
    """✎ when the reader set this quote's speaker or its stance on `target`; ✧ when the stance
    came from the topic's adapter (learned from the reader's labels); else nothing."""
    stance = quote.stance.get(target) if target else None
    if quote.speaker_source == READER or (stance is not None and stance.source == READER):
        return READER_MARK
    if stance is not None and stance.source == ADAPTER:
        return ADAPTER_MARK
    return ""


def _tooltip(quote: Quote, target: str | None) -> str:
    lines = [f"Speaker: {quote.speaker or UNATTRIBUTED}", f"Kind: {quote.kind}"]
    if quote.speaker_mention and quote.speaker_mention.text != quote.speaker:
        lines.append(f"Mention: {quote.speaker_mention.text}")
    if target and target in quote.stance:
        stance = quote.stance[target]
        scores = ", ".join(f"{k} {v:.2f}" for k, v in stance.scores.items())
        unsure = " - low confidence" if stance.low_confidence else ""
        lines.append(f"Stance on '{target}': {stance.label}{unsure} ({scores})")
        if stance.source == READER:
            lines.append("Stance set by you")
        elif stance.source == ADAPTER:
            lines.append("Stance learned from your labels on this topic")
    if quote.speaker_source == READER:
        lines.append("Speaker set by you")
    return safe_text("\n".join(lines))


def quote_color(quote: Quote, target: str | None, speaker_index: dict[str, int]) -> str:
    """Stance colour when a topic is selected and scored; otherwise a colour per speaker."""
    if target and target in quote.stance:
        return STANCE_COLORS[quote.stance[target].label]
    if quote.speaker is None:
        return STANCE_COLORS["neutral"]
    return speaker_color(speaker_index.get(quote.speaker, 0))


def highlighted_html(
    text: str, analysis: Analysis, target: str | None = None, actors: set[str] | None = None
) -> str:
    """HTML of the whole article; quotes of `actors` (all when None) get a coloured mark."""
    speaker_index = {a.name: i for i, a in enumerate(analysis.actors)}
    parts: list[str] = []
    cursor = 0
    for quote in sorted(analysis.quotes, key=lambda q: q.start):
        if quote.start < cursor or quote.end > len(text) or quote.start >= quote.end:
            continue  # never trust offsets blindly: a bad span must not garble the article
        if actors is not None and (quote.speaker or UNATTRIBUTED) not in actors:
            continue
        parts.append(safe_text(text[cursor : quote.start]))
        color = quote_color(quote, target, speaker_index)
        label = safe_text(quote.speaker or UNATTRIBUTED) + source_mark(quote, target)
        # An unsure stance is drawn paler with a dotted underline, so it does not read as a side.
        unsure = bool(target and target in quote.stance and quote.stance[target].low_confidence)
        fill, line = (0.08, "dotted") if unsure else (0.22, "solid")
        parts.append(
            f'<mark class="sl-quote{" sl-low-confidence" if unsure else ""}" data-quote-id="{quote.id}" '
            f'data-kind="{quote.kind}" title="{_tooltip(quote, target)}" '
            f'style="background:{hex_to_rgba(color, fill)};border-bottom:2px {line} {color};'
            f'color:inherit;padding:0 2px;border-radius:3px">'
            f"{safe_text(text[quote.start:quote.end])}"
            f'<sup style="color:{color};font-weight:600;margin-left:2px">{label}</sup></mark>'
        )
        cursor = quote.end
    parts.append(safe_text(text[cursor:]))
    body = "".join(parts)
    return (
        '<div class="sl-article" style="white-space:pre-wrap;line-height:1.7;'
        'max-height:640px;overflow-y:auto;overflow-x:hidden;word-wrap:break-word;'
        'padding:0.5rem 0.75rem;border:1px solid rgba(128,128,128,0.3);border-radius:6px">'
        f"{body}</div>"
    )


def legend_html(target: str | None) -> str:
    if not target:
        return '<div class="sl-legend" style="font-size:0.85rem">Colours mark speakers; choose a topic to colour by stance.</div>'
    chips = "".join(
        f'<span style="display:inline-block;margin-right:12px">'
        f'<span style="display:inline-block;width:12px;height:12px;background:{STANCE_COLORS[k]};'
        f'border-radius:2px;margin-right:4px;vertical-align:middle"></span>{k}</span>'
        for k in ("favor", "against", "neutral")
    )
    unsure = ('<span style="display:inline-block;margin-right:12px;border-bottom:2px dotted #8C8C8C">'
              'paler, dotted: low confidence</span>')
    marks = (f'<span style="display:inline-block;margin-right:12px">{READER_MARK} set by you, '
             f'{ADAPTER_MARK} learned from your labels</span>')
    return (f'<div class="sl-legend" style="font-size:0.85rem">Stance on <b>{safe_text(target)}</b>: '
            f"{chips}{unsure}{marks}</div>")


def render_highlighted(text: str, analysis: Analysis, target: str | None, actors: set[str] | None) -> None:
    st.html(legend_html(target))
    st.html(highlighted_html(text, analysis, target, actors))
