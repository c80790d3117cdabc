"""Streamlit AppTest of the page: the reader's flow without a browser, on the embedded models."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.sample import SAMPLE_ARTICLE
from models import pipeline

TIMEOUT = 180
APP = Path(__file__).resolve().parents[1] / "app.py"


def new_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def analyze(at: AppTest, text: str | None = None) -> AppTest:
    if text is not None:
        at.text_area(key="article_text").set_value(text)
    at.button(key="analyze").click().run()
    assert not at.exception, at.exception
    return at


def html_bodies(at: AppTest) -> str:
    return "\n".join(str(el.proto.body) for el in at.get("html"))


def test_empty_text_gives_one_clear_message():
    at = analyze(new_app(), "   \n  ")
    assert any("empty" in e.value for e in at.error)
    assert "analysis" not in at.session_state


def test_too_long_paste_is_refused_with_the_limit():
    at = analyze(new_app(), "word " * 250_000)
    assert any("limit" in e.value for e in at.error)


def test_sample_article_full_flow():
    at = new_app()
    at.button(key="load_sample").click().run()
    assert at.text_area(key="article_text").value == SAMPLE_ARTICLE
    at = analyze(at)
    analysis = at.session_state["analysis"]
    assert len(analysis.quotes) >= 6
    assert 3 <= len(analysis.targets) <= 5, analysis.targets
    assert at.multiselect(key="topics").value == analysis.targets  # suggestions shown for editing
    assert [s.value for s in at.subheader][:1] == ["Summary"]
    bodies = html_bodies(at)
    assert "sl-summary" in bodies and 'class="sl-quote"' in bodies
    charts = at.get("plotly_chart")
    assert len(charts) >= 3
    assert at.dataframe[0].value.shape[0] == len(analysis.quotes)
    speakers = {q.speaker for q in analysis.quotes}
    assert "Kirill Dmitriev" in speakers and "Marco Rubio" in speakers


def test_topics_chosen_by_reader_are_used_and_switch_the_highlights():
    at = new_app()
    at.text_area(key="article_text").set_value(SAMPLE_ARTICLE)
    at.multiselect(key="topics").set_value(["lifting sanctions on Russia", "the war in Ukraine"])
    at = analyze(at)
    analysis = at.session_state["analysis"]
    assert analysis.targets == ["lifting sanctions on Russia", "the war in Ukraine"]
    assert all(set(q.stance) == set(analysis.targets) for q in analysis.quotes)
    first = html_bodies(at)
    at.selectbox(key="main-topic").set_value("the war in Ukraine").run()
    assert "Stance on &#x27;the war in Ukraine&#x27;" in html_bodies(at) or "the war in Ukraine" in html_bodies(at)
    assert html_bodies(at) != first
    at.selectbox(key="main-topic").set_value("speakers (no topic)").run()
    assert "Colours mark speakers" in html_bodies(at)


def test_actor_filter_limits_table_and_highlights():
    at = analyze(new_app(), SAMPLE_ARTICLE)
    at.multiselect(key="main-actors").set_value(["Marco Rubio"]).run()
    table = at.dataframe[0].value
    assert set(table["speaker"]) == {"Marco Rubio"}
    assert html_bodies(at).count('class="sl-quote"') == len(table)


def test_article_without_quotes_shows_empty_state():
    text = "The council met on Monday. It approved the budget for next year. The vote was close."
    at = analyze(new_app(), text)
    assert any("No quotes found" in i.value for i in at.info)


def test_unchanged_analysis_is_not_recomputed(monkeypatch):
    calls = []
    real = pipeline.analyze

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze", counting)
    text = SAMPLE_ARTICLE.replace("Tuesday", "Thursday")  # not in the result cache from other tests
    at = new_app()
    at.multiselect(key="topics").set_value(["sanctions relief"])
    at = analyze(at, text)
    at = analyze(at)
    at.selectbox(key="main-topic").set_value("speakers (no topic)").run()
    assert len(calls) == 1


def test_missing_model_falls_back_with_a_visible_warning(tmp_path):
    at = new_app()
    at.text_input(key="summarizer_name").set_value(str(tmp_path / "no-such-model"))
    at.multiselect(key="topics").set_value(["sanctions"])
    at = analyze(at, SAMPLE_ARTICLE)
    assert any("embedded" in w.value and "no-such-model" in w.value for w in at.warning)
    assert at.session_state["analysis"].summary is not None
