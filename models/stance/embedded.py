"""The embedded stance classifier: all-MiniLM-L6-v2 (from its pip package) read as a
cross-encoder, with the small trained part committed under models/stance_model/ (trained by
`python -m training.stance`; the format is models/stance/artifact.py).

The shipped design (since v4; the shipped weights are v5e's): [CLS] quote [SEP] topic [SEP]
through copies of all six MiniLM layers, each adapted by a rank-16 LoRA adapter merged at load,
mean pooling and a 3-way head. It costs six layers per (quote, topic) pair, yet it is the only
design that got polarity toward unseen topics right (held-out VAST 0.657 for v4, 0.665 for v5b, 0.659 for v5d, 0.660 for v5e,
against 0.57-0.60 for every design that kept lower layers frozen; docs/stance_trials.md lists
the trials). Each distinct pair runs once, in batches of
similar token length.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Sequence

from models import loading
from models.encoder import mean_pool
from models.schema import Stance
from models.stance import artifact
from models.stance.inputs import StanceInput

__all__ = ["CrossEncoder", "EmbeddedStanceClassifier", "minilm_parts"]


def minilm_parts() -> tuple[Any, Any, Any]:
    """(tokenizer, BertModel, lock) of the sentence encoder the app already holds: the
    cross-encoder shares its (frozen) embeddings and copies its layers, so MiniLM is loaded
    once per process for summary, topics and stance alike."""
    encoder = loading.get_sentence_encoder(loading.EMBEDDED)
    return encoder.tokenizer, encoder.model, loading.inference_lock(encoder)


def _extended_mask(encoder: Any, mask: Any, hidden: Any) -> Any:
    """The 4-D attention mask the base model builds for `mask`, so the copied layers see padding
    exactly as they would inside it: models.bert's additive mask at inference, transformers'
    BertModel's own (eager or SDPA alike) when training runs on that."""
    if hasattr(encoder, "_create_attention_masks"):
        return encoder._create_attention_masks(mask, None, hidden, None, None)[0]
    from models.bert import additive_mask

    return additive_mask(mask, hidden.dtype)


class CrossEncoder:
    """[CLS] text [SEP] topic [SEP] through fine-tuned copies of MiniLM's layers, mean pooling,
    a 3-way head.

    Why a full cross-encoder although it runs 6 layers per (quote, topic) pair: on unseen VAST
    topics the errors were polarity (favor read as against and back), and only attention between
    quote and topic from the first layer fixed that. The word embeddings stay frozen in
    training, so the sentence encoder's embedding module is shared and only the layers are a
    second copy (about 42 MB in RAM).
    """

    def __init__(self, base: Any, head: Any, max_length: int = 128, embeddings: Any | None = None,
                 temperature: float = 1.0) -> None:
        import torch

        self.layers = torch.nn.ModuleList(copy.deepcopy(list(base.encoder.layer)))
        self.head = head
        self.base = base  # the sentence encoder's BertModel: its mask builder (and embeddings)
        self.embeddings = embeddings if embeddings is not None else base.embeddings
        self.max_length = max_length
        # Logits are divided by this before the softmax (temperature scaling, fitted after
        # training by training/stance/calibrate.py): it softens an overconfident model's scores
        # without changing any label, so the page's low-confidence mark and the charts'
        # confidence weights mean what they say. Training always runs at 1.
        self.temperature = float(temperature)

    def parameters(self) -> list[Any]:
        return list(self.layers.parameters()) + list(self.head.parameters())

    def train(self, mode: bool = True) -> None:
        self.layers.train(mode)
        self.head.train(mode)

    def logits(self, enc: Any) -> Any:
        """Logits for a tokenized batch of pairs (input_ids, token_type_ids, attention_mask)."""
        h = self.embeddings(input_ids=enc["input_ids"], token_type_ids=enc["token_type_ids"])
        ext = _extended_mask(self.base, enc["attention_mask"], h)
        for layer in self.layers:
            h = layer(h, ext)
        return self.head(mean_pool(h, enc["attention_mask"]))

    def tokenize(self, tokenizer: Any, texts: Sequence[str], targets: Sequence[str], pad: bool = True) -> Any:
        """The pair encoding training and inference share (the text is cut, never the topic);
        `pad=False` gives unpadded id lists, for batching by length."""
        if not pad:
            return tokenizer(list(texts), list(targets), truncation="only_first", max_length=self.max_length)
        return tokenizer(list(texts), list(targets), truncation="only_first", max_length=self.max_length,
                         padding=True, return_tensors="pt")

    def proba(self, tokenizer: Any, texts: Sequence[str], targets: Sequence[str], batch_size: int = 32) -> Any:
        """Softmax over the (texts[i], targets[i]) pairs; each distinct pair runs once, in
        batches of similar token length (less padding)."""
        import numpy as np
        import torch

        pairs = list(zip(texts, targets))
        unique = list(dict.fromkeys(pairs))
        probs = np.zeros((len(unique), self.head.out_features), dtype=np.float32)
        if not unique:
            return probs
        # Tokenized once, unpadded, then batched by TOKEN count: padding is what a batch wastes
        # (sorting by characters left 23% of a short-quote grid as padding).
        ids = self.tokenize(tokenizer, [t for t, _ in unique], [g for _, g in unique], pad=False)
        rows = [{k: ids[k][i] for k in ("input_ids", "token_type_ids", "attention_mask")} for i in range(len(unique))]
        order = sorted(range(len(unique)), key=lambda i: len(rows[i]["input_ids"]))
        device = next(self.layers.parameters()).device
        with torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = order[lo : lo + batch_size]
                batch = tokenizer.pad([rows[i] for i in idx], return_tensors="pt").to(device)
                probs[idx] = torch.softmax(self.logits(batch).float() / self.temperature, -1).cpu().numpy()
        row = {p: i for i, p in enumerate(unique)}
        return probs[[row[p] for p in pairs]]


