"""The embedded stance classifier: all-MiniLM-L6-v2 (from its pip package) plus a small trained
part committed under models/stance_model/ (trained by `python -m models.train_stance`).

Why one MiniLM pass per unique text feeds every member: an article's stance grid is quotes x
topics, and the expensive part of any MiniLM-based classifier is running the encoder over the
quote. Each quote is encoded ONCE (with the sentence encoder the rest of the app already holds,
so MiniLM is never loaded twice); that pass yields both its sentence embedding (for the MLP) and
its hidden states after layer `split` (for the late-interaction cross-encoder). Only the last
few layers run per (quote, topic) pair.

config.json names the design:
* `ensemble` (the shipped default): the weighted mean of its members' class probabilities (an
  MLP over frozen embeddings and a late-interaction cross-encoder); the bi-encoder knows what a
  text is about, the cross-encoder reads which way it leans, and their mean beat both alone on
  the held-out splits (benchmarks/stance_eval.py); `bias` may add per-class offsets to the log
  of that mean (see `calibrated`);
* `late-interaction`: text and topic go through MiniLM's lower layers separately (the topic as
  segment B), then their states are joined ([CLS] text [SEP] topic [SEP]) and the top layers,
  retrained for stance and stored in fp16 with a 3-way head in top_layers.safetensors, read
  them jointly;
* `biencoder-features-mlp`: sentence embeddings u (text), v (topic), features
  [u, v, u*v, |u-v|] and a one-hidden-layer MLP in mlp.npz (fp16);
* `biencoder-features-linear`: the same features and a multinomial logistic head in head.npz.
No file is a pickle, so loading the artifact cannot run code.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from models import loading
from models.schema import Stance

if TYPE_CHECKING:  # pragma: no cover
    from models.stance import StanceInput

DESIGNS = ("ensemble", "late-interaction", "biencoder-features-mlp", "biencoder-features-linear")


# --------------------------------------------------------------------------------------------
# One MiniLM pass per unique text


@dataclass
class Encodings:
    """Everything the members read about a batch of (text, target) pairs.

    Rows are unique texts / targets; `text_of[i]` and `target_of[i]` map pair i to its rows.
    `*_states` are None when no member needs hidden states.
    """

    text_vecs: Any
    target_vecs: Any
    text_of: list[int]
    target_of: list[int]
    text_states: list[Any] | None = None
    target_states: list[Any] | None = None


class MiniLMPass:
    """Runs the sentence encoder's own BertModel once per text and returns both outputs.

    The pooled vector is exactly what SentenceTransformer.encode gives for all-MiniLM-L6-v2
    (mean pooling, L2 normalisation); the states are those after layer `layer`, cut to
    `keep_tokens` tokens (long texts are read by the top layers up to that length).
    """

    def __init__(self, sentence_encoder: Any, batch_size: int = 32) -> None:
        module = sentence_encoder[0]
        self.lock = loading.inference_lock(sentence_encoder)
        self.tokenizer = module.tokenizer
        self.model = module.auto_model
        self.max_length = int(getattr(module, "max_seq_length", None) or 256)
        self.batch_size = batch_size

    def run(
        self, texts: Sequence[str], segment: int = 0, layer: int | None = None, keep_tokens: int = 128
    ) -> tuple[Any, list[Any] | None]:
        import numpy as np
        import torch

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vecs = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        states: list[Any] | None = [None] * len(texts) if layer is not None else None
        device = next(self.model.parameters()).device
        with self.lock, torch.inference_mode():
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo : lo + self.batch_size]
                enc = self.tokenizer(
                    [texts[i] for i in idx], padding=True, truncation=True, max_length=self.max_length,
                    return_tensors="pt",
                ).to(device)
                if segment:
                    enc["token_type_ids"] = torch.full_like(enc["input_ids"], segment)
                out = self.model(**enc, output_hidden_states=layer is not None)
                pooled = torch.nn.functional.normalize(mean_pool(out.last_hidden_state, enc["attention_mask"]), dim=-1)
                vecs[idx] = pooled.float().cpu().numpy()
                if states is not None:
                    lengths = enc["attention_mask"].sum(1).tolist()
                    hidden = out.hidden_states[layer]
                    for j, i in enumerate(idx):
                        states[i] = hidden[j, : min(lengths[j], keep_tokens)].clone()
        return vecs, states

    def encode(self, texts: Sequence[str], targets: Sequence[str], layer: int | None = None,
               keep_tokens: int = 128) -> Encodings:
        """Encodings of parallel lists of texts and targets, each unique string encoded once."""
        unique_texts = list(dict.fromkeys(texts))
        unique_targets = list(dict.fromkeys(targets))
        text_row = {t: i for i, t in enumerate(unique_texts)}
        target_row = {t: i for i, t in enumerate(unique_targets)}
        text_vecs, text_states = self.run(unique_texts, 0, layer, keep_tokens)
        # The topic's embedding (segment A, as the MLP was trained) and its states as segment B
        # (as the cross-encoder reads it) are two passes over a handful of short strings.
        target_vecs, _ = self.run(unique_targets, 0)
        target_states = None
        if layer is not None:
            _, with_cls = self.run(unique_targets, 1, layer, keep_tokens)
            target_states = [s[1:] for s in with_cls or []]  # the pair has one [CLS], the text's
        return Encodings(text_vecs, target_vecs, [text_row[t] for t in texts], [target_row[t] for t in targets],
                         text_states, target_states)


def mean_pool(hidden: Any, mask: Any) -> Any:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


def extended_mask(encoder: Any, mask: Any, hidden: Any) -> Any:
    """The 4-D attention mask BertModel builds for `mask` (eager or SDPA alike), so the top
    layers see padding exactly as they would inside the full model."""
    return encoder._create_attention_masks(mask, None, hidden, None, None)[0]


# --------------------------------------------------------------------------------------------
# Late-interaction cross-encoder (shared with models/train_stance.py)


class LateInteraction:
    """MiniLM's top layers over [text states ; topic states], mean pooling, a 3-way head."""

    def __init__(self, encoder: Any, split: int, head: Any, layers: Any | None = None) -> None:
        import torch

        self.encoder = encoder  # the base BertModel: only its mask builder is used
        self.split = split
        self.layers = layers if layers is not None else torch.nn.ModuleList(
            copy.deepcopy(encoder.encoder.layer[split:]))
        self.head = head

    def parameters(self) -> list[Any]:
        return list(self.layers.parameters()) + list(self.head.parameters())

    def train(self, mode: bool = True) -> None:
        self.layers.train(mode)
        self.head.train(mode)

    def logits(self, pair_states: list[Any]) -> Any:
        """Logits for a batch of joined (unpadded) pair states."""
        import torch

        n = max(s.shape[0] for s in pair_states)
        h = torch.zeros(len(pair_states), n, pair_states[0].shape[1], device=pair_states[0].device)
        mask = torch.zeros(len(pair_states), n, dtype=torch.long, device=h.device)
        for j, s in enumerate(pair_states):
            h[j, : s.shape[0]] = s.float()
            mask[j, : s.shape[0]] = 1
        ext = extended_mask(self.encoder, mask, h)
        for layer in self.layers:
            h = layer(h, ext)
        return self.head(mean_pool(h, mask))

    def proba(self, enc: Encodings, batch_size: int = 32) -> Any:
        """Softmax over the pairs of `enc`, in batches of similar length (less padding)."""
        import numpy as np
        import torch

        assert enc.text_states is not None and enc.target_states is not None
        text_states, target_states = enc.text_states, enc.target_states
        pairs = list(zip(enc.text_of, enc.target_of))
        sizes = [text_states[t].shape[0] + target_states[g].shape[0] for t, g in pairs]
        order = sorted(range(len(pairs)), key=sizes.__getitem__)
        out = np.zeros((len(pairs), self.head.out_features), dtype=np.float32)
        with torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = order[lo : lo + batch_size]
                joined = [torch.cat([text_states[pairs[i][0]], target_states[pairs[i][1]]]) for i in idx]
                out[idx] = torch.softmax(self.logits(joined).float(), -1).cpu().numpy()
        return out

    def state_dict(self) -> dict[str, Any]:
        """fp16 layers (the artifact's size) and an fp32 head."""
        import torch

        state = {f"layers.{k}": v.detach().to(torch.float16).contiguous() for k, v in self.layers.state_dict().items()}
        state["head.weight"] = self.head.weight.detach().float().contiguous()
        state["head.bias"] = self.head.bias.detach().float().contiguous()
        return state


