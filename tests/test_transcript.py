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


# A turn that quotes a title in curly marks, then a turn continued over three paragraphs (each
# opens with a mark, only the last closes): PolNeAR dev's Pence interview, shortened.
CONTINUED = ('"WALLACE: But, Governor Pence, I’ve got to ask you, because as “The Wall Street Journal” '
             'wrote, people are concerned about his temperament. So why would Trump go down that road?\n\n'
             '"PENCE: Well, look, you know, Mark Cuban has been out there saying some pretty tough stuff.\n\n'
             '"But the truth is that Donald Trump has a unique way of communicating to the American people.\n\n'
             '"Donald Trump’s not about that."\n\nThe interview went on.')


def test_a_curly_title_inside_a_turn_keeps_the_turn_one_quote():
    doc = get_spacy()(CONTINUED)
    quotes, _ = resolve_speakers(extract_quotes_with_mentions(doc, strict=True), doc)
    first = quotes[0]
    assert first.text.startswith("But, Governor Pence") and first.text.endswith("go down that road?")
    assert first.speaker == "WALLACE"
    assert not any(q.text == "The Wall Street Journal" for q in quotes)


def test_a_turn_continued_over_paragraphs_keeps_the_label_speaker():
    doc = get_spacy()(CONTINUED)
    quotes, _ = resolve_speakers(extract_quotes_with_mentions(doc, strict=True), doc)
    assert [q.text[:12] for q in quotes] == ["But, Governo", "Well, look, ", "But the trut", "Donald Trump"]
    assert [q.speaker for q in quotes] == ["WALLACE", "PENCE", "PENCE", "PENCE"]
    for q in quotes:
        assert CONTINUED[q.start : q.end] == q.text
