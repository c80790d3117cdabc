"""The resume key: what must be equal for an earlier result to stand for this one."""

from __future__ import annotations

import hashlib
import json

__all__ = ["article_key"]


def article_key(article_id: str, text: str, targets: list[str], models: dict[str, str]) -> str:
    """sha256 over the article's id and text, the topics in order and the model names. The id
    is in the key so that two outlets' identical wire copies stay two articles."""
    payload = json.dumps([article_id, text, list(targets), sorted(models.items())], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