def load_late_interaction(model_dir: Path, meta: dict[str, Any], encoder: Any) -> LateInteraction:
    import torch
    from safetensors.torch import load_file

    state = load_file(str(model_dir / "top_layers.safetensors"))
    split = int(meta["split_layer"])
    head = torch.nn.Linear(encoder.config.hidden_size, len(meta["labels"]))
    model = LateInteraction(encoder, split, head)
    own = model.layers.state_dict()
    layers = {k[len("layers."):]: v.float() for k, v in state.items() if k.startswith("layers.")}
    if set(layers) != set(own):
        raise ValueError("top_layers.safetensors does not match the base model's top layers")
    device = next(encoder.parameters()).device
    with torch.no_grad():
        model.layers.load_state_dict(layers)
        head.weight.copy_(state["head.weight"].float())
        head.bias.copy_(state["head.bias"].float())
    model.layers.to(device).eval()
    head.to(device).eval()
    return model


# --------------------------------------------------------------------------------------------
# Heads over sentence embeddings


def features(u: Any, v: Any) -> Any:
    """[u, v, u*v, |u-v|] of text and target embeddings (InferSent-style pair features)."""
    import numpy as np

    return np.concatenate([u, v, u * v, np.abs(u - v)], axis=1).astype(np.float32)


def softmax_rows(logits: Any) -> Any:
    import numpy as np

    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def mlp_proba(weights: dict[str, Any], x: Any) -> Any:
    """The MLP head: Linear -> GELU (tanh form, as trained) -> Linear -> softmax."""
    import numpy as np

    h = x @ weights["w1"] + weights["b1"]
    h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
    return softmax_rows(h @ weights["w2"] + weights["b2"])


