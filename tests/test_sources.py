"""models/sources/: every file type, every refusal, and URL fetching against a local server.

No model is loaded here, so these tests are fast. The HTTP server is started by the tests on
127.0.0.1; fetching from it needs STANCELENS_ALLOW_PRIVATE_URLS=1, and the refusals without it
are part of what is tested.
"""

from __future__ import annotations

import gzip
import io
import socket
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.limits import InputError, Limits
from models.sources import (
    ALLOW_PRIVATE_ENV,
    Document,
    SourceError,
    fetch_url,
    load_input,
    precheck_html,
    read_path,
    read_upload,
)
from models.sources import fetch as fetching
from models.sources import html as html_reader

ARTICLE_P1 = (
    "The envoy said on Monday that the talks on the grain corridor would resume next week, "
    "according to two officials who were briefed on the plan and asked not to be named."
)
ARTICLE_P2 = "\u201cWe are ready to sign as soon as the other side is,\u201d she told reporters in Geneva."
ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Grain talks to resume</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
    f"<article><h1>Grain talks to resume</h1><p>{ARTICLE_P1}</p><p>{ARTICLE_P2}</p></article>"
    "<script>document.title = 'injected';</script></body></html>"
).encode("utf-8")
CYRILLIC_P = (
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0441\u043a\u0430\u0437\u0430\u043b, "
    "\u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
    "\u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f \u043d\u0430 "
    "\u0441\u043b\u0435\u0434\u0443\u044e\u0449\u0435\u0439 \u043d\u0435\u0434\u0435\u043b\u0435. "
) * 3
CYRILLIC_HTML = f"<html><head><title>News</title></head><body><article><p>{CYRILLIC_P}</p></article></body></html>"
SCRIPT_ONLY_HTML = b"<!DOCTYPE html><html><head><title>App</title></head><body><div id='root'></div><script>render()</script></body></html>"


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal one-page PDF with real text (Helvetica), written by hand: no PDF writer needed."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objs.append(f"<< /Title ({title}) >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    info = f" /Info {len(objs)} 0 R" if title else ""
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, title: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for para in paragraphs:
        document.add_paragraph(para)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def refusal(fn, *args, **kwargs) -> str:
    """Run fn, expect the package's one error type, return its message after checking it is a single line."""
    with pytest.raises(SourceError) as info:
        fn(*args, **kwargs)
    message = str(info.value)
    assert message and "\n" not in message, message
    return message


# ---------------------------------------------------------------------------------------------
# read_upload


def test_one_error_type_that_existing_handlers_still_catch():
    assert issubclass(SourceError, InputError)
    with pytest.raises(InputError):
        read_upload("empty.txt", b"   ")


def test_plain_text_and_markdown_keep_text_exactly():
    text = "Line one said \u201chello\u201d.\r\nLine two \u00e9\u00e8 \u2014 done.\n"
    for name in ("a.txt", "notes.md"):
        doc = read_upload(name, text.encode("utf-8"))
        assert doc == Document(text=text, title=None, source=name)


def test_utf8_bom_is_stripped_and_utf16_with_bom_is_read():
    assert read_upload("a.txt", b"\xef\xbb\xbfHello world").text == "Hello world"
    assert read_upload("a.txt", "Gr\u00fc\u00dfe aus Z\u00fcrich".encode("utf-16")).text == "Gr\u00fc\u00dfe aus Z\u00fcrich"


def test_non_utf8_text_is_refused_with_the_byte_and_position():
    data = "He said \u201cno\u201d to the caf\u00e9.".encode("cp1252")
    message = refusal(read_upload, "old.txt", data)
    assert "old.txt" in message and "UTF-8" in message
    bad_at = data.index(b"\x93")
    assert f"position {bad_at}" in message and "0x93" in message


def test_binary_with_text_extension_is_refused():
    assert "binary" in refusal(read_upload, "a.txt", b"abc\x00\x00def")


