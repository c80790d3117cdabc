"""Markup left in a pasted article, blanked out for the parser only.

Articles copied from a page's source, or from a feed, carry stray HTML: `<script>` blocks,
tags, comments. The page never runs them (it escapes everything), but the parser reads them:
`"x"` inside `alert("x")` became a direct quote, and "owner Jean Dupont <script>..." a speaker
named "owner" or a mention ending in "<script". Parsing a copy in which markup is replaced by
spaces of the same length keeps every character offset of the article valid (quotes are cut
from the original text) while the parser sees only prose.
"""

from __future__ import annotations

import re

__all__ = ["blank_markup"]

# A script or style element with its body, a comment, or one tag. A tag must start with a
# letter or "/" right after "<", so "x < 5" and "<3" are prose; bounded lengths keep the
# pattern linear on long texts with a lone "<".
_MARKUP_RE = re.compile(
    r"<(script|style)\b[^>]{0,500}>.{0,20000}?</\1\s*>"
    r"|<!--.{0,20000}?-->"
    r"|</?[A-Za-z][A-Za-z0-9:-]{0,30}(?:\s[^<>]{0,500})?/?>",
    re.IGNORECASE | re.DOTALL,
)


def blank_markup(text: str) -> str:
    """`text` with each piece of markup replaced by as many spaces (newlines kept, so
    paragraphs stay where they were). Returns `text` itself when there is none."""
    if "<" not in text:
        return text
    return _MARKUP_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
