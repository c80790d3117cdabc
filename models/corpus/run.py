"""The corpus run on Ray Data: read -> map_batches(CorpusAnalyzer) -> finished parts.

Each Ray worker builds one `CorpusAnalyzer`, which loads the models once and then calls the
same `pipeline.analyze` the page and `cli.py analyze` call, so a corpus row is what a single
analysis gives. Finished batches stream back to the driver, which writes each one whole
(store.py), so an interrupted run keeps everything finished and a rerun skips it.

Facts that cost time: on 2 cores an actor pool whose actors ask for a whole CPU each starves
Ray Data's own tasks and hangs, so each analysis actor asks for a fraction of a CPU and one
half CPU is left free; Ray 2.60 turns on token authentication for a new local cluster and
warns about it, which a local run switches off (RAY_AUTH_MODE=disabled).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from models.corpus.keys import article_key
from models.corpus.rows import article_rows, failed_rows
from models.corpus.source import CorpusArticle
from models.corpus.store import CorpusStore

__all__ = ["CorpusAnalyzer", "CorpusRunSummary", "run_corpus", "suggest_corpus_targets", "actor_cpus"]

DEFAULT_BATCH_SIZE = 8


@dataclass(frozen=True)
class CorpusRunSummary:
    articles: int  # in the source
    skipped: int  # already done by an earlier run
    analysed: int  # done by this run, failures included
    failed: int
    quotes: int
    seconds: float

    def line(self) -> str:
        return (f"corpus: {self.articles} articles ({self.skipped} already done, {self.analysed} analysed, "
                f"{self.failed} failed), {self.quotes} quotes, {self.seconds:.1f} s")


class CorpusAnalyzer:
    """The Ray Data map_batches class: models loaded in the constructor, once per worker."""

    def __init__(self, targets: list[str], summarizer: str, stance: str, threads: int) -> None:
        import torch

        from models import loading
        from models.pipeline import AnalysisConfig
        from models.stance import get_stance_classifier
        from models.summary import get_summarizer

        torch.set_num_threads(max(1, threads))
        self.targets = list(targets)
        self.config = AnalysisConfig(summarizer=summarizer, stance=stance)
        loading.get_spacy()
        if self.targets:
            get_stance_classifier(stance)
        get_summarizer(summarizer)

    def __call__(self, batch: Any) -> Any:
        import pandas as pd

        out = []
        for record in batch.to_dict("records"):
            out.append({"key": record["key"], "rows": json.dumps(self.analyse(record), ensure_ascii=False)})
        return pd.DataFrame(out, columns=["key", "rows"])

    def analyse(self, record: dict[str, Any]) -> dict[str, Any]:
        """One article's rows; any failure becomes the article's error, never the batch's."""
        from models.pipeline import analyze, forget_parses

        article = CorpusArticle(**{k: record.get(k) for k in ("id", "text", "title", "date", "outlet", "url", "error")})
        if article.error:
            return failed_rows(record["key"], article, article.error, self.targets)
        started = time.perf_counter()
        try:
            analysis = analyze(article.text, self.targets, self.config).to_dict()
        except Exception as exc:  # recorded with the article; the run goes on
            return failed_rows(record["key"], article, f"{type(exc).__name__}: {exc}", self.targets)
        finally:
            forget_parses()  # a worker sees each text once: keep no parses
        return article_rows(record["key"], article, analysis, time.perf_counter() - started)


def model_names(summarizer: str, stance: str) -> dict[str, str]:
    return {"summarizer": summarizer, "stance": stance}


def suggest_corpus_targets(articles: list[CorpusArticle], k: int = 3, sample: int = 30) -> list[str]:
    """The topics suggested most often over an even sample of the corpus (each article's top 5)."""
    from models.pipeline import suggest_targets

    readable = [a for a in articles if not a.error and a.text.strip()]
    step = max(1, len(readable) // sample)
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for a in readable[::step][:sample]:
        try:
            suggested = suggest_targets(a.text, k=5)
        except Exception:  # an article too long or odd: it just does not vote
            continue
        for t in suggested:  # "White House" and "white house" vote together
            counts[t.lower()] += 1
            spelling.setdefault(t.lower(), Counter())[t] += 1
    return [spelling[t].most_common(1)[0][0] for t, _ in counts.most_common(k)]


def actor_cpus(workers: int, cpus: float) -> float:
    """CPUs each analysis actor asks for: the machine's, less half a CPU for Ray Data's own
    read and bookkeeping tasks, shared by the workers, at most one each."""
    return max(0.1, min(1.0, (cpus - 0.5) / max(1, workers)))


def _start_ray(address: str | None) -> Any:
    import ray

    if ray.is_initialized():
        return ray
    if address is None:
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # local, in-process cluster
    ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="ERROR",
             ignore_reinit_error=True)
    return ray


def run_corpus(
    articles: list[CorpusArticle],
    out: str,
    targets: list[str],
    summarizer: str = "embedded",
    stance: str = "embedded",
    address: str | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_part: Callable[[str], None] | None = None,
) -> CorpusRunSummary:
    """Analyse every article of the corpus not already done in `out`; see the module doc."""
    started = time.perf_counter()
    store = CorpusStore(out)
    models = model_names(summarizer, stance)
    done = store.done_keys()
    todo = []
    for a in articles:
        key = article_key(a.id, a.text, targets, models)
        if key not in done:
            todo.append({**a.to_record(), "key": key})
    analysed = failed = quotes = 0
    if todo:
        ray = _start_ray(address)
        import ray.data

        cpus = float(ray.cluster_resources().get("CPU", os.cpu_count() or 1))
        ds = ray.data.from_items(todo).map_batches(
            CorpusAnalyzer,
            fn_constructor_kwargs={"targets": targets, "summarizer": summarizer, "stance": stance,
                                   "threads": max(1, int(cpus // workers)) if address is None else 1},
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=actor_cpus(workers, cpus),
            batch_size=batch_size,
            batch_format="pandas",
        )
        for batch in ds.iter_batches(batch_format="pandas", batch_size=None, prefetch_batches=0):
            rows: dict[str, list[dict[str, Any]]] = {"articles": [], "quotes": [], "actors": []}
            for payload in batch["rows"]:
                one = json.loads(payload)
                for table in rows:
                    rows[table].extend(one[table])
            name = store.write(rows)
            analysed += len(rows["articles"])
            failed += sum(1 for r in rows["articles"] if r["error"])
            quotes += sum(r["n_quotes"] or 0 for r in rows["articles"])
            if on_part:
                on_part(name)
    from models.corpus.views import connect

    connect(out).close()  # the database file with its views, for any DuckDB client
    return CorpusRunSummary(articles=len(articles), skipped=len(articles) - len(todo), analysed=analysed,
                            failed=failed, quotes=quotes, seconds=time.perf_counter() - started)