def test_empty_and_whitespace_files_are_refused():
    for data in (b"", b"   \n\t  "):
        for name in ("e.txt", "e.html", "e.docx", "e.pdf"):
            assert "empty" in refusal(read_upload, name, data)


def test_oversize_upload_is_refused_naming_the_limit():
    message = refusal(read_upload, "big.txt", b"x" * 2000, Limits(max_upload_bytes=1000))
    assert "big.txt" in message and "limit" in message and "STANCELENS_MAX_UPLOAD_BYTES" in message


def test_unsupported_type_names_the_extension_and_the_supported_ones():
    message = refusal(read_upload, "photo.png", b"\x89PNG\r\n\x1a\nxxxx")
    assert "'.png'" in message and ".docx" in message and ".pdf" in message


def test_html_upload_gives_article_text_and_title_without_script_or_menu():
    doc = read_upload("page.html", ARTICLE_HTML)
    assert doc.title == "Grain talks to resume"
    assert ARTICLE_P1 in doc.text and ARTICLE_P2 in doc.text
    assert "document.title" not in doc.text and "<" not in doc.text
    assert "World" not in doc.text  # navigation is not article text
    # headline lives in `title`, not fused with the first sentence; paragraphs are blank-line separated
    assert doc.text == f"{ARTICLE_P1}\n\n{ARTICLE_P2}"


def test_html_upload_without_article_falls_back_to_visible_text(monkeypatch):
    monkeypatch.setattr(html_reader, "trafilatura_extract", lambda data: ("", None))  # force the fallback
    html = b"<html><head><title>Note</title><style>p{color:red}</style></head><body><div>Short note: ok.</div><script>evil()</script></body></html>"
    doc = read_upload("note.htm", html)
    assert "Short note: ok." in doc.text
    assert "evil" not in doc.text and "color" not in doc.text
    assert doc.title == "Note"


def test_huge_html_is_refused_before_extraction(monkeypatch):
    """Element and text caps keep a hostile page from holding the extractor for minutes."""
    import time as _time

    nested = b"<html><body><article><p>Short text.</p>" + b"<div><span></span></div>" * 30_000 + b"</article></body></html>"
    t0 = _time.monotonic()
    assert "more than 20,000 HTML elements" in refusal(read_upload, "nested.html", nested,
                                                       Limits(max_html_elements=20_000))
    assert _time.monotonic() - t0 < 5
    long_page = b"<html><body>" + b"<p>" + b"word " * 400 + b"</p>" + b"</body></html>"
    assert "article limit" in refusal(read_upload, "long.html", long_page, Limits(max_article_chars=1000))
    assert ARTICLE_P1 in read_upload("page.html", ARTICLE_HTML).text  # a normal page passes


def test_size_checks_hold_for_a_decoded_page_with_an_xml_declaration():
    """lxml refuses a str with an encoding declaration; the check must not be skipped for it."""
    page = '<?xml version="1.0" encoding="utf-8"?><html><body>' + "<div></div>" * 50 + "</body></html>"
    with pytest.raises(InputError, match="HTML elements"):
        precheck_html(page, "page", Limits(max_html_elements=10))


def test_html_upload_with_no_text_is_refused():
    assert "no readable text" in refusal(read_upload, "app.html", SCRIPT_ONLY_HTML.replace(b"App", b""))


def test_docx_paragraphs_and_tables_in_order_with_title():
    data = make_docx(["First paragraph.", "", "Second paragraph."], table=[["Name", "Role"], ["Ann", "Envoy"]], title="Memo")
    doc = read_upload("memo.docx", data)
    assert doc.title == "Memo"
    assert doc.text == "First paragraph.\n\nSecond paragraph.\n\nName | Role\n\nAnn | Envoy"


