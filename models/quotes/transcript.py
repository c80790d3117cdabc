"""Transcript turns: "PENCE: Well, look, ..." names its speaker in the label, not with a verb.

Why a step of its own: interview transcripts quote each turn with an opening mark and an
upper-case label, and stage directions ("(CROSSTALK.)", "(LAUGHTER)") between them are no one's
words. The label becomes the speaker mention and the quote starts after it; a stage direction
is dropped. A turn continued over paragraphs (each opens with a mark, only the last closes,
so the marks give them one group) keeps the label's speaker. Offsets stay exact: only `start`
moves, to a character of the same text.
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
        elif (c.kind == "direct" and c.cue is None and out and out[-1].group == c.group
              and out[-1].kind == "direct" and out[-1].cue is None and out[-1].speaker_mention is not None
              and TURN_LABEL_RE.match(text, out[-1].speaker_mention.start)):
            # a turn continued over paragraphs (each opens with a mark, only the last closes):
            # the label's speaker goes on speaking, whatever a guess without a cue had said
            turn = out[-1]
            c.speaker_mention, c.mention_tokens, c.subject = turn.speaker_mention, turn.mention_tokens, turn.subject
            c.source = turn.source or turn
        out.append(c)
    return out
