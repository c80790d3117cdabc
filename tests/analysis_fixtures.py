"""Hand-built Analyses for component tests: fast, and independent of any model's output."""

from __future__ import annotations

from models.schema import Actor, Analysis, Quote, Span, Stance, Summary

TEXT = (
    'Kirill Dmitriev said: "Lifting sanctions helps everyone." '
    'Marco Rubio said: "No relief while the war goes on." '
    'He added: "Pressure works."'
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _quote(qid: int, needle: str, speaker: str | None, stance: dict[str, Stance]) -> Quote:
    start, end = _span(TEXT, needle)
    return Quote(id=qid, kind="direct", text=needle, start=start, end=end, speaker=speaker,
                 speaker_mention=Span(speaker or "", 0, 0) if speaker else None, stance=stance)


def make_analysis() -> Analysis:
    topic = "lifting sanctions"
    quotes = [
        _quote(0, "Lifting sanctions helps everyone.", "Kirill Dmitriev",
               {topic: Stance.from_scores({"favor": 0.8, "against": 0.1, "neutral": 0.1})}),
        _quote(1, "No relief while the war goes on.", "Marco Rubio",
               {topic: Stance.from_scores({"favor": 0.1, "against": 0.7, "neutral": 0.2})}),
        _quote(2, "Pressure works.", "Marco Rubio",
               {topic: Stance.from_scores({"favor": 0.2, "against": 0.3, "neutral": 0.5})}),
    ]
    actors = [
        Actor("Marco Rubio", ["Marco Rubio", "He"], [1, 2]),
        Actor("Kirill Dmitriev", ["Kirill Dmitriev"], [0]),
    ]
    return Analysis(
        targets=[topic],
        summary=Summary(text="Sanctions debated.", sentences=["Sanctions debated."], method="extractive:test"),
        quotes=quotes,
        actors=actors,
        models={"quotes": "test", "stance": "test", "summarizer": "test"},
        timings_s={"total": 0.1},
    )
