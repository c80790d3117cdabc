"""What every reader in models.sources returns: article text, its title, where it came from."""

from __future__ import annotations

from dataclasses import dataclass

from models.sources.errors import SourceError

__all__ = ["Document", "require_text"]


@dataclass(frozen=True)
class Document:
    """Article text ready for `pipeline.analyze`, its title when known, and where it came from."""

    text: str
    title: str | None
    source: str


def require_text(text: str, label: str, what: str = "no text") -> str:
    """The text itself, or a refusal naming the source when there is none."""
    if not text.strip():
        raise SourceError(f"{label} contains {what}")
    return text
