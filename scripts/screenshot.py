"""Take the README's screenshot of the dashboard: sample article, analysed, in Debian's chromium.

    .venv/bin/python scripts/screenshot.py [docs/dashboard.png]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PORT = 8599
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def main(out: str) -> None:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(PORT), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"http://127.0.0.1:{PORT}")
            page.get_by_role("button", name="Load sample article").click()
            page.wait_for_timeout(1500)
            page.get_by_role("button", name="Analyze").click()
            page.locator("mark.sl-quote").first.wait_for(timeout=180_000)
            page.wait_for_timeout(2500)
            height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
            page.set_viewport_size({"width": 1280, "height": min(height + 100, 6000)})
            page.wait_for_timeout(1500)
            page.screenshot(path=out, full_page=True)
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "dashboard.png"))
