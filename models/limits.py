"""Every input limit in one place, each overridable by an environment variable.

A shared newsroom server needs caps that an operator can change without editing code; the page
and the CLI read the same numbers, so a refusal reads the same in both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    max_article_chars: int = 400_000  # about 60,000 words
    max_upload_bytes: int = 50 * 1024 * 1024
    max_targets: int = 10
    max_target_chars: int = 200
    max_articles: int = 10
    max_html_elements: int = 50_000  # bigger pages are refused before trafilatura sees them
    # Analyses computed at once per process. Each one already keeps every core busy (torch and
    # numpy use all of them), so on a small server side-by-side runs only thrash: readers
    # finish sooner, with a steadier wait, when they take turns.
    max_concurrent: int = 1  # per process: read once when models.pipeline is imported

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_article_chars=_env_int("STANCELENS_MAX_ARTICLE_CHARS", cls.max_article_chars),
            max_upload_bytes=_env_int("STANCELENS_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_targets=_env_int("STANCELENS_MAX_TARGETS", cls.max_targets),
            max_target_chars=_env_int("STANCELENS_MAX_TARGET_CHARS", cls.max_target_chars),
            max_articles=_env_int("STANCELENS_MAX_ARTICLES", cls.max_articles),
            max_html_elements=_env_int("STANCELENS_MAX_HTML_ELEMENTS", cls.max_html_elements),
            max_concurrent=max(1, _env_int("STANCELENS_MAX_CONCURRENT", cls.max_concurrent)),
        )


LIMITS = Limits.from_env()


def change_hint(variable: str) -> str:
    """The one wording of "this limit can be raised", so the page and the CLI say it alike."""
    return f"(set {variable} to change it)"


class InputError(ValueError):
    """Input the pipeline refuses; the message is shown to the user as is, in one line."""
