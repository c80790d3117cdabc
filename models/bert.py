"""A BERT encoder in plain torch, for the embedded all-MiniLM-L6-v2 only.

Why not transformers' BertModel: importing transformers' modelling stack (modeling_utils,
masking_utils, the loss zoo, torch._dynamo and torch.distributed with them) costs about 2.4 s
of every cold start on two cores, more than everything else the CLI does on a 700-word
article. The embedded model is one fixed architecture (BERT, absolute positions, GELU,
post-LayerNorm), so its forward pass fits here in about a hundred lines; module and parameter
names follow transformers' BertModel, so the checkpoint's state dict and the stance artifact's
layer weights load unchanged. tests/test_bert.py checks the outputs against BertModel's.

Any other encoder (a hub id, a local folder) still loads through transformers' AutoModel.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["BertConfig", "BertEncoder", "additive_mask", "load_bert"]


@dataclass(frozen=True)
class BertConfig:
    """The fields of a BERT config.json this encoder reads."""

    vocab_size: int = 30522
    hidden_size: int = 384
    num_hidden_layers: int = 6
    num_attention_heads: int = 12
    intermediate_size: int = 1536
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0

    @classmethod
    def from_file(cls, path: Path) -> BertConfig:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        if raw.get("model_type", "bert") != "bert" or raw.get("hidden_act", "gelu") != "gelu" or \
                raw.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError("not a plain BERT checkpoint (model_type bert, gelu, absolute positions)")
        return cls(**{k: raw[k] for k in cls.__dataclass_fields__ if k in raw})


def additive_mask(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """(batch, seq) 1/0 padding mask -> (batch, 1, 1, seq) mask to add to attention scores."""
    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


class _Embeddings(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)[None, :]
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        h = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        return self.LayerNorm(h + self.position_embeddings(positions))


class _SelfAttention(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.heads = c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, h: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, n, d = h.shape

        def split(x: torch.Tensor) -> torch.Tensor:
            return x.view(b, n, self.heads, d // self.heads).transpose(1, 2)

        q, k, v = split(self.query(h)), split(self.key(h)), split(self.value(h))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=1.0 / math.sqrt(d // self.heads))
        return out.transpose(1, 2).reshape(b, n, d)


class _DenseNorm(nn.Module):
    """dense -> (+ residual) -> LayerNorm: BERT's attention output and layer output."""

    def __init__(self, n_in: int, c: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(n_in, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(x) + residual)


class _Attention(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.self = _SelfAttention(c)
        self.output = _DenseNorm(c.hidden_size, c)

    def forward(self, h: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(h, mask), h)


class _Intermediate(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(h))


class BertLayer(nn.Module):
    """One post-LayerNorm transformer layer; `layer(hidden, additive_mask) -> hidden`."""

    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.attention = _Attention(c)
        self.intermediate = _Intermediate(c)
        self.output = _DenseNorm(c.intermediate_size, c)

    def forward(self, h: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        a = self.attention(h, mask)
        return self.output(self.intermediate(a), a)


class _Layers(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList(BertLayer(c) for _ in range(c.num_hidden_layers))


class BertEncoder(nn.Module):
    """Embeddings and layers (no pooler): `model(input_ids=..., attention_mask=...)` returns
    an object with `last_hidden_state`, as transformers' BertModel does."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = _Embeddings(config)
        self.encoder = _Layers(config)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        **_ignored: Any,
    ) -> SimpleNamespace:
        h = self.embeddings(input_ids, token_type_ids)
        mask = additive_mask(attention_mask, h.dtype) if attention_mask is not None else None
        for layer in self.encoder.layer:
            h = layer(h, mask)
        return SimpleNamespace(last_hidden_state=h)


def load_bert(folder: str | Path) -> BertEncoder:
    """A BertEncoder from a folder with config.json and model.safetensors, in eval mode.

    The checkpoint must hold every weight of the encoder (the pooler is not used and ignored);
    anything missing or misshapen raises rather than leaving random weights in place."""
    from safetensors.torch import load_file

    folder = Path(folder)
    config = BertConfig.from_file(folder / "config.json")
    # The random initialisation is thrown away, but it must not move torch's RNG: a seeded
    # training run that loads the encoder has to draw the same numbers as before. (Building on
    # the meta device instead would skip the init but imports torch._dynamo, ~1.2 s cold.)
    with torch.random.fork_rng(devices=[]):
        model = BertEncoder(config)
    state = load_file(str(folder / "model.safetensors"))
    state = {k.removeprefix("bert."): v for k, v in state.items()}
    state = {k: v for k, v in state.items() if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval()
