"""What a stance classifier reads: one (quote, target) pair, with context for a short quote.

The context is the quote's sentence, taken from the parsed article's shared sentence spans (the
ones the summary picks from); every classifier reads `StanceInput.premise()`, so the context
rule lives here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from models.article import Article

__all__ = ["CONTEXT_BELOW_WORDS", "StanceInput", "stance_inputs"]

# Quotes shorter than this many words are classified together with their sentence: "It was a
# mistake," he said of the sanctions -- the quote alone cannot say what "it" is.
CONTEXT_BELOW_WORDS = 12


@dataclass
class StanceInput:
    """One (quote, target) pair to classify.

    `context` is the sentence(s) around a short quote; it is optional so that the CLI's bare
    {"text", "target"} lines fit the same type. `quote_index` is the quote's position in the
    list the inputs were built from (the pipeline writes results back through it).
    """

    text: str
    target: str
    quote_index: int = 0
    context: str | None = None

    def premise(self) -> str:
        """The text the classifier reads: the context for a short quote, else the quote.

        The context normally contains the quote (it is the quote's sentence); a context that
        does not is appended in brackets so the quote's own words still come first.
        """
        text = " ".join(self.text.split())
        if not self.context or len(text.split()) >= CONTEXT_BELOW_WORDS:
            return text
        context = " ".join(self.context.split())
        return context if text in context else f"{text} ({context})"


def _sentence_context(quote: Any, article: Article) -> str | None:
    """The sentence(s) of the article overlapping the quote's span, when the quote is short."""
    text = " ".join((getattr(quote, "text", "") or "").split())
    if not article.sentences or len(text.split()) >= CONTEXT_BELOW_WORDS:
        return None
    start, end = getattr(quote, "start", None), getattr(quote, "end", None)
    if start is None or end is None:
        return None
    hits = [(a, b) for a, b in article.sentences if b > start and a < end]
    if not hits:
        return None
    context = " ".join(article.text[hits[0][0] : hits[-1][1]].split())
    if context == text:
        return None
    return context[:1000]


def stance_inputs(
    quotes: Sequence[Any], targets: Sequence[str], article: Article | None = None
) -> list[StanceInput]:
    """One StanceInput per (quote, target), quote-major, with context for short quotes."""
    inputs: list[StanceInput] = []
    for index, quote in enumerate(quotes):
        context = _sentence_context(quote, article) if article is not None else None
        # quote_index is the position in `quotes` (the pipeline indexes its list with it).
        for target in targets:
            inputs.append(StanceInput(text=quote.text, target=target, quote_index=index, context=context))
    return inputs
