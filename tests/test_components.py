"""Unit tests of the page's pure parts: figures, highlighting, table and exports."""

from __future__ import annotations

import csv
import io
import json

from analysis_fixtures import TEXT, make_analysis
from components.charts import net_stance, quotes_per_actor_figure, stance_by_actor_figure, stance_heatmap_figure
from components.export import analysis_json, quotes_csv
from components.highlight import highlighted_html
from components.palette import STANCE_COLORS
from components.quote_table import quotes_dataframe
from models.schema import Analysis, Quote


def test_quotes_per_actor_counts_each_actor_most_quoted_on_top():
    fig = quotes_per_actor_figure(make_analysis())
    direct = next(t for t in fig.data if t.name == "direct")
    assert list(direct.y) == ["Kirill Dmitriev", "Marco Rubio"]  # plotly draws the last on top
    assert list(direct.x) == [1, 2]


def test_stance_chart_puts_against_left_and_favor_right():
    fig = stance_by_actor_figure(make_analysis(), "lifting sanctions")
    by_name = {}
    for trace in fig.data:
        by_name.setdefault(trace.name, []).append(trace)
    rubio = list(by_name["favor"][0].y).index("Marco Rubio")
    # bars are confidence-weighted: Rubio's against quote counts 0.7, his neutral one 0.5
    assert by_name["against"][0].x[rubio] == -0.7
    assert by_name["favor"][0].x[rubio] == 0
    neutral_halves = sorted(t.x[rubio] for t in by_name["neutral"])
    assert neutral_halves == [-0.25, 0.25]
    assert by_name["favor"][0].marker.color == STANCE_COLORS["favor"]
    assert by_name["against"][0].marker.color == STANCE_COLORS["against"]


def test_heatmap_net_stance_is_confidence_weighted_mean():
    analysis = make_analysis()
    fig = stance_heatmap_figure(analysis)
    heat = fig.data[0]
    rubio_row = list(heat.y).index("Marco Rubio")
    expected = (0.7 * (0.1 - 0.7) + 0.5 * (0.2 - 0.3)) / (0.7 + 0.5)
    assert abs(heat.z[rubio_row][0] - round(expected, 3)) < 1e-6
    assert "No relief" in heat.customdata[rubio_row][0]
    assert net_stance([], "x") is None


def test_highlight_escapes_article_html_and_marks_quotes():
    analysis = make_analysis()
    hostile = TEXT + ' <script>alert(1)</script><img src=x onerror="alert(2)">'
    out = highlighted_html(hostile, analysis, target="lifting sanctions")
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count('class="sl-quote') == 3
    assert STANCE_COLORS["against"] in out  # Rubio's quote coloured by stance


def test_unsure_stances_are_drawn_as_unsure():
    """A top score under LOW_CONFIDENCE (Rubio's "Pressure works.", 0.5) is paler and dotted in
    the article, says "low confidence" on hover, and is counted as such in the bar's hover."""
    from models.schema import LOW_CONFIDENCE

    analysis = make_analysis()
    unsure = [q for q in analysis.quotes if q.stance["lifting sanctions"].low_confidence]
    assert [q.text for q in unsure] == ["Pressure works."] and LOW_CONFIDENCE > 0.5
    out = highlighted_html(TEXT, analysis, target="lifting sanctions")
    assert out.count("sl-low-confidence") == 1
    mark = out[out.index("sl-low-confidence"):]
    mark = mark[: mark.index("</mark>")]
    assert "low confidence" in mark and "dotted" in mark and "Pressure works." in mark
    fig = stance_by_actor_figure(analysis, "lifting sanctions")
    neutral = next(t for t in fig.data if t.name == "neutral")
    rubio = list(neutral.y).index("Marco Rubio")
    assert neutral.customdata[rubio][3] == 1 and neutral.customdata[rubio][-1] == "Marco Rubio"
    assert "low confidence" in neutral.hovertemplate


def test_highlight_filters_by_actor_and_survives_bad_offsets():
    analysis = make_analysis()
    out = highlighted_html(TEXT, analysis, actors={"Kirill Dmitriev"})
    assert out.count('class="sl-quote"') == 1
    analysis.quotes.append(Quote(id=9, kind="direct", text="x", start=5, end=10_000))
    assert highlighted_html(TEXT, analysis).count('class="sl-quote"') == 3


