"""Transcript turns: the "NAME:" label is the speaker, stage directions are not quotes."""

from __future__ import annotations

from models.actors import resolve_speakers
from models.loading import get_spacy
from models.quotes import extract_quotes_with_mentions

TRANSCRIPT = ('Partial transcript as follows:\n\n"WALLACE: Let’s start with breaking news on the debate story. '
              'Why would Trump do that?\n\n"(CROSSTALK.)\n\n"WALLACE: If I may, sir, because we’ve got limited time.')


def test_turn_labels_are_speakers_and_stage_directions_are_dropped():
    doc = get_spacy()(TRANSCRIPT)
    quotes, actors = resolve_speakers(extract_quotes_with_mentions(doc, strict=True), doc)
    assert [q.text[:10] for q in quotes] == ["Let’s star", "If I may, "]
    assert all(q.speaker == "WALLACE" for q in quotes)
    assert not any("CROSSTALK" in q.text for q in quotes)
    for q in quotes:
        assert TRANSCRIPT[q.start : q.end] == q.text
        m = q.speaker_mention
        assert m is not None and TRANSCRIPT[m.start : m.end] == m.text == "WALLACE"
