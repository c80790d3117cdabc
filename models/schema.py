"""The Analysis and its parts, exactly as the JSON form in DESIGN.md (schema_version 1).

Dataclasses rather than dicts so that every layer agrees on field names at import time;
`to_dict`/`from_dict` are the only place the JSON shape is written down in code, so other
tools that read our JSON keep working when internals change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
STANCE_LABELS: tuple[str, str, str] = ("favor", "against", "neutral")
QUOTE_KINDS: tuple[str, str] = ("direct", "reported")


@dataclass(frozen=True)
class Span:
    """A piece of the article: `text == article[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        if d is None:
            return None
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]))


# A top score under this is shown as "low confidence" (paler, and so marked on hover). Measured
# for the shipped model on 300 rows each of six held-out parts (VAST, GWSD, DSA, NewsMTSC,
# Emergent, Procon20): its labels under 0.55 were right 44% of the time (419 rows), those at or
# above 69% (1,381), so drawing the unsure ones as a side would overstate what it knows.
LOW_CONFIDENCE = 0.55


@dataclass
class Stance:
    """One quote's stance toward one target; scores over STANCE_LABELS sum to 1."""

    label: str
    scores: dict[str, float]

    @property
    def confidence(self) -> float:
        """The top label's score: what the page shades by and the charts weight by."""
        return max(self.scores.values()) if self.scores else 0.0

    @property
    def low_confidence(self) -> bool:
        """Below LOW_CONFIDENCE the model is unsure: the page says so instead of drawing a side."""
        return self.confidence < LOW_CONFIDENCE

    def __post_init__(self) -> None:
        if self.label not in STANCE_LABELS:
            raise ValueError(f"stance label must be one of {STANCE_LABELS}, got {self.label!r}")

    @classmethod
    def from_scores(cls, scores: dict[str, float]) -> Stance:
        """Normalise raw scores and take the argmax, so callers cannot forget either step."""
        total = sum(max(0.0, float(scores.get(k, 0.0))) for k in STANCE_LABELS)
        if total <= 0:
            norm = {k: 1.0 / 3 for k in STANCE_LABELS}
        else:
            norm = {k: max(0.0, float(scores.get(k, 0.0))) / total for k in STANCE_LABELS}
        norm = {k: round(v, 4) for k, v in norm.items()}
        label = max(STANCE_LABELS, key=lambda k: norm[k])
        return cls(label=label, scores=norm)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "scores": dict(self.scores)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Stance:
        return cls(label=d["label"], scores={k: float(v) for k, v in d["scores"].items()})


@dataclass
class Quote:
    """A direct or reported quote. A direct quote's span excludes its quotation marks."""

    id: int
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    stance: dict[str, Stance] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "stance": {t: s.to_dict() for t, s in self.stance.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            id=int(d["id"]),
            kind=d["kind"],
            text=d["text"],
            start=int(d["start"]),
            end=int(d["end"]),
            speaker=d.get("speaker"),
            speaker_mention=Span.from_dict(d.get("speaker_mention")),
            cue=Span.from_dict(d.get("cue")),
            stance={t: Stance.from_dict(s) for t, s in (d.get("stance") or {}).items()},
        )


@dataclass
class Actor:
    """A canonical speaker: every surface form that was merged into it, and its quotes."""

    name: str
    mentions: list[str] = field(default_factory=list)
    quote_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mentions": list(self.mentions), "quote_ids": list(self.quote_ids)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(name=d["name"], mentions=list(d.get("mentions", [])), quote_ids=list(d.get("quote_ids", [])))


@dataclass
class Summary:
    text: str
    sentences: list[str]
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sentences": list(self.sentences), "method": self.method}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        return cls(text=d["text"], sentences=list(d.get("sentences", [])), method=d["method"])


@dataclass
class Analysis:
    targets: list[str] = field(default_factory=list)
    summary: Summary | None = None
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)
    timings_s: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "targets": list(self.targets),
            "summary": self.summary.to_dict() if self.summary else None,
            "quotes": [q.to_dict() for q in self.quotes],
            "actors": [a.to_dict() for a in self.actors],
            "models": dict(self.models),
            "timings_s": dict(self.timings_s),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        return cls(
            schema_version=int(d.get("schema_version", SCHEMA_VERSION)),
            targets=list(d.get("targets", [])),
            summary=Summary.from_dict(d["summary"]) if d.get("summary") else None,
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            actors=[Actor.from_dict(a) for a in d.get("actors", [])],
            models=dict(d.get("models", {})),
            timings_s={k: float(v) for k, v in d.get("timings_s", {}).items()},
            warnings=list(d.get("warnings", [])),
        )
