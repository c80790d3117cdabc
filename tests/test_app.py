"""Streamlit AppTest of the page: the reader's flow without a browser, on the embedded models."""

from __future__ import annotations

from pathlib import Path

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
        at.text_area(key="article_text_0").set_value(text)
    at.button(key="analyze").click().run()
    assert not at.exception, at.exception
    return at


def result(at: AppTest, article_id: int = 0):
    """The Analysis stored for an article, or None."""
    stored = at.session_state["results"].get(article_id) if "results" in at.session_state else None
    return stored.analysis if stored else None


def html_bodies(at: AppTest) -> str:
    return "\n".join(str(el.proto.body) for el in at.get("html"))


def test_empty_text_gives_one_clear_message():
    at = analyze(new_app(), "   \n  ")
    assert any("empty" in e.value for e in at.error)
    assert result(at) is None


def test_too_long_paste_is_refused_with_the_limit():
    at = analyze(new_app(), "word " * 250_000)
    assert any("limit" in e.value for e in at.error)


def test_sample_article_full_flow():
    at = new_app()
    at.button(key="load_sample_0").click().run()
    assert at.text_area(key="article_text_0").value == SAMPLE_ARTICLE
    at = analyze(at)
    analysis = result(at)
    assert len(analysis.quotes) >= 6
    assert 3 <= len(analysis.targets) <= 5, analysis.targets
    assert at.multiselect(key="topics").value == analysis.targets  # suggestions shown for editing
    assert "Where they stand" in [h.value for h in at.subheader]  # the digest, on the suggested topics
    assert [b.label for b in at.button if (b.key or "").startswith("a0-digest-")] == [d.text for d in analysis.digest]
    assert [s.value for s in at.subheader][:2] == ["Where they stand", "Summary"]  # the digest first
    bodies = html_bodies(at)
    assert "sl-summary" in bodies and 'class="sl-quote' in bodies
    charts = at.get("plotly_chart")
    assert len(charts) >= 3
    assert at.dataframe[-1].value.shape[0] == len(analysis.quotes)
    speakers = {q.speaker for q in analysis.quotes}
    assert "Kirill Dmitriev" in speakers and "Marco Rubio" in speakers


def test_topics_chosen_by_reader_are_used_and_switch_the_highlights():
    at = new_app()
    at.text_area(key="article_text_0").set_value(SAMPLE_ARTICLE)
    at.multiselect(key="topics").set_value(["lifting sanctions on Russia", "the war in Ukraine"])
    at = analyze(at)
    analysis = result(at)
    assert analysis.targets == ["lifting sanctions on Russia", "the war in Ukraine"]
    assert all(set(q.stance) == set(analysis.targets) for q in analysis.quotes)
    first = html_bodies(at)
    at.selectbox(key="a0-topic").set_value("the war in Ukraine").run()
    assert "Stance on <b>the war in Ukraine</b>" in html_bodies(at)
    assert html_bodies(at) != first
    at.selectbox(key="a0-topic").set_value("speakers (no topic)").run()
    assert "Colours mark speakers" in html_bodies(at)


def test_actor_filter_limits_table_and_highlights():
    at = analyze(new_app(), SAMPLE_ARTICLE)
    at.multiselect(key="a0-actors").set_value(["Marco Rubio"]).run()
    table = at.dataframe[-1].value
    assert set(table["speaker"]) == {"Marco Rubio"}
    assert html_bodies(at).count('class="sl-quote') == len(table)


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
    at.selectbox(key="a0-topic").set_value("speakers (no topic)").run()
    assert len(calls) == 1


def test_missing_model_falls_back_with_a_visible_warning(tmp_path):
    at = new_app()
    at.text_input(key="summarizer_name").set_value(str(tmp_path / "no-such-model"))
    at.multiselect(key="topics").set_value(["sanctions"])
    at = analyze(at, SAMPLE_ARTICLE)
    assert any("embedded" in w.value and "no-such-model" in w.value for w in at.warning)
    assert result(at).summary is not None


SECOND = """Kremlin welcomes talk of easing sanctions

MOSCOW — Kirill Dmitriev said on Wednesday that sanctions relief was now within reach. "Lifting the sanctions is good for everyone," Dmitriev said. "We are ready to do business."

Marco Rubio said that no decision had been taken.
"""


