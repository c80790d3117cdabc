"""Retrain the embedded stance model: `python -m training.stance [--out DIR]`.

The defaults rebuild the shipped artifact (models/stance_model/, v5e): the LoRA cross-encoder,
one epoch of 90,000 pairs drawn by SOURCE_MIX from TRAIN_SOURCES, the two-way sources trained
mainly on the side (polarity_aware_loss, half the three-way loss kept), seed 13, 2 threads;
~50 min on 2 quiet cores (75 min with other work on them) and
deterministic for the seed and thread count on one machine (two runs write the same
layers.safetensors; a run on another machine need not reproduce the committed bytes; only
config.json's train_minutes changes). docs/stance_trials.md lists the designs and settings tried.

The new config.json has no temperature (T = 1): the shipped one's was fitted afterwards by
`python -m training.stance.calibrate --write` (training/stance/calibrate.py); run it again after retraining.

v4, the previous model, is this with
    --sources vast,gwsd,semeval,perspectrum --two-way-sources "" --samples 12000 --offtopic 0.1
    --replace-mix --mix "perspectrum=.2,semeval=.15,gwsd=.4,vast=.25,offtopic=.1" --name minilm-stance-cross-v4
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from models.stance import MODEL_DIR
from training.stance.arguments import MODEL_NAME, TRAIN_SOURCES, TWO_WAY_SOURCES, TrainConfig, parse_mix
from training.stance.augment import negated_topic_pairs, off_topic_neutrals
from training.stance.data import DATA_DIR
from training.stance.splits import ALL_SOURCES, SEED, SEMEVAL_HELDOUT, make_splits
from training.stance.trainer import save, train_cross


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m training.stance", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=MODEL_DIR,
                        help="artifact folder (default: the committed models/stance_model)")
    parser.add_argument("--train-seed", type=int, default=SEED,
                        help="seed of initialisation and batch order (the held-out splits keep SEED)")
    parser.add_argument("--lr", type=float, default=TrainConfig.lr)
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument("--samples", type=int, default=TrainConfig.samples_per_epoch, help="pairs per epoch")
    parser.add_argument("--lora-rank", type=int, default=TrainConfig.lora_rank,
                        help="0: fine-tune every weight (a 21 MB artifact)")
    parser.add_argument("--mix", default="", help="source shares over SOURCE_MIX, e.g. gwsd=.3,vast=.3")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--offtopic", type=float, default=0.05, help="synthetic off-topic neutrals, fraction of train")
    parser.add_argument("--negated", type=float, default=0.0,
                        help="add 'opposition to TOPIC' copies of this fraction of favor/against rows, label flipped")
    parser.add_argument("--monitor", action="store_true", help="print held-out macro-F1 after each epoch")
    parser.add_argument("--sources", default=",".join(TRAIN_SOURCES),
                        help=f"training sources, comma-separated, or 'all' ({','.join(ALL_SOURCES)})")
    parser.add_argument("--two-way-sources", default=",".join(TWO_WAY_SOURCES),
                        help="sources whose polar rows are scored favor-vs-against only (polarity_aware_loss)")
    parser.add_argument("--two-way-weight", type=float, default=TrainConfig.two_way_three_way_weight,
                        help="share of the three-way loss kept on two-way rows (0: side only)")
    parser.add_argument("--replace-mix", action="store_true", help="--mix gives the whole mix, not changes to v4's")
    parser.add_argument("--name", default=MODEL_NAME, help="model name recorded in config.json")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    t0 = time.time()
    sources = ALL_SOURCES if args.sources == "all" else tuple(filter(None, args.sources.split(",")))
    train, evals = make_splits(args.data, train_sources=sources)
    train = train + off_topic_neutrals(train, int(args.offtopic * len(train)))
    if args.negated:
        train = train + negated_topic_pairs(train, args.negated)
    print(f"train pairs: {len(train)}; eval: " + ", ".join(f"{k} {len(v)}" for k, v in evals.items()), file=sys.stderr)
    cfg = TrainConfig(lr=args.lr, epochs=args.epochs, samples_per_epoch=args.samples, lora_rank=args.lora_rank,
                      source_mix=parse_mix(args.mix, {} if args.replace_mix else None),
                      two_way_sources=tuple(filter(None, args.two_way_sources.split(","))),
                      two_way_three_way_weight=args.two_way_weight)
    monitor = {k: v[:400] for k, v in evals.items() if k != f"semeval_{SEMEVAL_HELDOUT}"} if args.monitor else None
    model, _ = train_cross(train, cfg, seed=args.train_seed, monitor=monitor)
    info = {"name": args.name, "seed": args.train_seed, "train_pairs": len(train), "offtopic_fraction": args.offtopic,
            "train_minutes": round((time.time() - t0) / 60, 1)}
    save(model, args.out, cfg, info)
    print(f"saved {args.out} in {(time.time() - t0) / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
