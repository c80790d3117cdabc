"""Corpus mode speed: plain `cli.py analyze` against `cli.py corpus run` with 1 and 2 Ray
workers on the PolNeAR train and dev articles (924, read in place from ../shared), the peak
memory of each worker, a resumed run with nothing left to do, and the corpus page's queries
over a synthetic corpus of 100,000 quotes.

    python benchmarks/corpus.py [--limit N] [--target T]... [--page-quotes 100000]

Each run is a fresh subprocess, as a user runs it; timings include model loading and Ray's
start. Prints one table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"
TARGETS = ["Donald Trump", "Hillary Clinton"]


def polnear_source(folder: Path, limit: int | None) -> tuple[Path, list[Path], int]:
    """A Parquet source (id, text, title, date, outlet) and the same articles as .txt files."""
    import pandas as pd

    meta = pd.read_csv(DATA / "metadata.tsv", sep="\t", dtype=str).set_index("filename")
    rows, files = [], []
    (folder / "txt").mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        for path in sorted((DATA / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            m = meta.loc[path.stem] if path.stem in meta.index else None
            rows.append({"id": f"{split}/{path.stem}", "text": text,
                         "title": None if m is None else m["title"], "date": None if m is None else m["publication_date"],
                         "outlet": None if m is None else m["publisher"]})
            copy = folder / "txt" / path.name
            copy.write_text(text, encoding="utf-8")
            files.append(copy)
    if limit:
        rows, files = rows[:limit], files[:limit]
    source = folder / "source.parquet"
    pd.DataFrame(rows).to_parquet(source)
    return source, files, sum(len(r["text"].split()) for r in rows)


class PeakMemory:
    """Peak resident memory of each Ray analysis worker, from /proc (VmHWM), polled."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(1.0):
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                    if b"MapWorker" not in cmd and b"CorpusAnalyzer" not in cmd:
                        continue
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peaks[int(pid)] = max(self.peaks.get(int(pid), 0), int(line.split()[1]) * 1024)
                except OSError:
                    continue

    def per_worker_mib(self) -> str:
        return ", ".join(f"{v / 2**20:.0f}" for v in sorted(self.peaks.values(), reverse=True)) or "n/a"


def timed(cmd: list[str]) -> tuple[float, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAY_AUTH_MODE": "disabled"}
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd[:4])} ...\n{done.stderr[-3000:]}")
    return seconds, done.stdout


def page_queries(n_quotes: int, folder: Path) -> list[tuple[str, float]]:
    """Time the corpus page's queries over a synthetic corpus of `n_quotes` quote rows."""
    import datetime as dt

    from models.corpus.explore import CorpusExplorer, CorpusFilters
    from models.corpus.store import CorpusStore

    rng = random.Random(0)
    actors = [f"Actor {i}" for i in range(400)]
    topics = [f"topic {i}" for i in range(6)]
    n_articles = n_quotes // 20
    store = CorpusStore(folder)
    articles = [{"key": f"k{i}", "id": f"a{i}", "title": f"t{i}", "outlet": f"outlet {i % 8}",
                 "date": (dt.date(2025, 1, 1) + dt.timedelta(days=i % 365)).isoformat(), "words": 800,
                 "n_quotes": 20, "text": "", "analysis": None} for i in range(n_articles)]
    quotes = []
    for i in range(n_quotes):
        label = rng.choice(["favor", "against", "neutral"])
        quotes.append({"key": f"k{i // 20}", "article_id": f"a{i // 20}", "quote_id": i % 20, "kind": "direct",
                       "text": f"quote {i}", "start": 0, "end": 7, "speaker": actors[int(rng.paretovariate(1.2)) % 400],
                       "topic": rng.choice(topics), "label": label, "favor": 0.5, "against": 0.3, "neutral": 0.2,
                       "confidence": 0.5})
    store.write({"articles": articles, "quotes": quotes, "actors": []})
    out = []
    started = time.perf_counter()
    ex = CorpusExplorer(str(folder))
    f = CorpusFilters()
    ex.overview(), ex.actors(), ex.topics(), ex.outlets()
    out.append(("open + filter lists", time.perf_counter() - started))
    for name, call in (
        ("heat map (top 20 actors x 6 topics)", lambda: ex.heat(f)),
        ("over time, 3 actors, by week", lambda: ex.over_time(f, "topic 0", actors[:3], "week")),
        ("by outlet, 3 actors", lambda: ex.by_outlet(f, "topic 0", actors[:3])),
        ("quotes behind one point", lambda: ex.quotes_behind(f, actors[0], "topic 0", "month", dt.date(2025, 3, 1))),
    ):
        t = time.perf_counter()
        call()
        out.append((name, time.perf_counter() - t))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N of the 924 articles")
    ap.add_argument("--target", action="append", default=None)
    ap.add_argument("--page-quotes", type=int, default=100_000)
    ap.add_argument("--skip-plain", action="store_true", help="leave out plain cli.py analyze")
    args = ap.parse_args(argv)
    targets = args.target or TARGETS
    tflags = [x for t in targets for x in ("-t", t)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="stancelens-corpus-bench-") as tmp:
        folder = Path(tmp)
        source, files, words = polnear_source(folder, args.limit)
        n = len(files)
        print(f"PolNeAR train+dev: {n} articles, {words:,} words, topics: {', '.join(targets)}", flush=True)
        if not args.skip_plain:
            s, _ = timed([sys.executable, "cli.py", "analyze", *tflags, *map(str, files)])
            rows.append(("cli.py analyze (one process)", n, s, "-"))
            print(f"  plain analyze: {s:.1f} s", flush=True)
        for workers in (1, 2):
            out = folder / f"out{workers}"
            with PeakMemory() as mem:
                s, stdout = timed([sys.executable, "cli.py", "corpus", "run", str(source), "--out", str(out),
                                   *tflags, "--workers", str(workers)])
            summary = json.loads(stdout)
            rows.append((f"corpus run, {workers} worker{'s' if workers > 1 else ''}", summary["analysed"], s,
                         mem.per_worker_mib()))
            print(f"  corpus run {workers}: {s:.1f} s, {summary['failed']} failed, {summary['quotes']} quotes", flush=True)
        s, stdout = timed([sys.executable, "cli.py", "corpus", "run", str(source), "--out", str(folder / "out2"),
                           *tflags, "--workers", "2"])
        rows.append(("corpus run again (all done)", json.loads(stdout)["analysed"], s, "-"))
        page = page_queries(args.page_quotes, folder / "synthetic") if args.page_quotes else []
    print()
    print(f"{'run':34} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'words/s':>8}  peak MiB per worker")
    for name, count, s, mem in rows:
        rate = count / s if count else 0.0
        wps = words * (count / n) / s if count else 0.0
        print(f"{name:34} {count:>8} {s:>8.1f} {rate:>10.2f} {wps:>8.0f}  {mem}")
    if page:
        print()
        print(f"corpus page queries over {args.page_quotes:,} synthetic quotes (DuckDB):")
        for name, s in page:
            print(f"  {name:40} {s * 1000:>7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
