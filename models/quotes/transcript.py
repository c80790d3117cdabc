"""Transcript turns: "PENCE: Well, look, ..." names its speaker in the label, not with a verb.

Why a step of its own: interview transcripts quote each turn with an opening mark and an
upper-case label, and stage directions ("(CROSSTALK.)", "(LAUGHTER)") between them are no one's
words. The label becomes the speaker mention and the quote starts after it; a stage direction
is dropped. Offsets stay exact: only `start` moves, to a character of the same text.
"""

from __future__ import annotations

import re

from models.quotes.candidates import Candidate
from models.quotes.index import DocIndex, make_span

__all__ = ["apply_transcript_labels", "STAGE_DIRECTION_RE", "TURN_LABEL_RE"]

TURN_LABEL_RE = re.compile(r"([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}):[^\S\n]+(?=\S)")
STAGE_DIRECTION_RE = re.compile(r"\(?\s*[A-Z][A-Z ,'’\-]+\.?\s*\)?\.?")


def apply_transcript_labels(cands: list[Candidate], idx: DocIndex) -> list[Candidate]:
    """The candidates with transcript labels read as speakers and stage directions dropped."""
    text, doc = idx.text, idx.doc
    out: list[Candidate] = []
    for c in cands:
        content = text[c.start : c.end]
        if c.kind == "direct" and STAGE_DIRECTION_RE.fullmatch(content.strip()) and "(" in content:
            continue
        m = TURN_LABEL_RE.match(text, c.start) if c.kind == "direct" else None
        if m is not None and m.end() < c.end:
            a, b = idx.token_at(m.start(1)), idx.token_at(m.end(1) - 1) + 1
            if doc[a].idx == m.start(1):
                c.start = m.end()
                c.subject = doc[b - 1]
                c.mention_tokens = (a, b)
                c.speaker_mention = make_span(doc, a, b)
                c.cue = None
                c.source = None
        out.append(c)
    return out
