"""analyze(text, targets, config) -> Analysis: the one entry point over the NLP layer.

The work is split into stages (read, quotes, stance, summary) that share one parsed `Article`
(models.article), so the page can show quotes before the summary is ready and the CLI and the
page run the same code. Stages return their results; only `_analyze` writes the Analysis.
A model that fails to load or raises falls back to the embedded one, with a warning, rather
than losing the reader's result.
"""

from __future__ import annotations

import logging
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Generic, TypeVar

from models import loading
from models.actors.across import topic_names_speaker
from models.article import Article, read_text
from models.digest import where_they_stand
from models.limits import LIMITS, InputError, Limits, change_hint
from models.schema import Analysis, Quote, Span, Summary

ProgressFn = Callable[[str], None]
T = TypeVar("T")
log = logging.getLogger("stancelens")

# Analyses take turns (Limits.max_concurrent): each already keeps every core busy.
_COMPUTE = threading.BoundedSemaphore(LIMITS.max_concurrent)


@dataclass
class AnalysisConfig:
    """What the reader chose; names are `embedded`, a Hugging Face id or a local folder."""

    summarizer: str = loading.EMBEDDED
    stance: str = loading.EMBEDDED
    summary_sentences: int = 3
    suggest_topics: int = 5
    limits: Limits = field(default_factory=lambda: LIMITS)


def validate_text(text: Any, limits: Limits = LIMITS) -> str:
    """Refuse input that cannot be analysed, with one line saying why."""
    if not isinstance(text, str):
        raise InputError("the article must be text")
    if not text.strip():
        raise InputError("the article is empty: paste or upload some text first")
    if len(text) > limits.max_article_chars:
        raise InputError(
            f"the article is {len(text):,} characters long; the limit is {limits.max_article_chars:,} "
            + change_hint("STANCELENS_MAX_ARTICLE_CHARS")
        )
    return text


def normalize_targets(targets: list[str] | None, limits: Limits = LIMITS) -> tuple[list[str], list[str]]:
    """Clean the reader's topics: strip, drop empties and duplicates, refuse over-long ones, cap.

    Returns (targets, warnings); nothing here raises, because one bad topic should not cost the
    reader the analysis of the others.
    """
    cleaned: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for raw in targets or []:
        topic = " ".join(unicodedata.normalize("NFKC", str(raw)).split())
        if not topic:
            warnings.append("an empty topic was ignored")
            continue
        if len(topic) > limits.max_target_chars:
            warnings.append(
                f"a topic of {len(topic)} characters was ignored (at most {limits.max_target_chars}): "
                f"'{topic[:40]}...'"
            )
            continue
        key = topic.casefold()
        if key in seen:
            warnings.append(f"duplicate topic '{topic}' was ignored")
            continue
        seen.add(key)
        cleaned.append(topic)
    if len(cleaned) > limits.max_targets:
        warnings.append(
            f"{len(cleaned)} topics given; only the first {limits.max_targets} are used "
            + change_hint("STANCELENS_MAX_TARGETS")
        )
        cleaned = cleaned[: limits.max_targets]
    return cleaned, warnings


# Enough for every article of a comparison: their topic suggestions parse all of them before
# the first analysis starts, and each analysis must still find its parsed article.
PARSE_CACHE_SIZE = LIMITS.max_articles
_parsed: OrderedDict[str, Article] = OrderedDict()
_parsed_guard = threading.Lock()


def read(text: str) -> Article:
    """One spaCy pass and one `Article` per text, shared by quotes, stance, summary and topics.

    The last few are kept, so "Suggest topics" followed by Analyze, or topic suggestions for
    several articles followed by their analyses, parse each text once. An Article is never
    modified, so sharing one between readers is safe.
    """
    with _parsed_guard:
        if text in _parsed:
            _parsed.move_to_end(text)
            return _parsed[text]
    article = read_text(text)
    with _parsed_guard:
        _parsed[text] = article
        while len(_parsed) > PARSE_CACHE_SIZE:
            _parsed.popitem(last=False)
    return article


def forget_parses() -> None:
    """Drop the kept articles (benchmarks time a fresh article; tests start clean)."""
    with _parsed_guard:
        _parsed.clear()


