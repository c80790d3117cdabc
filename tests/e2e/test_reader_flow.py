"""The reader's first minute in real Chromium: Analyze without topics, read "Where they stand",
click a sentence to filter the article, correct a speaker and a stance in the quote table (the
glide data grid, driven by keyboard as a person would), see article, digest and JSON export
follow, analyse again and keep the corrections, undo them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.e2e.streamlit_wait import settle

pytestmark = pytest.mark.e2e

ARTICLE = """Council approves the harbour redevelopment plan

The mayor, Ines Duarte, defended the harbour redevelopment plan on Monday. "This plan will bring jobs and a new waterfront to the city," Duarte told the council. "We have waited long enough."

Councillor Peter Holm opposed the plan. "It hands public land to developers and the parking garage will flood the old town with cars," Holm said. He added that he would take the decision to court.

Residents were divided after a year of debate.
"""


def _analyze(page, text: str) -> None:
    box = page.get_by_label("Article text")
    box.fill(text)
    box.press("Control+Enter")
    page.get_by_role("button", name="Analyze").click()
    page.locator("mark.sl-quote").first.wait_for(timeout=180_000)
    settle(page)


def _titles(page) -> list[str]:
    return page.locator("mark.sl-quote").evaluate_all("els => els.map(e => e.title)")


def _open_first_row_cell(page, column: int) -> None:
    """Select the quote table's first row at `column` (0 = id) and open its editor (Enter), as a
    person does with the keyboard: click the row's first cell, then arrow right."""
    settle(page)
    grid = page.get_by_test_id("stDataFrame").last
    grid.scroll_into_view_if_needed()
    # an earlier try's arrow keys may have scrolled the grid sideways: the click must hit the id
    grid.locator(".dvn-scroller").evaluate("el => { el.scrollLeft = 0; el.scrollTop = 0; }")
    page.wait_for_timeout(200)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # header and rows are ~35 px high
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")


def _open_first_row_editor(page, column: int, ready) -> bool:
    """Open the first row's cell editor at `column` until `ready()` (a wait that raises on
    timeout) says it is on screen; False after four tries. The grid drops keys sent while the
    page still reruns (the speaker edit failed about 1 run in 10 under load, and CI once timed
    out on a dropdown), so each try starts again from a settled page."""
    for _ in range(4):
        _open_first_row_cell(page, column)
        try:
            ready()
            return True
        except Exception:
            page.keyboard.press("Escape")
    return False


def _choose_in_first_row(page, column: int, label: str) -> None:
    """Open the first row's dropdown cell at `column` and click the option `label`, as a person
    does."""
    option = page.get_by_role("option", name=label, exact=True)
    if _open_first_row_editor(page, column, lambda: option.wait_for(timeout=10_000)):
        option.click()
        return
    shown = page.get_by_role("option").all_inner_texts()
    shot = Path(__file__).resolve().parents[2] / "test-output" / "dropdown-never-opened.png"
    page.screenshot(path=str(shot))  # what the grid showed instead
    raise AssertionError(f"the dropdown at column {column} never offered {label!r} (options: {shown})")


def _download_json(page) -> dict:
    settle(page)
    button = page.get_by_role("button", name="Download analysis (JSON)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    return json.loads(open(download.value.path(), encoding="utf-8").read())


def _edit_first_speaker(page, name: str) -> None:
    """Replace the first row's speaker and commit (Enter); typing starts only once the cell's
    text editor is open and focused."""
    def focused_editor() -> None:
        page.locator("textarea.gdg-input, input.gdg-input").first.wait_for(timeout=10_000)
        page.wait_for_function("() => document.activeElement?.classList.contains('gdg-input')", timeout=5_000)

    assert _open_first_row_editor(page, 1, focused_editor), "the speaker cell's editor never opened"
    page.keyboard.press("Control+A")
    page.keyboard.type(name, delay=30)
    page.keyboard.press("Enter")


def test_suggested_topics_digest_filter_correction_reanalysis_and_undo(page):
    _analyze(page, ARTICLE)
    page.get_by_text("Where they stand", exact=True).wait_for(timeout=60_000)
    # suggested topics were used and are shown for editing
    chips = page.get_by_test_id("stMultiSelectTagsContainer").first.locator("[data-tag]")
    chips.first.wait_for(timeout=60_000)
    assert "harbour redevelopment plan" in chips.first.inner_text(), "the suggested topic fills the editor"

    before = _titles(page)
    _edit_first_speaker(page, "Ana Reyes")
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('mark.sl-quote sup')].some(s => s.innerText.includes('Ana Reyes✎'))",
        timeout=60_000)
    titles = _titles(page)
    assert sum("Speaker set by you" in t for t in titles) == 1
    assert len(titles) == len(before)

    data = _download_json(page)
    assert data["corrections"][0]["field"] == "speaker" and data["corrections"][0]["value"] == "Ana Reyes"
    assert "Ana Reyes" in {a["name"] for a in data["actors"]}

    # correct the first quote's stance on the first topic (columns: id, speaker, not a quote,
    # speaker set by, mention, kind, quote, stance: <first topic>)
    first = min(data["quotes"], key=lambda q: q["start"])
    topic = data["targets"][0]
    label = "against" if first["stance"][topic]["label"] != "against" else "favor"
    digest_before = [line["text"] for line in data["digest"]]
    _choose_in_first_row(page, 7, label)
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('mark.sl-quote')].some(m => m.title.includes('Stance set by you'))",
        timeout=60_000)
    data = _download_json(page)
    fixes = [c for c in data["corrections"] if c["field"] == "stance"]
    assert fixes and fixes[0]["value"] == label and fixes[0]["target"] == topic
    fixed = min(data["quotes"], key=lambda q: q["start"])["stance"][topic]
    assert (fixed["label"], fixed["source"]) == (label, "reader")
    assert [line["text"] for line in data["digest"]] != digest_before  # the digest follows

    # a digest sentence filters the article to its actor
    digest = page.get_by_role("button", name=re.compile(r"\(\d+ quotes?\) "))  # "Name (N quotes) favors ..."
    assert digest.count() >= 1, "the reader's label is a confident side"
    actor = digest.first.inner_text().split(" (")[0]
    digest.first.click()
    settle(page)
    page.wait_for_function(
        "(a) => { const t = [...document.querySelectorAll('mark.sl-quote')].map(e => e.title);"
        " return t.length > 0 && t.every(x => x.includes('Speaker: ' + a)); }", arg=actor, timeout=60_000)
    assert len(_titles(page)) < len(before)

    page.get_by_role("button", name="Analyze").click()  # the same text again keeps the corrections
    page.wait_for_timeout(1500)
    page.wait_for_function(
        "() => [...document.querySelectorAll('mark.sl-quote sup')].some(s => s.innerText.includes('Ana Reyes✎'))",
        timeout=120_000)

    page.get_by_role("button", name="Undo last correction (2 made)").click()  # the stance
    settle(page)
    page.get_by_role("button", name="Undo last correction (1 made)").click()  # the speaker
    page.wait_for_function(
        "() => document.querySelectorAll('mark.sl-quote').length > 0 && "
        "![...document.querySelectorAll('mark.sl-quote sup')].some(s => s.innerText.includes('✎'))",
        timeout=60_000)
    settle(page)

    assert page.dialogs == []
