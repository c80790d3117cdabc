"""Reading local files and uploads: plain text, HTML, Word (.docx) and PDF.

Text encoding choice: uploads must be UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured).
Anything else is refused with a clear message rather than guessed as cp1252, because cp1252
decodes almost any byte string, so a guess would silently turn a binary or mis-encoded file into
plausible-looking garbage whose quotes and offsets are wrong.

Every size check happens before the expensive parse: a zip bomb, a 2,000-page PDF or a 50 MB
upload is refused in seconds with the limit that applies and how to change it.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import PurePath

from models.limits import LIMITS, Limits, change_hint
from models.sources.document import Document, require_text
from models.sources.errors import SourceError, megabytes, one_line_errors
from models.sources.html import html_document

__all__ = [
    "SUPPORTED_TYPES",
    "decode_text",
    "docx_document",
    "pdf_document",
    "read_path",
    "read_upload",
    "sniff_extension",
]

TEXT_TYPES = (".txt", ".md", ".markdown", ".text")
HTML_TYPES = (".html", ".htm", ".xhtml")
SUPPORTED_TYPES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


@one_line_errors
def read_upload(name: str, data: bytes, limits: Limits = LIMITS) -> Document:
    """Read an uploaded or local file by its extension (sniffing the bytes when there is none)."""
    label = name or "upload"
    if len(data) > limits.max_upload_bytes:
        raise SourceError(
            f"{label} is {megabytes(len(data))}; the upload limit is {megabytes(limits.max_upload_bytes)} "
            + change_hint("STANCELENS_MAX_UPLOAD_BYTES")
        )
    if not data.strip():
        raise SourceError(f"{label} is empty")
    ext = PurePath(name).suffix.lower() or sniff_extension(data)
    if ext in TEXT_TYPES:
        return Document(text=require_text(decode_text(data, label), label), title=None, source=name)
    if ext in HTML_TYPES:
        return html_document(data, name, label, fallback=True, limits=limits)
    if ext == ".docx":
        return docx_document(data, name, label, limits)
    if ext == ".pdf":
        return pdf_document(data, name, label, limits)
    raise SourceError(
        f"{label}: unsupported file type '{ext}' (supported: {', '.join(SUPPORTED_TYPES)})"
    )


@one_line_errors
def read_path(path: str, limits: Limits = LIMITS) -> Document:
    """Read a local file, refusing an oversize one before reading it into memory."""
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if os.path.isdir(path):
        raise SourceError(f"{path} is a folder, not a file")
    if size > limits.max_upload_bytes:
        raise SourceError(
            f"{path} is {megabytes(size)}; the upload limit is {megabytes(limits.max_upload_bytes)} "
            + change_hint("STANCELENS_MAX_UPLOAD_BYTES")
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(limits.max_upload_bytes + 1)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return read_upload(path, data, limits)


def decode_text(data: bytes, label: str = "the file") -> str:
    """UTF-8 (BOM stripped) or BOM-marked UTF-16; anything else is a clear refusal."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(f"{label} has a UTF-16 byte-order mark but is not valid UTF-16") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None
    if "\x00" in text:
        raise SourceError(f"{label} looks like a binary file, not text")
    return text


def sniff_extension(data: bytes) -> str:
    """The file type of bytes that came without a usable name or content type."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return ".txt"


def docx_document(data: bytes, source: str, label: str, limits: Limits) -> Document:
    """Paragraphs and table cells in document order; a zip bomb is refused before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise SourceError(f"{label} is not a valid .docx file (corrupt or not a Word document)") from None
    unpacked = sum(info.file_size for info in infos)
    # python-docx holds every part in memory; images barely compress, XML ~10x, so 4x the upload
    # limit passes any real document while a zip bomb is refused. The body XML is ~10-50 bytes
    # per character of text, so 50x the article limit bounds it too.
    if unpacked > 4 * limits.max_upload_bytes:
        raise SourceError(f"{label} unpacks to {megabytes(unpacked)}, too large to read safely")
    body_xml = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    if body_xml > 50 * limits.max_article_chars:
        raise SourceError(
            f"{label} holds far more text than the article limit of {limits.max_article_chars:,} characters "
            + change_hint("STANCELENS_MAX_ARTICLE_CHARS")
        )
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [c.text.strip() for c in row.cells]
                    row_text = " | ".join(dict.fromkeys(c for c in cells if c))
                    if row_text:
                        blocks.append(row_text)
            elif block.text.strip():
                blocks.append(block.text)
        title = (document.core_properties.title or "").strip() or None
    except Exception:
        raise SourceError(f"{label} is not a valid .docx file (corrupt or not a Word document)") from None
    text = require_text("\n\n".join(blocks), label)
    return Document(text=text, title=title, source=source)


def pdf_document(data: bytes, source: str, label: str, limits: Limits = LIMITS) -> Document:
    """Text of every page via pypdf; a scanned (image-only) PDF has none and is refused.

    Extraction stops as soon as the text passes the article limit: a 2,000-page PDF is refused
    in seconds, with the same message the pipeline would give, instead of after minutes.
    """
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable PDFs are common
    if b"%PDF-" not in data[:1024]:
        raise SourceError(f"{label} is not a valid PDF file (corrupt or not a PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{label} is password-protected")
        if len(reader.pages) == 0:
            raise SourceError(f"{label} is not a valid PDF file (it has no pages)")
        pages: list[str] = []
        n_chars = 0
        for page in reader.pages:
            pages.append(reflow_pdf_text(page.extract_text() or ""))
            n_chars += len(pages[-1]) + 2
            if n_chars > limits.max_article_chars:
                raise SourceError(
                    f"{label} has more than {limits.max_article_chars:,} characters of text, the article "
                    "limit " + change_hint("STANCELENS_MAX_ARTICLE_CHARS")
                )
        meta = reader.metadata
        title = (meta.title or "").strip() if meta is not None and meta.title else None
    except SourceError:
        raise
    except Exception:
        raise SourceError(f"{label} is not a valid PDF file (corrupt or not a PDF)") from None
    text = require_text("\n\n".join(p for p in pages if p), label,
                         "no extractable text (a scanned PDF needs OCR first)")
    return Document(text=text, title=title or None, source=source)


_LINE_END = re.compile(r"[.!?:;\"\u201d\u2019\u00bb)\]]\s*$")


def reflow_pdf_text(text: str) -> str:
    """Join the hard line wraps of a PDF page back into paragraphs.

    PDF text comes one layout line at a time, so a quote or a sentence is cut mid-phrase; the
    parser then sees a line break inside a clause and misreads it. A break is kept only where a
    line ends a sentence (or is blank); elsewhere it becomes a space. Hyphens are left alone:
    "well-\nknown" and "gov-\nernment" cannot be told apart without a dictionary.
    """
    lines = [line.strip() for line in text.splitlines()]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        current = f"{current} {line}" if current else line
        if _LINE_END.search(line):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
