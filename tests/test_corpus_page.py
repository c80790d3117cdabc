"""AppTest of the corpus page (pages/corpus.py) over a small corpus output folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.text_safety import markdown_literal
from tests.corpus_fixtures import TOPIC, build_output, corpus_rows

PAGE = Path(__file__).resolve().parents[1] / "pages" / "corpus.py"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    return build_output(tmp_path_factory.mktemp("corpus") / "out", corpus_rows(12))


def open_page(folder: str) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.run()
    at.text_input(key="corpus_dir").set_value(folder).run()
    assert not at.exception, at.exception
    return at


def test_page_draws_heatmap_time_chart_and_outlets(corpus_dir):
    at = open_page(str(corpus_dir))
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # heat map, over time, outlets
    assert any("**12** articles (0 failed)" in m.value for m in at.markdown)
    assert at.selectbox(key="t_topic").value == TOPIC
    assert len(at.multiselect(key="t_actors").value) >= 2


def test_picking_a_point_lists_its_quotes_and_opens_the_article(corpus_dir):
    at = open_page(str(corpus_dir))
    point = at.selectbox(key="t_point")
    assert len(point.options) > 2
    point.select_index(1).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    label = point.options[1]
    assert len(table) == int(label.split("·")[-1].split()[0])  # the count the point shows
    actor = label.split(" · ")[0]
    assert f"by {markdown_literal(actor)}" in " ".join(m.value for m in at.markdown)
    at.selectbox(key="open_article").select_index(1).run()
    assert not at.exception
    assert any("mark" in str(h.proto.body) for h in at.get("html"))  # the highlighted article


def test_filters_narrow_the_heatmap(corpus_dir):
    at = open_page(str(corpus_dir))
    actors = at.multiselect(key="f_actors").options
    at.multiselect(key="f_actors").set_value([actors[0]]).run()
    assert not at.exception
    assert at.multiselect(key="t_actors").value == [actors[0]]


def test_a_folder_that_is_not_a_corpus_gets_one_message(tmp_path):
    at = open_page(str(tmp_path))
    assert not at.exception
    assert "not a corpus output folder" in at.error[0].value
    assert not at.get("plotly_chart")


def test_clicks_on_the_charts_name_what_was_clicked():
    from components.corpus_views import cell_from_selection, point_from_selection

    cell = {"selection": {"points": [{"customdata": ["O&#x27;Neil &amp; Co", "a topic"]}]}}
    assert cell_from_selection(cell) == ("O'Neil & Co", "a topic")
    point = {"selection": {"points": [{"customdata": ["Kirill Dmitriev", "2026-02-01", 7, 0, 3]}]}}
    assert str(point_from_selection(point)[1]) == "2026-02-01"
    assert cell_from_selection({"selection": {"points": []}}) is None and point_from_selection(None) is None


def test_topics_for_a_corpus_are_the_most_suggested_over_its_articles():
    from collections import Counter

    from models.corpus import suggest_corpus_targets
    from models.corpus.source import CorpusArticle
    from models.pipeline import suggest_targets

    articles = [CorpusArticle(id=r["id"], text=r["text"]) for r in corpus_rows(6)]
    votes = Counter(t.lower() for a in articles for t in suggest_targets(a.text, k=5))
    topics = suggest_corpus_targets(articles, k=3, sample=6)
    assert len(topics) == 3
    assert [votes[t.lower()] for t in topics] == sorted((votes[t.lower()] for t in topics), reverse=True)
    assert min(votes[t.lower()] for t in topics) >= sorted(votes.values(), reverse=True)[2]


def test_names_from_articles_stay_words_in_markdown():
    assert markdown_literal("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert markdown_literal("<b>Kirill</b> *Dmitriev*") == "\\<b\\>Kirill\\</b\\> \\*Dmitriev\\*"


def test_figures_escape_names_once():
    import pandas as pd

    from components.corpus_views import corpus_heatmap_figure, outlet_figure

    heat = pd.DataFrame([{"actor": "Smith & <b>Co</b>", "topic": "tax & spend", "quotes": 3, "favor": 1,
                          "against": 2, "neutral": 0, "net": -1 / 3}])
    fig = corpus_heatmap_figure(heat)
    assert list(fig.data[0].y) == ["Smith &amp; &lt;b&gt;Co&lt;/b&gt;"]  # escaped, and only once
    assert list(fig.data[0].customdata[0]) == ["Smith &amp; &lt;b&gt;Co&lt;/b&gt;", "tax &amp; spend"]
    bars = outlet_figure(heat.assign(outlet="A & B"), "tax & spend")
    assert bars.data[0].name == "Smith &amp; &lt;b&gt;Co&lt;/b&gt;" and list(bars.data[0].x) == ["A &amp; B"]
