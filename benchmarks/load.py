"""Load on the running dashboard: N concurrent browser sessions against 127.0.0.1 only.

    .venv/bin/python benchmarks/load.py [--sessions 20] [--seconds 90]

Starts `streamlit run app.py` on a free loopback port (or uses --url, which must be a loopback
address), opens N sessions in Debian's chromium, and, once all pages are up, has each one paste
its own article, press Analyze and wait for the highlighted quotes, again and again until the
time is up (every session completes at least one analysis). Every article
carries a unique speaker name and a unique marker, so a result shown in the wrong session is
caught: each session checks that its page shows its own marker and no other session's.
Prints completed analyses, errors, cross-session mix-ups and p50/p95 latency.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import statistics
import time
import urllib.parse

from scripts.dashboard_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard

SURNAMES = ["Abara", "Bergstrom", "Castellano", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Haddad",
            "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Petrov",
            "Quintero", "Rasmussen", "Sokolova", "Tanaka", "Umarov", "Valente", "Wojcik", "Xavier"]


def article(session: int, round_no: int) -> tuple[str, str]:
    name = f"Elena {SURNAMES[session % len(SURNAMES)]}"
    marker = f"marker-{session}-{round_no}"
    text = (f"Talks resume on the budget, report {marker}\n\n"
            f"\"We will not accept cuts to the hospitals,\" {name} said on Monday. "
            f"\"The plan must change,\" she added.\n\n"
            f"The finance ministry said that the figures were still under review.\n")
    return text, marker


def _require_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing to load {host}: this benchmark only targets 127.0.0.1")


async def open_session(browser, url: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(300_000)  # 2 cores shared by 20 pages and the server: be patient
    await page.goto(url, timeout=300_000)
    await page.get_by_role("button", name="Analyze").wait_for(timeout=300_000)
    return context, page


async def session_loop(context, page, url: str, session: int, deadline: float, stats: dict) -> None:
    """Analyse one article after another until the deadline; always at least one."""
    try:
        round_no = 0
        while round_no == 0 or time.monotonic() < deadline:
            text, marker = article(session, round_no)
            try:
                box = page.locator("textarea").first
                await box.fill(text)
                await box.press("Control+Enter")
                started = time.perf_counter()
                await page.get_by_role("button", name="Analyze").click()
                await page.wait_for_function(
                    "(m) => { const a = document.querySelector('.sl-article');"
                    " return a && a.innerText.includes(m) && a.querySelector('mark.sl-quote'); }",
                    arg=marker, timeout=180_000)
            except Exception as exc:  # a timeout or a broken page is an error, not a crash of the run
                stats["errors"].append(f"session {session}: {type(exc).__name__}")
                await page.goto(url)
                await page.get_by_role("button", name="Analyze").wait_for(timeout=120_000)
                round_no += 1
                continue
            stats["latency"].append(time.perf_counter() - started)
            shown = await page.locator(".sl-article").inner_text()
            others = [s for s in range(stats["sessions"]) if s != session
                      and f"marker-{s}-" in shown]
            if others or marker not in shown:
                stats["mixups"].append(f"session {session} round {round_no} shows {others}")
            stats["done"] += 1
            round_no += 1
    finally:
        await context.close()


async def run(url: str, sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    stats: dict = {"latency": [], "errors": [], "mixups": [], "done": 0, "sessions": sessions}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        opened = await asyncio.gather(*(open_session(browser, url) for _ in range(sessions)))
        deadline = time.monotonic() + seconds  # the clock starts once every session has its page
        await asyncio.gather(*(session_loop(c, pg, url, i, deadline, stats) for i, (c, pg) in enumerate(opened)))
        await browser.close()
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--url", help="a dashboard already running on 127.0.0.1 (default: start one)")
    args = parser.parse_args()
    with (contextlib.nullcontext(args.url) if args.url else running_dashboard(timeout_s=120)) as url:
        _require_loopback(url)
        started = time.monotonic()
        stats = asyncio.run(run(url, args.sessions, args.seconds))
        wall = time.monotonic() - started
    lat = sorted(stats["latency"])
    p = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan"))
    print("| sessions | wall (s) | completed analyses | errors | cross-session mix-ups | p50 latency (s) | p95 latency (s) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {args.sessions} | {wall:.0f} | {stats['done']} | {len(stats['errors'])} | {len(stats['mixups'])} "
          f"| {statistics.median(lat) if lat else float('nan'):.2f} | {p(0.95):.2f} |")
    for line in (stats["errors"] + stats["mixups"])[:10]:
        print("  ", line)


if __name__ == "__main__":
    main()
