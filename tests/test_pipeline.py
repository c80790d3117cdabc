"""The pipeline end to end on the embedded models: schema, limits, fallbacks, threads, fuzzing."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.sample import SAMPLE_ARTICLE
from models.limits import InputError, Limits
from models.pipeline import AnalysisConfig, analyze, normalize_targets, validate_text
from models.schema import STANCE_LABELS, Analysis

TOPICS = ["lifting sanctions on Russia", "the war in Ukraine"]


def check_valid(analysis: Analysis, text: str) -> None:
    """Every invariant of DESIGN's Analysis JSON."""
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["schema_version"] == 1
    last_end = -1
    for q in sorted(data["quotes"], key=lambda q: q["start"]):
        assert text[q["start"]:q["end"]] == q["text"]
        assert q["start"] >= last_end, "quote spans overlap"
        last_end = q["end"]
        assert q["kind"] in ("direct", "reported")
        for span in (q["speaker_mention"], q["cue"]):
            if span:
                assert text[span["start"]:span["end"]] == span["text"]
        for stance in q["stance"].values():
            assert stance["label"] in STANCE_LABELS
            assert set(stance["scores"]) == set(STANCE_LABELS)
            assert all(0.0 <= v <= 1.0 for v in stance["scores"].values())
            assert abs(sum(stance["scores"].values()) - 1.0) < 1e-3
    ids = {q["id"] for q in data["quotes"]}
    for actor in data["actors"]:
        assert set(actor["quote_ids"]) <= ids
    assert Analysis.from_dict(data).to_dict() == data


def test_sample_article_analysis_is_valid_and_complete():
    analysis = analyze(SAMPLE_ARTICLE, TOPICS)
    check_valid(analysis, SAMPLE_ARTICLE)
    assert analysis.targets == TOPICS
    assert analysis.summary is not None and len(analysis.summary.sentences) == 3
    assert {"quotes", "stance", "summarizer"} <= set(analysis.models)
    assert {"quotes", "stance", "summary", "total"} <= set(analysis.timings_s)
    names = {a.name for a in analysis.actors}
    assert {"Kirill Dmitriev", "Marco Rubio"} <= names
    dmitriev = next(a for a in analysis.actors if a.name == "Kirill Dmitriev")
    assert "Dmitriev" in dmitriev.mentions


def test_no_targets_suggests_topics_and_empty_list_means_none():
    suggested = analyze(SAMPLE_ARTICLE, None)
    assert 3 <= len(suggested.targets) <= 5
    none = analyze(SAMPLE_ARTICLE, [])
    assert none.targets == [] and all(q.stance == {} for q in none.quotes)


@pytest.mark.parametrize("bad", ["", "   \n\t ", None, 42])
def test_empty_or_non_text_is_refused(bad):
    with pytest.raises(InputError):
        validate_text(bad)


def test_over_long_article_is_refused_not_cut():
    with pytest.raises(InputError, match="limit"):
        validate_text("x" * 101, Limits(max_article_chars=100))


def test_topics_are_cleaned_capped_and_explained():
    limits = Limits(max_targets=3, max_target_chars=50)
    topics, warnings = normalize_targets(["  a ", "", "A", "x" * 300, "b", "c", "d"], limits)
    assert topics == ["a", "b", "c"]
    text = " ".join(warnings)
    assert "empty" in text and "duplicate" in text and "300 characters" in text and "first 3" in text


def test_thirty_topics_are_capped_with_a_warning():
    analysis = analyze(SAMPLE_ARTICLE, [f"topic {i}" for i in range(30)])
    assert len(analysis.targets) == Limits().max_targets
    assert any("only the first" in w for w in analysis.warnings)


def test_bad_model_names_fall_back_to_embedded_with_warnings(tmp_path):
    config = AnalysisConfig(summarizer=str(tmp_path / "missing"), stance=str(tmp_path / "missing2"))
    analysis = analyze(SAMPLE_ARTICLE, TOPICS, config)
    assert analysis.summary is not None
    assert any("summarizer" in w and "embedded" in w for w in analysis.warnings)
    assert any("stance" in w and "embedded" in w for w in analysis.warnings)
    check_valid(analysis, SAMPLE_ARTICLE)


def _essence(analysis: Analysis) -> dict:
    data = analysis.to_dict()
    data.pop("timings_s")
    return data


def test_concurrent_analyses_equal_their_single_threaded_results():
    """Eight sessions at once: each result must equal its own single-threaded result."""
    texts = [SAMPLE_ARTICLE.replace("Tuesday", day) for day in
             ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "today")]
    texts[3] = texts[3].replace("Rubio", "Blinken")
    topic_sets = [TOPICS, ["sanctions relief"]] * 4
    expected = [_essence(analyze(t, k)) for t, k in zip(texts, topic_sets)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda args: _essence(analyze(*args)), zip(texts, topic_sets)))
    assert got == expected


