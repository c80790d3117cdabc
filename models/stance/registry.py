"""Which stance classifier a model name means, each loaded once per process.

`embedded` is the committed artifact (models/stance_model/); a local folder holding an artifact
(a retrain: `python -m training.stance --out DIR`) loads the same way; any other folder or
Hugging Face id is read as an NLI model for zero-shot stance.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models import loading
from models.stance import artifact
from models.stance.embedded import EmbeddedStanceClassifier
from models.stance.nli import NliStanceClassifier

__all__ = ["EMBEDDED_NAME", "MODEL_DIR", "get_stance_classifier"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "stance_model"


def _read_embedded_name() -> str:
    try:
        return f"embedded:{artifact.read_config(MODEL_DIR)['name']}"
    except Exception:  # artifact missing: the name still has to exist for the pipeline
        return "embedded:minilm-stance"


EMBEDDED_NAME = _read_embedded_name()


def get_stance_classifier(name: str = loading.EMBEDDED, **options: Any) -> Any:
    """The classifier for `name` (embedded | HF NLI id | local folder), loaded once per process.

    Options (templates, batch_size) only apply to NLI models; a call with options gets its own
    cache entry so two configurations never share a wrapper by accident.
    """
    source = loading.resolve(name)
    if source.kind == loading.EMBEDDED:
        return loading.cached("stance", loading.EMBEDDED, lambda: EmbeddedStanceClassifier(MODEL_DIR))
    if source.kind == "local" and artifact.is_artifact(Path(source.path or "")):
        return loading.cached("stance", source.path or name, lambda: EmbeddedStanceClassifier(Path(source.path or "")))
    key = source.name + (json.dumps(options, sort_keys=True) if options else "")

    def build() -> NliStanceClassifier:
        tokenizer, model, device = loading.load_sequence_classifier(source.name)
        return NliStanceClassifier(source.name, tokenizer, model, device, **options)

    return loading.cached("stance", key, build)
