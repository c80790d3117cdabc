"""Readers for the stance sets added in issue 14 (each folder's SOURCE.md gives origin, licence
and parsing notes). Every reader returns `{part: [Example]}` with the source's own parts, so
splits.py decides what is trained on and what is held out, in one place.

Labels are mapped to favor / against / neutral toward the row's target:

* policy motions and questions (ArgQ, Claim Stance, IAM, Procon20, UKP): pro/for/support ->
  favor, con/against/contest -> against; UKP "NoArgument" and IAM non-claims -> neutral;
* people and organisations (DSA, NewsMTSC, MTSD, P-Stance): supporting or praising the target
  -> favor, attacking or blaming it -> against, a mention that does neither -> neutral;
* Emergent headlines toward a claim: for / against, "observing" (reporting without taking a
  side) -> neutral.

Motions also appear in the noun-phrase form a reader types ("We should ban whaling" ->
"banning whaling"), see `motion_topic`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from training.stance.data import DATA_DIR, Example

__all__ = [
    "LICENCES",
    "motion_topic",
    "read_argq",
    "read_claim_stance",
    "read_dsa",
    "read_emergent",
    "read_iam",
    "read_mtsd",
    "read_newsmtsc",
    "read_procon",
    "read_pstance",
    "read_ukp",
]

# What a model trained on a source inherits (README model card).
LICENCES = {
    "perspectrum": "CC BY-SA 4.0", "vast": "research (VAST, SemEval-2016 release)", "semeval": "research",
    "gwsd": "research", "argq": "CC BY-SA 3.0", "claim_stance": "CC BY-SA 3.0", "ukp": "CC BY-NC",
    "iam": "none stated", "procon": "MIT repo; procon.org content", "dsa": "none stated",
    "newsmtsc": "MIT repo", "emergent": "MIT repo", "mtsd": "MIT repo", "pstance": "third-party copy",
}

_SPACE = re.compile(r"\s+")
_GERUND = {
    "ban": "banning", "abolish": "abolishing", "adopt": "adopting", "legalize": "legalizing",
    "subsidize": "subsidizing", "end": "ending", "prohibit": "prohibiting", "limit": "limiting",
    "abandon": "abandoning", "introduce": "introducing", "cancel": "cancelling", "close": "closing",
    "fight": "fighting", "oppose": "opposing", "stop": "stopping", "increase": "increasing",
    "allow": "allowing", "protect": "protecting", "support": "supporting", "raise": "raising",
}


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def motion_topic(motion: str) -> str:
    """A motion as the noun phrase a reader would type: "We should ban whaling" -> "banning
    whaling"; "Homeschooling should be banned" -> "banning homeschooling"; otherwise unchanged."""
    m = re.match(r"(?i)we should (not )?(\w+) (.+)$", motion.strip())
    if m and m.group(2).lower() in _GERUND:
        phrase = f"{_GERUND[m.group(2).lower()]} {m.group(3)}"
        return f"not {phrase}" if m.group(1) else phrase
    m = re.match(r"(?i)(.+?) should be (banned|abolished|legalized|abandoned|ended|prohibited)$", motion.strip())
    if m:
        verb = {"banned": "ban", "abolished": "abolish", "legalized": "legalize", "abandoned": "abandon",
                "ended": "end", "prohibited": "prohibit"}[m.group(2).lower()]
        subject = m.group(1)
        subject = subject[0].lower() + subject[1:] if subject[:2] != subject[:2].upper() else subject
        return f"{_GERUND[verb]} {subject}"
    return motion.strip()


def read_argq(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """IBM ArgQ-30k arguments, by motion: {motion: rows}; half the rows get the noun-phrase topic."""
    out: dict[str, list[Example]] = {}
    with open(data_dir / "ibm_argq30k" / "arg_quality_rank_30k.csv", encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f)):
            label = {"1": "favor", "-1": "against"}.get(r["stance_WA"].strip())
            if label is None:
                continue
            motion = r["topic"].strip()
            target = motion_topic(motion) if i % 2 else motion
            out.setdefault(motion, []).append(Example(_clean(r["argument"]), target, label, "argq"))
    return out