def test_docx_without_text_and_corrupt_docx_are_refused():
    assert "no text" in refusal(read_upload, "blank.docx", make_docx(["", "  "]))
    good = make_docx(["Hello."])
    assert "not a valid .docx" in refusal(read_upload, "cut.docx", good[: len(good) // 2])
    assert "not a valid .docx" in refusal(read_upload, "rand.docx", b"this is not a zip file at all")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # a valid zip that is not a Word document
        zf.writestr("hello.txt", "hi")
    assert "not a valid .docx" in refusal(read_upload, "zip.docx", buf.getvalue())


def test_docx_zip_bomb_is_refused_before_parsing():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\x00" * 200_000)
    data = buf.getvalue()
    assert len(data) < 2_000
    assert "unpacks to" in refusal(read_upload, "bomb.docx", data, Limits(max_upload_bytes=10_000))
    assert "article limit" in refusal(read_upload, "bomb.docx", data, Limits(max_article_chars=1_000))


def test_pdf_text_and_title():
    data = make_pdf(["The minister said the plan will work.", "Critics disagreed."], title="Budget day")
    doc = read_upload("report.pdf", data)
    assert doc.title == "Budget day"
    assert "The minister said the plan will work." in doc.text and "Critics disagreed." in doc.text
    assert doc.text.index("minister") < doc.text.index("Critics")


def test_pdf_line_wraps_are_joined_but_sentence_ends_kept():
    data = make_pdf(["\\223We will not", "back down,\\224 the minister", "said on Friday.", "Critics were", "unmoved."])
    text = read_upload("wrapped.pdf", data).text
    assert text == "\u201cWe will not back down,\u201d the minister said on Friday.\nCritics were unmoved."


def test_pdf_without_text_and_corrupt_pdf_are_refused():
    assert "no extractable text" in refusal(read_upload, "scan.pdf", make_pdf([]))
    good = make_pdf(["Hello there."])
    for bad in (b"%PDF-1.4\ngarbage", good[:40], b"not a pdf at all, just text"):
        assert "not a valid PDF" in refusal(read_upload, "bad.pdf", bad)


def test_files_without_extension_are_sniffed():
    assert "Hello there." in read_upload("download", make_pdf(["Hello there."])).text
    assert read_upload("download", make_docx(["Hi from Word."])).text == "Hi from Word."
    assert ARTICLE_P1 in read_upload("download", ARTICLE_HTML).text
    assert read_upload("README", b"just text").text == "just text"


def test_read_path_missing_folder_and_oversize(tmp_path):
    assert "no such file" in refusal(read_path, str(tmp_path / "nope.txt"))
    assert "folder" in refusal(read_path, str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    assert "limit" in refusal(read_path, str(big), Limits(max_upload_bytes=1000))
    ok = tmp_path / "ok.md"
    ok.write_text("# Title\n\nBody.", encoding="utf-8")
    assert read_path(str(ok)).text == "# Title\n\nBody."


def test_load_input_dispatches_stdin_url_and_path(tmp_path):
    assert load_input("-", stdin=io.BytesIO("caf\u00e9 text".encode())).text == "caf\u00e9 text"
    assert "stdin" in refusal(load_input, "-", stdin=io.BytesIO(b"  \n"))
    assert "only http and https" in refusal(load_input, "file:///etc/passwd")
    assert "no such file" in refusal(load_input, str(tmp_path / "missing.txt"))


# ---------------------------------------------------------------------------------------------
# Address policy


@pytest.mark.parametrize(
    "addr, why",
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
        ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("100.64.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("2002:7f00:1::1", "loopback"),
        ("fc00::1", "private"), ("240.0.0.1", "reserved"),
        ("8.8.8.8", None), ("93.184.216.34", None), ("2606:4700:4700::1111", None),
    ],
)
def test_refused_address_policy(addr, why):
    assert fetching.refused_address(addr) == why


def test_hostnames_are_resolved_before_the_check(monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    message = refusal(fetch_url, "http://localhost:9/")
    assert "loopback" in message and ALLOW_PRIVATE_ENV in message
    # a name whose answers mix a public and a private address is refused too
    monkeypatch.setattr(
        socket, "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
                         (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80))],
    )
    assert "private" in refusal(fetch_url, "http://mixed.example/")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt", "gopher://x/", "javascript:alert(1)", "//example.com/x"])
def test_non_http_schemes_are_refused(url):
    assert "only http and https" in refusal(fetch_url, url)


# ---------------------------------------------------------------------------------------------
# Fetching from a local server


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Handler.hits.append(self.path)
        port = self.server.server_address[1]
        routes = {
            "/article": lambda: self._send(200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/report.pdf": lambda: self._send(200, "application/pdf", make_pdf(["Quarterly report text."], "Q3")),
            "/plain": lambda: self._send(200, "text/plain; charset=utf-8", "Plain caf\u00e9 article.".encode()),
            "/latin": lambda: self._send(200, "text/plain; charset=iso-8859-1", "Caf\u00e9 article.".encode("latin-1")),
            "/image": lambda: self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "/zip": lambda: self._send(200, "application/zip", b"PK\x03\x04" + b"\x00" * 64),
            "/script-only": lambda: self._send(200, "text/html", SCRIPT_ONLY_HTML),
            "/empty": lambda: self._send(200, "text/html", b""),
            "/gone": lambda: self._send(404, "text/html", b"<h1>Not found</h1>"),
            "/error": lambda: self._send(500, "text/html", b"oops"),
            "/hop": lambda: self._send(302, "text/html", b"", {"Location": "/article"}),
            "/loop-a": lambda: self._send(302, "text/html", b"", {"Location": "/loop-b"}),
            "/loop-b": lambda: self._send(301, "text/html", b"", {"Location": f"http://127.0.0.1:{port}/loop-a"}),
            "/to-other-host": lambda: self._send(302, "text/html", b"", {"Location": f"http://127.0.0.2:{port}/article"}),
            "/to-file": lambda: self._send(302, "text/html", b"", {"Location": "file:///etc/passwd"}),
            "/big": lambda: self._send(200, "text/plain", b"a" * 50_000),
            "/big-unsized": lambda: self._send(200, "text/plain", b"a" * 50_000, length=False),
            "/gzipped": lambda: self._send(200, "text/html; charset=utf-8", gzip.compress(ARTICLE_HTML), {"Content-Encoding": "gzip"}),
            "/gzip-bomb": lambda: self._send(200, "text/plain", gzip.compress(b"a" * 2_000_000), {"Content-Encoding": "gzip"}),
            "/brotli": lambda: self._send(200, "text/plain", b"xxxx", {"Content-Encoding": "br"}),
            "/octet-pdf": lambda: self._send(200, "application/octet-stream", make_pdf(["Served as a download."])),
            "/octet-junk": lambda: self._send(200, "application/octet-stream", b"\x00\x01\x02 junk bytes"),
            "/memo.docx": lambda: self._send(200, fetching.DOCX_TYPE, make_docx(["Memo from a link."])),
            "/cyrillic": lambda: self._send(200, "text/html; charset=windows-1251", CYRILLIC_HTML.encode("windows-1251")),
            "/caf%C3%A9%20news": lambda: self._send(200, "text/plain; charset=utf-8", b"Found by an escaped path."),
        }
        if self.path.startswith("/chain/"):
            n = int(self.path.rsplit("/", 1)[1])
            return self._send(302, "text/html", b"", {"Location": f"/chain/{n + 1}"})
        if self.path == "/slow":
            time.sleep(2.0)
            return self._send(200, "text/html", ARTICLE_HTML)
        if self.path == "/drip":  # headers at once, then a byte every 0.1 s: only an overall deadline stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        routes.get(self.path, lambda: self._send(404, "text/plain", b"no route"))()
        return None


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_private(monkeypatch):
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")


def test_loopback_server_is_refused_without_the_env_and_never_contacted(server, monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    _Handler.hits.clear()
    message = refusal(fetch_url, server + "/article")
    assert "loopback" in message and ALLOW_PRIVATE_ENV in message
    assert _Handler.hits == []
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "0")
    assert "loopback" in refusal(fetch_url, server + "/article")


def test_html_page_gives_article_and_title(server, allow_private):
    doc = fetch_url(server + "/article")
    assert doc.title == "Grain talks to resume"
    assert ARTICLE_P1 in doc.text and ARTICLE_P2 in doc.text
    assert "document.title" not in doc.text
    assert doc.source == server + "/article"


def test_pdf_and_plain_text_urls(server, allow_private):
    pdf = fetch_url(server + "/report.pdf")
    assert "Quarterly report text." in pdf.text and pdf.title == "Q3"
    assert fetch_url(server + "/plain").text == "Plain caf\u00e9 article."
    assert fetch_url(server + "/latin").text == "Caf\u00e9 article."


def test_downloads_are_sniffed_and_word_files_read(server, allow_private):
    assert "Served as a download." in fetch_url(server + "/octet-pdf").text
    assert fetch_url(server + "/memo.docx").text == "Memo from a link."
    assert "unknown type" in refusal(fetch_url, server + "/octet-junk")


def test_redirect_is_followed_and_source_is_the_final_url(server, allow_private):
    doc = fetch_url(server + "/hop")
    assert ARTICLE_P1 in doc.text
    assert doc.source == server + "/article"


@pytest.mark.parametrize(
    "path, words",
    [
        ("/gone", ["404"]),
        ("/error", ["500"]),
        ("/image", ["image"]),
        ("/zip", ["application/zip"]),
        ("/script-only", ["no article text"]),
        ("/empty", ["empty"]),
        ("/loop-a", ["loop"]),
        ("/chain/0", ["more than 5"]),
        ("/to-file", ["only http and https"]),
    ],
)
def test_bad_urls_give_one_clear_line(server, allow_private, path, words):
    message = refusal(fetch_url, server + path)
    for word in words:
        assert word in message


def test_redirect_cap_stops_after_five_hops(server, allow_private):
    _Handler.hits.clear()
    refusal(fetch_url, server + "/chain/0")
    assert len([h for h in _Handler.hits if h.startswith("/chain/")]) == fetching.MAX_REDIRECTS + 1


def test_every_redirect_hop_is_rechecked(server, allow_private, monkeypatch):
    """A public page that redirects to a private address must be refused at the hop."""
    real = fetching.refused_address
    # Pretend 127.0.0.1 (the test server) is public and 127.0.0.2 is private.
    monkeypatch.setattr(fetching, "refused_address", lambda a: "private" if a == "127.0.0.2" else None)
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    _Handler.hits.clear()
    message = refusal(fetch_url, server + "/to-other-host")
    assert "127.0.0.2" in message and "private" in message
    assert _Handler.hits == ["/to-other-host"]
    assert real("127.0.0.2") == "loopback"


def test_size_cap_with_and_without_content_length(server, allow_private):
    small = Limits(max_upload_bytes=10_000)
    assert "download limit" in refusal(fetch_url, server + "/big", small)
    assert "download limit" in refusal(fetch_url, server + "/big-unsized", small)
    assert len(fetch_url(server + "/big").text) == 50_000


def test_compressed_bodies_are_inflated_within_the_cap(server, allow_private):
    assert ARTICLE_P1 in fetch_url(server + "/gzipped").text
    assert "download limit" in refusal(fetch_url, server + "/gzip-bomb", Limits(max_upload_bytes=100_000))
    assert "unsupported encoding" in refusal(fetch_url, server + "/brotli")


def test_declared_charset_and_non_ascii_paths(server, allow_private):
    assert CYRILLIC_P.strip() in fetch_url(server + "/cyrillic").text
    assert fetch_url(server + "/caf\u00e9 news").text == "Found by an escaped path."
    assert fetch_url(server + "/caf%C3%A9%20news").text == "Found by an escaped path."


def test_pdf_past_the_article_limit_is_refused_early():
    data = make_pdf(["A line of text that is long enough."] * 3)
    message = refusal(read_upload, "long.pdf", data, Limits(max_article_chars=50))
    assert "long.pdf" in message and "STANCELENS_MAX_ARTICLE_CHARS" in message


def test_slow_dns_is_bounded_by_the_timeout(monkeypatch, allow_private):
    def slow(*args, **kwargs):
        time.sleep(2.0)
        raise socket.gaierror("too late")

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    t0 = time.monotonic()
    assert "timed out resolving" in refusal(fetch_url, "http://slow-dns.example/", timeout_s=0.3)
    assert time.monotonic() - t0 < 1.5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["a.txt", "a.md", "a.html", "a.docx", "a.pdf", "noext", "a.xyz"]),
       data=st.one_of(st.binary(max_size=2000),
                      st.text(max_size=500).map(lambda t: t.encode("utf-8")),
                      st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
                      st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b)))
