"""Zero-shot stance from any Hugging Face NLI model (3-way entailment/neutral/contradiction or
2-way entailment/not_entailment heads, read from `config.id2label`).

Each (quote, topic) pair becomes two premise/hypothesis pairs ("The author is in favor of
TOPIC." / "... against TOPIC."), and P(entailment) of each is mapped to favor/against/neutral.

Why NLI is called directly instead of through `pipeline("zero-shot-classification")`: the
pipeline runs one forward pass per label per text and does not batch across texts; an article
with 40 quotes and 5 topics is 400 pairs, which must go through the model in a few batches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from models import loading
from models.schema import Stance
from models.stance.inputs import StanceInput

__all__ = [
    "DEFAULT_AGAINST_TEMPLATE",
    "DEFAULT_FAVOR_TEMPLATE",
    "NliLabels",
    "NliStanceClassifier",
    "nli_labels",
    "scores_from_entailment",
]

DEFAULT_FAVOR_TEMPLATE = "The author is in favor of {}."
DEFAULT_AGAINST_TEMPLATE = "The author is against {}."


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
