"""Temperature scaling of a trained stance artifact: `python -m training.stance.calibrate`.

Why: the cross-encoder is trained on its sources' own topics, and on topics it has never seen it
is more sure than it is right (v5d: ECE 0.19-0.22 on VAST, GWSD and UKP). The page marks labels
under schema.LOW_CONFIDENCE as unsure and the charts weight each quote by its confidence, so an
overconfident score draws a side the model does not know. One number, a temperature T that
divides the logits (Guo et al. 2017), softens every score without changing any label, hence
without changing any F1.

Where T is fitted: the held-out parts are the only data whose topics the model has not trained
on, so each part is cut in two halves BY TOPIC (`calibration_halves`; by row where a part has
fewer than MIN_TOPICS topics). T minimises the mean negative log-likelihood over the parts'
fit halves, each part weighted equally so that the 1,500-row parts do not decide it alone; the
table reports ECE on the report halves, whose topics T never saw. The fit runs once per
artifact and writes `temperature` (and what it was fitted on) into its config.json:

    .venv/bin/python -m training.stance.calibrate                   # print the table only
    .venv/bin/python -m training.stance.calibrate --write           # ... and write T
    .venv/bin/python -m training.stance.calibrate --model DIR --write
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path
from typing import Any, Sequence

from training.stance.data import DATA_DIR, Example
from training.stance.metrics import expected_calibration_error
from training.stance.splits import SEED, make_splits

__all__ = ["MIN_TOPICS", "TEMPERATURE_GRID", "calibration_halves", "fit_temperature", "scaled", "main"]

MIN_TOPICS = 6
# A grid, not an optimiser: the NLL is smooth and one-dimensional, 0.05 steps are finer than
# the difference between the two halves' fits (1.80 vs 1.85 for v5d), and a grid cannot diverge.
TEMPERATURE_GRID = tuple(round(0.5 + 0.05 * i, 2) for i in range(91))  # 0.50 .. 5.00


def calibration_halves(rows: Sequence[Example], seed: int = SEED) -> tuple[list[int], list[int]]:
    """(fit, report) row indices: whole topics go to one half (a seeded hash of the topic), so
    the report half's topics are unseen by the fit; a part with few topics splits by row."""
    topics = {e.target.strip().lower() for e in rows}
    if len(topics) >= MIN_TOPICS:
        side = [zlib.crc32(f"{seed}:{e.target.strip().lower()}".encode()) % 2 for e in rows]
    else:
        side = [i % 2 for i in range(len(rows))]
    return [i for i, s in enumerate(side) if s == 0], [i for i, s in enumerate(side) if s == 1]


def scaled(log_probs: Any, temperature: float) -> Any:
    """Softmax of log_probs / T (log-probabilities differ from logits by a per-row constant,
    which the softmax ignores, so this is exactly what the classifier computes at T)."""
    import numpy as np

    z = np.asarray(log_probs, dtype=np.float64) / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(parts: Sequence[tuple[Any, Sequence[int]]], grid: Sequence[float] = TEMPERATURE_GRID) -> float:
    """The T on `grid` with the least mean (over parts, equally weighted) negative log-likelihood;
    each part is (log-probabilities n x labels, gold label indices)."""
    import numpy as np

    def nll(t: float) -> float:
        losses = []
        for log_probs, gold in parts:
            p = scaled(log_probs, t)
            losses.append(-np.log(p[np.arange(len(gold)), np.asarray(gold)] + 1e-12).mean())
        return float(np.mean(losses))

    return min(grid, key=nll)


def _part_log_probs(clf: Any, rows: Sequence[Example]) -> Any:
    """Log-probabilities of the classifier at temperature 1 (a configured T is undone)."""
    import numpy as np

    from models.stance.inputs import StanceInput

    probs = clf.predict_proba([StanceInput(text=e.text, target=e.target).premise() for e in rows],
                              [e.target for e in rows])
    return np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0)) * clf.cross.temperature


def _ece(log_probs: Any, gold: Sequence[int], t: float, labels: Sequence[str]) -> tuple[float, float]:
    """(ECE at T, share of rows the page would mark low confidence at T)."""
    from models.schema import LOW_CONFIDENCE

    p = scaled(log_probs, t)
    top = p.argmax(axis=1)
    conf = p.max(axis=1)
    ece = expected_calibration_error([labels[g] for g in gold], [labels[i] for i in top], list(map(float, conf)))
    return ece, float((conf < LOW_CONFIDENCE).mean())


def main(argv: list[str] | None = None) -> int:
    from models.stance import MODEL_DIR

    parser = argparse.ArgumentParser(prog="python -m training.stance.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help="artifact folder (default: the shipped one)")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write the fitted temperature into config.json")
    args = parser.parse_args(argv)

    import numpy as np
    import torch

    from models.stance.embedded import EmbeddedStanceClassifier

    torch.set_num_threads(args.threads)
    clf = EmbeddedStanceClassifier(args.model)
    labels = clf.labels
    _, evals = make_splits(args.data)
    halves: dict[str, tuple[Any, list[int], list[int], list[int]]] = {}
    for name, rows in evals.items():
        log_probs = _part_log_probs(clf, rows)
        gold = [labels.index(e.label) for e in rows]
        fit, report = calibration_halves(rows)
        halves[name] = (log_probs, gold, fit, report)
    t = fit_temperature([(lp[fit], [g[i] for i in fit]) for lp, g, fit, _ in halves.values()])

    print(f"model {clf.name}; temperature fitted on the fit halves: T = {t:.2f} (was {clf.cross.temperature:.2f})")
    print("ECE and share marked low confidence on each part's REPORT half (topics the fit never saw):")
    print("| held-out part | report rows | ECE at T=1 | ECE at T | low-confidence share T=1 -> T |")
    print("|---|---|---|---|---|")
    before, after = [], []
    for name, (log_probs, gold, _, report) in halves.items():
        lp, g = log_probs[report], [gold[i] for i in report]
        e1, low1 = _ece(lp, g, 1.0, labels)
        et, lowt = _ece(lp, g, t, labels)
        before.append(e1)
        after.append(et)
        print(f"| {name} | {len(report)} | {e1:.3f} | {et:.3f} | {low1:.2f} -> {lowt:.2f} |")
    print(f"| mean over parts | | {np.mean(before):.3f} | {np.mean(after):.3f} | |")
    if args.write:
        path = args.model / "config.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["temperature"] = t
        meta["calibration"] = {
            "method": "temperature scaling, mean NLL over the held-out parts' fit halves (by topic)",
            "command": "python -m training.stance.calibrate --write",
            "fit_rows": int(sum(len(h[2]) for h in halves.values())),
            "report_ece_before": round(float(np.mean(before)), 4),
            "report_ece_after": round(float(np.mean(after)), 4),
        }
        path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"wrote temperature {t:.2f} to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