def test_any_bytes_give_a_document_or_one_clear_refusal(name, data):
    """Whatever a reader uploads, the page gets text or a one-line InputError, never a crash."""
    try:
        doc = read_upload(name, data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(doc.text, str) and doc.text.strip()


def test_timeouts_are_enforced_overall(server, allow_private):
    t0 = time.monotonic()
    assert "timed out" in refusal(fetch_url, server + "/slow", timeout_s=0.3)
    # a server that keeps sending a byte at a time is stopped by the overall deadline
    assert "timed out" in refusal(fetch_url, server + "/drip", timeout_s=0.5)
    assert time.monotonic() - t0 < 2.5


def test_hostile_names_cannot_break_or_spoof_the_message_line(tmp_path):
    message = refusal(read_upload, "evil\nname\u202egnp.exe", b"data")
    assert "\\x0a" in message and "\\u202e" in message
    assert "\u202e" not in message
    message = refusal(fetch_url, "ftp://x/\u202eabc\r\nInjected: yes")
    assert "\u202e" not in message and "\r" not in message
    assert "at most" in refusal(fetch_url, "http://example.com/" + "a" * 5000)


def test_unresolvable_host_and_bad_url(allow_private):
    assert "cannot resolve" in refusal(fetch_url, "http://no-such-host.invalid/x")
    assert "cannot resolve" in refusal(fetch_url, "http://b\u00fccher.invalid/x")
    assert "valid URL" in refusal(fetch_url, "http://[::1/x")
    assert "no host" in refusal(fetch_url, "http:///path-only")


# ---------------------------------------------------------------------------------------------
# HTTPS: the connection is pinned to the checked address, yet TLS still verifies the host name


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory) -> Iterator[tuple[int, str]]:
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")

    def ossl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True, timeout=60)

    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
         "-subj", "/CN=StanceLens test CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=localhost")
    (d / "ext.cnf").write_text("subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n")
    ossl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(d / "srv.pem", d / "srv.key")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], str(d / "ca.pem")
    httpd.shutdown()
    httpd.server_close()


def test_https_verifies_the_certificate_and_host_name(tls_server, allow_private, monkeypatch):
    port, ca = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", ca)
    doc = fetch_url(f"https://localhost:{port}/article", timeout_s=10)
    assert ARTICLE_P1 in doc.text and doc.title == "Grain talks to resume"
    # the certificate names localhost, not 127.0.0.1: the same server by address must fail
    message = refusal(fetch_url, f"https://127.0.0.1:{port}/article", timeout_s=10)
    assert "TLS error" in message and ("match" in message or "mismatch" in message), message
    # and a certificate from an unknown CA fails
    monkeypatch.setenv("SSL_CERT_FILE", str(Path(ca).with_name("srv.pem")))
    message = refusal(fetch_url, f"https://localhost:{port}/article", timeout_s=10)
    assert "TLS error" in message and "certificate" in message, message
