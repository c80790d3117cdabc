"""The embedded stance classifier: all-MiniLM-L6-v2 (from its pip package) plus a small trained
part committed under models/stance_model/ (trained by `python -m models.train_stance`).

The shipped design (v4) is `cross-encoder`: quote and topic read jointly by every MiniLM layer,
each adapted by a LoRA adapter. It costs six layers per (quote, topic) pair, yet it is the only
design that got polarity toward unseen topics right (held-out VAST 0.657, against 0.57-0.60 for
every frozen-lower-layer design; models/train_stance.py lists the trials). Each distinct pair
runs once, in batches of similar token length.

The other designs stay loadable (and trainable) for comparison. Those that read sentence
embeddings or lower-layer states share ONE MiniLM pass per unique text (`MiniLMPass`, on the
sentence encoder the app already holds): that pass yields both the sentence embedding (for the
MLP) and the hidden states after layer `split` (for the late-interaction member), and only the
last layers then run per pair.

config.json names the design:
* `cross-encoder`: [CLS] text [SEP] topic [SEP] through adapted copies of all of MiniLM's
  layers over the sentence encoder's own (frozen, shared) embeddings; layers.safetensors holds
  either a LoRA adapter (A, B per Linear, plus the LayerNorms; shipped, 1.4 MB) or every layer
  weight in fp16 (21 MB), and a 3-way head;
* `ensemble` (v3): the weighted mean of its members' class probabilities (v3: an MLP over
  frozen embeddings and a late-interaction model; any of the designs here may be a member);
  `bias` may add per-class offsets to the log of that mean (see `calibrated`);
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

DESIGNS = ("ensemble", "cross-encoder", "late-interaction", "biencoder-features-mlp", "biencoder-features-linear")


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
    texts: list[str] | None = None  # the unique strings, for members that tokenize pairs
    targets: list[str] | None = None


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
               keep_tokens: int = 128, vectors: bool = True) -> Encodings:
        """Encodings of parallel lists of texts and targets, each unique string encoded once.

        With `vectors` False and no `layer`, MiniLM does not run at all (a cross-encoder member
        alone reads the strings itself).
        """
        unique_texts = list(dict.fromkeys(texts))
        unique_targets = list(dict.fromkeys(targets))
        text_row = {t: i for i, t in enumerate(unique_texts)}
        target_row = {t: i for i, t in enumerate(unique_targets)}
        text_vecs = target_vecs = text_states = target_states = None
        if vectors or layer is not None:
            text_vecs, text_states = self.run(unique_texts, 0, layer, keep_tokens)
        if vectors:
            # The topic's embedding (segment A, as the MLP was trained) and its states as
            # segment B (as the late member reads it) are two passes over a few short strings.
            target_vecs, _ = self.run(unique_targets, 0)
        if layer is not None:
            _, with_cls = self.run(unique_targets, 1, layer, keep_tokens)
            target_states = [s[1:] for s in with_cls or []]  # the pair has one [CLS], the text's
        return Encodings(text_vecs, target_vecs, [text_row[t] for t in texts], [target_row[t] for t in targets],
                         text_states, target_states, unique_texts, unique_targets)


def mean_pool(hidden: Any, mask: Any) -> Any:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


def extended_mask(encoder: Any, mask: Any, hidden: Any) -> Any:
    """The 4-D attention mask BertModel builds for `mask` (eager or SDPA alike), so the top
    layers see padding exactly as they would inside the full model."""
    return encoder._create_attention_masks(mask, None, hidden, None, None)[0]


# --------------------------------------------------------------------------------------------
# Late-interaction cross-encoder (shared with models/train_stance.py)


class _LayersAndHead:
    """A private copy of some of MiniLM's layers plus a 3-way head: what the late-interaction
    and cross-encoder designs train, save (fp16 layers, fp32 head) and load."""

    def __init__(self, layers: Any, head: Any) -> None:
        import torch

        self.layers = torch.nn.ModuleList(copy.deepcopy(list(layers)))
        self.head = head

    def parameters(self) -> list[Any]:
        return list(self.layers.parameters()) + list(self.head.parameters())

    def train(self, mode: bool = True) -> None:
        self.layers.train(mode)
        self.head.train(mode)

    def state_dict(self) -> dict[str, Any]:
        """fp16 layers (the artifact's size) and an fp32 head."""
        import torch

        state = {f"layers.{k}": v.detach().to(torch.float16).contiguous() for k, v in self.layers.state_dict().items()}
        state["head.weight"] = self.head.weight.detach().float().contiguous()
        state["head.bias"] = self.head.bias.detach().float().contiguous()
        return state


class LateInteraction(_LayersAndHead):
    """MiniLM's top layers over [text states ; topic states], mean pooling, a 3-way head."""

    def __init__(self, encoder: Any, split: int, head: Any) -> None:
        super().__init__(encoder.encoder.layer[split:], head)
        self.encoder = encoder  # the base BertModel: only its mask builder is used
        self.split = split

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



def load_late_interaction(model_dir: Path, meta: dict[str, Any], encoder: Any) -> LateInteraction:
    import torch

    head = torch.nn.Linear(encoder.config.hidden_size, len(meta["labels"]))
    model = LateInteraction(encoder, int(meta["split_layer"]), head)
    _load_layers_and_head(model_dir / "top_layers.safetensors", model.layers, head, next(encoder.parameters()).device)
    return model


# --------------------------------------------------------------------------------------------
# Cross-encoder: every MiniLM layer fine-tuned, reading the pair jointly from the first layer


class CrossEncoder(_LayersAndHead):
    """[CLS] text [SEP] topic [SEP] through fine-tuned copies of MiniLM's layers, mean pooling,
    a 3-way head.

    Why a full cross-encoder although it runs 6 layers per (quote, topic) pair: on unseen VAST
    topics the errors were polarity (favor read as against and back), and only attention between
    quote and topic from the first layer fixed that (held-out VAST 0.64-0.66, against 0.585 for
    the late-interaction design, frozen or fine-tuned; see models/train_stance.py). The
    word embeddings stay frozen in training, so the sentence encoder's embedding module is
    shared and only the layers are a second copy (about 42 MB in RAM). The artifact holds either
    the layers in fp16 (21 MB) or, as shipped, a rank-16 LoRA adapter with the LayerNorms
    (1.4 MB), merged into the copy at load.
    """

    def __init__(self, base: Any, head: Any, max_length: int = 128, embeddings: Any | None = None) -> None:
        super().__init__(base.encoder.layer, head)
        self.base = base  # the sentence encoder's BertModel: its mask builder (and embeddings)
        self.embeddings = embeddings if embeddings is not None else base.embeddings
        self.max_length = max_length

    def logits(self, enc: Any) -> Any:
        """Logits for a tokenized batch of pairs (input_ids, token_type_ids, attention_mask)."""
        h = self.embeddings(input_ids=enc["input_ids"], token_type_ids=enc["token_type_ids"])
        ext = extended_mask(self.base, enc["attention_mask"], h)
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

    def proba(self, tokenizer: Any, enc: Encodings, batch_size: int = 32) -> Any:
        """Softmax over the pairs of `enc`; each distinct (text, topic) pair runs once, in batches
        of similar length (less padding)."""
        import numpy as np
        import torch

        assert enc.texts is not None and enc.targets is not None
        pairs = list(zip(enc.text_of, enc.target_of))
        unique = list(dict.fromkeys(pairs))
        probs = np.zeros((len(unique), self.head.out_features), dtype=np.float32)
        if not unique:
            return probs
        # Tokenized once, unpadded, then batched by TOKEN count: padding is what a batch wastes
        # (sorting by characters left 23% of a short-quote grid as padding).
        ids = self.tokenize(tokenizer, [enc.texts[t] for t, _ in unique], [enc.targets[g] for _, g in unique],
                            pad=False)
        rows = [{k: ids[k][i] for k in ("input_ids", "token_type_ids", "attention_mask")} for i in range(len(unique))]
        order = sorted(range(len(unique)), key=lambda i: len(rows[i]["input_ids"]))
        device = next(self.layers.parameters()).device
        with torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = order[lo : lo + batch_size]
                batch = tokenizer.pad([rows[i] for i in idx], return_tensors="pt").to(device)
                probs[idx] = torch.softmax(self.logits(batch).float(), -1).cpu().numpy()
        row = {p: i for i, p in enumerate(unique)}
        return probs[[row[p] for p in pairs]]


def _load_layers_and_head(path: Path, layers: Any, head: Any, device: Any) -> None:
    """Fill `layers` and `head` from a safetensors file written by `_LayersAndHead.state_dict`
    or by models/train_stance.low_rank_state."""
    import torch
    from safetensors.torch import load_file

    state = load_file(str(path))
    own = layers.state_dict()
    weights = {k[len("layers."):]: v.float() for k, v in state.items() if k.startswith("layers.")}
    lora = any(k.startswith("lora.") for k in state)
    # A full artifact replaces every layer weight; a low-rank one adds B @ A to the base
    # weights and replaces only what it names (the LayerNorms).
    fits = set(weights) <= set(own) if lora else set(weights) == set(own)
    if not fits:
        raise ValueError(f"{path.name} does not match the base model's layers")
    with torch.no_grad():
        layers.load_state_dict(weights, strict=not lora)
        if lora:
            merge_low_rank(layers, state)
        head.weight.copy_(state["head.weight"].float())
        head.bias.copy_(state["head.bias"].float())
    layers.to(device).eval()
    head.to(device).eval()


def merge_low_rank(layers: Any, state: dict[str, Any]) -> None:
    """W += B @ A for every `lora.<module path>.a` / `.b` pair in `state` (a LoRA adapter
    trained by models/train_stance.py, merged once at load so inference costs nothing extra)."""
    import torch

    modules = dict(layers.named_modules())
    for path in sorted({k[len("lora."):].rsplit(".", 1)[0] for k in state if k.startswith("lora.")}):
        linear = modules.get(path)
        a, b = state.get(f"lora.{path}.a"), state.get(f"lora.{path}.b")
        if not isinstance(linear, torch.nn.Linear) or a is None or b is None \
                or (b.shape[0], a.shape[1]) != tuple(linear.weight.shape) or b.shape[1] != a.shape[0]:
            raise ValueError(f"low-rank weights for {path!r} do not fit the base model")
        linear.weight += b.float() @ a.float()


def load_cross_encoder(model_dir: Path, meta: dict[str, Any], base: Any) -> CrossEncoder:
    import torch

    head = torch.nn.Linear(base.config.hidden_size, len(meta["labels"]))
    model = CrossEncoder(base, head, max_length=int(meta.get("max_length", 128)))
    _load_layers_and_head(model_dir / "layers.safetensors", model.layers, head, next(base.parameters()).device)
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
        self.needs_vectors = self.design in ("biencoder-features-mlp", "biencoder-features-linear")
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
                self.needs_vectors = any(m.needs_vectors for m in self.members)
            elif self.design == "cross-encoder":
                self.cross = load_cross_encoder(model_dir, self.meta, self.encoder_pass.model)
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
        return self.encoder_pass.encode(texts, targets, self.split, self.keep_tokens, self.needs_vectors)

    def proba_from(self, enc: Encodings) -> Any:
        """Class probabilities (columns follow self.labels) of the pairs in `enc`."""
        if self.design == "ensemble":
            total = sum(self.member_weights)
            mean = sum(w / total * m.proba_from(enc) for m, w in zip(self.members, self.member_weights))
            return calibrated(mean, self.bias)
        if self.design == "late-interaction":
            with loading.inference_lock(self.late.layers):
                return self.late.proba(enc, self.batch_size)
        if self.design == "cross-encoder":
            # The embedding module is the sentence encoder's: hold its lock as MiniLMPass does.
            with self.encoder_pass.lock, loading.inference_lock(self.cross.layers):
                return self.cross.proba(self.encoder_pass.tokenizer, enc, self.batch_size)
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
