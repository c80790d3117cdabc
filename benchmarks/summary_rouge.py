"""ROUGE of the embedded summarizer against Lead-3 and the shipped systems on REALSumm.

Why REALSumm: 100 CNN/DailyMail test articles with references *and* the outputs of 24 published
systems (BART, T5, PreSumm, MatchSum, ...), so every row of the table is scored by the same
scorer on the same articles. Scores: rouge-score, stemming on, F1 of ROUGE-1, ROUGE-2 and
ROUGE-Lsum (sentences separated by newlines, as Lsum requires).

Settings are chosen on the even-indexed half of the articles (`--tune`) and reported on both
halves and on all 100, so the odd half is an honest check of the chosen settings.

    .venv/bin/python benchmarks/summary_rouge.py                 # the table, default settings
    .venv/bin/python benchmarks/summary_rouge.py --tune          # grid search on the even half
    .venv/bin/python benchmarks/summary_rouge.py --tune --tune-on odd --tune-similarities tfidf
    .venv/bin/python benchmarks/summary_rouge.py --similarity both --beta 0.2
    .venv/bin/python benchmarks/summary_rouge.py --abstractive /path/to/distilbart-cnn-12-6

The data (../shared/data) is research-only and is read in place, never copied into the repo.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Sequence

from models import loading
from models.article import read_article
from models.summary import ExtractiveSettings, ExtractiveSummarizer, units_of

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "summ_cnndm_bartscore" / "REALSumm.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")


def ptb_sentences(text: str) -> list[str]:
    """Split PTB-tokenized text after stand-alone sentence punctuation (" . ")."""
    parts = re.split(r"(?<=\s[.!?])\s+|(?<=\s[.!?] ['\"`])\s+", " " + text.strip())
    return [p.strip() for p in parts if p.strip()]


class Scorer:
    """rouge-score with stemming; each summary given as a list of sentences."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
        self._cache: dict[tuple[str, str], dict[str, float]] = {}

    def score(self, reference: Sequence[str], summary: Sequence[str]) -> dict[str, float]:
        ref, hyp = "\n".join(reference), "\n".join(summary)
        key = (ref, hyp)
        if key not in self._cache:
            s = self._scorer.score(ref, hyp)
            self._cache[key] = {m: 100.0 * s[m].fmeasure for m in METRICS}
        return self._cache[key]


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {m: float("nan") for m in METRICS}
    return {m: sum(r[m] for r in rows) / len(rows) for m in METRICS}


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return records[:limit] if limit else records


class Prepared:
    """One article parsed once; units and similarity matrices cached for the grid search."""

    def __init__(self, record: dict[str, Any], index: int) -> None:
        self.index = index
        self.text: str = record["src"]
        self.reference = ptb_sentences(record["ref_summ"])
        t = time.perf_counter()
        self.article = read_article(self.text, loading.get_spacy()(self.text))
        self.parse_s = time.perf_counter() - t
        self.spans = self.article.sentences
        self.units = units_of(self.article)
        self.systems = {name: ptb_sentences(v["sys_summ"]) for name, v in record["sys_summs"].items()}
        self._sims: dict[tuple[str, int, int], dict[str, Any]] = {}

    def lead(self, n: int = 3) -> list[str]:
        return [self.text[s:e] for s, e in self.spans[:n]]

    def sims(self, summarizer: ExtractiveSummarizer) -> dict[str, Any]:
        cfg = summarizer.settings
        key = (cfg.similarity, cfg.max_units, cfg.max_embed_units)
        if key not in self._sims:
            self._sims[key] = summarizer.similarities(self.text, self.units[: cfg.max_units])
        return self._sims[key]

    def summarize_cached(self, summarizer: ExtractiveSummarizer, n: int) -> list[str]:
        units = self.units[: summarizer.settings.max_units]
        scores = summarizer.combine(self.sims(summarizer), units)
        return [u.text(self.text) for u in summarizer.select(self.text, units, scores, n)]


def evaluate(docs: Sequence[Prepared], summarize: Any, scorer: Scorer) -> dict[str, dict[str, float]]:
    """Mean ROUGE on even, odd and all articles for one summarize(doc) -> sentences function."""
    rows = {d.index: scorer.score(d.reference, summarize(d)) for d in docs}
    return {
        "even": mean_scores([r for i, r in rows.items() if i % 2 == 0]),
        "odd": mean_scores([r for i, r in rows.items() if i % 2 == 1]),
        "all": mean_scores(list(rows.values())),
    }