@dataclass(frozen=True)
class StageResult(Generic[T]):
    """What a model stage hands back: its value, the model that produced it, and warnings (a
    fallback to the embedded model). The pipeline alone writes these into the Analysis."""

    value: T
    model: str
    warnings: tuple[str, ...] = ()


def find_quotes(article: Article) -> tuple[list[Quote], list[Any]]:
    """Quotes with canonical speakers, and the actors they were merged into.

    Two steps, each returning its result: extraction finds the quotes and the words naming each
    speaker; models.actors alone decides whom those words refer to.
    """
    from models.actors import resolve_speakers
    from models.quotes import extract_quotes_with_mentions

    quotes, actors = resolve_speakers(extract_quotes_with_mentions(article.doc, pairs=article.quote_marks), article.doc)
    return [_cut_from(article.text, q) for q in quotes], actors


def _cut_from(text: str, quote: Quote) -> Quote:
    """The quote with its text and its mention's and cue's text cut from the article itself:
    the parser read a copy with markup blanked out (models.markup), so a quote that spans a
    stray tag must still read exactly as the article does."""

    def cut(span: Span | None) -> Span | None:
        return None if span is None else replace(span, text=text[span.start : span.end])

    return replace(
        quote, text=text[quote.start : quote.end], speaker_mention=cut(quote.speaker_mention), cue=cut(quote.cue)
    )


def classify_stance(
    quotes: list[Quote], targets: list[str], article: Article, config: AnalysisConfig
) -> StageResult[list[Quote]]:
    """The quotes with `stance` filled for every (quote, target), batched through one classifier,
    except where the target names the quote's own speaker (models.actors.across).

    New Quote objects are returned only after every pair is scored, so a failure part-way
    leaves no half-scored article.
    """
    from models.stance import EMBEDDED_NAME, get_stance_classifier, stance_inputs

    if not targets or not quotes:
        return StageResult(quotes, config.stance if config.stance != loading.EMBEDDED else EMBEDDED_NAME)
    inputs = [item for item in stance_inputs(quotes, targets, article)
              if not topic_names_speaker(item.target, quotes[item.quote_index].speaker)]
    if not inputs:
        return StageResult(quotes, config.stance if config.stance != loading.EMBEDDED else EMBEDDED_NAME)
    warnings: list[str] = []
    classifier, results = run_with_fallback(
        "stance", config.stance, get_stance_classifier, lambda clf: clf.predict(inputs), warnings
    )
    stances: list[dict[str, Any]] = [dict(q.stance) for q in quotes]
    for item, stance in zip(inputs, results):
        stances[item.quote_index][item.target] = stance
    scored = [replace(q, stance=st) for q, st in zip(quotes, stances)]
    return StageResult(scored, classifier.name, tuple(warnings))


def summarize(article: Article, config: AnalysisConfig) -> StageResult[Summary]:
    """The article's summary by the reader's summarizer (the embedded one if that fails)."""
    from models.summary import get_summarizer

    warnings: list[str] = []
    _, summary = run_with_fallback(
        "summarizer", config.summarizer, get_summarizer,
        lambda s: s.summarize(article, n_sentences=config.summary_sentences), warnings,
    )
    return StageResult(summary, summary.method, tuple(warnings))


R = TypeVar("R")


def run_with_fallback(
    job: str, name: str, factory: Callable[[str], Any], run: Callable[[Any], R], warnings: list[str]
) -> tuple[Any, R]:
    """Load model `name` and run it; if either fails, add a warning and do the same with the
    embedded model (the page and the CLI word that warning alike).

    A hub model that is offline, misspelt or breaks mid-inference must not cost the reader the
    result; the embedded model failing is a real error and is raised.
    """
    try:
        model = factory(name)
        return model, run(model)
    except Exception as exc:
        if name == loading.EMBEDDED:
            raise
        reason = str(exc) if isinstance(exc, loading.ModelLoadError) else f"'{name}' failed ({exc})"
        warnings.append(f"{job}: {reason}; using the embedded model instead")
        model = factory(loading.EMBEDDED)
        return model, run(model)


