"""Browser end-to-end fixtures: a real `streamlit run app.py` and Debian's chromium.

Never `playwright install`: Playwright drives /usr/bin/chromium. The server runs offline
(HF_HUB_OFFLINE=1) on a free loopback port; tests wait for real widgets, because Streamlit
renders over a websocket after the first paint.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
from scripts.dashboard_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard

OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def app_url():
    OUTPUT.mkdir(exist_ok=True)
    try:
        with running_dashboard(OUTPUT / "streamlit-server.log", {"STANCELENS_ALLOW_PRIVATE_URLS": "1"}, 90) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(f"{exc}; see test-output/streamlit-server.log")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url, request):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # tests assert no dialog ever fired
    pg.goto(app_url)
    pg.get_by_role("button", name="Analyze").wait_for(timeout=60_000)
    yield pg
    OUTPUT.mkdir(exist_ok=True)
    # Streamlit scrolls inside its own container, so a full-page shot needs a tall viewport.
    height = pg.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight || 800")
    pg.set_viewport_size({"width": 1280, "height": min(max(800, height + 100), 6000)})
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(OUTPUT / f"{request.node.name}.png"), full_page=True)
    context.close()
