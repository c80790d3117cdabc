"""The learned speaker ranker: the shipped artifact, its loader's guards, and quotes it fixes."""

from __future__ import annotations

import json

import pytest

from models.actors import resolve_speakers
from models.loading import get_spacy
from models.quotes import QuoteRules, extract_quotes_with_mentions
from models.quotes.speaker_options import FEATURES, SpeakerOption
from models.quotes.speaker_ranker import RANKER_PATH, SpeakerRanker, Tree, default_ranker, load_ranker

BIDEN = ("For much of the 34-minute performance, Mr. Biden assured his hometown's residents that "
         "Mrs. Clinton was “made of the same stuff,” even if she could not always show it.\n\nThe crowd cheered.")
GIL = ("“Silly boys acting like they've never seen a girl before,” sniffed Arianna Gil, 22, who helped "
       "found the group in 2014. “Skater bros all think they're rebels, but who are the real outsiders here?”")


@pytest.fixture(scope="module")
def nlp():
    return get_spacy()


def _speakers(nlp, text: str, ranker: bool) -> list[tuple[str | None, str | None]]:
    doc = nlp(text)
    quotes, _ = resolve_speakers(extract_quotes_with_mentions(doc, QuoteRules(speaker_ranker=ranker), strict=True), doc)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.start : m.end] == m.text
    return [(q.speaker, q.speaker_mention.text if q.speaker_mention else None) for q in quotes]


def test_shipped_ranker_loads_and_matches_the_features():
    ranker = default_ranker()
    assert ranker is not None, f"{RANKER_PATH} missing or stale"
    assert len(ranker.trees) >= 10
    assert json.loads(RANKER_PATH.read_text())["features"] == list(FEATURES)


def test_shipped_ranker_re_ranks_reported_clauses_too():
    ranker = default_ranker()
    assert ranker is not None and set(ranker.kinds) == {"direct", "reported"}


def test_sentence_cache_gives_the_options_a_fresh_walk_gives(nlp):
    # the page walks each sentence once per article; the options must be those of a fresh walk
    from models.quotes.extract import attributed_candidates
    from models.quotes.speaker_options import speaker_options
    from models.quotes.speaker_ranker import name_counts

    doc = nlp(BIDEN + "\n\n" + GIL + " Clinton said the plan would work. She added that it was fair.")
    rules = QuoteRules(speaker_ranker=False)
    cands, idx, mask, _ = attributed_candidates(doc, rules)
    counts = name_counts(doc, mask)
    cache: dict = {}
    assert len(cands) >= 4
    for i, c in enumerate(cands):
        prev, nxt = (cands[i - 1] if i else None), (cands[i + 1] if i + 1 < len(cands) else None)
        fresh = speaker_options(c, prev, nxt, idx, mask, rules, counts)
        cached = speaker_options(c, prev, nxt, idx, mask, rules, counts, cache)
        assert [(o.head, o.tokens, sorted(o.flags), o.vector()) for o in fresh] == \
               [(o.head, o.tokens, sorted(o.flags), o.vector()) for o in cached]
        assert fresh
    assert cache  # the cache was filled and used


def test_vectorised_scores_equal_walking_each_tree():
    # the page scores all options of a quote at once in numpy; it must say what the trees say
    import random

    ranker = default_ranker()
    assert ranker is not None
    rnd = random.Random(0)
    rows = [[rnd.choice((0.0, 1.0)) if rnd.random() < 0.8 else rnd.random() * 3 for _ in FEATURES] for _ in range(40)]
    walked = [ranker.base + ranker.learning_rate * sum(t.predict(x) for t in ranker.trees) for x in rows]
    assert ranker.score_many(rows).tolist() == pytest.approx(walked, abs=1e-9)
    assert len(set(round(w, 6) for w in walked)) > 5  # the rows reach different leaves


def test_ranker_finds_the_subject_the_cue_lexicon_misses(nlp):
    # "assured" is not a verb of saying in the lexicon: the rules find no speaker
    assert _speakers(nlp, BIDEN, ranker=False) == [(None, None)]
    assert _speakers(nlp, BIDEN, ranker=True) == [("Biden", "Biden")]


def test_following_quote_inherits_the_ranked_speaker(nlp):
    # "sniffed" is missing from the lexicon ("scoffed" was, until it became a verb of manner); the quote after the attribution shares it
    assert _speakers(nlp, GIL, ranker=False) == [(None, None), (None, None)]
    assert _speakers(nlp, GIL, ranker=True) == [("Arianna Gil", "Arianna Gil")] * 2


def _stump(feature: str, yes: float, no: float) -> Tree:
    """One split on `feature` (> 0.5 scores `yes`)."""
    return Tree(left=(1, -1, -1), right=(2, -1, -1), feature=(FEATURES.index(feature), 0, 0),
                threshold=(0.5, 0.0, 0.0), value=(0.0, no, yes))


def _option(*flags: str) -> SpeakerOption:
    return SpeakerOption(head=0, tokens=(0, 1), flags=set(flags))


def test_choose_keeps_the_rules_unless_beaten_by_the_margin():
    ranker = SpeakerRanker((_stump("ent_person", 2.0, 0.0),), base=0.0, learning_rate=1.0, margin=1.0)
    rule, person = _option("is_rule"), _option("ent_person")
    assert ranker.choose([rule, person]) is person  # 2.0 beats 0.0 by more than 1.0
    tight = SpeakerRanker(ranker.trees, base=0.0, learning_rate=1.0, margin=3.0)
    assert tight.choose([rule, person]) is None
    assert ranker.choose([_option("is_rule", "ent_person"), person]) is None  # rules' choice is best
    # no rule choice: an option needs min_score
    assert ranker.choose([person]) is person
    assert SpeakerRanker(ranker.trees, learning_rate=1.0, min_score=5.0).choose([person]) is None


def test_loader_refuses_stale_or_malformed_artifacts(tmp_path):
    good = SpeakerRanker((_stump("ent_person", 1.0, 0.0),)).to_json()
    p = tmp_path / "r.json"
    p.write_text(json.dumps(good))
    assert load_ranker(p).trees[0].predict(_option("ent_person").vector()) == 1.0
    for bad in (
        good | {"features": list(FEATURES[:-1])},
        good | {"trees": [good["trees"][0] | {"left": [0, -1, -1]}]},  # a loop back to itself
        good | {"trees": [good["trees"][0] | {"value": [0.0]}]},
    ):
        p.write_text(json.dumps(bad))
        with pytest.raises(ValueError):
            load_ranker(p)
