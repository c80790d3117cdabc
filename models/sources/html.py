"""HTML pages and uploads: a cheap precheck, then trafilatura's article extraction.

Article extraction itself is trafilatura's job, not ours; this module only keeps a hostile page
from tying the extractor up (precheck_html) and gives uploads a plain-text fallback.
"""

from __future__ import annotations

from typing import Any

from models.limits import LIMITS, Limits, change_hint
from models.sources.document import Document
from models.sources.errors import SourceError

__all__ = ["html_document", "precheck_html", "trafilatura_extract"]


def html_document(
    data: bytes | str, source: str, label: str, fallback: bool, limits: Limits = LIMITS
) -> Document:
    """Article body and title via trafilatura; uploads fall back to all visible text.

    A URL gets no fallback: a page where trafilatura finds no article (a paywall, a
    script-rendered app) would otherwise hand the analysis its menus and cookie banners.
    """
    precheck_html(data, label, limits)
    text, title = trafilatura_extract(data)
    if not text and fallback:
        text, fallback_title = _plain_html_text(data)
        title = title or fallback_title
    if not text:
        if fallback:
            raise SourceError(f"{label} contains no readable text")
        raise SourceError(
            f"no article text found at {label} (a paywall, a page built by scripts, or not an article)"
        )
    return Document(text=text, title=title or None, source=source)


def precheck_html(data: bytes | str, label: str, limits: Limits = LIMITS) -> None:
    """Refuse pages that would tie up the extractor before handing them to it.

    trafilatura's time grows with the element count (measured: ~8 s for 50,000 empty divs,
    over two minutes for 800,000, on a loaded 2-core machine), so a 50 MB upload of nested
    divs would hold a shared server for minutes. A news page has a few thousand elements.
    lxml parses and counts a 9 MB page in about a second, and all visible text is an upper
    bound on the article, so a page over the article limit is refused here with that limit.
    """
    import lxml.html  # noqa: F401  (a missing lxml fails here, not silently in _parse_html)

    try:
        root = _parse_html(data)
    except Exception:  # unparsable here: trafilatura (or the fallback) will say so
        return
    cap = limits.max_html_elements
    n_elements = 0
    for _ in root.iter():
        n_elements += 1
        if n_elements > cap:
            raise SourceError(
                f"{label} has more than {cap:,} HTML elements, far more than an article page "
                + change_hint("STANCELENS_MAX_HTML_ELEMENTS")
            )
    n_chars = len(root.text_content())
    if n_chars > limits.max_article_chars:
        raise SourceError(
            f"{label} has {n_chars:,} characters of text; the article limit is {limits.max_article_chars:,} "
            + change_hint("STANCELENS_MAX_ARTICLE_CHARS")
        )


def trafilatura_extract(data: bytes | str) -> tuple[str, str | None]:
    """(article text, title) as trafilatura finds them; ("", None) when it finds no article."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
        )
    except Exception:  # trafilatura raises on some malformed markup; treat as "no article"
        return "", None
    if result is None:
        return "", None
    title = getattr(result, "title", None)
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    # trafilatura gives one block per line; a blank line between blocks is the usual plain-text
    # paragraph break (as for .docx and .pdf), and the headline, kept in `title`, is dropped from
    # the body because without a full stop it fuses with the first sentence.
    blocks = [line.strip() for line in (getattr(result, "text", None) or "").splitlines() if line.strip()]
    if blocks and title and " ".join(blocks[0].split()) == title:
        blocks = blocks[1:]
    return "\n\n".join(blocks), title


def _parse_html(data: bytes | str) -> Any:
    """lxml tree of a page. lxml refuses a str that carries an XML encoding declaration
    (`<?xml ... encoding=...?>`); such a page is parsed from its UTF-8 bytes instead, so the
    size checks cannot be skipped by adding one."""
    import lxml.html

    try:
        return lxml.html.fromstring(data)
    except ValueError:
        if isinstance(data, str):
            return lxml.html.fromstring(data.encode("utf-8"))
        raise


def _plain_html_text(data: bytes | str) -> tuple[str, str | None]:
    """All visible text of an HTML file, one block per line, for pages trafilatura rejects."""
    try:
        root = _parse_html(data)
    except Exception:
        return "", None
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        if bad.tag == "head":
            continue
        bad.drop_tree()
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    body = root.find(".//body")
    target = body if body is not None else root
    lines = [" ".join(line.split()) for line in target.text_content().splitlines()]
    text = "\n".join(line for line in lines if line)
    if body is None and title and text.startswith(title):
        text = text[len(title):].lstrip("\n")
    return text, title or None
