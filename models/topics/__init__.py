"""Suggest 3 to 5 topics from the article itself, for the reader to edit.

A good stance topic is what the quoted actors take sides on: a proposal, a policy, a contested
decision or a person ("lifting sanctions on Russia", "the harbour redevelopment plan",
"Hillary Clinton"). So candidates are
* noun phrases (extended by one prepositional phrase: "the war" + "in Ukraine") and named
  events, laws and organisations from the shared spaCy Doc;
* positions read off verbs with an object ("lift sanctions on Russia" -> "lifting sanctions on
  Russia"), the form a reader types for a policy;
* people whom at least two quotes speak about and who are not themselves the speakers;
and an event no one can be for or against becomes a position ("the war in Ukraine" -> "ending
the war in Ukraine"). They are ranked by how many quotes speak to them (the quote's words and
its sentence), whether the headline names them, whether their head is a contestable thing
(plan, tax, ban, nomination, investigation ...), and how often and early they recur. Never
suggested: pronouns, dates, numbers, the speakers, a bare country or nationality, the outlet,
a datelines, single generic words, and phrases found only inside one quote.
Pure rules over the existing parse and quotes: deterministic and well under 0.1 s.
"""

from __future__ import annotations

from collections import Counter

from models.article import Article
from models.schema import Quote
from models.topics.candidates import Tokens, gerund, person_candidates, phrase_candidates, position_candidates
from models.topics.ranking import attach_support, choose, score, usable

__all__ = ["gerund", "suggest_topics"]


def suggest_topics(article: Article | None, k: int = 5, quotes: list[Quote] | None = None) -> list[str]:
    """Up to `k` (normally 3-5) topics drawn from the parsed article, best first; [] for an empty one.

    `quotes` (the quote finder's, on the same article) say what the quoted actors speak to;
    without them the ranking falls back to the article's own recurrence and headline."""
    if article is None or len(article.doc) == 0:
        return []
    k = max(1, int(k))
    quotes = list(quotes or [])
    t = Tokens.read(article)
    cands = phrase_candidates(article, t, quotes)
    position_candidates(article, t, cands)
    person_candidates(article, cands)
    attach_support(cands, article, t, quotes)
    key_freq = Counter(w for w in t.key if w)
    n_chars = max(1, len(article.text))
    ranked = sorted((c for c in cands.values() if usable(c)),
                    key=lambda c: (-score(c, quotes, key_freq, n_chars), c.first, c.key))
    return choose(ranked, k)
