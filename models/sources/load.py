"""The CLI's one entry point: stdin, a URL or a file path, told apart by the argument."""

from __future__ import annotations

from typing import Any

from models.limits import LIMITS, Limits
from models.sources.document import Document, require_text
from models.sources.errors import SourceError, megabytes, one_line_errors
from models.sources.fetch import fetch_url, is_url
from models.sources.files import decode_text, read_path

__all__ = ["load_input"]


@one_line_errors
def load_input(arg: str, limits: Limits = LIMITS, stdin: Any = None) -> Document:
    """`-` is stdin (UTF-8 text), a string with a scheme is a URL, anything else a file path."""
    if arg == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limits.max_upload_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > limits.max_upload_bytes:
            raise SourceError(f"stdin is larger than the upload limit of {megabytes(limits.max_upload_bytes)}")
        return Document(text=require_text(decode_text(data, "stdin"), "stdin"), title=None, source="-")
    if is_url(arg):
        return fetch_url(arg, limits)
    return read_path(arg, limits)