def tune(docs: Sequence[Prepared], scorer: Scorer, n: int, similarities: Sequence[str],
         half: str = "even") -> ExtractiveSettings:
    """Grid search on one half (`half`: even or odd), by ROUGE-1 + ROUGE-2; prints the best few.
    Swapping halves (--tune-on odd) shows whether the chosen settings hold on the other half."""
    even = [d for d in docs if d.index % 2 == (0 if half == "even" else 1)]
    results: list[tuple[float, ExtractiveSettings, dict[str, float]]] = []
    grid = itertools.product(
        similarities,
        [-3.0, -2.0, -1.0, -0.5, 0.0],
        [0.0, 0.1, 0.2, 0.4],
        [0.0, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0],
        [3, 5, 8],
    )
    for sim, lam, beta, pos, min_words in grid:
        cfg = ExtractiveSettings(
            similarity=sim, lambda_prev=lam, beta=beta, position_weight=pos, min_words=min_words
        )
        summarizer = ExtractiveSummarizer(settings=cfg)
        m = mean_scores([scorer.score(d.reference, d.summarize_cached(summarizer, n)) for d in even])
        results.append((m["rouge1"] + m["rouge2"], cfg, m))
    results.sort(key=lambda r: -r[0])
    print(f"\nBest settings on the {half} half (by ROUGE-1 + ROUGE-2):")
    for total, cfg, m in results[:10]:
        print(
            f"  R1 {m['rouge1']:.2f} R2 {m['rouge2']:.2f} RLsum {m['rougeLsum']:.2f}  "
            f"sim={cfg.similarity} lambda_prev={cfg.lambda_prev} beta={cfg.beta} "
            f"pos={cfg.position_weight} min_words={cfg.min_words}"
        )
    for sim in similarities:
        best = next(r for r in results if r[1].similarity == sim)
        c = best[1]
        print(
            f"  best {sim:9s}: R1 {best[2]['rouge1']:.2f} R2 {best[2]['rouge2']:.2f}  lambda_prev={c.lambda_prev} "
            f"beta={c.beta} pos={c.position_weight} min_words={c.min_words}"
        )
    return results[0][1]


def print_table(rows: list[tuple[str, dict[str, dict[str, float]], str]]) -> None:
    head = "| system | even R1 / R2 / RLsum | odd R1 / R2 / RLsum | all R1 / R2 / RLsum | s/article |"
    print(head)
    print("|---|---|---|---|---|")
    for name, res, secs in rows:
        cells = [
            " / ".join(f"{res[half][m]:.2f}" for m in METRICS) for half in ("even", "odd", "all")
        ]
        print(f"| {name} | " + " | ".join(cells) + f" | {secs} |")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("REALSUMM", DEFAULT_DATA)))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--sentences", type=int, default=3)
    ap.add_argument("--tune", action="store_true", help="grid search on the even half first")
    ap.add_argument("--tune-on", choices=("even", "odd"), default="even", help="the half --tune searches on")
    ap.add_argument("--tune-similarities", default="tfidf,embedding,both")
    ap.add_argument(
        "--abstractive",
        action="append",
        default=[],
        metavar="NAME",
        help="also score a seq2seq model (local folder or HF id already in the cache); repeatable",
    )
    ap.add_argument("--systems", default="all", help="'all', 'none' or comma-separated system names")
    defaults = ExtractiveSettings()
    for field_name, value in asdict(defaults).items():
        ap.add_argument("--" + field_name.replace("_", "-"), type=type(value), default=value)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2

    settings = ExtractiveSettings(**{k: getattr(args, k) for k in asdict(defaults)})
    records = load(args.data, args.limit)
    t = time.perf_counter()
    docs = [Prepared(r, i) for i, r in enumerate(records)]
    parse_s = (time.perf_counter() - t) / len(docs)
    scorer = Scorer()
    if args.tune:
        settings = tune(docs, scorer, args.sentences, args.tune_similarities.split(","), args.tune_on)
        print(f"chosen: {settings}\n")

    summarizer = ExtractiveSummarizer(settings=settings)
    summarizer.summarize(docs[0].article)  # warm up (encoder load)
    timings: list[float] = []

    def ours(d: Prepared) -> list[str]:
        t0 = time.perf_counter()
        out = summarizer.summarize(d.article, n_sentences=args.sentences).sentences
        timings.append(time.perf_counter() - t0)
        return out

    rows = [(f"Lead-{args.sentences}", evaluate(docs, lambda d: d.lead(args.sentences), scorer), "0")]
    res = evaluate(docs, ours, scorer)
    rows.append((f"embedded ({summarizer.method})", res, f"{sum(timings) / len(timings):.4f}"))
    for name in args.abstractive:
        from models.summary import get_summarizer

        model = get_summarizer(name)
        model.summarize(docs[0].article, n_sentences=args.sentences)  # warm up
        abs_times: list[float] = []

        def abstractive(d: Prepared, model: Any = model, abs_times: list[float] = abs_times) -> list[str]:
            t0 = time.perf_counter()
            out = model.summarize(d.article, n_sentences=args.sentences).sentences
            abs_times.append(time.perf_counter() - t0)
            return out

        res = evaluate(docs, abstractive, scorer)
        device = getattr(model, "device", "cpu")
        rows.append((f"{model.method} ({device})", res, f"{sum(abs_times) / len(abs_times):.3f}"))
    if args.systems != "none":
        names = sorted(docs[0].systems) if args.systems == "all" else args.systems.split(",")
        sys_rows = [(name, evaluate(docs, lambda d, n=name: d.systems[n], scorer), "-") for name in names]
        sys_rows.sort(key=lambda r: -r[1]["all"]["rouge1"])
        rows.extend(sys_rows)
    print(f"REALSumm: {len(docs)} articles ({args.data.name}); rouge-score F1, stemming on; "
          f"{args.sentences} sentences; spaCy parse {parse_s:.3f} s/article (shared with the pipeline, not counted)")
    print(f"settings: {settings}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
