"""The corpus page in real Chromium: open a corpus output folder, pick an actor and a topic,
see the time chart, click a point and read the quotes behind it, then click a heat-map cell."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import TOPIC, build_output, corpus_rows

from tests.e2e.streamlit_wait import settle

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    return build_output(tmp_path_factory.mktemp("corpus-e2e") / "out", corpus_rows(10))


def test_open_a_corpus_pick_actor_and_topic_and_read_the_quotes_behind_a_point(browser, app_url, corpus_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.goto(app_url.rstrip("/") + "/corpus")
    box = page.get_by_label("Corpus output folder")
    box.wait_for(timeout=60_000)
    box.fill(str(corpus_dir))
    box.press("Enter")
    page.get_by_text("Net stance by actor and topic").first.wait_for(timeout=60_000)
    settle(page)

    # the topic, then one actor in the time chart's picker (clear the default three first)
    page.get_by_label("Topic", exact=True).click()
    page.get_by_role("option", name=TOPIC, exact=True).click()
    settle(page)
    actors = page.get_by_test_id("stMultiSelect").filter(has_text="Actors on the chart").first
    others = actors.locator("button[aria-label^='Remove ']:not([aria-label='Remove Kirill Dmitriev'])")
    while others.count():
        others.first.click()
        settle(page)
    if not actors.locator("[aria-label='Kirill Dmitriev']").count():
        actors.locator("input").fill("Kirill Dmitriev")
        page.keyboard.press("Enter")
        settle(page)
    assert actors.locator("[data-tag]").count() == 1
    page.get_by_text(f"Stance on “{TOPIC}” by month").first.wait_for(timeout=30_000)

    # click a point of the time chart (the second plot; the heat map is the first)
    point = page.locator(".js-plotly-plot").nth(1).locator(".scatterlayer .point").first
    point.wait_for(timeout=30_000)
    point.click(force=True)
    settle(page)
    heading = page.get_by_text(f"quotes by Kirill Dmitriev on “{TOPIC}”, ", exact=False).first
    heading.wait_for(timeout=30_000)
    assert int(heading.inner_text().split()[0]) > 0
    assert page.get_by_test_id("stDataFrame").count() >= 1

    # and a heat-map cell: the quotes behind it
    page.locator(".js-plotly-plot").first.locator(".scatterlayer .point").first.click(force=True)
    settle(page)
    cell = page.get_by_text("(the cell you clicked)", exact=False).first
    cell.wait_for(timeout=30_000)
    assert int(cell.inner_text().split()[0]) > 0
    page.screenshot(path="test-output/corpus_flow.png", full_page=True)
    context.close()
