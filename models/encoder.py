"""A sentence encoder through transformers alone: tokenizer, BERT-style model, mean pooling.

Why not sentence_transformers: importing it pulls in scikit-learn and more, about 2.5 s of a
cold start on two cores, to run three steps for all-MiniLM-L6-v2 that fit here: tokenize
(at most the model's `max_seq_length`, 256), mean-pool the last hidden states over the real
tokens, L2-normalise. tests/test_loading.py checks the embeddings against sentence_transformers'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

__all__ = ["SentenceEncoder", "max_seq_length", "mean_pool"]


def mean_pool(hidden: Any, mask: Any) -> Any:
    """Mean of the hidden states over the real (unpadded) tokens: the sentence encoder's pooling,
    and the stance cross-encoder's too."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


def max_seq_length(folder: str | Path | None, fallback: int = 256) -> int:
    """The token limit a sentence-transformers folder declares (sentence_bert_config.json)."""
    if folder is None:
        return fallback
    try:
        config = json.loads((Path(folder) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(config.get("max_seq_length", fallback))
    except (OSError, ValueError, TypeError):
        return fallback


@dataclass
class SentenceEncoder:
    """`encode(texts)` -> unit-length embeddings (numpy, float32), one row per text.

    `model` is a transformers BertModel; the stance cross-encoder shares its embedding module
    and copies its layers, so MiniLM is held once per process.
    """

    tokenizer: Any
    model: Any
    max_length: int = 256

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> Any:
        import numpy as np
        import torch

        rows: list[Any] = []
        device = next(self.model.parameters()).device
        with torch.inference_mode():
            for i in range(0, len(texts), batch_size):
                batch = self.tokenizer(list(texts[i : i + batch_size]), padding=True, truncation=True,
                                       max_length=self.max_length, return_tensors="pt").to(device)
                pooled = mean_pool(self.model(**batch).last_hidden_state, batch["attention_mask"])
                rows.append(torch.nn.functional.normalize(pooled, p=2, dim=1).float().cpu().numpy())
        if not rows:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        return np.concatenate(rows, axis=0)
