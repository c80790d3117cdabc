"""Speaker rules for direct quotes, one hand-written sentence per rule (models/quotes/speakers.py, attribution.py)."""

from __future__ import annotations


from models.schema import Quote
from test_quotes import run  # strict extraction + speaker resolution, every invariant checked


def quote_with(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return found[0]


def mention(q: Quote) -> str | None:
    return q.speaker_mention.text if q.speaker_mention else None


# ---- a pronoun bound by the clause that embeds it ---------------------------------------------

def test_what_he_called_reads_the_speaker_from_the_embedding_clause(nlp):
    text = "Secretary General Ban Ki-moon condemned what he called a “brazen breach” of U.N. resolutions."
    q = quote_with(run(nlp, text), "brazen breach")
    assert "Ban Ki-moon" in mention(q)
    assert q.speaker == "Ban Ki-moon"


def test_said_she_recalled_reads_the_speaker_from_said(nlp):
    text = "Lynch said she recalled thinking, “This is what people have talked about for years.”"
    q = quote_with(run(nlp, text), "people have talked")
    assert mention(q) == "Lynch"
    assert q.cue is not None and q.cue.text == "said"


def test_bound_pronoun_not_taken_when_another_person_stands_between(nlp):
    # the rule applies when nobody stands between the subject and the pronoun ...
    alone = "Obama criticised the budget for what he called “a reckless plan for the economy.”"
    assert mention(quote_with(run(nlp, alone), "reckless")) == "Obama"
    # ... and not when another person does: "he" might be Romney, so the pronoun stays
    between = "Obama criticised Romney for what he called “a reckless plan for the economy.”"
    assert mention(quote_with(run(nlp, between), "reckless")) == "he"


def test_pronoun_after_the_quote_keeps_its_own_attribution(nlp):
    text = "Kerry spoke to reporters in Geneva. “We will never accept North Korea as a nuclear state,” he said."
    q = quote_with(run(nlp, text), "never accept")
    assert mention(q) == "he"


# ---- two-word verbs of saying ------------------------------------------------------------------

def test_as_x_put_it(nlp):
    text = "As Jane Smith put it in an interview last week, the plan is “a recipe for disaster and ruin.”"
    q = quote_with(run(nlp, text), "recipe for disaster")
    assert "Smith" in mention(q)


def test_points_out(nlp):
    text = "The report also points out that “the penalties for hiding subsidiaries are so light” that few companies comply."
    q = quote_with(run(nlp, text), "penalties")
    assert mention(q) is not None and "report" in mention(q).lower()


# ---- verbs of judging ----------------------------------------------------------------------------

def test_branded_quotes_its_subject(nlp):
    text = "North Korea tested a bomb on Friday. Japan branded North Korea an “outlaw nation in the neighborhood.”"
    q = quote_with(run(nlp, text), "outlaw nation")
    assert mention(q) == "Japan"


def test_judging_verb_outside_the_quotes_clause_is_not_its_cue(nlp):
    text = "Gov. Chris Christie described Hillary Clinton as a “disgrace” after she attacked police officers."
    q = quote_with(run(nlp, text), "disgrace")
    assert "Christie" in mention(q)


def test_participle_of_judging_verb_names_no_speaker(nlp):
    text = "On her discharge papers, in a box labeled “medical problem,” a doctor had typed “homicidal ideation.”"
    quotes = run(nlp, text)
    q = quote_with(quotes, "homicidal")
    assert mention(q) == "a doctor"  # the one who typed it, not the box "labeled"


# ---- neighbouring paragraphs and sentences -----------------------------------------------------

def test_colon_at_end_of_previous_paragraph_introduces_the_quote(nlp):
    text = (
        "On July 6, 2015, Senator Bernie Sanders made the following comment:\n\n"
        "“For young people who have graduated high school, the unemployment rate is 33 percent.”\n\n"
        "PolitiFact examined the statement."
    )
    q = quote_with(run(nlp, text), "unemployment rate")
    assert mention(q) is not None and "Sanders" in mention(q)


def test_negated_verb_in_next_sentence_does_not_take_the_quote(nlp):
    text = (
        "“We have had problems with cyber intrusions from Russia in the past,” Obama said after meeting Putin. "
        "He didn't suggest retaliation. “Our goal is to start instituting some norms so that everybody acts responsibly.”"
    )
    q = quote_with(run(nlp, text), "Our goal")
    assert mention(q) == "Obama"
