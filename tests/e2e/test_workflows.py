"""The reader's workflows in real Chromium: URL, .docx and .pdf uploads, two articles compared,
and a click on a chart bar that filters the article to one actor."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from components.sample import SAMPLE_ARTICLE
from test_sources import make_pdf

pytestmark = pytest.mark.e2e

SECOND = """Kremlin welcomes talk of easing sanctions

MOSCOW — Kirill Dmitriev said on Wednesday that sanctions relief was now within reach. "Lifting the sanctions is good for everyone," Dmitriev said. "We are ready to do business."

"Nothing has been decided," Marco Rubio said in Washington.
"""


def _text_box(page):
    return page.get_by_label("Article text (check or edit before analysis)")


def _analyze_and_wait(page, button: str = "Analyze") -> None:
    page.get_by_role("button", name=button).click()
    page.locator("mark.sl-quote").first.wait_for(timeout=180_000)


def _wait_for_text(page, needle: str) -> None:
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('textarea')].some(t => t.value.includes(n))", arg=needle,
        timeout=60_000,
    )


@pytest.fixture
def article_server(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in SAMPLE_ARTICLE.split("\n\n")[1:])
    (tmp_path / "story.html").write_text(
        f"<html><head><title>Envoys trade warnings</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Envoys trade warnings</h1>{body}</article></body></html>", encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_url_fetch_then_analyze(page, article_server):
    page.get_by_role("tab", name="From a URL").click()
    page.get_by_label("Article URL").fill(f"{article_server}/story.html")
    page.get_by_role("button", name="Fetch").click()
    _wait_for_text(page, "Kirill Dmitriev")
    _analyze_and_wait(page)
    titles = page.locator("mark.sl-quote").evaluate_all("els => els.map(e => e.title)")
    assert any("Kirill Dmitriev" in t for t in titles)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_file_upload_then_analyze(page, tmp_path, kind):
    path = tmp_path / f"article.{kind}"
    if kind == "docx":
        import docx

        document = docx.Document()
        for paragraph in SECOND.split("\n\n"):
            document.add_paragraph(paragraph.strip())
        document.save(path)
        needle = "ready to do business"
    else:
        path.write_bytes(make_pdf(["Ministers clash over the levy.",
                                   "\\223This tax is fair,\\224 said Sarah Okafor, the finance minister.",
                                   "\\223It will cost jobs,\\224 Daniel Brandt said."]))
        needle = "This tax is fair"
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("input[type=file]").set_input_files(str(path))
    _wait_for_text(page, needle)
    _analyze_and_wait(page)
    assert page.locator("mark.sl-quote").count() >= 2


def test_two_articles_compared(page):
    page.get_by_role("button", name="Load sample article").click()
    _wait_for_text(page, "Kirill Dmitriev")
    page.get_by_role("button", name="Add another article").click()
    page.get_by_role("radio", name="2. (empty)").wait_for(timeout=30_000)
    page.wait_for_function(  # the new, empty box has replaced the first article's
        "() => { const t = document.querySelectorAll('textarea'); return t.length === 1 && t[0].value === ''; }")
    box = _text_box(page)
    box.fill(SECOND)
    box.press("Control+Enter")
    page.get_by_role("button", name="Analyze all 2 articles").click()
    page.get_by_role("tab", name="Compare").wait_for(timeout=180_000)
    page.get_by_role("tab", name="Compare").click()
    chart = page.locator(".js-plotly-plot", has_text="Net stance by actor, topic and article")
    chart.wait_for(timeout=60_000)
    labels = chart.locator(".ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert "Kirill Dmitriev" in labels and "Marco Rubio" in labels
    assert page.dialogs == []


def test_clicking_an_actor_bar_filters_the_article(page):
    page.get_by_role("button", name="Load sample article").click()
    _wait_for_text(page, "Kirill Dmitriev")
    _analyze_and_wait(page)
    total = page.locator("mark.sl-quote").count()
    chart = page.locator(".js-plotly-plot", has_text="Quotes per actor")
    chart.wait_for(timeout=60_000)
    labels = chart.locator(".ytick text").evaluate_all("els => els.map(e => e.textContent)")
    bars = chart.locator(".barlayer .trace").first.locator(".point path")
    target = labels.index("Kirill Dmitriev")
    bars.nth(target).click(force=True)
    page.wait_for_function(
        "(n) => document.querySelectorAll('mark.sl-quote').length > 0 && "
        "document.querySelectorAll('mark.sl-quote').length < n", arg=total, timeout=60_000)
    titles = page.locator("mark.sl-quote").evaluate_all("els => els.map(e => e.title)")
    assert titles and all("Speaker: Kirill Dmitriev" in t for t in titles), titles


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_readable_and_no_horizontal_scroll_at_1280(page, app_url, theme):
    page.goto(f"{app_url}/?embed=true&embed_options={theme}_theme")
    page.get_by_role("button", name="Load sample article").click()
    _wait_for_text(page, "Kirill Dmitriev")
    _analyze_and_wait(page)
    color = page.locator(".sl-article").evaluate("e => getComputedStyle(e).color")
    r, g, b = (int(x) for x in color[color.index("(") + 1:color.index(")")].split(",")[:3])
    brightness = (r * 299 + g * 587 + b * 114) / 1000
    assert (brightness > 150) if theme == "dark" else (brightness < 110), color
    overflow = page.evaluate(
        "() => [document.documentElement, document.querySelector('[data-testid=stMain]')]"
        ".filter(Boolean).map(e => e.scrollWidth - e.clientWidth)")
    assert max(overflow) <= 1, overflow