def test_highlight_neutralises_direction_overrides():
    text = "abc\u202edef"
    out = highlighted_html(text, Analysis())
    assert "\u202e" not in out and "[U+202E]" in out


def test_table_has_stance_columns_and_filters():
    frame = quotes_dataframe(make_analysis())
    assert list(frame["stance: lifting sanctions"]) == ["favor", "against", "neutral"]
    assert list(frame["confidence: lifting sanctions"]) == [0.8, 0.7, 0.5]
    assert len(quotes_dataframe(make_analysis(), {"Marco Rubio"})) == 2


def test_exports_round_trip_and_defuse_formulas():
    analysis = make_analysis()
    analysis.quotes[0].text = "=HYPERLINK(\"http://evil\")"
    data = json.loads(analysis_json(analysis))
    assert data["schema_version"] == 1 and data["quotes"][0]["stance"]["lifting sanctions"]["label"] == "favor"
    assert Analysis.from_dict(data).to_dict() == data
    rows = list(csv.DictReader(io.StringIO(quotes_csv(analysis))))
    assert rows[0]["quote"].startswith("'=")
    assert rows[1]["stance: lifting sanctions"] == "against"


def test_chart_html_export_is_standalone_and_escapes_the_title():
    from components.export import figures_html

    analysis = make_analysis()
    out = figures_html([quotes_per_actor_figure(analysis), stance_heatmap_figure(analysis)], "<b>x</b>")
    assert out.count("<div id=") >= 2
    # opens offline: plotly.js is inlined once (its banner), never fetched from a CDN
    assert out.count("plotly.js v") == 1 and "<script src=" not in out
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in out


def test_renaming_two_actors_to_one_name_merges_them():
    from components.actor_editor import apply_renames

    analysis = make_analysis()
    merged = apply_renames(analysis, {"Kirill Dmitriev": "Envoys", "Marco Rubio": "Envoys"})
    assert [a.name for a in merged.actors] == ["Envoys"]
    assert merged.actors[0].quote_ids == [0, 1, 2]
    assert {"Kirill Dmitriev", "Marco Rubio", "He"} <= set(merged.actors[0].mentions)
    assert {q.speaker for q in merged.quotes} == {"Envoys"}
    assert analysis.quotes[0].speaker == "Kirill Dmitriev"  # the original is untouched
    renamed = apply_renames(analysis, {"Marco Rubio": "Secretary Rubio", "Kirill Dmitriev": "  "})
    assert {a.name for a in renamed.actors} == {"Secretary Rubio", "Kirill Dmitriev"}
    assert quotes_per_actor_figure(renamed).data[0].y[-1] == "Secretary Rubio"


def test_chart_labels_and_hover_text_from_the_article_are_escaped():
    analysis = make_analysis()
    evil = '<img src=x onerror=alert(1)>'
    analysis.quotes[0].speaker = evil
    analysis.quotes[0].text = "<script>alert(2)</script>"
    analysis.actors[1].name = evil
    figures = [quotes_per_actor_figure(analysis), stance_by_actor_figure(analysis, "lifting sanctions"),
               stance_heatmap_figure(analysis)]
    for fig in figures:
        dumped = json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)
        assert "<img" not in dumped and "<script>" not in dumped
        assert "&lt;img" in dumped
    assert "&lt;script&gt;" in json.dumps(figures[0].to_plotly_json(), default=str)


def test_chart_selection_maps_back_to_the_actor_name():
    from components.charts import actors_from_selection

    analysis = make_analysis()
    analysis.quotes[0].speaker = "O'Neil & Sons <Ltd>"
    fig = quotes_per_actor_figure(analysis)
    point = {"customdata": list(fig.data[0].customdata[0])}
    assert actors_from_selection({"selection": {"points": [point]}}) == ["O'Neil & Sons <Ltd>"]
    assert actors_from_selection(None) == [] and actors_from_selection({"selection": {"points": []}}) == []
