"""The reader's corrections, the digest and the per-topic adapters (models/ and the table's edits)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from analysis_fixtures import make_analysis

from components.export import analysis_json, quotes_csv
from components.quote_table import NOT_A_QUOTE, corrections_from_edits, quotes_dataframe
from models.corrections import apply_corrections
from models.digest import position_phrase, where_they_stand
from models.schema import ADAPTER, MODEL, READER, Analysis, Correction, Stance
from models.stance.adapter import MIN_LABELS, TopicAdapter, adapter_features, fit_adapter, ready_to_fit
from models.stance.teaching import apply_adapters, fit_topic_adapters, labelled_quotes

TOPIC = "lifting sanctions"


def _fix(analysis: Analysis, qid: int, field: str, value: str | None = None, target: str | None = None) -> Correction:
    q = next(q for q in analysis.quotes if q.id == qid)
    return Correction(field, q.start, q.end, q.text, value=value, target=target)


# -- corrections -------------------------------------------------------------------------------

def test_stance_correction_is_the_readers_certain_label_and_leaves_the_model_result_alone():
    analysis = make_analysis()
    fixed = apply_corrections(analysis, [_fix(analysis, 2, "stance", "against", TOPIC)])
    stance = next(q for q in fixed.quotes if q.id == 2).stance[TOPIC]
    assert (stance.label, stance.source, stance.scores["against"]) == ("against", READER, 1.0)
    assert next(q for q in analysis.quotes if q.id == 2).stance[TOPIC].source == MODEL  # not mutated
    assert fixed.corrections and not analysis.corrections


def test_speaker_correction_moves_the_quote_to_another_actor_and_not_a_quote_drops_it():
    analysis = make_analysis()
    fixed = apply_corrections(analysis, [_fix(analysis, 2, "speaker", "Kaja Kallas"),
                                         _fix(analysis, 0, "not_quote")])
    assert [q.id for q in fixed.quotes] == [1, 2]
    assert next(q for q in fixed.quotes if q.id == 2).speaker_source == READER
    assert {a.name: a.quote_ids for a in fixed.actors} == {"Marco Rubio": [1], "Kaja Kallas": [2]}
    assert "He" in next(a for a in fixed.actors if a.name == "Marco Rubio").mentions  # mentions kept


def test_later_correction_of_the_same_field_wins_and_undo_is_applying_fewer():
    analysis = make_analysis()
    first, second = _fix(analysis, 1, "stance", "favor", TOPIC), _fix(analysis, 1, "stance", "neutral", TOPIC)
    assert apply_corrections(analysis, [first, second]).quotes[1].stance[TOPIC].label == "neutral"
    assert apply_corrections(analysis, [first]).quotes[1].stance[TOPIC].label == "favor"
    assert apply_corrections(analysis, []) is analysis


def test_corrections_find_their_quote_by_span_in_a_new_analysis_of_the_same_text():
    analysis = make_analysis()
    fix = _fix(analysis, 1, "stance", "favor", TOPIC)
    again = make_analysis()
    again.quotes = [q for q in reversed(again.quotes)]
    for new_id, q in enumerate(again.quotes):  # ids renumbered, spans the same
        q.id = new_id + 10
    fixed = apply_corrections(again, [fix])
    assert next(q for q in fixed.quotes if q.text == fix.text).stance[TOPIC].label == "favor"
    other_topic = apply_corrections(again, [Correction("stance", fix.start, fix.end, fix.text, "favor", "other")])
    assert all(q.stance[TOPIC].source == MODEL for q in other_topic.quotes)  # kept, not applied


def test_corrected_analysis_round_trips_and_old_json_still_loads():
    analysis = make_analysis()
    fixed = apply_corrections(analysis, [_fix(analysis, 2, "speaker", "Kaja Kallas"),
                                         _fix(analysis, 1, "stance", "favor", TOPIC)])
    again = Analysis.from_dict(json.loads(json.dumps(fixed.to_dict())))
    assert again.to_dict() == fixed.to_dict()
    assert again.corrections == fixed.corrections
    old = analysis.to_dict()
    for key in ("digest", "corrections", "adapters"):
        old.pop(key, None)
    for q in old["quotes"]:
        assert "speaker_source" not in q and all("source" not in s for s in q["stance"].values())
    assert Analysis.from_dict(old).quotes[0].stance[TOPIC].source == MODEL


def test_bad_corrections_are_refused():
    with pytest.raises(ValueError):
        Correction("stance", 0, 1, "x", value="maybe", target=TOPIC)
    with pytest.raises(ValueError):
        Correction("colour", 0, 1, "x")


def test_table_edits_become_corrections():
    analysis = make_analysis()
    before = quotes_dataframe(analysis)
    after = before.copy()
    after.insert(2, NOT_A_QUOTE, False)
    rubio = after.index[after["id"] == 2][0]
    after.loc[rubio, "speaker"] = "Kaja Kallas"
    after.loc[rubio, f"stance: {TOPIC}"] = "against"
    after.loc[after.index[after["id"] == 0][0], NOT_A_QUOTE] = True
    got = corrections_from_edits(before, after, [TOPIC])
    assert {(c.field, c.value, c.target) for c in got} == {
        ("speaker", "Kaja Kallas", None), ("stance", "against", TOPIC), ("not_quote", None, None)}
    assert corrections_from_edits(before, before.assign(**{NOT_A_QUOTE: False}), [TOPIC]) == []


def test_exports_carry_the_readers_labels():
    analysis = make_analysis()
    fixed = apply_corrections(analysis, [_fix(analysis, 2, "stance", "against", TOPIC)])
    data = json.loads(analysis_json(fixed))
    assert data["corrections"][0]["value"] == "against"
    assert next(q for q in data["quotes"] if q["id"] == 2)["stance"][TOPIC]["source"] == READER
    frame = pd.read_csv(__import__("io").StringIO(quotes_csv(fixed)))
    assert frame.loc[frame["id"] == 2, f"set by: {TOPIC}"].item() == "you ✎"
    assert frame.loc[frame["id"] == 1, f"set by: {TOPIC}"].item() == "model"


# -- digest ------------------------------------------------------------------------------------

@pytest.mark.parametrize("favor,against,phrase", [
    (0, 0, None), (1, 0, "leans in favor of"), (0, 1, "leans against"), (3, 0, "favors"), (0, 2, "is against"),
    (2, 2, "is mixed on"), (1, 2, "is mixed on"), (4, 1, "mostly favors"), (1, 3, "is mostly against"),
])
def test_position_phrase(favor, against, phrase):
    assert position_phrase(favor, against) == phrase


def test_digest_states_only_confident_sides_and_names_the_quotes_behind_them():
    analysis = make_analysis()  # Dmitriev favor 0.8; Rubio against 0.7 and an unsure neutral
    lines = where_they_stand(analysis)
    assert [line.text for line in lines] == [
        "Marco Rubio (2 quotes) leans against lifting sanctions.",
        "Kirill Dmitriev (1 quote) leans in favor of lifting sanctions."]
    assert lines[0].quote_ids == [1] and lines[0].targets == [TOPIC]
    unsure = make_analysis()
    unsure.quotes[0].stance[TOPIC] = Stance.from_scores({"favor": 0.5, "against": 0.2, "neutral": 0.3})
    assert "Kirill Dmitriev" not in {line.actor for line in where_they_stand(unsure)}


def test_digest_groups_topics_that_share_a_position():
    analysis = make_analysis()
    analysis.targets = [TOPIC, "the war", "talks"]
    for q in analysis.quotes:
        q.stance["the war"] = q.stance[TOPIC]
        q.stance["talks"] = Stance.from_scores({"favor": 0.1, "against": 0.1, "neutral": 0.8})
    analysis.quotes[0].stance["talks"] = Stance.from_scores({"favor": 0.1, "against": 0.8, "neutral": 0.1})
    text = {line.actor: line.text for line in where_they_stand(analysis)}["Kirill Dmitriev"]
    assert text == "Kirill Dmitriev (1 quote) leans in favor of lifting sanctions and the war; leans against talks."


def test_digest_follows_corrections_and_calls_both_sides_mixed():
    analysis = make_analysis()
    fixed = apply_corrections(analysis, [_fix(analysis, 2, "stance", "favor", TOPIC)])
    lines = {line.actor: line.text for line in where_they_stand(fixed)}
    assert lines["Marco Rubio"] == "Marco Rubio (2 quotes) is mixed on lifting sanctions."


# -- adapters ----------------------------------------------------------------------------------

def _toy(n: int, seed: int = 0):
    """Quotes whose side is written in one embedding direction the zero-shot scores ignore."""
    rng = np.random.default_rng(seed)
    side = np.array(["favor", "against"] * (n // 2))
    emb = rng.normal(0, 0.1, (n, 8))
    emb[:, 0] += np.where(side == "favor", 1.0, -1.0)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    zero_shot = [{"favor": 0.3, "against": 0.3, "neutral": 0.4}] * n
    return emb, zero_shot, list(side)


def test_adapter_needs_enough_labels_and_both_sides():
    assert not ready_to_fit(["favor"] * (MIN_LABELS + 2))
    assert not ready_to_fit(["favor", "against", "favor"])
    assert ready_to_fit(["favor", "against", "favor", "against"])
    emb, zs, side = _toy(4)
    assert fit_adapter(TOPIC, adapter_features(emb, zs), ["favor"] * 4) is None


def test_adapter_learns_the_topics_side_and_keeps_the_models_neutral_share():
    emb, zs, side = _toy(40)
    features = adapter_features(emb, zs)
    adapter = fit_adapter(TOPIC, features[:8], side[:8])
    scores = adapter.rescore(features[8:], zs[8:])
    predicted = [max(("favor", "against"), key=s.get) for s in scores]
    assert predicted == side[8:]
    assert all(abs(s["neutral"] - 0.4) < 1e-9 and abs(sum(s.values()) - 1) < 1e-9 for s in scores)
    again = TopicAdapter.from_dict(json.loads(json.dumps(adapter.to_dict())))
    for got, want in zip(again.rescore(features[8:], zs[8:]), scores):
        assert got == pytest.approx(want, abs=1e-5)  # saved weights are rounded to 6 places


def test_teaching_rescores_the_models_labels_on_the_topic_and_never_the_readers():
    analysis = make_analysis()
    vectors = {q.text: v for q, v in zip(analysis.quotes, np.eye(3))}

    def embed(texts):
        return np.array([vectors.get(t, np.ones(3) / 3 ** 0.5) for t in texts])

    fixes = [_fix(analysis, 0, "stance", "favor", TOPIC), _fix(analysis, 1, "stance", "against", TOPIC),
             _fix(analysis, 0, "stance", "favor", TOPIC)]
    examples = labelled_quotes(analysis, fixes)
    assert sorted(e.label for e in examples) == ["against", "favor"]  # latest per quote only
    assert fit_topic_adapters(examples, embed) == {}  # 2 labels: not enough yet
    many = examples * 2
    adapters = fit_topic_adapters(many, embed)
    view = apply_adapters(apply_corrections(analysis, fixes), adapters, embed)
    by_id = {q.id: q.stance[TOPIC] for q in view.quotes}
    assert by_id[0].source == READER and by_id[1].source == READER and by_id[2].source == ADAPTER
    assert TOPIC in view.adapters and view.adapters[TOPIC]["n_labels"] == 4
