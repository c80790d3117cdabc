"""Speed and memory of the embedded pipeline: cold start, warm latency per stage, peak memory,
and batched versus per-pair stance. Prints Markdown tables (paste them into the README).

    .venv/bin/python benchmarks/speed.py [--runs 5] [--topics 3]

Cold start is measured twice: `cli.py analyze` on the sample article with 3 topics, as a user
runs it (median of 3 new processes; the target is <= 6 s), and, with peak memory, in a fresh
subprocess per article size (process start to first Analysis, models included; ru_maxrss). Warm latency is the median of
`--runs` analyses in this process after one warm-up run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from benchmarks.articles import make_article

TOPICS = ["lifting sanctions on Russia", "the war in Ukraine", "energy prices"]
SIZES = {"~700 words": 700, "~5,000 words": 5000}

COLD_SCRIPT = """
import json, resource, sys, time
t0 = time.perf_counter()
from benchmarks.articles import make_article
from models.pipeline import analyze
a = analyze(make_article({words}), {topics!r})
elapsed = time.perf_counter() - t0
print(json.dumps({{"cold_s": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "quotes": len(a.quotes)}}))
"""


def cold_start(words: int, topics: list[str]) -> dict:
    script = COLD_SCRIPT.format(words=words, topics=topics)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env=dict(os.environ, HF_HUB_OFFLINE="1"))
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - started  # includes interpreter start
    return result


def cold_cli(topics: list[str], runs: int) -> list[float]:
    """Wall seconds of `cli.py analyze` on the dashboard's sample article in a new process, as a
    user runs it (interpreter start, imports, model loads, analysis, JSON out), `runs` times."""
    import tempfile

    from components.sample import SAMPLE_ARTICLE

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "sample.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(SAMPLE_ARTICLE)
        command = [sys.executable, os.path.join(root, "cli.py"), "analyze", path]
        for topic in topics:
            command += ["--target", topic]
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
            seconds.append(time.perf_counter() - started)
    return seconds


def warm_latency(text: str, topics: list[str], runs: int) -> dict[str, float]:
    """Median stage times with the models loaded but the article new to the pipeline: the
    parse cache is emptied before every run, since a reader's next paste is not in it."""
    from models.pipeline import analyze, forget_parses

    analyze(text, topics)
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        forget_parses()
        analysis = analyze(text, topics)
        for stage, seconds in analysis.timings_s.items():
            samples.setdefault(stage, []).append(seconds)
        samples.setdefault("parse", []).append(
            analysis.timings_s["total"] - sum(analysis.timings_s[k] for k in ("quotes", "stance", "summary")))
    return {stage: statistics.median(values) for stage, values in samples.items()}


def batched_vs_per_pair(text: str, topics: list[str]) -> tuple[int, float, float]:
    from models.pipeline import find_quotes, read
    from models.stance import get_stance_classifier, stance_inputs

    article = read(text)
    quotes, _ = find_quotes(article)
    inputs = stance_inputs(quotes, topics, article)
    classifier = get_stance_classifier("embedded")
    classifier.predict(inputs[:4])
    t = time.perf_counter()
    batched = classifier.predict(inputs)
    batched_s = time.perf_counter() - t
    t = time.perf_counter()
    single = [classifier.predict([item])[0] for item in inputs]
    single_s = time.perf_counter() - t
    assert [s.label for s in batched] == [s.label for s in single], "batching changed the labels"
    return len(inputs), batched_s, single_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--topics", type=int, default=3)
    args = parser.parse_args()
    topics = TOPICS[: args.topics]
    import torch

    print(f"CPU threads: torch {torch.get_num_threads()}, cores {os.cpu_count()}; topics: {len(topics)}\n")
    cli = cold_cli(topics, 3)
    print(f"cold `cli.py analyze` on the sample article ({len(topics)} topics), median of 3: "
          f"{statistics.median(cli):.2f} s (runs: {', '.join(f'{x:.2f}' for x in cli)})\n")
    print("| article | words | quotes | cold start to first Analysis (s) | peak memory (MB) "
          "| warm parse (s) | warm quotes (s) | warm stance (s) | warm summary (s) | warm total (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, words in SIZES.items():
        text = make_article(words)
        cold = cold_start(words, topics)
        warm = warm_latency(text, topics, args.runs)
        print(f"| {label} | {len(text.split())} | {cold['quotes']} | {cold['process_s']:.2f} | {cold['peak_mb']:.0f} "
              f"| {warm.get('parse', 0):.3f} | {warm.get('quotes', 0):.3f} | {warm.get('stance', 0):.3f} | {warm.get('summary', 0):.3f} "
              f"| {warm.get('total', 0):.3f} |")
    pairs, batched_s, single_s = batched_vs_per_pair(make_article(700), topics)
    print("\n| stance pairs | batched (s) | one call per pair (s) | speed-up |")
    print("|---|---|---|---|")
    print(f"| {pairs} | {batched_s:.3f} | {single_s:.3f} | {single_s / batched_s:.1f}x |")


if __name__ == "__main__":
    main()
