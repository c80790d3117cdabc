"""Turning what a reader hands us (a file, a URL, stdin) into article text.

The page and the CLI both call this module, so a file or a link reads the same everywhere and
is refused with the same one-line message. Every refusal is a `models.limits.InputError`.

Why fetching is hand-rolled on `http.client` instead of `requests`/`urllib`: a newsroom server
that fetches whatever URL it is given is an SSRF hole unless every hop is checked. We resolve the
host ourselves, refuse loopback/private/link-local/reserved addresses, then connect to exactly
the address we checked (so a DNS answer cannot change between check and connect), follow
redirects by hand so each hop is checked again, and stream the body so a size cap and an overall
deadline hold. Article extraction itself is trafilatura's job, not ours.

Text encoding choice: uploads must be UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured).
Anything else is refused with a clear message rather than guessed as cp1252, because cp1252
decodes almost any byte string, so a guess would silently turn a binary or mis-encoded file into
plausible-looking garbage whose quotes and offsets are wrong.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import os
import re
import socket
import ssl
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from functools import wraps
from typing import Any, Callable, TypeVar
from urllib.parse import quote, urljoin, urlsplit

from models.limits import LIMITS, InputError, Limits

ALLOW_PRIVATE_ENV = "STANCELENS_ALLOW_PRIVATE_URLS"
TEXT_TYPES = (".txt", ".md", ".markdown", ".text")
HTML_TYPES = (".html", ".htm", ".xhtml")
SUPPORTED_TYPES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT_S = 20.0
USER_AGENT = "StanceLens/0.1 (article reader; +https://github.com/stancelens)"
_CHUNK = 64 * 1024
MAX_URL_CHARS = 2048
F = TypeVar("F", bound=Callable[..., Any])


def _printable(message: str) -> str:
    """Escape control and bidi-format characters so a hostile name cannot break or spoof the line."""
    import unicodedata

    out = []
    for ch in message:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def _one_line_errors(fn: F) -> F:
    """Public entry points: every refusal leaves here as one printable line."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            raise InputError(_printable(str(exc))) from None

    return wrapper  # type: ignore[return-value]


@dataclass(frozen=True)
class Document:
    """Article text ready for `pipeline.analyze`, its title when known, and where it came from."""

    text: str
    title: str | None
    source: str


# ---------------------------------------------------------------------------------------------
# Files


@_one_line_errors
def read_upload(name: str, data: bytes, limits: Limits = LIMITS) -> Document:
    """Read an uploaded or local file by its extension (sniffing the bytes when there is none)."""
    label = name or "upload"
    if len(data) > limits.max_upload_bytes:
        raise InputError(
            f"{label} is {_mb(len(data))}; the upload limit is {_mb(limits.max_upload_bytes)} "
            "(set STANCELENS_MAX_UPLOAD_BYTES to change it)"
        )
    if not data.strip():
        raise InputError(f"{label} is empty")
    ext = PurePath(name).suffix.lower() or _sniff_extension(data)
    if ext in TEXT_TYPES:
        return Document(text=_require_text(decode_text(data, label), label), title=None, source=name)
    if ext in HTML_TYPES:
        return _html_document(data, name, label, fallback=True, limits=limits)
    if ext == ".docx":
        return _docx_document(data, name, label, limits)
    if ext == ".pdf":
        return _pdf_document(data, name, label, limits)
    raise InputError(
        f"{label}: unsupported file type '{ext}' (supported: {', '.join(SUPPORTED_TYPES)})"
    )


