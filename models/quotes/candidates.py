"""A quote candidate: a stretch of text that may be a quote, and what the steps learn about it.

Mutable on purpose: the direct, reported, merge and speaker steps each fill in their part
(cue, subject, mention) of the same candidate; only the finished quotes leave the package,
as schema.Quote values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.quotes.marks import QuoteMarkPair
from models.schema import Span

__all__ = ["Candidate"]


@dataclass(eq=False)
class Candidate:
    """A direct quote (between quotation marks) or a reported clause, before it is a Quote."""

    start: int  # content start (after the opening mark, whitespace stripped)
    end: int
    outer_start: int  # position of the opening mark
    outer_end: int  # position just after the closing mark (or the content end)
    group: int  # quotes continued over paragraphs share a group
    closed: bool = True
    kind: str = "direct"  # "direct" or "reported"
    cue: Any = None  # spaCy Token
    subject: Any = None  # spaCy Token: the head of the speaker mention
    speaker_mention: Span | None = None
    mention_tokens: tuple[int, int] | None = None  # token range of speaker_mention
    # the candidate whose own attribution this one continues (None: its own, or none)
    source: Candidate | None = None

    @classmethod
    def from_pair(cls, pair: QuoteMarkPair) -> Candidate:
        return cls(
            start=pair.start,
            end=pair.end,
            outer_start=pair.outer_start,
            outer_end=pair.outer_end,
            group=pair.group,
            closed=pair.closed,
        )
