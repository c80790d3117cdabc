"""Turning what a reader hands us (a file, a URL, stdin) into article text.

The page and the CLI both call this package, so a file or a link reads the same everywhere and
is refused with the same one-line message. Every refusal is a `SourceError`, a subclass of
`models.limits.InputError`.

    errors.py    SourceError and the one-line, printable refusal wrapper
    document.py  Document: text, title, source
    html.py      HTML precheck (element and text caps) and trafilatura extraction
    files.py     .txt/.md/.html/.docx/.pdf paths and uploads
    fetch.py     URL fetching: every hop's address checked, size cap, one deadline
    load.py      load_input: stdin, URL or path (the CLI's entry point)
"""

from __future__ import annotations

from models.sources.document import Document
from models.sources.errors import SourceError
from models.sources.fetch import ALLOW_PRIVATE_ENV, fetch_url
from models.sources.files import SUPPORTED_TYPES, read_path, read_upload
from models.sources.html import precheck_html
from models.sources.load import load_input

__all__ = [
    "ALLOW_PRIVATE_ENV",
    "SUPPORTED_TYPES",
    "Document",
    "SourceError",
    "fetch_url",
    "load_input",
    "precheck_html",
    "read_path",
    "read_upload",
]