NEWSY = st.lists(
    st.one_of(
        st.sampled_from(['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "'", "\n\n", "\n",
                         " said ", " told reporters", "according to ", " he ", " She ", "Mr. Smith", "Ms. Lee",
                         ", ", ". ", "?", "!", "that ", "the ministry", "\u202e", "<b>", "&amp;", "\x00"]),
        st.text(max_size=12),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(min_size=1, max_size=400), NEWSY))
def test_arbitrary_unicode_never_raises_and_stays_valid(text):
    try:
        analysis = analyze(text, ["the plan"])
    except InputError:
        assert not text.strip()
        return
    check_valid(analysis, text)


def test_a_failing_stage_gives_a_partial_result_that_says_what_is_missing(monkeypatch):
    import models.quotes
    import models.summary

    def broken(*_args, **_kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(models.quotes, "extract_quotes_with_mentions", broken)
    analysis = analyze(SAMPLE_ARTICLE, TOPICS)
    assert analysis.quotes == [] and analysis.summary is not None
    assert any("quote extraction failed" in w and "simulated crash" in w for w in analysis.warnings)
    monkeypatch.undo()

    class BrokenSummarizer:
        def summarize(self, *_args, **_kwargs):
            raise RuntimeError("summarizer crash")

    monkeypatch.setattr(models.summary, "get_summarizer", lambda _name: BrokenSummarizer())
    analysis = analyze(SAMPLE_ARTICLE, TOPICS)
    assert analysis.quotes and analysis.summary is None
    assert any("summary failed" in w for w in analysis.warnings)
    check_valid(analysis, SAMPLE_ARTICLE)


def test_a_model_that_breaks_mid_inference_falls_back_to_embedded(monkeypatch):
    import models.stance

    real = models.stance.get_stance_classifier

    class Broken:
        name = "broken"

        def predict(self, _inputs):
            raise RuntimeError("CUDA out of memory")

    monkeypatch.setattr(models.stance, "get_stance_classifier",
                        lambda name, **kw: Broken() if name == "some/hub-model" else real(name, **kw))
    analysis = analyze(SAMPLE_ARTICLE, TOPICS, AnalysisConfig(stance="some/hub-model"))
    assert any("stance" in w and "CUDA out of memory" in w and "embedded" in w for w in analysis.warnings)
    assert analysis.models["stance"].startswith("embedded:")
    assert all(set(q.stance) == set(TOPICS) for q in analysis.quotes)


def test_suggesting_topics_then_analysing_parses_the_text_once(monkeypatch):
    from models import loading, pipeline

    text = SAMPLE_ARTICLE.replace("Geneva", "Vienna")
    nlp = loading.get_spacy()
    calls = []
    monkeypatch.setattr(loading, "get_spacy", lambda: (calls.append(1), nlp)[1])
    topics = pipeline.suggest_targets(text)
    analysis = analyze(text, topics)
    assert len(calls) == 1 and analysis.targets == topics
    pipeline.forget_parses()  # what benchmarks/speed.py does before timing a "new" article
    analyze(text, topics)
    assert len(calls) == 2


def test_stages_return_their_results_and_leave_their_inputs_alone():
    """classify_stance and summarize hand back value, model and warnings; the quotes they were
    given keep their (empty) stance, and only analyze() writes an Analysis."""
    from models import pipeline

    article = pipeline.read(SAMPLE_ARTICLE)
    quotes, _actors = pipeline.find_quotes(article)
    assert quotes and all(q.stance == {} for q in quotes)
    config = AnalysisConfig(stance="not/a-real-model")
    scored = pipeline.classify_stance(quotes, TOPICS, article, config)
    assert all(q.stance == {} for q in quotes)  # the input list is not written to
    assert [q.id for q in scored.value] == [q.id for q in quotes]
    assert all(set(q.stance) == set(TOPICS) for q in scored.value)
    assert scored.model.startswith("embedded:")
    assert any("not/a-real-model" in w and "embedded" in w for w in scored.warnings)
    summary = pipeline.summarize(article, AnalysisConfig())
    assert summary.value.sentences and summary.model == summary.value.method and summary.warnings == ()
    analysis = analyze(SAMPLE_ARTICLE, TOPICS, config)
    assert [q.stance for q in analysis.quotes] == [q.stance for q in scored.value]
    assert any("not/a-real-model" in w for w in analysis.warnings)
