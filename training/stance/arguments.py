"""The training configuration of the embedded stance model (the shipped v4 defaults).

Its fields are recorded, in this order, under "train" in the artifact's config.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MODEL_NAME", "SOURCE_MIX", "TrainConfig", "parse_mix"]

MODEL_NAME = "minilm-stance-cross-v4"

# Shares of each source in the sampled pairs. With the earlier mix (perspectrum .30, semeval
# .20, gwsd .25, vast .25, offtopic .10) the LoRA model reached VAST 0.650 but GWSD only 0.597
# (2 epochs); more GWSD, at PERSPECTRUM's and SemEval's expense, gave 0.657 / 0.625 in one.
SOURCE_MIX = {"perspectrum": 0.20, "semeval": 0.15, "gwsd": 0.40, "vast": 0.25, "offtopic": 0.10}


@dataclass
class TrainConfig:
    """Fine-tuning the cross-encoder: full backprop through MiniLM's 6 layers on ~40-token
    pairs costs ~0.4 s per batch of 16 on 2 quiet cores, so one pass over 12,000 pairs takes
    ~5 min. The word embeddings stay frozen (cheaper, and inference shares them)."""

    epochs: int = 1
    batch_size: int = 16
    lr: float = 4e-4  # LoRA; full fine-tuning (lora_rank 0) used 3e-5
    head_lr: float = 1e-3
    max_length: int = 128  # pair tokens; VAST comments are cut, quotes (< 60 words) never are
    weight_decay: float = 0.01
    warmup: float = 0.06
    samples_per_epoch: int = 12000
    source_mix: dict[str, float] = field(default_factory=lambda: dict(SOURCE_MIX))
    lora_rank: int = 16  # 0: fine-tune every weight (a 21 MB artifact instead of 1.4 MB)
    # Sources whose polar rows are scored favor-vs-against only (trainer.polarity_aware_loss);
    # empty for v4, which trained every row three-way.
    two_way_sources: tuple[str, ...] = ()
    two_way_three_way_weight: float = 0.0  # share of the three-way loss kept on those rows


def parse_mix(text: str, base: dict[str, float] | None = None) -> dict[str, float]:
    """"gwsd=.3,vast=.3" over `base` (default SOURCE_MIX): the shares it names are replaced."""
    mix = dict(SOURCE_MIX if base is None else base)
    for part in filter(None, text.split(",")):
        key, _, val = part.partition("=")
        mix[key.strip()] = float(val)
    return mix
