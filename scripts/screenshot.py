"""Take the README's screenshots in Debian's chromium: the dashboard on the sample article
(docs/dashboard.png) and two articles compared (docs/compare.png).

    .venv/bin/python scripts/screenshot.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.dashboard_server import CHROMIUM, CHROMIUM_ARGS, ROOT, running_dashboard


SECOND_ARTICLE = """Kremlin welcomes talk of easing sanctions

MOSCOW — Kirill Dmitriev said on Wednesday that sanctions relief was now within reach. "Lifting the sanctions is good for everyone," Dmitriev said. "We are ready to do business again."

"Nothing has been decided, and pressure will stay until the war in Ukraine ends," Marco Rubio said in Washington.

Volodymyr Zelensky warned that any easing now would only prolong the war.
"""


def _full_page(page, path: str) -> None:
    """Streamlit scrolls inside its own container: grow the viewport to the content first."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(height + 100, 6000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=path, full_page=True)


def main(out: str) -> None:
    with running_dashboard() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.get_by_role("button", name="Load sample article").click()
        page.wait_for_function("() => document.querySelector('textarea').value.includes('Dmitriev')")
        page.get_by_role("button", name="Analyze").click()
        page.locator("mark.sl-quote").first.wait_for(timeout=180_000)
        _full_page(page, str(Path(out) / "dashboard.png"))
        page.set_viewport_size({"width": 1280, "height": 800})
        page.get_by_role("button", name="Add another article").click()
        page.wait_for_function(
            "() => { const t = document.querySelectorAll('textarea'); return t.length === 1 && t[0].value === ''; }")
        box = page.locator("textarea")
        box.fill(SECOND_ARTICLE)
        box.press("Control+Enter")
        page.get_by_role("button", name="Analyze all 2 articles").click()
        page.get_by_role("tab", name="Compare").wait_for(timeout=180_000)
        page.get_by_role("tab", name="Compare").click()
        page.locator(".js-plotly-plot", has_text="Net stance by actor, topic and article").wait_for()
        page.wait_for_timeout(1500)
        page.locator(".js-plotly-plot", has_text="Net stance by actor, topic and article").screenshot(
            path=str(Path(out) / "compare.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs"))
