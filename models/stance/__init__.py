"""Stance of each quote toward each reader topic: favor / against / neutral.

Two families of classifier share one interface (`.name`, `.predict(inputs) -> list[Stance]`):

* the embedded classifier (default, `embedded.py`): MiniLM read as a LoRA-adapted
  cross-encoder; only the small trained part is committed (models/stance_model/, format in
  `artifact.py`), so the install never downloads anything;
* NLI zero-shot over any Hugging Face NLI model (`nli.py`).

`inputs.py` builds the (quote, target) pairs both read; `registry.py` maps a model name to a
classifier. Modules depend one way: inputs <- nli, artifact <- embedded <- registry.
Training lives outside the runtime package, in training/stance/.
"""

from models.stance.embedded import EmbeddedStanceClassifier
from models.stance.inputs import CONTEXT_BELOW_WORDS, StanceInput, stance_inputs
from models.stance.nli import (
    DEFAULT_AGAINST_TEMPLATE,
    DEFAULT_FAVOR_TEMPLATE,
    NliLabels,
    NliStanceClassifier,
    nli_labels,
    scores_from_entailment,
)
from models.stance.registry import EMBEDDED_NAME, MODEL_DIR, get_stance_classifier

__all__ = [
    "CONTEXT_BELOW_WORDS",
    "DEFAULT_AGAINST_TEMPLATE",
    "DEFAULT_FAVOR_TEMPLATE",
    "EMBEDDED_NAME",
    "MODEL_DIR",
    "EmbeddedStanceClassifier",
    "NliLabels",
    "NliStanceClassifier",
    "StanceInput",
    "get_stance_classifier",
    "nli_labels",
    "scores_from_entailment",
    "stance_inputs",
]
