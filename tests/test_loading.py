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
