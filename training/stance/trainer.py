"""Fine-tuning the embedded stance model: MiniLM read as a cross-encoder, every layer adapted by
a LoRA adapter (the shipped v4 design, models/stance/embedded.py), saved through
models/stance/artifact.py so that inference loads exactly what was trained.
"""

from __future__ import annotations

import copy
import random
import sys
import time
from pathlib import Path
from typing import Any

from models.stance import artifact
from models import loading
from models.stance.embedded import CrossEncoder, minilm_parts
from training.stance.arguments import TrainConfig
from training.stance.data import LABELS, Example
from training.stance.metrics import macro_f1
from training.stance.splits import SEED

__all__ = [
    "polarity_aware_loss",
    "adamw_with_warmup",
    "add_low_rank_adapters",
    "cross_proba",
    "epoch_batches",
    "save",
    "train_cross",
]


def epoch_batches(train: list[Example], cfg: TrainConfig, rng: random.Random) -> list[list[int]]:
    """Batches of indices for one epoch: sources drawn by cfg.source_mix (each source cycled
    without replacement), grouped by length in pools of 32 batches to cut padding."""
    mix = cfg.source_mix
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


def adamw_with_warmup(layer_params: list[Any], head: Any, cfg: TrainConfig) -> tuple[Any, Any, int]:
    """(optimizer, scheduler, steps): AdamW with the layers at cfg.lr and the fresh head at
    cfg.head_lr, linear warm-up over cfg.warmup of the steps, then linear decay to zero."""
    import torch

    opt = torch.optim.AdamW([{"params": layer_params, "lr": cfg.lr},
                             {"params": list(head.parameters()), "lr": cfg.head_lr}],
                            weight_decay=cfg.weight_decay)
    steps = cfg.epochs * -(-cfg.samples_per_epoch // cfg.batch_size)
    warm = max(1, int(cfg.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warm, max(0.0, (steps - step) / max(1, steps - warm))))
    return opt, sched, steps


def add_low_rank_adapters(layers: Any, rank: int) -> None:
    """Wrap every Linear of `layers` in W x + B A x (A random, B zero, W frozen) and leave the
    LayerNorms trainable: a LoRA adapter, so the committed artifact is ~1.4 MB, not 21 MB.
    Measured on the held-out splits it matched full fine-tuning (VAST 0.649 vs 0.640).
    The wrapper's `lora_a` / `lora_b` are what artifact.low_rank_state saves."""
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


def polarity_aware_loss(logits: Any, labels: Any, two_way: Any, three_way_weight: float = 0.0) -> Any:
    """Cross-entropy where a row from a two-way source (ArgQ, Procon, P-Stance: favor/against
    only) is scored on the favor-vs-against logits alone, and the other rows three-way.

    Why: read as p(side | the quote takes one) = softmax over the first two logits, a two-way
    row says which side, not that the quote takes a side; three-way cross-entropy on it would
    teach the model that nothing is neutral, which is how more debate data cost v4-style
    models their neutrals. The head and the artifact stay three-way.

    `three_way_weight` adds that much of the three-way loss back on two-way rows: with none,
    trial v5a learned to call clear debate arguments neutral (docs/stance_trials.md)."""
    import torch

    f = torch.nn.functional
    three = f.cross_entropy(logits, labels, reduction="none")
    two = f.cross_entropy(logits[:, :2], labels.clamp(max=1), reduction="none")
    return torch.where(two_way, two + three_way_weight * three, three).mean()


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


def train_cross(train: list[Example], cfg: TrainConfig, seed: int = SEED,
                monitor: dict[str, list[Example]] | None = None) -> tuple[CrossEncoder, float]:
    """Fine-tune a CrossEncoder on the source mix; returns (the model with its trained weights
    rounded to fp16 as saved, seconds). `monitor` splits are only printed, never used to choose.
    Deterministic for the seed (and thread count)."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    t0 = time.time()
    tokenizer, shared, _ = minilm_parts()
    base = transformers_minilm()
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
    # Rows of two-way sources (no neutral in their gold) teach only which side: see polarity_aware_loss.
    two_way = (torch.tensor([e.source in cfg.two_way_sources and e.label != "neutral" for e in train])
               if cfg.two_way_sources else None)
    step, running = 0, None
    for epoch in range(cfg.epochs):
        model.train()
        embeddings.train()
        for batch in epoch_batches(train, cfg, rng):
            enc = model.tokenize(tokenizer, [train[i].text for i in batch], [train[i].target for i in batch])
            logits = model.logits(enc)
            if two_way is None:
                loss = torch.nn.functional.cross_entropy(logits, labels[batch])
            else:
                loss = polarity_aware_loss(logits, labels[batch], two_way[batch], cfg.two_way_three_way_weight)
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
    # Equal weights (frozen): from here the model runs as inference runs it, on the process's
    # shared encoder (models.bert) for the embeddings and the attention mask.
    model.embeddings, model.base = shared.embeddings, shared
    with torch.no_grad():  # the saved artifact holds fp16 weights: predict with exactly those
        for p in trained:
            p.copy_(p.half().float())
    return model, time.time() - t0


def transformers_minilm() -> Any:
    """MiniLM as transformers' BertModel, for training: its dropout is what v4 was trained with,
    and training on it keeps a retrain equal to the old code's (a 20-step run is byte-identical). Inference runs the same weights on
    models.bert, which loads faster; the copied layers' state dicts are the same either way."""
    import transformers

    return transformers.AutoModel.from_pretrained(str(loading.embedded_encoder_path())).eval()


def cross_proba(model: CrossEncoder, rows: list[Example]) -> Any:
    """Probabilities of `rows` through the inference code path."""
    tokenizer, _, _ = minilm_parts()
    return model.proba(tokenizer, [e.text for e in rows], [e.target for e in rows], batch_size=64)


def save(model: CrossEncoder, out_dir: Path, cfg: TrainConfig, info: dict[str, Any]) -> None:
    """Write the artifact (config.json records `cfg` under "train" after `info`'s name)."""
    artifact.save(out_dir, model.layers, model.head, info, LABELS, max_length=cfg.max_length,
                  train=dict(cfg.__dict__))