def read_claim_stance(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """IBM Claim Stance (Wikipedia claims on 55 motions), by the release's own train/test split
    (which is by motion). The file was re-saved by a spreadsheet: each line is one quoted CSV
    row with doubled quotes and trailing semicolons."""
    lines = []
    for raw in (data_dir / "ibm_claim_stance" / "claim_stance_dataset_v1.csv").read_text(encoding="utf-8").splitlines():
        line = raw.rstrip(";")
        if line.startswith('"') and line.endswith('"'):
            line = line[1:-1].replace('""', '"')
        lines.append(line)
    out: dict[str, list[Example]] = {"train": [], "test": []}
    for r in csv.DictReader(io.StringIO("\n".join(lines))):
        label = {"PRO": "favor", "CON": "against"}.get((r.get("claims.stance") or "").strip())
        split = (r.get("split") or "").strip()
        if label is None or split not in out:
            continue
        motion = (r.get("topicText") or "").replace("This house believes that", "").strip()
        topic = motion[0].upper() + motion[1:] if motion else motion
        text = _clean(r.get("claims.claimCorrectedText") or "")
        if text and topic:
            out[split].append(Example(text, topic, label, "claim_stance"))
    return out


def read_ukp(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """UKP Sentential (CC BY-NC), by topic: {topic: rows}."""
    labels = {"Argument_for": "favor", "Argument_against": "against", "NoArgument": "neutral"}
    out: dict[str, list[Example]] = {}
    for path in sorted((data_dir / "ukp_sentential").glob("*.tsv")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                label = labels.get((r.get("annotation") or "").strip())
                text = _clean(r.get("sentence") or "")
                if label and text and "\ufffd" not in text:
                    out.setdefault(r["topic"].strip(), []).append(Example(text, r["topic"].strip(), label, "ukp"))
    return out


def read_iam(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """IAM claims (support/contest) by part, and its test articles' non-claims as neutrals."""
    folder = data_dir / "iam_claim_stance"
    out: dict[str, list[Example]] = {}
    for part in ("train", "dev", "test"):
        rows = []
        for line in (folder / f"stance_{part}.txt").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[-1] in ("1", "-1"):
                rows.append(Example(_clean(cols[2]), cols[1].strip(), "favor" if cols[-1] == "1" else "against", "iam"))
        out[part] = rows
    for part in ("dev", "test"):
        rows = []
        for line in (folder / f"claims_{part}.txt").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 3 and cols[0] == "O" and len(cols[2].split()) >= 6:
                rows.append(Example(_clean(cols[2]), cols[1].strip(), "neutral", "iam"))
        out[f"nonclaims_{part}"] = rows
    return out


def read_procon(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """Procon20 statements of named people on yes/no policy questions: {train, dev}."""
    out: dict[str, list[Example]] = {}
    for part in ("train", "dev"):
        rows = []
        with open(data_dir / "procon20" / f"data_ProconDual_{part}.tsv", encoding="utf-8") as f:
            for cols in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(cols) >= 3 and cols[0] in ("01", "10"):
                    text = _clean(cols[2].strip().strip('"').replace('""', '"'))
                    rows.append(Example(text, cols[1].strip(), "favor" if cols[0] == "01" else "against", "procon"))
        out[part] = rows
    return out


def read_dsa(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """DSA news sentences, by part. Toward q, p's sentiment (labels 1/3) is the stance; the
    reverse direction (2/4: q toward p) becomes a row toward p; brackets are removed."""
    out: dict[str, list[Example]] = {}
    for part in ("train", "valid", "test"):
        rows = []
        for line in (data_dir / "dsa_news" / f"dataset_{part}.txt").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) != 4:
                continue
            text, p, q, label = _clean(cols[0].replace("[", "").replace("]", "")), cols[1].strip(), cols[2].strip(), cols[3]
            if label == "0":
                rows.append(Example(text, q, "neutral", "dsa"))
            elif label in ("1", "3"):
                rows.append(Example(text, q, "favor" if label == "1" else "against", "dsa"))
            elif label in ("2", "4") and part != "test":  # the test split is scored toward q only
                rows.append(Example(text, p, "favor" if label == "2" else "against", "dsa"))
        out[part] = rows
    return out


def read_newsmtsc(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """NewsMTSC sentences toward a named mention (pronoun targets skipped): {train, devtest}."""
    polarity = {2.0: "against", 4.0: "neutral", 6.0: "favor"}
    pronouns = {"he", "she", "they", "him", "her", "them", "his", "it", "we", "i", "you", "their"}
    out: dict[str, list[Example]] = {"train": [], "devtest": []}
    for name, part in (("train", "train"), ("devtest_mt", "devtest"), ("devtest_rw", "devtest")):
        for line in (data_dir / "newsmtsc" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            for t in d.get("targets", []):
                mention = _clean(t.get("mention", ""))
                label = polarity.get(t.get("polarity"))
                if label and mention and mention.lower() not in pronouns:
                    out[part].append(Example(_clean(d["sentence_normalized"]), mention, label, "newsmtsc"))
    return out


def read_emergent(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """Emergent headlines toward claims: {train, test}."""
    labels = {"for": "favor", "against": "against", "observing": "neutral"}
    out: dict[str, list[Example]] = {}
    for part in ("train", "test"):
        with open(data_dir / "emergent" / f"url-versions-2015-06-14-clean-{part}.csv", encoding="utf-8") as f:
            out[part] = [Example(_clean(r["articleHeadline"]), _clean(r["claimHeadline"]),
                                 labels[r["articleHeadlineStance"]], "emergent")
                         for r in csv.DictReader(f) if r["articleHeadlineStance"] in labels]
    return out


def read_mtsd(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """MTSD tweets, two rows per tweet (one per target): {train, val, test}."""
    labels = {"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"}
    out: dict[str, list[Example]] = {"train": [], "val": [], "test": []}
    for path in sorted((data_dir / "mtsd").glob("raw_*.csv")):
        part = path.name.split("_")[1]
        with open(path, encoding="utf-8", errors="replace") as f:
            for r in csv.DictReader(f):
                for k in ("1", "2"):
                    label = labels.get((r.get(f"Stance {k}") or "").strip())
                    if label:
                        out[part].append(Example(_clean(r["Tweet"]), r[f"Target {k}"].strip(), label, "mtsd"))
    return out


def read_pstance(data_dir: Path = DATA_DIR) -> dict[str, list[Example]]:
    """P-Stance tweets toward Trump, Biden and Sanders: {train, val, test}."""
    labels = {"FAVOR": "favor", "AGAINST": "against"}
    out: dict[str, list[Example]] = {"train": [], "val": [], "test": []}
    for path in sorted((data_dir / "pstance").glob("raw_*.csv")):
        part = path.name.split("_")[1]
        with open(path, encoding="utf-8", errors="replace") as f:
            for r in csv.DictReader(f):
                label = labels.get((r.get("Stance") or "").strip())
                if label:
                    out[part].append(Example(_clean(r["Tweet"]), r["Target"].strip(), label, "pstance"))
    return out