def analyze(
    text: str,
    targets: list[str] | None = None,
    config: AnalysisConfig | None = None,
    progress: ProgressFn | None = None,
    on_quotes: Callable[[Analysis], None] | None = None,
) -> Analysis:
    """Run the whole pipeline. `on_quotes` sees the partial Analysis before the summary.

    `targets=None` means "suggest topics from the article" (the reader chose none); an empty
    list means "no stance at all".
    """
    config = config or AnalysisConfig()
    step = progress or (lambda _msg: None)
    text = validate_text(text, config.limits)
    if not _COMPUTE.acquire(blocking=False):
        step("Waiting for another reader's analysis to finish")
        _COMPUTE.acquire()
    try:
        return _analyze(text, targets, config, step, on_quotes)
    finally:
        _COMPUTE.release()


def _analyze(
    text: str,
    targets: list[str] | None,
    config: AnalysisConfig,
    step: ProgressFn,
    on_quotes: Callable[[Analysis], None] | None,
) -> Analysis:
    t0 = time.perf_counter()

    step("Reading the article")
    article = read(text)
    analysis = Analysis()
    step("Finding quotes and speakers")
    t = time.perf_counter()
    found = _partial("quote extraction", lambda: find_quotes(article), analysis, "no quotes are shown")
    analysis.quotes, analysis.actors = found if found else ([], [])
    analysis.models["quotes"] = f"rules+spacy:{loading.SPACY_PACKAGE}"
    analysis.timings_s["quotes"] = round(time.perf_counter() - t, 4)
    if targets is None:  # suggested after the quotes: a topic is what the quotes speak to
        try:
            targets = (suggest_targets(text, k=config.suggest_topics, article=article, quotes=analysis.quotes)
                       if config.suggest_topics else [])
        except Exception as exc:  # suggestions are a convenience: say so and go on without stance
            targets = []
            analysis.warnings.append(f"could not suggest topics ({type(exc).__name__}); add topics to see stance")
    analysis.targets, target_warnings = normalize_targets(targets, config.limits)
    analysis.warnings.extend(target_warnings)

    step("Classifying stance")
    t = time.perf_counter()
    stance = _partial("stance", lambda: classify_stance(analysis.quotes, analysis.targets, article, config),
                      analysis, "stance is missing")
    if stance is not None:
        analysis.quotes = stance.value
        analysis.models["stance"] = stance.model
        analysis.warnings.extend(stance.warnings)
    analysis.timings_s["stance"] = round(time.perf_counter() - t, 4)
    if on_quotes is not None:
        on_quotes(analysis)

    step("Summarizing")
    t = time.perf_counter()
    summary = _partial("summary", lambda: summarize(article, config), analysis, "no summary is shown")
    if summary is not None:
        analysis.summary = summary.value
        analysis.models["summarizer"] = summary.model
        analysis.warnings.extend(summary.warnings)
    analysis.timings_s["summary"] = round(time.perf_counter() - t, 4)
    analysis.digest = where_they_stand(analysis)
    analysis.timings_s["total"] = round(time.perf_counter() - t0, 4)
    return analysis


def _partial(stage: str, run: Callable[[], R], analysis: Analysis, missing: str) -> R | None:
    """Run one stage; if even the embedded model fails, keep the rest and say what is missing.

    A reader who pasted a long article should get the quotes when the summarizer breaks, and the
    summary when quote extraction breaks, never a blank page.
    """
    try:
        return run()
    except Exception as exc:
        log.exception("%s failed", stage)
        first = str(exc).splitlines()[0] if str(exc) else ""
        analysis.warnings.append(f"{stage} failed ({type(exc).__name__}: {first[:160]}); {missing}")
        return None


def suggest_targets(text: str, k: int = 5, article: Article | None = None,
                    quotes: list[Quote] | None = None) -> list[str]:
    """Topics drawn from the article itself, for when the reader has not chosen any: what its
    quotes speak to (the quotes are found here when not given; the stage is cheap)."""
    from models.topics import suggest_topics

    if article is None:
        article = read(validate_text(text))
    if quotes is None:
        try:
            quotes = find_quotes(article)[0]
        except Exception:  # suggestions must not fail because quote finding did
            logging.getLogger(__name__).exception("quote finding failed while suggesting topics")
            quotes = []
    return suggest_topics(article, k=k, quotes=quotes)
