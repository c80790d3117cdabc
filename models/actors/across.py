"""One name per person across articles.

Each article resolves its own speakers, so an article that only says "Dmitriev" gives an actor
"Dmitriev" beside another article's "Kirill Dmitriev". Across a set of articles, a one-word
capitalised name that ends exactly one longer name is that person; when two longer names end
in it ("Barack Obama", "Michelle Obama") it stays as it is. The corpus views call this too
(models.corpus.views builds its `speaker_names` table with it).
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["names_across_articles", "topic_names_speaker"]


def names_across_articles(names: Iterable[str]) -> dict[str, str]:
    """{one-word name: the one longer name it stands for} over all the names given."""
    distinct = {n for n in names if n}
    longer: dict[str, set[str]] = {}
    for n in distinct:
        words = n.split()
        if len(words) > 1 and n[:1].isupper():
            longer.setdefault(words[-1], set()).add(n)
    out: dict[str, str] = {}
    for n in distinct:
        if " " not in n and n[:1].isupper() and n[1:2].islower() and len(longer.get(n, ())) == 1:
            out[n] = next(iter(longer[n]))
    return out


def topic_names_speaker(topic: str, speaker: str | None) -> bool:
    """The topic is the speaker ("Hillary Clinton" on "Hillary Clinton", "Trump" on "Donald
    Trump"): same last word. Such a stance is no finding (a speaker favours themselves), and
    the model got it wrong with confidence: on PolNeAR dev it drew Hillary Clinton "against
    Hillary Clinton" in 38 of her 75 quotes (her attacks on her rival). The pipeline leaves
    these pairs unscored."""
    if not speaker or not topic.strip():
        return False
    return _last_word(topic) == _last_word(speaker)


def _last_word(name: str) -> str:
    return re.sub(r"['’]s?$", "", name.split()[-1].strip(".,;:!?\"“”")).casefold()
