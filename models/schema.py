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
# Who set a stance or a speaker: the model, the reader (a correction), or a per-topic adapter
# fitted on the reader's labels (models.stance.adapter). Written to JSON only when not "model",
# so an uncorrected Analysis reads exactly as before.
MODEL, READER, ADAPTER = "model", "reader", "adapter"
CORRECTION_FIELDS: tuple[str, str, str] = ("stance", "speaker", "not_quote")


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


# A top score under this is shown as "low confidence" (paler, and so marked on hover). With the
# temperature-scaled scores of v5d (T = 1.85; all 13,764 held-out rows; not re-measured for v5e) its
# labels under 0.55 are right 50% of the time (42% of rows), those at or above 71%, so drawing
# the unsure ones as a side would overstate what it knows. Calibrated scores make the number
# mean what it says: under 0.55, about a coin's chance of being right.
LOW_CONFIDENCE = 0.55


@dataclass
class Stance:
    """One quote's stance toward one target; scores over STANCE_LABELS sum to 1."""

    label: str
    scores: dict[str, float]
    source: str = MODEL

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
        out: dict[str, Any] = {"label": self.label, "scores": dict(self.scores)}
        if self.source != MODEL:
            out["source"] = self.source
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Stance:
        return cls(label=d["label"], scores={k: float(v) for k, v in d["scores"].items()},
                   source=d.get("source", MODEL))

    @classmethod
    def by_reader(cls, label: str) -> Stance:
        """The reader's label: certain (score 1), so charts weigh it fully."""
        return cls(label=label, scores={k: float(k == label) for k in STANCE_LABELS}, source=READER)


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
    speaker_source: str = MODEL

    def to_dict(self) -> dict[str, Any]:
        out = {
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
        if self.speaker_source != MODEL:
            out["speaker_source"] = self.speaker_source
        return out

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
            speaker_source=d.get("speaker_source", MODEL),
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


@dataclass(frozen=True)
class Correction:
    """One reader correction of one quote. Keyed by the quote's span and text, not its id, so
    it finds its quote again when the same text is analysed again (with other topics, say).

    field "stance": `value` is the label toward `target`; "speaker": `value` is the name;
    "not_quote": the span is not a quote (value None).
    """

    field: str
    start: int
    end: int
    text: str
    value: str | None = None
    target: str | None = None

    def __post_init__(self) -> None:
        if self.field not in CORRECTION_FIELDS:
            raise ValueError(f"correction field must be one of {CORRECTION_FIELDS}, got {self.field!r}")
        if self.field == "stance" and (self.value not in STANCE_LABELS or not self.target):
            raise ValueError("a stance correction needs a target and a label in STANCE_LABELS")

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text,
                "value": self.value, "target": self.target}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Correction:
        return cls(field=d["field"], start=int(d["start"]), end=int(d["end"]), text=d["text"],
                   value=d.get("value"), target=d.get("target"))


@dataclass
class DigestLine:
    """One sentence of "Where they stand": what one actor's confident quotes say, and which."""

    text: str
    actor: str
    targets: list[str]
    quote_ids: list[int]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "actor": self.actor, "targets": list(self.targets),
                "quote_ids": list(self.quote_ids)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DigestLine:
        return cls(text=d["text"], actor=d["actor"], targets=list(d.get("targets", [])),
                   quote_ids=[int(i) for i in d.get("quote_ids", [])])


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
    # Optional (issue 15; absent from older JSON): the "Where they stand" sentences, the reader's
    # corrections, and the per-topic adapters fitted on them (models.stance.adapter dicts).
    digest: list[DigestLine] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    adapters: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "targets": list(self.targets),
            "summary": self.summary.to_dict() if self.summary else None,
            "quotes": [q.to_dict() for q in self.quotes],
            "actors": [a.to_dict() for a in self.actors],
            "models": dict(self.models),
            "timings_s": dict(self.timings_s),
            "warnings": list(self.warnings),
            "digest": [line.to_dict() for line in self.digest],
        }
        if self.corrections:
            out["corrections"] = [c.to_dict() for c in self.corrections]
        if self.adapters:
            out["adapters"] = {t: dict(a) for t, a in self.adapters.items()}
        return out

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
            digest=[DigestLine.from_dict(x) for x in d.get("digest", [])],
            corrections=[Correction.from_dict(x) for x in d.get("corrections", [])],
            adapters={t: dict(a) for t, a in (d.get("adapters") or {}).items()},
        )
