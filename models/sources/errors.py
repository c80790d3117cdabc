"""The one error type of models.sources, and the wrapper that keeps every refusal one line.

`SourceError` subclasses `models.limits.InputError`, so the page and the CLI, which catch
InputError for every refusal the user should read, need no change for it.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar

from models.limits import InputError

__all__ = ["SourceError", "megabytes", "one_line_errors", "printable"]

F = TypeVar("F", bound=Callable[..., Any])


class SourceError(InputError):
    """A file, page or URL that cannot be read as an article; the message is one printable line."""


def printable(message: str) -> str:
    """Escape control and bidi-format characters so a hostile name cannot break or spoof the line."""
    import unicodedata

    out = []
    for ch in message:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line_errors(fn: F) -> F:
    """Public entry points: every refusal leaves here as one printable line."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            raise SourceError(printable(str(exc))) from None

    return wrapper  # type: ignore[return-value]


def megabytes(n: int) -> str:
    """A byte count as the refusal messages write it ("3.2 MB")."""
    return f"{n / (1024 * 1024):.1f} MB"

