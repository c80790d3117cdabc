"""The held-out evaluation splits, never trained on; the trainer and benchmarks/stance_eval.py
both take them from `make_splits`, so the two can never disagree about what is held out.

v4's three (unchanged, so the default command trains v4 exactly as before):

* VAST: a random 30% of the dev TOPICS; rows whose comment text also appears under a held-out
  topic are dropped from training too, so no comment is seen at train and eval time;
* GWSD: a random 25% of the labelled sentences;
* SemEval-2016: the whole "donald trump" target.

Issue 14's, one per added source, by topic where the source has topics: 15 of ArgQ's 71
motions, 2 of UKP's 8 topics, Claim Stance's own test motions, IAM test, Procon20 dev, DSA
test, NewsMTSC devtest, Emergent test, MTSD test and P-Stance test. Because SemEval's "Donald
Trump" stays an unseen target, no training row of any source targets Trump. Large held-out
parts are cut to EVAL_CAP rows by a seeded sample, to keep the benchmark to minutes.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from pathlib import Path

from training.stance import sources as S
from training.stance.data import DATA_DIR, Example, read_gwsd, read_perspectrum, read_semeval, read_vast

__all__ = ["ALL_SOURCES", "EVAL_CAP", "SEED", "SEMEVAL_HELDOUT", "TWO_WAY", "V4_SOURCES", "make_splits"]

SEED = 13
SEMEVAL_HELDOUT = "DT"
EVAL_CAP = 1500
V4_SOURCES = ("vast", "gwsd", "semeval", "perspectrum")
ALL_SOURCES = V4_SOURCES + ("argq", "claim_stance", "ukp", "iam", "procon", "dsa", "newsmtsc", "emergent",
                            "mtsd", "pstance")
# Held-out parts whose gold has no neutral: scored two-way (favor vs against) as well.
TWO_WAY = ("argq_heldout_motions", "claim_stance_test", "iam_test", "procon_dev", "pstance_test")


def _not_trump(rows: list[Example]) -> list[Example]:
    return [e for e in rows if "trump" not in e.target.lower()]


def _cap(rows: list[Example], seed: int) -> list[Example]:
    if len(rows) <= EVAL_CAP:
        return rows
    return random.Random(seed).sample(rows, EVAL_CAP)


def _added_sources(data_dir: Path, seed: int) -> tuple[dict[str, list[Example]], dict[str, list[Example]]]:
    """({source: train rows}, {held-out part: rows}) for issue 14's sources."""
    rng = random.Random(seed + 100)  # its own stream: v4's splits do not move
    train: dict[str, list[Example]] = {}
    evals: dict[str, list[Example]] = {}

    argq = S.read_argq(data_dir)
    motions = sorted(argq)
    rng.shuffle(motions)
    held = set(motions[:15])
    evals["argq_heldout_motions"] = [e for m in sorted(held) for e in argq[m]]
    train["argq"] = [e for m in sorted(argq) if m not in held for e in argq[m]]

    claims = S.read_claim_stance(data_dir)
    evals["claim_stance_test"], train["claim_stance"] = claims["test"], claims["train"]

    ukp = S.read_ukp(data_dir)
    topics = sorted(ukp)
    rng.shuffle(topics)
    evals["ukp_heldout_topics"] = [e for t in sorted(topics[:2]) for e in ukp[t]]
    train["ukp"] = [e for t in sorted(topics[2:]) for e in ukp[t]]

    iam = S.read_iam(data_dir)
    evals["iam_test"] = iam["test"]
    train["iam"] = iam["train"] + iam["dev"] + iam["nonclaims_dev"]

    procon = S.read_procon(data_dir)
    evals["procon_dev"], train["procon"] = procon["dev"], procon["train"]

    dsa = S.read_dsa(data_dir)
    evals["dsa_test"], train["dsa"] = dsa["test"], _not_trump(dsa["train"] + dsa["valid"])

    mtsc = S.read_newsmtsc(data_dir)
    evals["newsmtsc_devtest"], train["newsmtsc"] = mtsc["devtest"], _not_trump(mtsc["train"])

    emergent = S.read_emergent(data_dir)
    evals["emergent_test"], train["emergent"] = emergent["test"], emergent["train"]

    mtsd = S.read_mtsd(data_dir)
    evals["mtsd_test"], train["mtsd"] = mtsd["test"], _not_trump(mtsd["train"] + mtsd["val"])

    pstance = S.read_pstance(data_dir)
    evals["pstance_test"], train["pstance"] = pstance["test"], _not_trump(pstance["train"] + pstance["val"])

    evals = {k: _cap(v, seed + i) for i, (k, v) in enumerate(evals.items())}
    held_texts = {e.text for rows in evals.values() for e in rows}
    train = {k: [e for e in v if e.text not in held_texts] for k, v in train.items()}
    return train, evals


def make_splits(
    data_dir: Path = DATA_DIR, seed: int = SEED, train_sources: Collection[str] = V4_SOURCES
) -> tuple[list[Example], dict[str, list[Example]]]:
    """(train rows of `train_sources`, {held-out part: examples}); deterministic for a seed.

    Every held-out part is returned whatever `train_sources` says, so every model is scored on
    the same parts; the default trains on v4's four sources, exactly as v4 was trained."""
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

    by_source = {"vast": vast_train, "gwsd": gwsd_train, "semeval": sem_train, "perspectrum": read_perspectrum(data_dir)}
    added_train, added_evals = _added_sources(data_dir, seed)
    evals.update(added_evals)
    by_source.update(added_train)
    unknown = set(train_sources) - set(by_source)
    if unknown:
        raise ValueError(f"unknown training sources: {sorted(unknown)}")
    train = [e for s in ("vast", "gwsd", "semeval", "perspectrum") if s in train_sources for e in by_source[s]]
    train += [e for s in ALL_SOURCES[len(V4_SOURCES):] if s in train_sources for e in by_source[s]]
    return train, evals
