"""The embedded MiniLM's tokenizer on the `tokenizers` library alone.

Why not transformers' AutoTokenizer: importing transformers for it costs ~0.8-1.4 s of every
cold start on two cores, and the embedded encoder needs only what its tokenizer.json already
holds (BERT normalisation, WordPiece, the [CLS] a [SEP] b [SEP] template). This class offers the
small part of transformers' tokenizer call that models/ uses, with the same results
(tests/test_tokenizer.py compares them with AutoTokenizer's): `tok(texts, pairs, truncation=...,
max_length=..., padding=..., return_tensors="pt")` and `tok.pad(rows, return_tensors="pt")`.
Hub and folder models keep transformers' own tokenizers.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Sequence

__all__ = ["Batch", "WordPieceTokenizer"]

_KEYS = ("input_ids", "token_type_ids", "attention_mask")


class Batch(dict):
    """A dict of token lists or tensors; `.to(device)` moves tensors, like BatchEncoding."""

    def to(self, device: Any) -> Batch:
        return Batch({k: v.to(device) if hasattr(v, "to") else v for k, v in self.items()})


class WordPieceTokenizer:
    """A tokenizer.json read by `tokenizers`, called the way models/ calls transformers' ones."""

    def __init__(self, folder: str | Path) -> None:
        from tokenizers import Tokenizer

        folder = Path(folder)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._lock = threading.Lock()  # truncation is tokenizer state: one call at a time
        config: dict[str, Any] = {}
        try:
            config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        self.model_max_length = int(config.get("model_max_length", 512) or 512)
        self.model_max_length = min(self.model_max_length, 512)
        pad = config.get("pad_token", "[PAD]")
        self.pad_token_id = self._tokenizer.token_to_id(pad if isinstance(pad, str) else "[PAD]") or 0

    def __call__(
        self,
        texts: Sequence[str] | str,
        pairs: Sequence[str] | str | None = None,
        truncation: bool | str = False,
        max_length: int | None = None,
        padding: bool = False,
        return_tensors: str | None = None,
        add_special_tokens: bool = True,
        **_ignored: Any,
    ) -> Batch:
        single = isinstance(texts, str)
        texts = [texts] if isinstance(texts, str) else list(texts)
        if isinstance(pairs, str):
            pairs = [pairs]
        inputs: list[Any] = list(zip(texts, pairs)) if pairs is not None else texts
        with self._lock:
            if truncation:
                strategy = "only_first" if truncation == "only_first" else "longest_first"
                self._tokenizer.enable_truncation(max_length or self.model_max_length, strategy=strategy)
            else:
                self._tokenizer.no_truncation()
            encodings = self._tokenizer.encode_batch(inputs, add_special_tokens=add_special_tokens)
        rows = Batch({
            "input_ids": [e.ids for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
        })
        if padding or return_tensors:
            return self.pad([{k: rows[k][i] for k in _KEYS} for i in range(len(encodings))], return_tensors)
        if single:
            return Batch({k: v[0] for k, v in rows.items()})
        return rows

    def pad(self, rows: Sequence[dict[str, Sequence[int]]], return_tensors: str | None = None) -> Batch:
        """Right-pad rows of token lists to the longest (as transformers pads BERT inputs)."""
        width = max((len(r["input_ids"]) for r in rows), default=0)
        filler = {"input_ids": self.pad_token_id, "token_type_ids": 0, "attention_mask": 0}
        out = Batch({k: [list(r[k]) + [filler[k]] * (width - len(r[k])) for r in rows] for k in _KEYS})
        if return_tensors == "pt":
            import torch

            return Batch({k: torch.tensor(v, dtype=torch.long) for k, v in out.items()})
        return out