def test_two_articles_are_compared_and_each_keeps_its_own_results():
    at = new_app()
    at.text_area(key="article_text_0").set_value(SAMPLE_ARTICLE)
    at.button(key="add_article").click().run()
    assert at.text_area(key="article_text_1").value == ""
    at.text_area(key="article_text_1").set_value(SECOND)
    at.multiselect(key="topics").set_value(["lifting sanctions on Russia"])
    at = analyze(at)
    first, second = result(at, 0), result(at, 1)
    assert first and second and first.quotes and second.quotes
    assert second.targets == first.targets == ["lifting sanctions on Russia"]
    assert len(at.tabs) >= 4  # Compare + one per article (+ the input tabs)
    compare = next(c for c in at.get("plotly_chart") if "Net stance by actor, topic and article" in c.proto.spec)
    assert "Kirill Dmitriev" in compare.proto.spec and "Marco Rubio" in compare.proto.spec
    # a bad third article is reported by name and the first two stay analysed
    at.button(key="add_article").click().run()
    at.text_area(key="article_text_2").set_value("x" * 500_000)
    at = analyze(at)
    assert any(e.value.startswith("3.") and "limit" in e.value for e in at.error)
    assert result(at, 0) is not None and result(at, 1) is not None


def test_url_fetch_fills_the_text_for_checking(tmp_path, monkeypatch):
    import http.server
    import threading
    from functools import partial

    page = tmp_path / "story.html"
    body = "".join(f"<p>{para}</p>" for para in SAMPLE_ARTICLE.split("\n\n")[1:])
    page.write_text(f"<html><head><title>Envoys trade warnings</title></head><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("STANCELENS_ALLOW_PRIVATE_URLS", "1")
    try:
        at = new_app()
        at.text_input(key="url_0").set_value(f"http://127.0.0.1:{server.server_port}/story.html")
        at.button(key="fetch_0").click().run()
        assert "Kirill Dmitriev" in at.text_area(key="article_text_0").value
        at.text_input(key="url_0").set_value(f"http://127.0.0.1:{server.server_port}/missing.html")
        at.button(key="fetch_0").click().run()
        assert any("404" in e.value for e in at.error)
        assert "Kirill Dmitriev" in at.text_area(key="article_text_0").value  # nothing lost
    finally:
        server.shutdown()


def test_private_urls_are_refused_by_default(monkeypatch):
    monkeypatch.delenv("STANCELENS_ALLOW_PRIVATE_URLS", raising=False)
    at = new_app()
    at.text_input(key="url_0").set_value("http://127.0.0.1:9/")
    at.button(key="fetch_0").click().run()
    assert len(at.error) == 1 and not at.exception


def test_abstractive_summarizer_from_a_local_folder_is_labelled_on_the_page(tmp_path):
    from tiny_seq2seq import build_tiny_bart

    folder = build_tiny_bart(tmp_path / "tiny-bart")
    at = new_app()
    at.text_input(key="summarizer_name").set_value(str(folder))
    at.multiselect(key="topics").set_value(["sanctions"])
    at = analyze(at, SAMPLE_ARTICLE)
    analysis = result(at)
    assert analysis.summary.method.startswith("abstractive:")
    assert not any("embedded" in w.value for w in at.warning)
    assert any(c.value.startswith("Abstractive summary generated by") for c in at.caption)
    assert 'class="sl-quote"' in html_bodies(at)  # quotes still shown with the slow summarizer


def test_reanalysis_with_other_actors_keeps_the_page_working():
    at = analyze(new_app(), SAMPLE_ARTICLE)
    at.multiselect(key="a0-actors").set_value(["Marco Rubio"]).run()
    at = analyze(at, SECOND.replace("Marco Rubio", "Kaja Kallas"))
    assert not at.exception
    assert at.multiselect(key="a0-actors").value == []
    assert "Kaja Kallas" in {q.speaker for q in result(at).quotes}


def test_reader_can_rename_and_merge_actors_and_the_table_follows():
    at = analyze(new_app(), SAMPLE_ARTICLE)
    before = at.dataframe[-1].value
    # what the actor editor stores when the reader types the same new name for two actors
    at.session_state["a0-renames"] = {"Kirill Dmitriev": "The envoys", "Marco Rubio": "The envoys"}
    at.run()
    assert not at.exception
    table = at.dataframe[-1].value
    assert "Kirill Dmitriev" not in set(table["speaker"]) and "Marco Rubio" not in set(table["speaker"])
    merged = (before["speaker"].isin(["Kirill Dmitriev", "Marco Rubio"])).sum()
    assert (table["speaker"] == "The envoys").sum() == merged
    assert 'Speaker: The envoys' in html_bodies(at)
    assert at.session_state["a0-renames"]["Marco Rubio"] == "The envoys"  # the editor kept the renames


def test_a_new_result_starts_from_a_clean_view():
    """Renames and the actor filter name actors of the old result; a new analysis drops them
    (a kept data-editor edit would otherwise rename whichever actor now sits in that row)."""
    at = analyze(new_app(), SAMPLE_ARTICLE)
    at.session_state["a0-renames"] = {"Kirill Dmitriev": "The envoy"}
    at.multiselect(key="a0-actors").set_value(["Marco Rubio"]).run()
    at = analyze(at, SECOND)
    assert not at.exception
    assert "a0-renames" not in at.session_state or not at.session_state["a0-renames"]
    assert "The envoy" not in set(at.dataframe[-1].value["speaker"])
    assert at.multiselect(key="a0-actors").value == []


def test_analyze_again_on_unchanged_text_keeps_the_readers_view():
    """Pressing Analyze twice on the same article must not wipe the reader's renames and
    filters: the second press is served from the result cache as a new, equal object (or, after
    topics were suggested, recomputed as an equal result), and the view is only reset for a
    result that differs."""
    at = analyze(new_app(), SAMPLE_ARTICLE)
    first = result(at)
    at.session_state["a0-renames"] = {"Kirill Dmitriev": "The envoy"}
    at.multiselect(key="a0-actors").set_value(["Marco Rubio"]).run()
    at = analyze(at)  # same text, the suggested topics now in the editor
    assert not at.exception
    assert result(at).to_dict()["quotes"] == first.to_dict()["quotes"]
    assert at.session_state["a0-renames"] == {"Kirill Dmitriev": "The envoy"}
    assert at.multiselect(key="a0-actors").value == ["Marco Rubio"]
    at = analyze(at)  # and a third press, now straight from the result cache
    assert at.session_state["a0-renames"] == {"Kirill Dmitriev": "The envoy"}
    assert at.multiselect(key="a0-actors").value == ["Marco Rubio"]
    assert set(at.dataframe[-1].value["speaker"]) == {"Marco Rubio"}  # the filter still applies


def test_unsure_stances_are_marked_low_confidence_on_the_page(monkeypatch):
    """With a classifier that is sure only about quotes mentioning sanctions, exactly the other
    quotes are drawn paler and say "low confidence" on hover, and the legend explains it."""
    import models.stance
    from models.schema import Stance

    class HalfSure:
        name = "test:half-sure"

        def predict(self, inputs):
            return [Stance.from_scores({"favor": 0.9, "against": 0.05, "neutral": 0.05})
                    if "sanction" in i.premise().lower() else
                    Stance.from_scores({"favor": 0.2, "against": 0.35, "neutral": 0.45}) for i in inputs]

    monkeypatch.setattr(models.stance, "get_stance_classifier", lambda name, **kw: HalfSure())
    text = SAMPLE_ARTICLE.replace("Tuesday", "Wednesday")  # not in the result cache from other tests
    at = new_app()
    at.multiselect(key="topics").set_value(["lifting sanctions on Russia"])
    at = analyze(at, text)
    analysis = result(at)
    unsure = [q for q in analysis.quotes if q.stance["lifting sanctions on Russia"].low_confidence]
    assert 0 < len(unsure) < len(analysis.quotes)
    bodies = html_bodies(at)
    assert bodies.count("sl-low-confidence") == len(unsure)
    assert "low confidence" in bodies and "paler, dotted: low confidence" in bodies


def _reader_fix(at: AppTest, text: str, *fixes) -> None:
    """What the quote table stores when the reader edits a row (the data editor itself is
    driven in the browser test, tests/e2e)."""
    import hashlib

    at.session_state["reader_corrections"] = {hashlib.sha256(text.encode()).hexdigest(): list(fixes)}
    at.run()
    assert not at.exception, at.exception


def test_digest_sentences_filter_the_page_to_their_actor_and_topic():
    at = new_app()
    at.multiselect(key="topics").set_value(["lifting sanctions on Russia", "the war in Ukraine"])
    at = analyze(at, SAMPLE_ARTICLE)
    analysis = result(at)
    assert analysis.digest, "the sample article has confident sides"
    assert "Where they stand" in [h.value for h in at.subheader]
    line = analysis.digest[0]
    button = at.button(key="a0-digest-0")
    assert button.label == line.text
    button.click().run()
    assert not at.exception
    assert at.multiselect(key="a0-actors").value == [line.actor]
    assert at.selectbox(key="a0-topic").value == line.targets[0]
    assert set(at.dataframe[-1].value["speaker"]) == {line.actor}


def test_corrections_change_table_digest_and_highlights_survive_reanalysis_and_undo():
    from models.schema import Correction

    topic = "lifting sanctions on Russia"
    at = new_app()
    at.multiselect(key="topics").set_value([topic])
    at = analyze(at, SAMPLE_ARTICLE)
    model = result(at)
    quote = next(q for q in model.quotes if q.speaker == "Marco Rubio")
    flipped = "favor" if quote.stance[topic].label != "favor" else "against"
    fixes = [Correction("stance", quote.start, quote.end, quote.text, value=flipped, target=topic),
             Correction("speaker", quote.start, quote.end, quote.text, value="Kaja Kallas")]
    _reader_fix(at, SAMPLE_ARTICLE, *fixes)
    table = at.dataframe[-1].value
    row = table[table["id"] == quote.id].iloc[0]
    assert (row["speaker"], row["speaker set by"], row[f"stance: {topic}"], row[f"set by: {topic}"]) == (
        "Kaja Kallas", "you ✎", flipped, "you ✎")
    digest = [b.label for b in at.button if b.key and b.key.startswith("a0-digest-")]
    assert any(label.startswith("Kaja Kallas (1 quote)") for label in digest)
    assert "Kaja Kallas✎" in html_bodies(at)
    assert result(at).to_dict() == model.to_dict()  # the model's result is never overwritten

    at = analyze(at)  # the same text again: the corrections are kept
    assert "Kaja Kallas" in set(at.dataframe[-1].value["speaker"])
    at.button(key="a0-table-undo").click().run()  # one undo takes back the speaker only
    table = at.dataframe[-1].value
    row = table[table["id"] == quote.id].iloc[0]
    assert (row["speaker"], row[f"stance: {topic}"]) == ("Marco Rubio", flipped)
    at.button(key="a0-table-clear").click().run()
    row = at.dataframe[-1].value.set_index("id").loc[quote.id]
    assert row[f"set by: {topic}"] == "model"


def test_four_reader_labels_on_a_topic_teach_an_adapter_that_rescores_the_rest():
    from models.schema import Correction

    topic = "lifting sanctions on Russia"
    at = new_app()
    at.multiselect(key="topics").set_value([topic])
    at = analyze(at, SAMPLE_ARTICLE)
    quotes = sorted(result(at).quotes, key=lambda q: q.start)
    labelled = quotes[:4]
    # both sides, and against the model on purpose: an adapter is only fitted where the model
    # disagrees with the reader
    wanted = ["against", "favor", "against", "favor"]
    fixes = [Correction("stance", q.start, q.end, q.text, value=label, target=topic)
             for q, label in zip(labelled, wanted)]
    _reader_fix(at, SAMPLE_ARTICLE, *fixes)
    table = at.dataframe[-1].value.set_index("id")
    by = table[f"set by: {topic}"]
    assert [by[q.id] for q in labelled] == ["you ✎"] * 4
    assert [table.loc[q.id, f"stance: {topic}"] for q in labelled] == wanted
    others = [q.id for q in quotes[4:]]
    assert others and all(by[i] == "adapter ✧" for i in others)
    assert "Stance learned from your labels on this topic" in html_bodies(at)
