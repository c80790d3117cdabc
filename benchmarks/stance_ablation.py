"""What each added source brings: `python benchmarks/stance_ablation.py --log FILE`.

Issue 14 asked for v4's recipe plus one source at a time, scored on every held-out part, so a
source's place in the mix is chosen by what it adds rather than by how much of it there is.
Each variant is v4's training (its four sources, its mix, its off-topic share, one epoch,
seed 13) with the added source given `--share` of the sampled pairs and v4's shares scaled down
to make room; a two-way source (no neutral in its gold) is trained on the side only, as v5b
trains it. The baseline row is v4's recipe at the same sample count.

Every variant is appended to the --log JSON Lines file as soon as it is scored, so an
interrupted run keeps what it finished and a rerun skips the variants already logged. The
table (three-way macro-F1 per held-out part; two-way for the parts without a neutral) is
printed from the log:

    .venv/bin/python benchmarks/stance_ablation.py --log /tmp/ablation.jsonl       # ~7 min a variant
    .venv/bin/python benchmarks/stance_ablation.py --log /tmp/ablation.jsonl --table
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.stance_eval import evaluate
from models.stance import get_stance_classifier
from training.stance import DATA_DIR, make_splits, off_topic_neutrals, save, train_cross
from training.stance.arguments import TWO_WAY_SOURCES, V4_MIX, TrainConfig
from training.stance.splits import ALL_SOURCES, TWO_WAY, V4_SOURCES

__all__ = ["variant_config", "format_table"]

BASELINE = "v4 recipe"


def variant_config(added: str | None, share: float, samples: int) -> tuple[tuple[str, ...], TrainConfig]:
    """(training sources, config) of v4's recipe plus `added` at `share` of the pairs."""
    if added is None:
        return V4_SOURCES, TrainConfig(samples_per_epoch=samples, source_mix=dict(V4_MIX), two_way_sources=())
    mix = {k: v * (1 - share) for k, v in V4_MIX.items()}
    mix[added] = share
    two_way = (added,) if added in TWO_WAY_SOURCES else ()
    return V4_SOURCES + (added,), TrainConfig(samples_per_epoch=samples, source_mix=mix, two_way_sources=two_way)


def _score(name: str, sources: tuple[str, ...], cfg: TrainConfig, data: Path, offtopic: float,
           limit: int) -> dict[str, Any]:
    t0 = time.time()
    train, evals = make_splits(data, train_sources=sources)
    train = train + off_topic_neutrals(train, int(offtopic * len(train)))
    model, seconds = train_cross(train, cfg)
    with tempfile.TemporaryDirectory() as tmp:
        save(model, Path(tmp), cfg, {"name": f"ablation-{name}"})
        scores = evaluate(get_stance_classifier(tmp), evals, limit)
    return {"variant": name, "train_minutes": round(seconds / 60, 1), "minutes": round((time.time() - t0) / 60, 1),
            "samples": cfg.samples_per_epoch, "mix": cfg.source_mix,
            "parts": {p: {"macro": s["macro"], "two_way": s["two_way"], "n": s["n"]} for p, s in scores.items()}}


def _read_log(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def format_table(rows: list[dict[str, Any]]) -> str:
    """Markdown: one row per variant, one column per held-out part (two-way after a slash),
    each cell's change against the baseline row in brackets."""
    if not rows:
        return "(no variants logged)"
    parts = list(rows[0]["parts"])
    base = next((r for r in rows if r["variant"] == BASELINE), None)

    def cell(r: dict[str, Any], p: str) -> str:
        s = r["parts"].get(p)
        if s is None:
            return "--"
        key = "two_way" if p in TWO_WAY else "macro"
        text = f"{s[key]:.3f}"
        if base is not None and r is not base and p in base["parts"]:
            text += f" ({s[key] - base['parts'][p][key]:+.3f})"
        return text

    head = "| variant | " + " | ".join(p + (" (2-way)" if p in TWO_WAY else "") for p in parts) + " |"
    lines = [head, "|---|" + "---|" * len(parts)]
    lines += [f"| {r['variant']} | " + " | ".join(cell(r, p) for p in parts) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, required=True, help="JSON Lines file the variants are appended to")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--sources", default=",".join(s for s in ALL_SOURCES if s not in V4_SOURCES),
                        help="added sources to try one at a time")
    parser.add_argument("--share", type=float, default=0.2, help="the added source's share of the pairs")
    parser.add_argument("--samples", type=int, default=12000, help="pairs per variant (v4: 12,000)")
    parser.add_argument("--offtopic", type=float, default=0.1, help="v4's synthetic off-topic fraction")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="at most N rows per held-out part (0: all; for a smoke run)")
    parser.add_argument("--table", action="store_true", help="only print the table from --log")
    args = parser.parse_args(argv)
    if not args.table:
        import torch

        torch.set_num_threads(args.threads)
        done = {r["variant"] for r in _read_log(args.log)}
        for added in [None, *filter(None, args.sources.split(","))]:
            name = added or BASELINE
            if name in done:
                continue
            sources, cfg = variant_config(added, args.share, args.samples)
            row = _score(name, sources, cfg, args.data, args.offtopic, args.limit)
            with args.log.open("a") as f:
                f.write(json.dumps(row) + "\n")
            print(f"{name}: {row['minutes']} min", file=sys.stderr, flush=True)
    print(format_table(_read_log(args.log)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
