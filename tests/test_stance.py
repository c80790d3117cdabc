"""Stance classifiers: NLI zero-shot on tiny offline models (through the real loading code) and
the embedded classifier from the committed artifact."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from tiny_nli import THREE_WAY, THREE_WAY_SHUFFLED, TWO_WAY, build_tiny_nli

from models import loading
from models.schema import STANCE_LABELS, Quote
from models.stance import (
    CONTEXT_BELOW_WORDS,
    EMBEDDED_NAME,
    MODEL_DIR,
    EmbeddedStanceClassifier,
    NliStanceClassifier,
    StanceInput,
    get_stance_classifier,
    nli_labels,
    scores_from_entailment,
    stance_inputs,
)

INPUTS = [
    StanceInput("We must lift the sanctions now.", "lifting sanctions", 0),
    StanceInput("Lifting sanctions would reward aggression and be a disaster.", "lifting sanctions", 1),
    StanceInput("The weather in Paris was mild on Tuesday.", "tariffs on steel imports", 2),
    StanceInput("Climate change is a serious concern, the scientists said.", "global warming", 3),
    StanceInput("Officials rejected the idea of tariffs on steel imports.", "tariffs on steel imports", 4),
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    loading.clear_cache()
    yield
    loading.clear_cache()


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    root = tmp_path_factory.mktemp("nli")
    return {
        "three": build_tiny_nli(root / "three", THREE_WAY, seed=1),
        "shuffled": build_tiny_nli(root / "shuffled", THREE_WAY_SHUFFLED, seed=2),
        "two": build_tiny_nli(root / "two", TWO_WAY, seed=3),
    }


def _entailment_by_hand(folder: Path, premise: str, hypothesis: str) -> float:
    """P(entailment) computed straight from transformers, independent of models.stance."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    ent = [i for i, lab in model.config.id2label.items() if lab.lower() == "entailment"][0]
    with torch.no_grad():
        logits = model(**tok(premise, hypothesis, return_tensors="pt")).logits
    return float(torch.softmax(logits, -1)[0, ent])


# ---------------------------------------------------------------------------------- labels


