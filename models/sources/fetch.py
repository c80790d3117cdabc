"""Fetching an article from a URL without opening an SSRF hole.

Why fetching is hand-rolled on `http.client` instead of `requests`/`urllib`: a newsroom server
that fetches whatever URL it is given is an SSRF hole unless every hop is checked. We resolve the
host ourselves, refuse loopback/private/link-local/reserved addresses, then connect to exactly
the address we checked (so a DNS answer cannot change between check and connect), follow
redirects by hand so each hop is checked again, and stream the body so a size cap and an overall
deadline hold. The body is then read like a file of its declared type (files.py, html.py).
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
import zlib
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from models.limits import LIMITS, Limits
from models.sources.document import Document, require_text
from models.sources.errors import SourceError, megabytes, one_line_errors
from models.sources.files import decode_text, docx_document, pdf_document, sniff_extension
from models.sources.html import html_document

__all__ = ["ALLOW_PRIVATE_ENV", "DOCX_TYPE", "MAX_REDIRECTS", "fetch_url", "is_url", "refused_address"]

ALLOW_PRIVATE_ENV = "STANCELENS_ALLOW_PRIVATE_URLS"
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT_S = 20.0
USER_AGENT = "StanceLens/0.1 (article reader; +https://github.com/stancelens)"
_CHUNK = 64 * 1024
MAX_URL_CHARS = 2048


def private_urls_allowed() -> bool:
    """Whether the operator allowed private addresses (a test server, an intranet deployment)."""
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip() == "1"


def is_url(arg: str) -> bool:
    """Anything with a scheme is treated as a URL, so file:// is refused rather than read."""
    parts = urlsplit(arg)
    return bool(parts.scheme) and len(parts.scheme) > 1 and "://" in arg


@one_line_errors
def fetch_url(url: str, limits: Limits = LIMITS, timeout_s: float = DEFAULT_TIMEOUT_S) -> Document:
    """Download an article (HTML, PDF or plain text) with every hop checked; one deadline overall."""
    deadline = time.monotonic() + timeout_s
    if len(url) > MAX_URL_CHARS:
        raise SourceError(f"the URL is {len(url):,} characters long; at most {MAX_URL_CHARS:,} are accepted")
    current = url.strip()
    seen: set[str] = set()
    for _hop in range(MAX_REDIRECTS + 1):
        seen.add(current)
        status, reason, headers, location, body = _get_once(current, limits, deadline, timeout_s)
        if status in (301, 302, 303, 307, 308) and location:
            nxt = urljoin(current, location)
            if nxt in seen:
                raise SourceError(f"{url} redirects in a loop")
            current = nxt
            continue
        if status >= 400:
            raise SourceError(f"{current} returned HTTP {status} {reason}".rstrip())
        if status >= 300:
            raise SourceError(f"{current} returned HTTP {status} without a usable redirect")
        return _document_from_response(current, headers, body, limits)
    raise SourceError(f"{url} redirects more than {MAX_REDIRECTS} times")


def check_url(url: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> tuple[str, str, int, str, list[str]]:
    """(scheme, host, port, path, allowed addresses) or SourceError naming why it is refused.

    The host is resolved here and every address it resolves to must be public: a name that
    answers with one public and one private address is refused, since either could be used.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise SourceError(f"not a valid URL: {url}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise SourceError(f"only http and https URLs can be fetched, not '{scheme or 'no scheme'}': {url}")
    host = parts.hostname
    if not host:
        raise SourceError(f"URL has no host: {url}")
    try:  # internationalised names go on the wire (DNS, Host header, TLS) in their ASCII form
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise SourceError(f"not a valid host name '{parts.hostname}' in {url}") from None
    port = port or (443 if scheme == "https" else 80)
    infos = _resolve(host, port, url, timeout_s)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise SourceError(f"cannot resolve host '{host}' in {url}")
    if not private_urls_allowed():
        for addr in addresses:
            why = refused_address(addr)
            if why:
                raise SourceError(
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
        raise SourceError(f"{url} timed out resolving '{host}' after {timeout_s:g} s")
    if failed or not result:
        raise SourceError(f"cannot resolve host '{host}' in {url}")
    return result


def refused_address(addr: str) -> str | None:
    """Why an address must not be fetched from a server, or None when it is public."""
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            why = refused_address(str(mapped))
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
            raise SourceError(f"{url} timed out after {timeout_s:g} s") from None
        except ssl.SSLError as exc:
            why = getattr(exc, "verify_message", None) or exc.reason or _one_line(exc)
            raise SourceError(f"TLS error fetching {url}: {why}") from None
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise SourceError(f"cannot fetch {url}: {_one_line(exc)}") from None
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
        raise SourceError(f"{url} is {megabytes(int(declared))}; the download limit is {megabytes(cap)}")
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise SourceError(f"{url} sent a body in an unsupported encoding ({encoding})")
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
                raise SourceError(f"{url} sent a corrupt compressed body") from None
            if inflater.unconsumed_tail:
                raise SourceError(f"{url} is larger than the download limit of {megabytes(cap)}")
        total += len(chunk)
        if total > cap:
            raise SourceError(f"{url} is larger than the download limit of {megabytes(cap)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _remaining(deadline: float, url: str, timeout_s: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise SourceError(f"{url} timed out after {timeout_s:g} s")
    return left


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_GENERIC_TYPES = ("", "application/octet-stream", "binary/octet-stream", "application/download",
                  "application/force-download", "application/x-download")


def _document_from_response(url: str, headers: dict[str, str], body: bytes, limits: Limits) -> Document:
    """Route by the declared content type; sniff only when the server declares none or a generic one.

    Many servers send PDFs as application/octet-stream, so a generic type is sniffed for the
    formats we read; anything else (an image, a zip, a video) is refused by name.
    """
    ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not body.strip():
        raise SourceError(f"{url} returned an empty page")
    if ctype in _GENERIC_TYPES:
        sniffed = sniff_extension(body)
        if sniffed == ".txt" and ctype:  # generic binary that is not a format we read
            raise SourceError(f"{url} is a download of unknown type ('{ctype}'), not an article")
        ctype = {".pdf": "application/pdf", ".html": "text/html", ".docx": DOCX_TYPE,
                 ".txt": "text/plain"}[sniffed]
    if ctype in ("text/html", "application/xhtml+xml"):
        charset = _charset(headers.get("content-type", ""))
        markup: bytes | str = body
        if charset:  # the server's declared charset beats trafilatura's guess from the bytes
            try:
                markup = body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                markup = body
        return html_document(markup, url, url, fallback=False, limits=limits)
    if ctype in ("application/pdf", "application/x-pdf"):
        return pdf_document(body, url, url, limits)
    if ctype == DOCX_TYPE:
        return docx_document(body, url, url, limits)
    if ctype in ("text/plain", "text/markdown", "text/x-markdown"):
        charset = _charset(headers.get("content-type", ""))
        if charset and charset not in ("utf-8", "utf8"):
            try:
                text = body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                raise SourceError(f"{url} is not valid {charset} text") from None
        else:
            text = decode_text(body, url)
        return Document(text=require_text(text, url), title=None, source=url)
    kind = "an image" if ctype.startswith("image/") else f"'{ctype}' content"
    raise SourceError(f"{url} is {kind}, not an article (HTML, PDF, Word or plain text)")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower() or None
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
