"""What quote extraction hands to the actors step: the quotes and their speaker mentions.

Why a record and not a name: extraction knows which words name a quote's speaker (the mention
"he", "the ministry", "Kirill Dmitriev") but not whom they refer to; that is decided once, for
every quote of the article together, by models.actors (`resolve_speakers`). So a quote leaves
extraction with `speaker_mention` set and `speaker` None, and a `SpeakerMention` says where
the mention's head is and which earlier decision it shares.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.quotes.marks import QuoteMarkPair
from models.schema import Quote, Span

__all__ = ["SpeakerMention", "QuoteExtraction"]


@dataclass(frozen=True)
class SpeakerMention:
    """The words that name one quote's speaker, as the parse found them.

    `head` and `tokens` index the Doc the quotes were found in: the syntactic head of the
    mention (what a pronoun or role noun is resolved from) and its token range `[a, b)`.
    `source_id` is the id of the quote whose attribution this quote continues (a quote split
    around its attribution, or a paragraph that goes on quoting the same speaker); such a quote
    gets that quote's speaker, without a resolution of its own.
    """

    quote_id: int
    span: Span
    head: int
    tokens: tuple[int, int]
    source_id: int | None = None


@dataclass(frozen=True)
class QuoteExtraction:
    """Quotes in article order (ids 0..n-1), their speaker mentions (in quote order, at most
    one per quote) and the quotation-mark pairs they were found between."""

    quotes: tuple[Quote, ...] = ()
    mentions: tuple[SpeakerMention, ...] = ()
    pairs: tuple[QuoteMarkPair, ...] = ()
