"""What a reader does: paste an article, press Analyze, read the result — in real Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

ARTICLE = """Ministers clash over the new climate levy

The finance minister, Sarah Okafor, defended the levy on Monday. "This tax is the fairest way to pay for cleaner air," Okafor told reporters in the capital. "Every family will get the money back."

Opposition leader Daniel Brandt rejected the plan. "It is a tax on working people and it will cost jobs," Brandt said. He added that his party would repeal it.

Economists were divided on the likely effect on prices.
"""

HOSTILE = """Officials trade claims <script>window.__pwned = 1; alert('xss')</script>

"We will never accept this <img id="evil-img" src=x onerror=alert(1)> deal," said Maria Lopez, the union leader.
A spokesman said the company was <b id="evil-b">open</b> to talks. [click](javascript:alert(3)) ![i](http://127.0.0.1:9/x.png)
<iframe id="evil-frame" src="javascript:alert(4)"></iframe> <a id="evil-link" href="javascript:alert(5)">win</a>
"Prices &amp; wages &lt;b&gt; will rise," said Tom <svg onload=alert(6)> Reed. Reversed: ‮evil‬ text.
"""


def _analyze(page, text: str) -> None:
    box = page.get_by_label("Article text")
    box.fill(text)
    box.press("Control+Enter")
    page.get_by_role("button", name="Analyze").click()
    page.get_by_text("Summary", exact=True).wait_for(timeout=120_000)


def test_paste_analyze_shows_summary_chart_and_highlights(page):
    _analyze(page, ARTICLE)
    summary = page.locator(".sl-summary")
    summary.wait_for(timeout=60_000)
    assert "levy" in summary.inner_text() or "tax" in summary.inner_text()
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    assert page.locator(".js-plotly-plot").count() >= 1
    marks = page.locator("mark.sl-quote")
    marks.first.wait_for(timeout=30_000)
    assert marks.count() >= 3
    titles = [marks.nth(i).get_attribute("title") for i in range(marks.count())]
    assert any("Okafor" in t for t in titles), titles
    assert any("Brandt" in t for t in titles), titles
    assert page.dialogs == []


def test_hostile_article_renders_as_text(page):
    _analyze(page, HOSTILE)
    article = page.locator(".sl-article")
    article.wait_for(timeout=60_000)
    shown = article.inner_text()
    assert "<script>" in shown and "onerror=alert(1)" in shown and "<iframe" in shown
    assert "&amp;" in shown  # entities are shown as typed, not decoded into markup
    assert "[U+202E]" in shown  # a direction override cannot reorder the page
    assert article.locator("script, img, b, a, iframe, svg").count() == 0
    injected = page.evaluate(
        "() => ['evil-img', 'evil-b', 'evil-frame', 'evil-link'].filter(id => document.getElementById(id))")
    assert injected == []
    assert page.locator("iframe#evil-frame, a[href^='javascript']").count() == 0
    assert page.evaluate("() => window.__pwned === undefined")
    marked = page.locator("mark.sl-quote").all_inner_texts()
    assert any("<img" in m for m in marked), marked  # the quote itself is highlighted, markup shown as text
    page.wait_for_timeout(1000)  # give any stray handler time to fire
    assert page.dialogs == []