@_one_line_errors
def read_path(path: str, limits: Limits = LIMITS) -> Document:
    """Read a local file, refusing an oversize one before reading it into memory."""
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if os.path.isdir(path):
        raise InputError(f"{path} is a folder, not a file")
    if size > limits.max_upload_bytes:
        raise InputError(
            f"{path} is {_mb(size)}; the upload limit is {_mb(limits.max_upload_bytes)} "
            "(set STANCELENS_MAX_UPLOAD_BYTES to change it)"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(limits.max_upload_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return read_upload(path, data, limits)


def decode_text(data: bytes, label: str = "the file") -> str:
    """UTF-8 (BOM stripped) or BOM-marked UTF-16; anything else is a clear refusal."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{label} has a UTF-16 byte-order mark but is not valid UTF-16") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None
    if "\x00" in text:
        raise InputError(f"{label} looks like a binary file, not text")
    return text


def _sniff_extension(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return ".txt"


def _require_text(text: str, label: str, what: str = "no text") -> str:
    if not text.strip():
        raise InputError(f"{label} contains {what}")
    return text


def _html_document(
    data: bytes | str, source: str, label: str, fallback: bool, limits: Limits = LIMITS
) -> Document:
    """Article body and title via trafilatura; uploads fall back to all visible text.

    A URL gets no fallback: a page where trafilatura finds no article (a paywall, a
    script-rendered app) would otherwise hand the analysis its menus and cookie banners.
    """
    _precheck_html(data, label, limits)
    text, title = _trafilatura_extract(data)
    if not text and fallback:
        text, fallback_title = _plain_html_text(data)
        title = title or fallback_title
    if not text:
        if fallback:
            raise InputError(f"{label} contains no readable text")
        raise InputError(
            f"no article text found at {label} (a paywall, a page built by scripts, or not an article)"
        )
    return Document(text=text, title=title or None, source=source)


def _precheck_html(data: bytes | str, label: str, limits: Limits) -> None:
    """Refuse pages that would tie up the extractor before handing them to it.

    trafilatura's time grows with the element count (measured: ~8 s for 50,000 empty divs,
    over two minutes for 800,000, on a loaded 2-core machine), so a 50 MB upload of nested
    divs would hold a shared server for minutes. A news page has a few thousand elements.
    lxml parses and counts a 9 MB page in about a second, and all visible text is an upper
    bound on the article, so a page over the article limit is refused here with that limit.
    """
    import lxml.html

    try:
        root = _parse_html(data)
    except Exception:  # unparsable here: trafilatura (or the fallback) will say so
        return
    cap = limits.max_html_elements
    n_elements = 0
    for _ in root.iter():
        n_elements += 1
        if n_elements > cap:
            raise InputError(
                f"{label} has more than {cap:,} HTML elements, far more than an article page "
                "(set STANCELENS_MAX_HTML_ELEMENTS to change it)"
            )
    n_chars = len(root.text_content())
    if n_chars > limits.max_article_chars:
        raise InputError(
            f"{label} has {n_chars:,} characters of text; the article limit is {limits.max_article_chars:,} "
            "(set STANCELENS_MAX_ARTICLE_CHARS to change it)"
        )


def _trafilatura_extract(data: bytes | str) -> tuple[str, str | None]:
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


def _docx_document(data: bytes, source: str, label: str, limits: Limits) -> Document:
    """Paragraphs and table cells in document order; a zip bomb is refused before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise InputError(f"{label} is not a valid .docx file (corrupt or not a Word document)") from None
    unpacked = sum(info.file_size for info in infos)
    # python-docx holds every part in memory; images barely compress, XML ~10x, so 4x the upload
    # limit passes any real document while a zip bomb is refused. The body XML is ~10-50 bytes
    # per character of text, so 50x the article limit bounds it too.
    if unpacked > 4 * limits.max_upload_bytes:
        raise InputError(f"{label} unpacks to {_mb(unpacked)}, too large to read safely")
    body_xml = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    if body_xml > 50 * limits.max_article_chars:
        raise InputError(
            f"{label} holds far more text than the article limit of {limits.max_article_chars:,} characters "
            "(set STANCELENS_MAX_ARTICLE_CHARS to change it)"
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
        raise InputError(f"{label} is not a valid .docx file (corrupt or not a Word document)") from None
    text = _require_text("\n\n".join(blocks), label)
    return Document(text=text, title=title, source=source)


def _pdf_document(data: bytes, source: str, label: str, limits: Limits = LIMITS) -> Document:
    """Text of every page via pypdf; a scanned (image-only) PDF has none and is refused.

    Extraction stops as soon as the text passes the article limit: a 2,000-page PDF is refused
    in seconds, with the same message the pipeline would give, instead of after minutes.
    """
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable PDFs are common
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{label} is not a valid PDF file (corrupt or not a PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{label} is password-protected")
        if len(reader.pages) == 0:
            raise InputError(f"{label} is not a valid PDF file (it has no pages)")
        pages: list[str] = []
        n_chars = 0
        for page in reader.pages:
            pages.append(reflow_pdf_text(page.extract_text() or ""))
            n_chars += len(pages[-1]) + 2
            if n_chars > limits.max_article_chars:
                raise InputError(
                    f"{label} has more than {limits.max_article_chars:,} characters of text, the article "
                    "limit (set STANCELENS_MAX_ARTICLE_CHARS to change it)"
                )
        meta = reader.metadata
        title = (meta.title or "").strip() if meta is not None and meta.title else None
    except InputError:
        raise
    except Exception:
        raise InputError(f"{label} is not a valid PDF file (corrupt or not a PDF)") from None
    text = _require_text("\n\n".join(p for p in pages if p), label,
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


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# ---------------------------------------------------------------------------------------------
# URLs


def private_urls_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip() == "1"


def is_url(arg: str) -> bool:
    """Anything with a scheme is treated as a URL, so file:// is refused rather than read."""
    parts = urlsplit(arg)
    return bool(parts.scheme) and len(parts.scheme) > 1 and "://" in arg


@_one_line_errors
def fetch_url(url: str, limits: Limits = LIMITS, timeout_s: float = DEFAULT_TIMEOUT_S) -> Document:
    """Download an article (HTML, PDF or plain text) with every hop checked; one deadline overall."""
    deadline = time.monotonic() + timeout_s
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"the URL is {len(url):,} characters long; at most {MAX_URL_CHARS:,} are accepted")
    current = url.strip()
    seen: set[str] = set()
    for _hop in range(MAX_REDIRECTS + 1):
        seen.add(current)
        status, reason, headers, location, body = _get_once(current, limits, deadline, timeout_s)
        if status in (301, 302, 303, 307, 308) and location:
            nxt = urljoin(current, location)
            if nxt in seen:
                raise InputError(f"{url} redirects in a loop")
            current = nxt
            continue
        if status >= 400:
            raise InputError(f"{current} returned HTTP {status} {reason}".rstrip())
        if status >= 300:
            raise InputError(f"{current} returned HTTP {status} without a usable redirect")
        return _document_from_response(current, headers, body, limits)
    raise InputError(f"{url} redirects more than {MAX_REDIRECTS} times")


def check_url(url: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> tuple[str, str, int, str, list[str]]:
    """(scheme, host, port, path, allowed addresses) or InputError naming why it is refused.

    The host is resolved here and every address it resolves to must be public: a name that
    answers with one public and one private address is refused, since either could be used.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InputError(f"not a valid URL: {url}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"only http and https URLs can be fetched, not '{scheme or 'no scheme'}': {url}")
    host = parts.hostname
    if not host:
        raise InputError(f"URL has no host: {url}")
    try:  # internationalised names go on the wire (DNS, Host header, TLS) in their ASCII form
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise InputError(f"not a valid host name '{parts.hostname}' in {url}") from None
    port = port or (443 if scheme == "https" else 80)
    infos = _resolve(host, port, url, timeout_s)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise InputError(f"cannot resolve host '{host}' in {url}")
    if not private_urls_allowed():
        for addr in addresses:
            why = _refused_address(addr)
            if why:
                raise InputError(
                    f"refused to fetch {url}: '{host}' is a {why} address ({addr}); "
                    f"set {ALLOW_PRIVATE_ENV}=1 to allow it"
                )
    # re-quote so a path with spaces or non-ASCII letters is sent as %-escapes (existing escapes kept)
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return scheme, host, port, path, addresses


def _resolve(host: str, port: int, url: str, timeout_s: float) -> list[Any]:
    """getaddrinfo with a time limit: the resolver has none of its own and can block for long."""
    result: list[Any] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            result.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            failed.append(exc)

    thread = threading.Thread(target=work, name="stancelens-dns", daemon=True)
    thread.start()
    thread.join(max(0.01, timeout_s))
    if thread.is_alive():
        raise InputError(f"{url} timed out resolving '{host}' after {timeout_s:g} s")
    if failed or not result:
        raise InputError(f"cannot resolve host '{host}' in {url}")
    return result


def _refused_address(addr: str) -> str | None:
    """Why an address must not be fetched from a server, or None when it is public."""
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            why = _refused_address(str(mapped))
            if why:
                return why
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def _get_once(
    url: str, limits: Limits, deadline: float, timeout_s: float
) -> tuple[int, str, dict[str, str], str | None, bytes]:
    scheme, host, port, path, addresses = check_url(url, _remaining(deadline, url, timeout_s))
    conn = _pinned_connection(scheme, host, port, addresses, _remaining(deadline, url, timeout_s))
    try:
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8",
                    "Accept-Encoding": "identity",
                    "Connection": "close",
                },
            )
            resp = conn.getresponse()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            if 300 <= resp.status < 400 or resp.status >= 400:
                return resp.status, resp.reason or "", headers, headers.get("location"), b""
            body = _read_capped(resp, headers, url, limits, deadline, timeout_s, conn)
            return resp.status, resp.reason or "", headers, None, body
        except (TimeoutError, socket.timeout):
            raise InputError(f"{url} timed out after {timeout_s:g} s") from None
        except ssl.SSLError as exc:
            why = getattr(exc, "verify_message", None) or exc.reason or _one_line(exc)
            raise InputError(f"TLS error fetching {url}: {why}") from None
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise InputError(f"cannot fetch {url}: {_one_line(exc)}") from None
    finally:
        conn.close()


def _pinned_connection(
    scheme: str, host: str, port: int, addresses: list[str], timeout: float
) -> http.client.HTTPConnection:
    """A connection to exactly the addresses we checked, tried in order; TLS still verifies the name."""
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def connect_pinned(address: tuple[str, int], timeout: Any = None, source_address: Any = None) -> socket.socket:
        last: OSError | None = None
        for ip in addresses:  # e.g. localhost is ::1 and 127.0.0.1; a server may listen on one only
            try:
                return socket.create_connection((ip, address[1]), timeout, source_address)
            except (TimeoutError, socket.timeout):
                raise
            except OSError as exc:
                last = exc
        raise last or OSError("no address to connect to")

    conn._create_connection = connect_pinned  # type: ignore[attr-defined]
    return conn


def _read_capped(
    resp: http.client.HTTPResponse,
    headers: dict[str, str],
    url: str,
    limits: Limits,
    deadline: float,
    timeout_s: float,
    conn: http.client.HTTPConnection,
) -> bytes:
    cap = limits.max_upload_bytes
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise InputError(f"{url} is {_mb(int(declared))}; the download limit is {_mb(cap)}")
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise InputError(f"{url} sent a body in an unsupported encoding ({encoding})")
    # We ask for identity, but some servers compress anyway; inflate with the same cap so a
    # small compressed body cannot expand past the limit.
    inflater = zlib.decompressobj(47) if encoding not in ("", "identity") else None
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = _remaining(deadline, url, timeout_s)
        if conn.sock is not None:
            conn.sock.settimeout(remaining)
        chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, cap + 1 - total)
            except zlib.error:
                raise InputError(f"{url} sent a corrupt compressed body") from None
            if inflater.unconsumed_tail:
                raise InputError(f"{url} is larger than the download limit of {_mb(cap)}")
        total += len(chunk)
        if total > cap:
            raise InputError(f"{url} is larger than the download limit of {_mb(cap)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _remaining(deadline: float, url: str, timeout_s: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise InputError(f"{url} timed out after {timeout_s:g} s")
    return left


_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_GENERIC_TYPES = ("", "application/octet-stream", "binary/octet-stream", "application/download",
                  "application/force-download", "application/x-download")


def _document_from_response(url: str, headers: dict[str, str], body: bytes, limits: Limits) -> Document:
    """Route by the declared content type; sniff only when the server declares none or a generic one.

    Many servers send PDFs as application/octet-stream, so a generic type is sniffed for the
    formats we read; anything else (an image, a zip, a video) is refused by name.
    """
    ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not body.strip():
        raise InputError(f"{url} returned an empty page")
    if ctype in _GENERIC_TYPES:
        sniffed = _sniff_extension(body)
        if sniffed == ".txt" and ctype:  # generic binary that is not a format we read
            raise InputError(f"{url} is a download of unknown type ('{ctype}'), not an article")
        ctype = {".pdf": "application/pdf", ".html": "text/html", ".docx": _DOCX_TYPE,
                 ".txt": "text/plain"}[sniffed]
    if ctype in ("text/html", "application/xhtml+xml"):
        charset = _charset(headers.get("content-type", ""))
        markup: bytes | str = body
        if charset:  # the server's declared charset beats trafilatura's guess from the bytes
            try:
                markup = body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                markup = body
        return _html_document(markup, url, url, fallback=False, limits=limits)
    if ctype in ("application/pdf", "application/x-pdf"):
        return _pdf_document(body, url, url, limits)
    if ctype == _DOCX_TYPE:
        return _docx_document(body, url, url, limits)
    if ctype in ("text/plain", "text/markdown", "text/x-markdown"):
        charset = _charset(headers.get("content-type", ""))
        if charset and charset not in ("utf-8", "utf8"):
            try:
                text = body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                raise InputError(f"{url} is not valid {charset} text") from None
        else:
            text = decode_text(body, url)
        return Document(text=_require_text(text, url), title=None, source=url)
    kind = "an image" if ctype.startswith("image/") else f"'{ctype}' content"
    raise InputError(f"{url} is {kind}, not an article (HTML, PDF, Word or plain text)")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower() or None
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# ---------------------------------------------------------------------------------------------
# One entry point for the CLI


@_one_line_errors
def load_input(arg: str, limits: Limits = LIMITS, stdin: Any = None) -> Document:
    """`-` is stdin (UTF-8 text), a string with a scheme is a URL, anything else a file path."""
    if arg == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limits.max_upload_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > limits.max_upload_bytes:
            raise InputError(f"stdin is larger than the upload limit of {_mb(limits.max_upload_bytes)}")
        return Document(text=_require_text(decode_text(data, "stdin"), "stdin"), title=None, source="-")
    if is_url(arg):
        return fetch_url(arg, limits)
    return read_path(arg, limits)
