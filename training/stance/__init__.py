"""Training the embedded stance model (`python -m training.stance`), split by job:

* `data`: reading the data sets from ../shared/data (DATA_DIR, Example, LABELS);
* `splits`: the held-out evaluation splits (`make_splits`), shared with benchmarks/stance_eval.py;
* `augment`: synthetic pairs (off-topic neutrals, negated topics);
* `arguments`: the training configuration (`TrainConfig`, the source mix);
* `trainer`: LoRA fine-tuning of the cross-encoder and saving its artifact;
* `metrics`: macro-F1.

The artifact format itself is models/stance/artifact.py, shared with inference. Training
imports models/; models/ never imports training.
"""

from training.stance.arguments import MODEL_NAME, SOURCE_MIX, TrainConfig, parse_mix
from training.stance.augment import negated_topic_pairs, off_topic_neutrals
from training.stance.data import DATA_DIR, LABELS, Example
from training.stance.metrics import macro_f1
from training.stance.splits import SEED, SEMEVAL_HELDOUT, make_splits
from training.stance.trainer import cross_proba, save, train_cross

__all__ = [
    "DATA_DIR",
    "LABELS",
    "MODEL_NAME",
    "SEED",
    "SEMEVAL_HELDOUT",
    "SOURCE_MIX",
    "Example",
    "TrainConfig",
    "cross_proba",
    "macro_f1",
    "make_splits",
    "negated_topic_pairs",
    "off_topic_neutrals",
    "parse_mix",
    "save",
    "train_cross",
]
