"""models/bert.py: the plain-torch BERT must compute what transformers' BertModel computes."""

from __future__ import annotations

import pytest
import torch

from models import loading
from models.bert import BertConfig, BertEncoder, additive_mask, load_bert


@pytest.fixture(scope="module")
def pair():
    import transformers

    path = loading.embedded_encoder_path()
    return load_bert(path), transformers.AutoModel.from_pretrained(str(path)).eval(), \
        transformers.AutoTokenizer.from_pretrained(str(path))


def test_hidden_states_match_transformers_bert_with_padding(pair):
    ours, theirs, tok = pair
    enc = tok(["Sanctions relief is off the table, officials said.", "No."], ["lifting sanctions", "x"],
              padding=True, return_tensors="pt")
    with torch.inference_mode():
        a = ours(**enc).last_hidden_state
        b = theirs(**enc).last_hidden_state
    real = enc["attention_mask"].bool()
    assert a.shape == b.shape
    assert torch.allclose(a[real], b[real], atol=1e-5)  # padded positions are never read


def test_layer_state_dicts_are_interchangeable(pair):
    """The stance artifact stores copied layer weights under transformers' names."""
    ours, theirs, _ = pair
    assert set(ours.encoder.layer.state_dict()) == set(theirs.encoder.layer.state_dict())
    assert set(ours.embeddings.state_dict()) <= set(theirs.embeddings.state_dict())


def test_a_checkpoint_that_does_not_fit_is_refused(tmp_path):
    from safetensors.torch import save_file

    (tmp_path / "config.json").write_text('{"model_type": "bert", "hidden_size": 8, "num_hidden_layers": 1,'
                                          ' "num_attention_heads": 2, "intermediate_size": 16, "vocab_size": 10}')
    save_file({"embeddings.word_embeddings.weight": torch.zeros(10, 8)}, str(tmp_path / "model.safetensors"))
    with pytest.raises(RuntimeError, match="Missing key"):
        load_bert(tmp_path)
    (tmp_path / "config.json").write_text('{"model_type": "roberta"}')
    with pytest.raises(ValueError, match="not a plain BERT"):
        load_bert(tmp_path)


def test_additive_mask_blocks_padding_only():
    m = additive_mask(torch.tensor([[1, 1, 0]]), torch.float32)
    assert m.shape == (1, 1, 1, 3)
    assert m[0, 0, 0, 0] == 0 and m[0, 0, 0, 2] < -1e30
    model = BertEncoder(BertConfig(vocab_size=20, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                                   intermediate_size=16)).eval()
    ids = torch.tensor([[3, 4, 5]])
    with torch.inference_mode():
        full = model(input_ids=ids, attention_mask=torch.tensor([[1, 1, 1]])).last_hidden_state
        cut = model(input_ids=ids[:, :2], attention_mask=torch.tensor([[1, 1]])).last_hidden_state
        padded = model(input_ids=ids, attention_mask=torch.tensor([[1, 1, 0]])).last_hidden_state
    assert torch.allclose(padded[:, :2], cut, atol=1e-6)
    assert not torch.allclose(full[:, :2], cut, atol=1e-6)


def test_loading_leaves_torch_rng_alone():
    """A seeded training run loads the encoder after seeding: loading must not draw numbers."""
    torch.manual_seed(0)
    before = torch.get_rng_state()
    load_bert(loading.embedded_encoder_path())
    assert torch.equal(before, torch.get_rng_state())
