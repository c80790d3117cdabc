"""models/tokenizer.py must tokenize exactly as transformers' AutoTokenizer does for MiniLM."""

from __future__ import annotations

import pytest
import torch

from models import loading
from models.tokenizer import WordPieceTokenizer

TEXTS = ["Sanctions relief is off the table, officials said.", "No.", "", "Ünïcödé — “quotes” and émojis 🙂",
         "word " * 300, "He said: \"We won't lift them\" (yet)."]
TOPICS = ["lifting sanctions on Russia", "x", "the war in Ukraine", "café policy", "a long topic " * 5, "them"]


@pytest.fixture(scope="module")
def pair():
    import transformers

    path = str(loading.embedded_encoder_path())
    return WordPieceTokenizer(path), transformers.AutoTokenizer.from_pretrained(path)


@pytest.mark.parametrize("kwargs", [
    dict(truncation="only_first", max_length=32),
    dict(truncation="only_first", max_length=128, padding=True, return_tensors="pt"),
])
def test_pairs_match_transformers(pair, kwargs):
    ours, theirs = pair
    a, b = ours(TEXTS, TOPICS, **kwargs), theirs(TEXTS, TOPICS, **kwargs)
    for key in ("input_ids", "token_type_ids", "attention_mask"):
        if kwargs.get("return_tensors"):
            assert torch.equal(a[key], b[key]), key
        else:
            assert a[key] == b[key], key


def test_single_texts_padding_and_pad_match_transformers(pair):
    ours, theirs = pair
    a = ours(TEXTS, padding=True, truncation=True, max_length=256, return_tensors="pt")
    b = theirs(TEXTS, padding=True, truncation=True, max_length=256, return_tensors="pt")
    assert all(torch.equal(a[k], b[k]) for k in ("input_ids", "token_type_ids", "attention_mask"))
    rows = ours(TEXTS[:3], TOPICS[:3], truncation="only_first", max_length=64)
    listed = [{k: rows[k][i] for k in ("input_ids", "token_type_ids", "attention_mask")} for i in range(3)]
    padded, reference = ours.pad(listed, return_tensors="pt"), theirs.pad(listed, return_tensors="pt")
    assert all(torch.equal(padded[k], reference[k]) for k in padded)
    assert ours.pad(listed, return_tensors="pt").to("cpu")["input_ids"].shape == reference["input_ids"].shape
    assert ours("Hello there")["input_ids"] == theirs("Hello there")["input_ids"]
    assert ours(["a b"], add_special_tokens=False)["input_ids"] == theirs(["a b"], add_special_tokens=False)["input_ids"]
