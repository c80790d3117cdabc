"""The training configuration of the embedded stance model (the shipped v5e defaults: v5b's mix and loss, three times the pairs).

Its fields are recorded, in this order, under "train" in the artifact's config.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MODEL_NAME", "SOURCE_MIX", "TRAIN_SOURCES", "TWO_WAY_SOURCES", "V4_MIX", "TrainConfig", "parse_mix"]

MODEL_NAME = "minilm-stance-cross-v5e"

# v4's shares (perspectrum, semeval, gwsd, vast only): with the earlier mix (perspectrum .30,
# semeval .20, gwsd .25, vast .25, offtopic .10) the LoRA model reached VAST 0.650 but GWSD only
# 0.597 (2 epochs); more GWSD, at PERSPECTRUM's and SemEval's expense, gave 0.657 / 0.625 in one.
V4_MIX = {"perspectrum": 0.20, "semeval": 0.15, "gwsd": 0.40, "vast": 0.25, "offtopic": 0.10}

# v5b's shares: weighted toward what is closest to quotes in news (GWSD's reported speech, news
# sentences toward people in DSA and NewsMTSC, named people's statements in Procon20, headlines
# in Emergent), VAST and SemEval kept near v4's weight (v5a halved them and lost 0.05 / 0.10),
# debate arguments and tweets small. Trials and their numbers: docs/stance_trials.md.
SOURCE_MIX = {
    "gwsd": 0.20, "vast": 0.18, "perspectrum": 0.06, "semeval": 0.08, "dsa": 0.11, "newsmtsc": 0.08,
    "procon": 0.08, "argq": 0.06, "iam": 0.04, "claim_stance": 0.02, "emergent": 0.03, "pstance": 0.03,
    "mtsd": 0.03, "offtopic": 0.06,
}
# Every source in shared/data but UKP Sentential (CC BY-NC: a model trained on it could not be
# used commercially).
TRAIN_SOURCES = ("vast", "gwsd", "semeval", "perspectrum", "argq", "claim_stance", "iam", "procon", "dsa",
                 "newsmtsc", "emergent", "mtsd", "pstance")
# Sources whose gold has no neutral: their rows mainly teach which side (polarity_aware_loss).
TWO_WAY_SOURCES = ("argq", "claim_stance", "iam", "procon", "pstance", "perspectrum")


@dataclass
class TrainConfig:
    """Fine-tuning the cross-encoder: full backprop through MiniLM's 6 layers costs ~0.4-0.65 s
    per batch of 16 on 2 quiet cores (the added sets' texts are longer), so v5e's 90,000 pairs
    take ~50-75 min (v5d's 60,000 ~29 min, v5b's 30,000 ~11-21 min, v4's 12,000 ~5 min). Doubling
    v5b's pairs was worth +0.05 to +0.13 on 10 of the 13 held-out parts, and 90,000 (about the
    whole pool) a further +0.01 to +0.08 on 9 (docs/stance_trials.md). The word embeddings stay frozen (cheaper, and inference shares them)."""

    epochs: int = 1
    batch_size: int = 16
    lr: float = 4e-4  # LoRA; full fine-tuning (lora_rank 0) used 3e-5
    head_lr: float = 1e-3
    max_length: int = 128  # pair tokens; VAST comments are cut, quotes (< 60 words) never are
    weight_decay: float = 0.01
    warmup: float = 0.06
    samples_per_epoch: int = 90000
    source_mix: dict[str, float] = field(default_factory=lambda: dict(SOURCE_MIX))
    lora_rank: int = 16  # 0: fine-tune every weight (a 21 MB artifact instead of 1.4 MB)
    # Sources whose polar rows are scored mainly favor-vs-against (trainer.polarity_aware_loss);
    # v4 had none and trained every row three-way.
    two_way_sources: tuple[str, ...] = TWO_WAY_SOURCES
    two_way_three_way_weight: float = 0.5  # share of the three-way loss kept on those rows


def parse_mix(text: str, base: dict[str, float] | None = None) -> dict[str, float]:
    """"gwsd=.3,vast=.3" over `base` (default SOURCE_MIX): the shares it names are replaced."""
    mix = dict(SOURCE_MIX if base is None else base)
    for part in filter(None, text.split(",")):
        key, _, val = part.partition("=")
        mix[key.strip()] = float(val)
    return mix
