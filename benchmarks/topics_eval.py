"""Topic suggestions against a hand-judged set: `python benchmarks/topics_eval.py`.

benchmarks/data/topics_judged.json lists, for 16 PolNeAR articles (read in place from
../shared/data; 12 train articles the rules were developed on, 4 dev articles held out), the topics a journalist would want and suggestions that would be useless. For
each article the suggester (models.pipeline.suggest_targets, the quotes found as the page
finds them) gives its top 5; the table prints, per article and on average, how many of the top
3 and top 5 are acceptable and how many useless ones appear in the top 3 and top 5.
Targets (issue 15): at least 2 of the top 3 acceptable on average, no useless one in a top 3.

    .venv/bin/python benchmarks/topics_eval.py [--show]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from models.pipeline import suggest_targets
from training.stance.data import DATA_DIR

JUDGED = Path(__file__).resolve().parent / "data" / "topics_judged.json"
POLNEAR = DATA_DIR / "polnear" / "data"

__all__ = ["judge", "matches"]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.'’-]+", text.lower().replace("’", "'"))


def matches(suggestion: str, groups: list[list[str]]) -> bool:
    """True when every word of some group starts a word of the suggestion."""
    words = _words(suggestion)
    return any(all(any(w.startswith(g.replace("’", "'")) for w in words) for g in group) for group in groups)


def judge(suggestions: list[str], entry: dict[str, Any]) -> list[str]:
    """'ok', 'useless' or '-' for each suggestion; an acceptable topic is credited once."""
    used: set[int] = set()
    out = []
    for s in suggestions:
        hit = next((i for i, a in enumerate(entry["acceptable"]) if i not in used and matches(s, a["match"])), None)
        if hit is not None:
            used.add(hit)
            out.append("ok")
        elif matches(s, entry["useless"]):
            out.append("useless")
        else:
            out.append("-")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--polnear", type=Path, default=POLNEAR, help="PolNeAR's data folder")
    parser.add_argument("--show", action="store_true", help="print each article's suggestions and verdicts")
    args = parser.parse_args(argv)
    articles = json.loads(args.judged.read_text(encoding="utf-8"))["articles"]
    rows = []
    for entry in articles:
        text = (args.polnear / entry["dir"] / "text" / f"{entry['file']}.txt").read_text(encoding="utf-8")
        top = suggest_targets(text, k=5)
        verdicts = judge(top, entry)
        rows.append((entry["file"], entry["split"], verdicts))
        if args.show:
            print(entry["file"], f"({entry['split']})")
            for s, v in zip(top, verdicts):
                print(f"   {v:8s} {s}")
    print("| article | split | acceptable in top 3 | in top 5 | useless in top 3 | in top 5 |")
    print("|---|---|---|---|---|---|")
    for name, split, v in rows:
        cells = [v[:3].count("ok"), v[:5].count("ok"), v[:3].count("useless"), v[:5].count("useless")]
        print(f"| {name[:48]} | {split} | " + " | ".join(map(str, cells)) + " |")
    for split in ("tuning", "held-out", "all"):
        part = [v for _, s, v in rows if split in (s, "all")]
        if not part:
            continue
        n = len(part)
        sums = [sum(v[:3].count("ok") for v in part), sum(v[:5].count("ok") for v in part),
                sum(v[:3].count("useless") for v in part), sum(v[:5].count("useless") for v in part)]
        print(f"| **mean, {split} ({n})** | | {sums[0] / n:.2f} | {sums[1] / n:.2f} | {sums[2] / n:.2f} | {sums[3] / n:.2f} |")
    for split in ("tuning", "held-out", "all"):
        part = [v for _, s, v in rows if split in (s, "all")]
        if part:
            print(f"{split}: precision@3 {sum(v[:3].count('ok') for v in part) / (3 * len(part)):.2f}, "
                  f"precision@5 {sum(v[:5].count('ok') for v in part) / (5 * len(part)):.2f}; articles with a "
                  f"useless topic in the top 3: {sum(1 for v in part if 'useless' in v[:3])} of {len(part)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
