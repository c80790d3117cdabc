"""Waiting for Streamlit in a real browser: shared by the end-to-end tests."""

from __future__ import annotations


def settle(page) -> None:
    """Wait until Streamlit has finished the current run (its status widget says Running)."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')?.innerText.includes('Running')",
        timeout=120_000)
    page.wait_for_timeout(500)