def test_nli_labels_three_way_any_order_and_case():
    bart = nli_labels({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"})
    assert (bart.entailment, bart.contradiction, bart.neutral, bart.n_labels) == (2, 0, 1, 3)
    other = nli_labels({"0": "entailment", "1": "neutral", "2": "contradiction"})
    assert (other.entailment, other.neutral, other.contradiction) == (0, 1, 2)


def test_nli_labels_two_way():
    labels = nli_labels({0: "entailment", 1: "not_entailment"})
    assert labels.entailment == 0 and labels.not_entailment == 1 and labels.contradiction is None
    swapped = nli_labels({0: "Not Entailment", 1: "Entailment"})
    assert swapped.entailment == 1 and swapped.not_entailment == 0


def test_non_nli_labels_are_refused():
    with pytest.raises(loading.ModelLoadError, match="not an NLI model"):
        nli_labels({0: "LABEL_0", 1: "LABEL_1"})


@pytest.mark.parametrize(
    "pf,pa,expected",
    [(1.0, 0.0, "favor"), (0.0, 1.0, "against"), (0.0, 0.0, "neutral"), (1.0, 1.0, "neutral"), (0.9, 0.2, "favor")],
)
def test_entailment_mapping(pf, pa, expected):
    scores = scores_from_entailment(pf, pa)
    assert math.isclose(sum(scores.values()), 1.0)
    assert max(scores, key=scores.get) == expected


# ---------------------------------------------------------------------------------- NLI path


@pytest.mark.parametrize("which", ["three", "shuffled", "two"])
def test_nli_scores_follow_the_entailment_class(tiny_models, which):
    """Scores equal the documented mapping of P(entailment) computed independently."""
    folder = tiny_models[which]
    clf = get_stance_classifier(str(folder), batch_size=3)
    results = clf.predict(INPUTS)
    assert len(results) == len(INPUTS)
    for item, stance in zip(INPUTS, results):
        assert set(stance.scores) == set(STANCE_LABELS)
        assert math.isclose(sum(stance.scores.values()), 1.0, abs_tol=1e-3)
        pf = _entailment_by_hand(folder, item.text, clf.favor_template.format(item.target))
        pa = _entailment_by_hand(folder, item.text, clf.against_template.format(item.target))
        want = scores_from_entailment(pf, pa)
        for label in STANCE_LABELS:
            assert stance.scores[label] == pytest.approx(want[label], abs=2e-3)
        assert stance.label == max(want, key=want.get)
    # With init_std 0.5 the tiny model must not give every pair the same answer.
    assert len({tuple(r.scores.values()) for r in results}) > 1


def test_nli_batches_all_pairs_in_few_forward_calls(tiny_models):
    clf = get_stance_classifier(str(tiny_models["three"]), batch_size=4)
    calls = []
    original = clf.model.forward

    def counting_forward(*args, **kwargs):
        calls.append(kwargs["input_ids"].shape[0])
        return original(*args, **kwargs)

    clf.model.forward = counting_forward
    results = clf.predict(INPUTS)
    # 5 inputs x 2 hypotheses = 10 pairs -> ceil(10 / 4) = 3 forward passes, not 10.
    assert calls == [4, 4, 2]
    one_by_one = get_stance_classifier(str(tiny_models["three"]), batch_size=1)
    single = one_by_one.predict(INPUTS)
    for a, b in zip(results, single):  # padding inside a batch must not change the answer
        for label in STANCE_LABELS:
            assert a.scores[label] == pytest.approx(b.scores[label], abs=2e-3)


def test_nli_templates_are_configurable(tiny_models):
    clf = get_stance_classifier(
        str(tiny_models["two"]), favor_template="Support for {} is voiced.", against_template="{} is opposed."
    )
    seen = []
    original = clf.tokenizer.__class__.__call__

    def spy(self, premises, hypotheses=None, **kwargs):
        seen.extend(hypotheses or [])
        return original(self, premises, hypotheses, **kwargs)

    clf.tokenizer.__class__.__call__ = spy
    try:
        clf.predict(INPUTS[:2])
    finally:
        clf.tokenizer.__class__.__call__ = original
    assert sorted(seen) == sorted(["Support for lifting sanctions is voiced.", "lifting sanctions is opposed."] * 2)
    with pytest.raises(ValueError):
        NliStanceClassifier("x", clf.tokenizer, clf.model, favor_template="no slot", against_template="{}")


def test_nli_model_loads_once_per_process(tiny_models):
    a = get_stance_classifier(str(tiny_models["three"]))
    b = get_stance_classifier(str(tiny_models["three"]))
    assert a is b
    assert a.name == str(tiny_models["three"])
    assert a.predict([]) == []


def test_missing_folder_and_non_nli_model_raise_model_load_error(tmp_path):
    with pytest.raises(loading.ModelLoadError):
        get_stance_classifier(str(tmp_path / "nowhere"))
    plain = build_tiny_nli(tmp_path / "plain", {0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(loading.ModelLoadError, match="not an NLI model"):
        get_stance_classifier(str(plain))


def test_long_premise_is_truncated_not_the_hypothesis(tiny_models):
    """A premise longer than the model reads is cut from its end; the hypothesis (which names
    the topic) always survives. The by-hand reference gets the premise already cut to what
    fits, so equal scores mean the classifier kept the start of the premise and the whole
    hypothesis."""
    from transformers import AutoTokenizer

    folder = tiny_models["three"]
    clf = get_stance_classifier(str(folder))
    long_text = "We must lift the sanctions now. " * 200
    seen = []
    original = clf.tokenizer.__class__.__call__

    def spy(self, premises, hypotheses=None, **kwargs):
        out = original(self, premises, hypotheses, **kwargs)
        seen.append(out["input_ids"])
        return out

    clf.tokenizer.__class__.__call__ = spy
    try:
        [stance] = clf.predict([StanceInput(long_text, "lifting sanctions")])
    finally:
        clf.tokenizer.__class__.__call__ = original
    assert all(ids.shape[1] == clf.max_length for ids in seen)  # cut to the model's length
    tok = AutoTokenizer.from_pretrained(folder)
    hyp_tokens = {h: len(tok(h, add_special_tokens=False)["input_ids"])
                  for h in (clf.favor_template.format("lifting sanctions"), clf.against_template.format("lifting sanctions"))}
    probs = {}
    for hyp, n in hyp_tokens.items():
        premise_ids = tok(long_text, add_special_tokens=False)["input_ids"][: clf.max_length - n - 3]
        probs[hyp] = _entailment_by_hand(folder, tok.decode(premise_ids), hyp)
    pf, pa = probs[clf.favor_template.format("lifting sanctions")], probs[clf.against_template.format("lifting sanctions")]
    want = scores_from_entailment(pf, pa)
    for label in STANCE_LABELS:
        assert stance.scores[label] == pytest.approx(want[label], abs=2e-3)


# ---------------------------------------------------------------------------------- inputs


def test_stance_inputs_one_per_quote_and_target_with_context_for_short_quotes(read):
    text = (
        'The minister spoke on Monday. Asked about the sanctions, she said it was "a grave mistake" and left. '
        '"We will keep every sanction in place until the last soldier has left the occupied territory," '
        "the president said."
    )
    article = read(text)
    short_start = text.index("a grave mistake")
    long_q = "We will keep every sanction in place until the last soldier has left the occupied territory,"
    long_start = text.index(long_q)
    quotes = [
        Quote(id=7, kind="direct", text="a grave mistake", start=short_start, end=short_start + 15, speaker="Ann"),
        Quote(id=9, kind="direct", text=long_q, start=long_start, end=long_start + len(long_q)),
    ]
    inputs = stance_inputs(quotes, ["sanctions", "the war"], article)
    assert [(i.quote_index, i.target) for i in inputs] == [
        (0, "sanctions"), (0, "the war"), (1, "sanctions"), (1, "the war")
    ]
    assert len("a grave mistake".split()) < CONTEXT_BELOW_WORDS <= len(long_q.split())
    assert inputs[0].context and "Asked about the sanctions" in inputs[0].context
    assert "Asked about the sanctions" in inputs[0].premise()
    assert inputs[2].context is None and inputs[2].premise() == long_q
    assert stance_inputs([], ["x"], article) == []


def test_a_quote_about_someone_called_his_reads_the_sentence_that_names_them(read):
    text = ("Representative George Santos faced a vote on Thursday after the ethics report. "
            "Speaking outside the chamber, one colleague did not hold back. "
            "His conduct is unbecoming of a member of Congress and an embarrassment to all of us, she said. "
            "The vote is set for Friday.")
    article = read(text)
    q_text = "His conduct is unbecoming of a member of Congress and an embarrassment to all of us"
    start = text.index(q_text)
    named = Quote(id=0, kind="direct", text=q_text, start=start, end=start + len(q_text))
    plain_text = "The vote is set for Friday"
    p_start = text.index(plain_text)
    plain = Quote(id=1, kind="direct", text=plain_text, start=p_start, end=p_start + len(plain_text))
    first, second = stance_inputs([named, plain], ["George Santos"], article)
    assert first.context and "George Santos" in first.context
    assert first.premise().startswith(q_text) and "George Santos" in first.premise()
    assert len(q_text.split()) >= CONTEXT_BELOW_WORDS  # long: without the rule it would read alone
    assert second.context is None or "Santos" not in second.context


# ---------------------------------------------------------------------------------- embedded

# Hand-written clear cases, each class and several topics; none is in the training data.
CLEAR_CASES = [
    ("We must lift the sanctions now.", "lifting sanctions", "favor"),
    ("Lifting the sanctions would be a terrible mistake that rewards aggression.", "lifting sanctions", "against"),
    ("I strongly support the death penalty; murderers deserve to be executed.", "the death penalty", "favor"),
    ("The death penalty is cruel and must be abolished everywhere.", "the death penalty", "against"),
    ("Global warming is a hoax invented by scientists who want grant money.", "global warming is a serious concern", "against"),
    ("Rising seas caused by climate change threaten millions of homes, scientists warned.", "global warming is a serious concern", "favor"),
    ("The museum opens at nine on weekdays and parking is free.", "the death penalty", "neutral"),
    ("Lifting the sanctions is the only sensible path forward.", "sanctions relief", "favor"),
    ("We will never accept sanctions relief.", "sanctions relief", "against"),
    ("Tariffs protect American workers and we should raise them.", "tariffs", "favor"),
    ("These tariffs are a tax on every American family and must go.", "tariffs", "against"),
    ("Vaccines save lives, and every child should get them.", "vaccination", "favor"),
    ("I will never let my children be vaccinated; the shots are dangerous.", "vaccination", "against"),
    ("Building the wall will keep our country safe.", "the border wall", "favor"),
    ("The wall is a waste of money and an insult to our neighbours.", "the border wall", "against"),
    ("Nuclear power is clean, safe and essential for our future.", "nuclear power", "favor"),
    ("Nuclear plants are ticking time bombs and should all be shut down.", "nuclear power", "against"),
    ("Raising the minimum wage will lift millions out of poverty.", "raising the minimum wage", "favor"),
    ("A higher minimum wage will destroy small businesses and kill jobs.", "raising the minimum wage", "against"),
    ("The weather was sunny and the match started on time.", "tariffs", "neutral"),
    ("The minister arrived in Geneva on Tuesday.", "sanctions relief", "neutral"),
    ("Abortion is a fundamental right that must be protected.", "legal abortion", "favor"),
    ("Abortion is murder and should be banned.", "legal abortion", "against"),
    ("Gun control laws save lives; we need universal background checks.", "gun control", "favor"),
    ("Gun control only disarms law-abiding citizens.", "gun control", "against"),
]


@pytest.fixture(scope="module")
def embedded():
    loading.clear_cache()
    return get_stance_classifier("embedded")


def test_embedded_loads_from_committed_artifact(embedded):
    assert embedded.name == EMBEDDED_NAME
    assert embedded.name.startswith("embedded:")
    assert get_stance_classifier(loading.EMBEDDED) is get_stance_classifier("embedded")


def test_committed_artifact_is_a_small_adapter_without_pickles():
    """The issue's budget: under 25 MB committed (a LoRA adapter, ~1.4 MB); weights in
    safetensors only, so loading them cannot run code; the shipped design, read through the
    one artifact module."""
    from models.stance import artifact

    files = [f for f in MODEL_DIR.rglob("*") if f.is_file()]
    assert sum(f.stat().st_size for f in files) < 25e6
    assert sorted(f.name for f in files) == [artifact.CONFIG_FILE, artifact.WEIGHTS_FILE]
    meta = artifact.read_config(MODEL_DIR)
    assert artifact.is_artifact(MODEL_DIR)
    assert meta["design"] == artifact.DESIGN and meta["labels"] == list(STANCE_LABELS)
    assert meta["train"]["lora_rank"] == 16 and f"embedded:{meta['name']}" == EMBEDDED_NAME


def test_embedded_clear_cases(embedded):
    """Most hand-written clear cases right, in every class, and every off-topic one neutral.

    The bar is 20 of 25, not all: the shipped model (v5e) gets 21, v5d 22, v5b and v4 21; both still read a
    few 'abolish X' / 'the only sensible path' sentences the wrong way round. v3 got 18 (it leaned 'against'
    on statements of support, e.g. "We must lift the sanctions now."), so this fails on it.
    """
    results = embedded.predict([StanceInput(t, g) for t, g, _ in CLEAR_CASES])
    for r in results:
        assert math.isclose(sum(r.scores.values()), 1.0, abs_tol=1e-3)
    right = {lab: 0 for lab in STANCE_LABELS}
    total = {lab: 0 for lab in STANCE_LABELS}
    for (_, _, want), r in zip(CLEAR_CASES, results):
        total[want] += 1
        right[want] += r.label == want
    assert sum(right.values()) >= 20, right
    assert right["neutral"] == total["neutral"]
    assert all(right[lab] >= 0.75 * total[lab] for lab in ("favor", "against")), right
    assert results[0].label == "favor"  # "We must lift the sanctions now." (v3's known failure)


# Written once for issue 14, before the shipped model was scored on them (v4 gets 6 of 12).
PERSON_CASES = [
    ("Senator Warren has been a tireless champion for working families, and I admire her courage.",
     "Elizabeth Warren", "favor"),
    ("Mayor Ruiz is a liar who has betrayed every promise she made to this city.", "Ana Ruiz", "against"),
    ("Mayor Ruiz will attend the opening of the new library on Saturday.", "Ana Ruiz", "neutral"),
    ("Putin is a war criminal who must be held to account.", "Vladimir Putin", "against"),
    ("He is the best leader this country has had in decades, and we are lucky to have him.", "the president", "favor"),
    ("The chancellor met the French president in Berlin on Monday.", "the chancellor", "neutral"),
]
POLICY_CASES = [
    ("We should ban fast food advertising aimed at children.", "We should ban fast food advertising", "favor"),
    ("Banning fast food adverts is paternalistic nonsense that will not work.", "banning fast food advertising",
     "against"),
    ("The harbour plan will bring jobs and a new park; the council should approve it.",
     "the harbour redevelopment plan", "favor"),
    ("This harbour plan is a giveaway to developers and will destroy the waterfront.",
     "the harbour redevelopment plan", "against"),
    ("The council will discuss the harbour plan at its meeting next week.", "the harbour redevelopment plan",
     "neutral"),
    ("Should cannabis be legal? Absolutely: prohibition has failed and filled our prisons.", "legalizing cannabis",
     "favor"),
]


def test_embedded_reads_praise_attack_and_mention_of_people(embedded):
    """People as topics: praise is favor, attack is against, a plain mention is neutral; every
    case is required (v5e, v5d and v5b get all six, v4 three)."""
    results = embedded.predict([StanceInput(t, g) for t, g, _ in PERSON_CASES])
    assert [r.label for r in results] == [want for _, _, want in PERSON_CASES]


def test_embedded_reads_policy_topics_in_motion_and_noun_phrase_form(embedded):
    """Policies as a motion ("We should ban X"), a noun phrase ("banning X") and a plan: every
    favor, against and neutral class must be right at least once and the neutral case always;
    at most one miss (v5e, v5d and v5b each miss at most one; v5b's: the rhetorical "Should cannabis be legal? Absolutely: ..." read as
    against legalizing cannabis)."""
    results = embedded.predict([StanceInput(t, g) for t, g, _ in POLICY_CASES])
    right = [r.label == want for r, (_, _, want) in zip(results, POLICY_CASES)]
    assert sum(right) >= len(POLICY_CASES) - 1, [r.label for r in results]
    for label in ("favor", "against", "neutral"):
        assert any(ok for ok, (_, _, want) in zip(right, POLICY_CASES) if want == label), label
    assert all(ok for ok, (_, _, want) in zip(right, POLICY_CASES) if want == "neutral")


def test_embedded_same_text_other_topic_changes_answer(embedded):
    favor, off_topic = embedded.predict(
        [
            StanceInput("We must lift the sanctions now.", "lifting sanctions"),
            StanceInput("We must lift the sanctions now.", "the museum's opening hours"),
        ]
    )
    # The same words are a stance toward the topic they are about and neutral toward another.
    assert favor.label != "neutral"
    assert off_topic.label == "neutral"
    assert favor.scores["neutral"] < 0.2 < off_topic.scores["neutral"]



def test_embedded_is_order_independent(embedded):
    inputs = [StanceInput(t, g) for t, g, _ in CLEAR_CASES]
    forward = embedded.predict(inputs)
    backward = embedded.predict(inputs[::-1])[::-1]
    for a, b in zip(forward, backward):
        assert a.label == b.label
        for label in STANCE_LABELS:
            assert a.scores[label] == pytest.approx(b.scores[label], abs=2e-3)


def test_embedded_grid_runs_each_distinct_pair_once_without_a_sentence_pass(embedded, monkeypatch):
    """An article's quotes x topics grid costs one cross-encoder row per distinct (premise,
    topic) pair: repeated pairs (the same short quote's context, a topic asked twice) are not
    recomputed, and the sentence encoder's own forward (mean-pooled embeddings) never runs."""
    import numpy as np

    from models.stance.embedded import CrossEncoder

    texts = ["We must lift the sanctions now.", "The museum opens at nine.", "Tariffs hurt farmers, she said."]
    targets = ["lifting sanctions", "the death penalty", "tariffs on steel imports"]
    pairs = [StanceInput(t, g) for t in texts for g in targets]
    rows: list[int] = []
    real_logits = CrossEncoder.logits
    monkeypatch.setattr(CrossEncoder, "logits", lambda self, enc: rows.append(len(enc["input_ids"])) or real_logits(self, enc))
    monkeypatch.setattr(embedded.cross.base, "forward", lambda *a, **k: pytest.fail("the sentence encoder ran"))
    once = embedded.predict(pairs)
    assert sum(rows) == len(pairs)
    rows.clear()
    twice = embedded.predict(pairs + pairs[::-1])
    assert sum(rows) == len(pairs)  # the repeats cost nothing
    assert np.allclose([list(s.scores.values()) for s in twice[: len(pairs)]],
                       [list(s.scores.values()) for s in once], atol=1e-6)
    assert [s.label for s in twice[len(pairs):]] == [s.label for s in once[::-1]]


def test_broken_artifact_raises_model_load_error(tmp_path):
    (tmp_path / "config.json").write_text('{"name": "x", "design": "cross-encoder", "labels": ["favor"]}')
    with pytest.raises(loading.ModelLoadError):  # weights file missing
        EmbeddedStanceClassifier(tmp_path)
    for design in ("late-interaction", "ensemble", "no-such-design"):  # designs that do not ship
        (tmp_path / "config.json").write_text(f'{{"name": "x", "design": "{design}", "labels": ["favor"]}}')
        with pytest.raises(loading.ModelLoadError, match="unknown design"):
            EmbeddedStanceClassifier(tmp_path)
    (tmp_path / "config.json").write_text("[1, 2]")
    with pytest.raises(loading.ModelLoadError):
        EmbeddedStanceClassifier(tmp_path)
    with pytest.raises(loading.ModelLoadError):
        EmbeddedStanceClassifier(tmp_path / "absent")


def test_a_retrained_artifact_folder_loads_as_embedded_and_other_folders_as_nli(tmp_path, tiny_models):
    from models.stance import artifact

    save_dir = tmp_path / "retrained"
    _save_cross(_perturbed_cross_encoder(), save_dir, lora_rank=0, name="retrained")
    assert artifact.is_artifact(save_dir) and not artifact.is_artifact(tiny_models["three"])
    clf = get_stance_classifier(str(save_dir))
    assert isinstance(clf, EmbeddedStanceClassifier) and clf.name == "embedded:retrained"
    assert isinstance(get_stance_classifier(str(tiny_models["three"])), NliStanceClassifier)


# ---------------------------------------------------------------------------------- artifact


def _perturbed_cross_encoder(seed: int = 0):
    """A CrossEncoder whose layers differ from MiniLM's (as trained ones do), fp16-rounded."""
    import torch

    from models.stance.embedded import CrossEncoder

    torch.manual_seed(seed)
    base = loading.get_sentence_encoder().model
    model = CrossEncoder(base, torch.nn.Linear(base.config.hidden_size, 3), max_length=64)
    with torch.no_grad():
        for p in model.layers.parameters():
            p.add_(0.01 * torch.randn_like(p))
            p.copy_(p.half().float())
    return model


def _save_cross(model, folder: Path, lora_rank: int = 16, name: str = "x", **cfg):
    from training.stance import TrainConfig, save

    save(model, folder, TrainConfig(max_length=model.max_length, lora_rank=lora_rank, **cfg), {"name": name})


def test_cross_encoder_artifact_round_trips_and_runs_each_distinct_pair_once(tmp_path):
    """What training saves for the cross-encoder (fp16 layers + head) loads back as the same
    classifier; a repeated (quote, topic) pair is computed once, and its fine-tuned layers are
    what answers."""
    import json

    import numpy as np
    import torch

    from models.stance.embedded import CrossEncoder

    model = _perturbed_cross_encoder()
    _save_cross(model, tmp_path, lora_rank=0, name="cross-round-trip")
    meta = json.loads((tmp_path / "config.json").read_text())
    assert list(meta)[:6] == ["name", "design", "base", "labels", "max_length", "train"]
    clf = EmbeddedStanceClassifier(tmp_path)
    assert clf.name == "embedded:cross-round-trip" and clf.cross.max_length == 64
    texts = ["We must lift the sanctions now.", "It was a grave mistake, he said.", "We must lift the sanctions now."]
    targets = ["lifting sanctions", "the war", "lifting sanctions"]

    batches: list[int] = []
    real_logits = CrossEncoder.logits
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(CrossEncoder, "logits", lambda self, enc: batches.append(len(enc["input_ids"])) or real_logits(self, enc))
        got = clf.predict_proba(texts, targets)
    assert batches == [2]  # three pairs, two distinct, one forward call
    assert np.allclose(got[0], got[2]) and np.allclose(got.sum(axis=1), 1.0, atol=1e-5)

    by_hand = []
    tokenizer = loading.get_sentence_encoder().tokenizer
    with torch.inference_mode():
        for t, g in zip(texts, targets):
            batch = tokenizer(t, g, truncation="only_first", max_length=64, return_tensors="pt")
            by_hand.append(torch.softmax(model.logits(batch), -1)[0].numpy())
    assert np.allclose(got, np.stack(by_hand), atol=1e-4)
    unchanged = CrossEncoder(model.base, model.head)  # MiniLM's own layers, same head
    with torch.inference_mode():
        batch = tokenizer(texts[0], targets[0], return_tensors="pt")
        assert not np.allclose(torch.softmax(unchanged.logits(batch), -1)[0].numpy(), got[0], atol=1e-4)


def test_cross_encoder_refuses_weights_that_do_not_fit(tmp_path):
    from safetensors.torch import load_file, save_file

    _save_cross(_perturbed_cross_encoder(), tmp_path, lora_rank=0)
    state = load_file(str(tmp_path / "layers.safetensors"))
    save_file({k: v for k, v in state.items() if not k.startswith("layers.5.")}, str(tmp_path / "layers.safetensors"))
    with pytest.raises(loading.ModelLoadError):
        EmbeddedStanceClassifier(tmp_path)


def test_low_rank_artifact_is_merged_into_the_base_weights_and_a_misfit_is_refused(tmp_path):
    """A LoRA artifact names only A, B and what it replaces: loading adds B @ A to MiniLM's
    weight; factors whose shapes do not fit the layer are refused, not broadcast."""
    import json

    import torch
    from safetensors.torch import save_file

    torch.manual_seed(3)
    a, b = torch.randn(4, 384), 0.01 * torch.randn(384, 4)
    state = {"lora.0.attention.self.query.a": a.half(), "lora.0.attention.self.query.b": b.half(),
             "head.weight": torch.randn(3, 384), "head.bias": torch.zeros(3)}
    save_file(state, str(tmp_path / "layers.safetensors"))
    (tmp_path / "config.json").write_text(json.dumps(
        {"name": "lora", "design": "cross-encoder", "labels": ["favor", "against", "neutral"]}))
    clf = EmbeddedStanceClassifier(tmp_path)
    base = loading.get_sentence_encoder().model.encoder.layer
    want = base[0].attention.self.query.weight + b.half().float() @ a.half().float()
    assert torch.allclose(clf.cross.layers[0].attention.self.query.weight, want, atol=1e-6)
    assert torch.equal(clf.cross.layers[1].attention.self.query.weight, base[1].attention.self.query.weight)
    state["lora.0.attention.self.query.a"] = torch.randn(4, 100).half()
    save_file(state, str(tmp_path / "layers.safetensors"))
    with pytest.raises(loading.ModelLoadError):
        EmbeddedStanceClassifier(tmp_path)


# ---------------------------------------------------------------------------------- training


@pytest.mark.parametrize("rank", [16, 0])
def test_train_cross_learns_and_saves_what_inference_loads(tmp_path, rank):
    """train_cross end to end on a dozen rows, as a LoRA adapter (the default) and fully
    fine-tuned: every layer learns (not just a head), the sentence encoder's embeddings are
    untouched, and the saved artifact answers like the trained model."""
    import numpy as np
    import torch

    from training.stance import Example, TrainConfig, cross_proba, save, train_cross

    texts = ["We must lift the sanctions now.", "Sanctions relief would reward aggression.",
             "The museum opens at nine.", "Lifting sanctions will help farmers.",
             "Keep every sanction in place.", "Parking is free on weekdays."]
    rows = [Example(t, "sanctions relief", lab, "vast")
            for t, lab in zip(texts, ["favor", "against", "neutral", "favor", "against", "neutral"])]
    base = loading.get_sentence_encoder().model
    embeddings_before = base.embeddings.word_embeddings.weight.detach().clone()
    cfg = TrainConfig(batch_size=3, samples_per_epoch=12, warmup=0.0, lr=1e-3, max_length=32,
                      source_mix={"vast": 1.0}, lora_rank=rank)
    model, _ = train_cross(rows, cfg)
    for k in (0, 5):
        query = model.layers[k].attention.self.query
        if rank:  # the adapter moved off its zero start; the copied base weight stayed MiniLM's
            assert query.lora_b.abs().max() > 0
            assert torch.equal(query.base.weight, base.encoder.layer[k].attention.self.query.weight)
        else:
            assert not torch.allclose(base.encoder.layer[k].attention.self.query.weight, query.weight)
    assert torch.equal(base.embeddings.word_embeddings.weight, embeddings_before)
    assert model.embeddings is base.embeddings
    probs = cross_proba(model, rows[:3])
    save(model, tmp_path, cfg, {"name": "tiny-cross"})
    size_mb = (tmp_path / "layers.safetensors").stat().st_size / 1e6
    assert size_mb < 2 if rank else size_mb > 20
    loaded = EmbeddedStanceClassifier(tmp_path).predict_proba(texts[:3], ["sanctions relief"] * 3)
    assert np.allclose(loaded, probs, atol=1e-4)


def test_negated_topic_pairs_flip_the_label_with_the_topic():
    from training.stance import Example, negated_topic_pairs

    rows = [Example(f"t{i}", "sanctions relief", "favor" if i % 2 else "against", "vast") for i in range(20)]
    rows += [Example("n", "sanctions relief", "neutral", "vast"), Example("o", "z", "neutral", "offtopic")]
    out = negated_topic_pairs(rows, 0.5)
    assert len(out) == 10
    by_text = {e.text: e for e in rows}
    for e in out:
        assert e.target == "opposition to sanctions relief"
        assert {e.label, by_text[e.text].label} == {"favor", "against"}
        assert e.source == "vast"
    assert negated_topic_pairs(rows, 0.5) == out  # deterministic


def test_off_topic_neutrals_pair_a_text_with_another_topic():
    from training.stance import Example, off_topic_neutrals

    rows = [Example(f"t{i}", f"topic {i % 3}", "favor", "vast") for i in range(9)]
    out = off_topic_neutrals(rows, 5)
    assert len(out) == 5 and out == off_topic_neutrals(rows, 5)
    topic_of = {e.text: e.target for e in rows}
    assert all(e.label == "neutral" and e.source == "offtopic" and e.target != topic_of[e.text] for e in out)


def test_macro_f1_is_the_mean_over_the_three_labels():
    from training.stance import macro_f1

    score, per = macro_f1(["favor", "against", "neutral", "favor"], ["favor", "against", "favor", "favor"])
    assert per == {"favor": pytest.approx(0.8), "against": 1.0, "neutral": 0.0}
    assert score == pytest.approx(0.6)


def test_the_retrain_command_defaults_are_the_settings_the_shipped_artifact_records():
    """`python -m training.stance` with no flags writes to the committed artifact's folder with
    the settings its config.json records (that a rerun is deterministic was checked by hand:
    it takes minutes, so it is not a test)."""
    from models.stance import artifact
    from training.stance import MODEL_NAME, SEED, TrainConfig
    from training.stance.__main__ import build_parser
    from training.stance.arguments import TRAIN_SOURCES

    args = build_parser().parse_args([])
    meta = artifact.read_config(MODEL_DIR)
    assert args.out == MODEL_DIR and args.train_seed == SEED == meta["seed"]
    assert args.offtopic == meta["offtopic_fraction"] and MODEL_NAME == meta["name"]
    defaults = {k: list(v) if isinstance(v, tuple) else v for k, v in TrainConfig().__dict__.items()}
    assert defaults == meta["train"]  # the same fields, in the same order
    assert list(defaults) == list(meta["train"])
    assert args.sources.split(",") == list(TRAIN_SOURCES) and "ukp" not in args.sources  # CC BY-NC: left out
    assert args.two_way_sources.split(",") == list(meta["train"]["two_way_sources"])


def test_two_way_rows_teach_the_side_without_teaching_that_nothing_is_neutral():
    """polarity_aware_loss: a two-way row's loss ignores the neutral logit entirely; a three-way
    row's loss is plain cross-entropy."""
    import torch

    from training.stance.trainer import polarity_aware_loss

    logits = torch.tensor([[2.0, 0.5, 3.0], [2.0, 0.5, -3.0], [0.1, 0.2, 0.3]], requires_grad=True)
    labels = torch.tensor([0, 0, 2])
    two_way = torch.tensor([True, True, False])
    loss = polarity_aware_loss(logits, labels, two_way)
    loss.backward()
    # rows 0 and 1 differ only in the neutral logit: same loss term, no gradient on it
    assert logits.grad[0, 2] == 0 and logits.grad[1, 2] == 0
    assert torch.allclose(logits.grad[0], logits.grad[1])
    f = torch.nn.functional
    want = (f.cross_entropy(logits[:2, :2], labels[:2], reduction="sum")
            + f.cross_entropy(logits[2:], labels[2:], reduction="sum")) / 3
    assert torch.isclose(loss, want)


def test_motions_are_also_offered_in_the_noun_phrase_form_a_reader_types():
    from training.stance.sources import motion_topic

    assert motion_topic("We should ban whaling") == "banning whaling"
    assert motion_topic("We should subsidize space exploration") == "subsidizing space exploration"
    assert motion_topic("Homeschooling should be banned") == "banning homeschooling"
    assert motion_topic("Social media brings more harm than good") == "Social media brings more harm than good"


def test_two_way_f1_and_calibration_error_are_computed_as_defined():
    from benchmarks.stance_eval import expected_calibration_error, two_way_macro_f1

    gold = ["favor", "against", "favor", "neutral"]
    scores = [{"favor": 0.5, "against": 0.1, "neutral": 0.4}, {"favor": 0.2, "against": 0.3, "neutral": 0.5},
              {"favor": 0.1, "against": 0.6, "neutral": 0.3}, {"favor": 0.9, "against": 0.0, "neutral": 0.1}]
    # polar rows only: favor right, against right, favor read as against -> F1 favor 2/3, against 2/3
    assert abs(two_way_macro_f1(gold, scores) - 2 / 3) < 1e-9
    assert expected_calibration_error(["favor"] * 4, ["favor"] * 4, [1.0] * 4) == 0
    # confidence 0.8 on all, half right: |0.5 - 0.8|
    assert abs(expected_calibration_error(["favor", "against"] * 2, ["favor"] * 4, [0.8] * 4) - 0.3) < 1e-9


def test_temperature_softens_the_shipped_scores_without_changing_a_label(embedded, tmp_path):
    """The shipped artifact records a fitted temperature > 1 (training/stance/calibrate.py); the
    same weights at T = 1 give the same labels, each at least as confident, so the temperature
    only moves scores toward "unsure". An artifact without the key loads at T = 1."""
    import json
    import shutil

    from models.stance import artifact

    meta = artifact.read_config(MODEL_DIR)
    assert meta["temperature"] > 1 and embedded.cross.temperature == meta["temperature"]
    raw_dir = tmp_path / "raw"
    shutil.copytree(MODEL_DIR, raw_dir)
    del meta["temperature"]
    (raw_dir / "config.json").write_text(json.dumps(meta))
    raw = EmbeddedStanceClassifier(raw_dir)
    assert raw.cross.temperature == 1.0
    inputs = [StanceInput(text=t, target=g) for t, g, _ in CLEAR_CASES]
    shipped, unscaled = embedded.predict(inputs), raw.predict(inputs)
    assert [s.label for s in shipped] == [s.label for s in unscaled]
    assert all(s.confidence <= u.confidence + 1e-6 for s, u in zip(shipped, unscaled))
    assert sum(s.confidence < u.confidence - 0.01 for s, u in zip(shipped, unscaled)) >= len(inputs) // 2


@pytest.mark.parametrize("bad", [0, -1.5, "2", True, None])
def test_a_temperature_that_is_not_a_positive_number_is_a_load_error(tmp_path, bad):
    import json
    import shutil

    shutil.copytree(MODEL_DIR, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "config.json").read_text())
    meta["temperature"] = bad
    (tmp_path / "m" / "config.json").write_text(json.dumps(meta))
    with pytest.raises(loading.ModelLoadError, match="temperature"):
        EmbeddedStanceClassifier(tmp_path / "m")


def test_calibration_halves_keep_each_topic_on_one_side():
    from training.stance import Example
    from training.stance.calibrate import calibration_halves

    rows = [Example(f"text {i}", f"topic {i % 10}", "favor", "x") for i in range(100)]
    fit, report = calibration_halves(rows)
    assert sorted(fit + report) == list(range(100)) and fit and report
    assert not {rows[i].target for i in fit} & {rows[i].target for i in report}
    few = [Example(f"text {i}", "global warming", "favor", "x") for i in range(9)]  # one topic: by row
    assert calibration_halves(few) == ([0, 2, 4, 6, 8], [1, 3, 5, 7])


def test_fit_temperature_recovers_the_overconfidence_it_is_shown():
    """Labels drawn from softmax(z); the model reports softmax(2.5 z): the fit must find ~2.5,
    and a calibrated model must get ~1."""
    import numpy as np

    from training.stance.calibrate import fit_temperature, scaled

    rng = np.random.default_rng(0)
    z = rng.normal(size=(4000, 3)) * 1.5
    p = scaled(z, 1.0)
    gold = [int(rng.choice(3, p=row)) for row in p]
    over = np.log(scaled(2.5 * z, 1.0))
    assert abs(fit_temperature([(over[:2000], gold[:2000]), (over[2000:], gold[2000:])]) - 2.5) <= 0.2
    assert abs(fit_temperature([(np.log(p), gold)]) - 1.0) <= 0.15