def calibrated(probs: Any, bias: Sequence[float]) -> Any:
    """softmax(log p + bias) row-wise: moves the decision boundaries between classes without
    retraining; zero bias = identity."""
    import numpy as np

    if not any(bias):
        return probs
    logits = np.log(np.clip(probs, 1e-9, None)) + np.asarray(bias, dtype=np.float32)
    return softmax_rows(logits).astype(np.float32)


# --------------------------------------------------------------------------------------------
# The classifier


class EmbeddedStanceClassifier:
    """Loads any design above from `model_dir`; `.predict(inputs) -> list[Stance]`."""

    def __init__(self, model_dir: Path, batch_size: int = 32) -> None:
        try:
            self.meta = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        except Exception as exc:
            raise loading.ModelLoadError(f"embedded stance model in {model_dir} is missing or broken: {exc}") from exc
        self.design = self.meta.get("design")
        self.name = f"embedded:{self.meta.get('name', 'minilm-stance')}"
        self.batch_size = batch_size
        self.split: int | None = None
        self.keep_tokens = int(self.meta.get("max_text_tokens", 128))
        try:
            self.labels: list[str] = list(self.meta["labels"])
            self.encoder_pass = MiniLMPass(loading.get_sentence_encoder(loading.EMBEDDED), batch_size)
            if self.design == "ensemble":
                self.members = [EmbeddedStanceClassifier(model_dir / sub, batch_size) for sub in self.meta["members"]]
                self.member_weights = [float(w) for w in self.meta["weights"]]
                self.bias = [float(b) for b in self.meta.get("bias", [0.0] * len(self.labels))]
                if len(self.bias) != len(self.labels):
                    raise ValueError("ensemble bias must have one entry per label")
                if any(m.labels != self.labels for m in self.members):
                    raise ValueError("ensemble members disagree on the label order")
                splits = {m.split for m in self.members if m.split is not None}
                if len(splits) > 1:  # one shared pass can only stop at one layer
                    raise ValueError("ensemble members need hidden states from different layers")
                self.split = splits.pop() if splits else None
                self.keep_tokens = max(m.keep_tokens for m in self.members)
            elif self.design == "late-interaction":
                self.late = load_late_interaction(model_dir, self.meta, self.encoder_pass.model)
                self.split = self.late.split
            elif self.design in ("biencoder-features-mlp", "biencoder-features-linear"):
                import numpy as np

                filename = "mlp.npz" if self.design == "biencoder-features-mlp" else "head.npz"
                with np.load(model_dir / filename, allow_pickle=False) as data:
                    self.weights = {k: data[k].astype(np.float32) for k in data.files}
            else:
                raise ValueError(f"unknown design {self.design!r}")
        except loading.ModelLoadError:
            raise
        except Exception as exc:
            raise loading.ModelLoadError(f"embedded stance model in {model_dir} is missing or broken: {exc}") from exc

    def encode(self, texts: Sequence[str], targets: Sequence[str]) -> Encodings:
        return self.encoder_pass.encode(texts, targets, self.split, self.keep_tokens)

    def proba_from(self, enc: Encodings) -> Any:
        """Class probabilities (columns follow self.labels) of the pairs in `enc`."""
        if self.design == "ensemble":
            total = sum(self.member_weights)
            mean = sum(w / total * m.proba_from(enc) for m, w in zip(self.members, self.member_weights))
            return calibrated(mean, self.bias)
        if self.design == "late-interaction":
            with loading.inference_lock(self.late.layers):
                return self.late.proba(enc, self.batch_size)
        x = features(enc.text_vecs[enc.text_of], enc.target_vecs[enc.target_of])
        if self.design == "biencoder-features-mlp":
            return mlp_proba(self.weights, x)
        return softmax_rows(x @ self.weights["coef"].T + self.weights["intercept"])

    def predict_proba(self, texts: list[str], targets: list[str]) -> Any:
        return self.proba_from(self.encode(texts, targets))

    def predict(self, inputs: Sequence[StanceInput]) -> list[Stance]:
        if not inputs:
            return []
        probs = self.predict_proba([i.premise() for i in inputs], [i.target for i in inputs])
        return [Stance.from_scores(dict(zip(self.labels, map(float, row)))) for row in probs]
