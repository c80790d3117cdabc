"""The held-out evaluation splits, never trained on; the trainer and benchmarks/stance_eval.py
both take them from `make_splits`, so the two can never disagree about what is held out.

* VAST: a random 30% of the dev TOPICS; rows whose comment text also appears under a held-out
  topic are dropped from training too, so no comment is seen at train and eval time;
* GWSD: a random 25% of the labelled sentences;
* SemEval-2016: the whole "donald trump" target.
"""

from __future__ import annotations

import random
from pathlib import Path

from training.stance.data import DATA_DIR, Example, read_gwsd, read_perspectrum, read_semeval, read_vast

__all__ = ["SEED", "SEMEVAL_HELDOUT", "make_splits"]

SEED = 13
SEMEVAL_HELDOUT = "DT"


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
