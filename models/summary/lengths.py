"""Summary lengths, in sentences: the page's presets and the default both summarizers use.

A module of its own so that the extractive and abstractive paths (and the page's settings
panel) read the same numbers without importing each other.
"""

from __future__ import annotations

__all__ = ["DEFAULT_SENTENCES", "LENGTHS"]

# Sentences per length preset offered by the page.
LENGTHS: dict[str, int] = {"short": 2, "medium": 3, "long": 5}
DEFAULT_SENTENCES = LENGTHS["medium"]
