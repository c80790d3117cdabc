"""What a stance classifier reads: one (quote, target) pair, with context for a short quote.

The context is the quote's sentence, taken from the parsed article's shared sentence spans (the
ones the summary picks from); every classifier reads `StanceInput.premise()`, so the context
rule lives here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from models.actors.names import ORG_PRONOUNS, PLURAL_PRONOUNS, PRONOUN_GENDER
from models.article import Article

__all__ = ["CONTEXT_BELOW_WORDS", "StanceInput", "stance_inputs"]

# Quotes shorter than this many words are classified together with their sentence: "It was a
# mistake," he said of the sanctions -- the quote alone cannot say what "it" is.
CONTEXT_BELOW_WORDS = 12


@dataclass
class StanceInput:
    """One (quote, target) pair to classify.

    `context` is the sentence(s) around a short quote, or for a quote about someone it only
    calls "he" or "his", the sentence before it that names them; it is optional so that the
    CLI's bare {"text", "target"} lines fit the same type. `quote_index` is the quote's position in the
    list the inputs were built from (the pipeline writes results back through it).
    """

    text: str
    target: str
    quote_index: int = 0
    context: str | None = None

    def premise(self) -> str:
        """The text the classifier reads: the quote, with its context when it has one.

        A short quote's context contains it (it is the quote's sentence) and is read instead;
        a context that does not contain it (the sentence naming whom "his" means) is appended
        in brackets, so the quote's own words come first and are never the part truncated.
        """
        text = " ".join(self.text.split())
        if not self.context:
            return text
        context = " ".join(self.context.split())
        return context if text in context else f"{text} ({context})"


# The third-person pronouns the actor resolver already knows (models.actors.names).
_PRONOUN_RE = re.compile(
    r"\b(" + "|".join(sorted(set(PRONOUN_GENDER) | PLURAL_PRONOUNS | ORG_PRONOUNS)) + r")\b", re.IGNORECASE
)
_NAMING_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def _naming_context(quote: Any, article: Article, ents: Sequence[Any]) -> str | None:
    """For a quote that speaks of someone only by pronoun ("His conduct is unbecoming of a
    member of Congress"), the nearest of the two sentences before it that names a person or
    organisation, so the classifier can tell whom "his" means; None when the quote names its
    subject itself or no such sentence is near. `ents` are the article's naming entities."""
    start, end = getattr(quote, "start", None), getattr(quote, "end", None)
    if start is None or end is None or not _PRONOUN_RE.search(getattr(quote, "text", "") or ""):
        return None
    if any(start <= e.start_char < end and e.label_ == "PERSON" for e in ents):
        return None  # the quote names the person it is about ("member of Congress" does not)
    first = next((k for k, (a, b) in enumerate(article.sentences) if b > start), None)
    if first is None:
        return None
    for k in range(first - 1, max(-1, first - 3), -1):
        a, b = article.sentences[k]
        if any(a <= e.start_char < b for e in ents):
            return " ".join(article.text[a:b].split())[:600]
    return None


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
    ents = [e for e in article.doc.ents if e.label_ in _NAMING_ENTS] if article is not None and quotes else []
    for index, quote in enumerate(quotes):
        context = None
        if article is not None:
            context = _sentence_context(quote, article) or _naming_context(quote, article, ents)
        # quote_index is the position in `quotes` (the pipeline indexes its list with it).
        for target in targets:
            inputs.append(StanceInput(text=quote.text, target=target, quote_index=index, context=context))
    return inputs
