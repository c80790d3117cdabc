"""Reading the stance data sets from the shared data folder (never copied into the repo).

* PERSPECTRUM claim/perspective pairs (support/undermine -> favor/against; no neutral),
* the VAST dev split (pro/con/neutral toward free-form topics, reader comments),
* SemEval-2016 Task 6 tweets (favor/against/none toward 6 targets),
* GWSD reported-speech clauses from news (agree/neutral/disagree toward the implicit target
  "global warming is a serious concern").

The folder is ../shared/data next to the repository, or $STANCELENS_DATA.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "GWSD_TARGET",
    "LABELS",
    "Example",
    "read_gwsd",
    "read_perspectrum",
    "read_semeval",
    "read_vast",
]

DATA_DIR = Path(os.environ.get("STANCELENS_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
# The head's column order, written into the artifact's config.json.
LABELS = ("favor", "against", "neutral")
GWSD_TARGET = "global warming is a serious concern"


@dataclass(frozen=True)
class Example:
    """One labelled (text, target) pair; `source` names its data set (the source mix reads it)."""

    text: str
    target: str
    label: str
    source: str


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
