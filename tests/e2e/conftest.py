"""Browser end-to-end fixtures: a real `streamlit run app.py` and Debian's chromium.

Never `playwright install`: Playwright drives /usr/bin/chromium. The server runs offline
(HF_HUB_OFFLINE=1) on a free loopback port; tests wait for real widgets, because Streamlit
renders over a websocket after the first paint.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM = os.environ.get("STANCELENS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    port = _free_port()
    env = dict(os.environ, HF_HUB_OFFLINE="1", STANCELENS_ALLOW_PRIVATE_URLS="1", PYTHONUNBUFFERED="1")
    OUTPUT.mkdir(exist_ok=True)
    log = open(OUTPUT / "streamlit-server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("streamlit did not start; see test-output/streamlit-server.log")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


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