def _load_cross_encoder(model_dir: Path, meta: dict[str, Any], base: Any) -> CrossEncoder:
    import torch

    head = torch.nn.Linear(base.config.hidden_size, len(meta["labels"]))
    model = CrossEncoder(base, head, max_length=int(meta.get("max_length", 128)),
                         temperature=artifact.temperature(meta))
    artifact.load_weights(model_dir, model.layers, head, next(base.parameters()).device)
    return model


class EmbeddedStanceClassifier:
    """The cross-encoder artifact in `model_dir`; `.predict(inputs) -> list[Stance]`.

    Any failure to read the artifact is a ModelLoadError (a user-facing one-line reason).
    """

    def __init__(self, model_dir: Path, batch_size: int = 32) -> None:
        model_dir = Path(model_dir)
        broken = f"embedded stance model in {model_dir} is missing or broken"
        try:
            self.meta = artifact.read_config(model_dir)
        except Exception as exc:
            raise loading.ModelLoadError(f"{broken}: {exc}") from exc
        self.name = f"embedded:{self.meta.get('name', 'minilm-stance')}"
        self.batch_size = batch_size
        try:
            if self.meta.get("design") != artifact.DESIGN:
                raise ValueError(f"unknown design {self.meta.get('design')!r}")
            self.labels: list[str] = list(self.meta["labels"])
            self.tokenizer, base, self.lock = minilm_parts()
            self.cross = _load_cross_encoder(model_dir, self.meta, base)
        except loading.ModelLoadError:
            raise
        except Exception as exc:
            raise loading.ModelLoadError(f"{broken}: {exc}") from exc

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str]) -> Any:
        """Class probabilities (columns follow self.labels) of the pairs (texts[i], targets[i])."""
        # The embedding module is the sentence encoder's: hold its lock as its other users do.
        with self.lock, loading.inference_lock(self.cross.layers):
            return self.cross.proba(self.tokenizer, texts, targets, self.batch_size)

    def predict(self, inputs: Sequence[StanceInput]) -> list[Stance]:
        if not inputs:
            return []
        probs = self.predict_proba([i.premise() for i in inputs], [i.target for i in inputs])
        return [Stance.from_scores(dict(zip(self.labels, map(float, row)))) for row in probs]
