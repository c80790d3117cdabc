"""models/loading.py: name resolution, one load per process, and the shared spaCy pass's repairs."""

from __future__ import annotations

import threading

import pytest

from models import loading
from models.loading import ModelLoadError, cached, resolve


def test_names_resolve_to_embedded_local_or_hub(tmp_path):
    assert resolve("embedded").kind == "embedded" and resolve("").kind == "embedded"
    assert resolve(str(tmp_path)).kind == "local"
    assert resolve("facebook/bart-large-cnn").kind == "hub"
    with pytest.raises(ModelLoadError):
        resolve(str(tmp_path / "missing" / "folder"))


def test_cached_builds_once_even_from_many_threads():
    """All threads ask at the same moment and the build is slow, so without the per-key lock
    several builds would overlap."""
    import time

    calls = []
    start = threading.Barrier(8)

    def build():
        calls.append(1)
        time.sleep(0.05)
        return object()

    def ask():
        start.wait()
        results.append(cached("test", "once", build))

    results = []
    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len({id(r) for r in results}) == 1


def test_device_can_be_forced(monkeypatch):
    monkeypatch.setenv("STANCELENS_DEVICE", "cpu")
    assert loading.pick_device() == "cpu"


def test_unloadable_hub_model_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError, match="no-such-org/no-such-model"):
        loading.load_seq2seq("no-such-org/no-such-model")


def test_headline_is_its_own_sentence_but_wrapped_lines_are_not():
    doc = loading.get_spacy()("Talks resume in Geneva\nThe envoys met on Tuesday. It went on\nfor hours.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Talks resume in Geneva"
    assert "It went on\nfor hours." in sentences


def test_person_names_with_particles_are_whole():
    doc = loading.get_spacy()("According to Ursula von der Leyen, the sanctions must stay.")
    assert "Ursula von der Leyen" in [e.text for e in doc.ents if e.label_ == "PERSON"]


def test_the_sentence_encoder_gives_sentence_transformers_embeddings_without_importing_it():
    """models.encoder replaces sentence_transformers at run time (it cost ~2.5 s of every cold
    start); its embeddings must be the ones sentence_transformers computes for the same model."""
    import subprocess
    import sys

    import numpy as np
    from sentence_transformers import SentenceTransformer

    texts = ["The council approved the harbour plan.", "Sanctions relief", "x " * 400]
    ours = loading.get_sentence_encoder().encode(texts)
    reference = SentenceTransformer(str(loading.embedded_encoder_path()), device="cpu").encode(
        texts, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == reference.shape == (3, 384)
    assert np.allclose(ours, reference, atol=1e-5)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert loading.get_sentence_encoder().max_length == 256  # from sentence_bert_config.json
    probe = ("import sys; from models import loading; loading.get_sentence_encoder().encode(['a']); "
             "print('sentence_transformers' in sys.modules, 'sklearn' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_a_folder_encoder_loads_through_transformers(tmp_path):
    """A local folder (or hub id) of any BERT-style model loads through AutoModel; built offline."""
    import transformers

    from models.encoder import SentenceEncoder

    src = loading.embedded_encoder_path()
    config = transformers.BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1,
                                     num_attention_heads=2, intermediate_size=64)
    transformers.BertModel(config).save_pretrained(tmp_path)
    transformers.AutoTokenizer.from_pretrained(str(src)).save_pretrained(tmp_path)
    loading.clear_cache()
    try:
        encoder = loading.get_sentence_encoder(str(tmp_path))
        assert isinstance(encoder, SentenceEncoder)
        emb = encoder.encode(["one sentence", "another one"])
        assert emb.shape == (2, 32)
        assert encoder.max_length == 512  # no sentence_bert_config.json: the tokenizer's limit, capped at 512
    finally:
        loading.clear_cache()
