"""Actor merging rules (pure functions) and resolve_speakers end to end on the real spaCy model."""

from __future__ import annotations

import pytest

from models.actors import clean_name, guess_gender, merge_actors, resolve_speakers, strip_titles
from models.quotes import extract_quotes_with_mentions
from models.schema import Quote, Span


@pytest.mark.parametrize(
    "raw, name",
    [
        ("US President Donald Trump", "Donald Trump"),
        ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov"),
        ("Sen. Elizabeth Warren", "Elizabeth Warren"),
        ("Mr. Dmitriev", "Dmitriev"),
        ("the Treasury Department", "Treasury Department"),
        ("Trump’s", "Trump"),
        ("President", "President"),
        ("a source familiar with the talks", "a source familiar with the talks"),
    ],
)
def test_strip_titles(raw, name):
    assert strip_titles(raw) == name


def test_clean_name_drops_possessive_and_punctuation():
    assert clean_name("  Smith's ,") == "Smith"
    assert clean_name("“Jones”") == "Jones"


def test_gender_from_first_name_and_honorific():
    assert guess_gender("Hillary Clinton") == "f"
    assert guess_gender("Donald Trump") == "m"
    assert guess_gender("Smith") is None
    text = "Mrs. Smith spoke"
    assert guess_gender("Smith", text, text.index("Smith")) == "f"


def test_a_first_name_borne_by_men_and_women_gives_no_gender():
    """"Terry" was on the female list (and on the male one, where the female won), so every
    "he" after Terry McAuliffe went past him to the previous man."""
    from models.actors.names import FEMALE_NAMES, MALE_NAMES

    assert not MALE_NAMES & FEMALE_NAMES
    assert guess_gender("Terry McAuliffe") is None
    assert guess_gender("Kim Davis") is None
    assert guess_gender("Nancy Pelosi") == "f" and guess_gender("Angela Merkel") == "f"


def quote(i: int, text: str, mention: str | None) -> Quote:
    span = Span(mention, 0, len(mention)) if mention else None
    return Quote(id=i, kind="direct", text=text, start=0, end=len(text), speaker_mention=span)


def merged(quotes: list[Quote], doc, raw: list[str | None] | None = None):
    """merge_actors with each quote's raw name (default: none resolved, so the mention's words)."""
    names, actors = merge_actors(quotes, raw if raw is not None else [None] * len(quotes), doc)
    assert len(names) == len(quotes)
    for a in actors:
        for qid in a.quote_ids:
            assert names[qid] == a.name
    return names, actors


def test_surname_merges_with_full_name_and_pronoun_joins_via_resolved_speaker(nlp):
    doc = nlp("Kirill Dmitriev, head of the fund, spoke on Monday.")
    quotes = [quote(0, "a", "Dmitriev"), quote(1, "b", "he"), quote(2, "c", "Kirill Dmitriev")]
    names, actors = merged(quotes, doc, raw=[None, "Dmitriev", None])  # "he" resolved to Dmitriev
    assert [a.name for a in actors] == ["Kirill Dmitriev"]
    assert actors[0].quote_ids == [0, 1, 2]
    assert actors[0].mentions == ["Dmitriev", "he", "Kirill Dmitriev"]
    assert names == ["Kirill Dmitriev"] * 3
    assert all(q.speaker is None for q in quotes)  # merge_actors returns, never mutates


def test_title_stripped_and_merged(nlp):
    doc = nlp("Nothing here.")
    quotes = [quote(0, "a", "US President Donald Trump"), quote(1, "b", "Trump")]
    _names, actors = merged(quotes, doc)
    assert [a.name for a in actors] == ["Donald Trump"]
    assert actors[0].mentions == ["US President Donald Trump", "Trump"]


def test_organisation_short_forms_and_acronyms_merge(nlp):
    doc = nlp("Nothing here.")
    quotes = [
        quote(0, "a", "the Treasury Department"),
        quote(1, "b", "Treasury"),
        quote(2, "c", "the Federal Bureau of Investigation"),
        quote(3, "d", "FBI"),
    ]
    _names, actors = merged(quotes, doc)
    names = [a.name for a in actors]
    assert names == ["Treasury Department", "Federal Bureau of Investigation"]
    assert actors[0].quote_ids == [0, 1] and actors[1].quote_ids == [2, 3]


def test_unnamed_sources_kept_as_named_and_not_merged(nlp):
    doc = nlp("Nothing here.")
    quotes = [quote(0, "a", "a source familiar with the talks"), quote(1, "b", "European leaders")]
    _names, actors = merged(quotes, doc)
    assert [a.name for a in actors] == ["a source familiar with the talks", "European leaders"]


def test_different_people_with_same_surname_stay_apart(nlp):
    doc = nlp("Hillary Clinton and Bill Clinton arrived.")
    quotes = [quote(0, "a", "Hillary Clinton"), quote(1, "b", "Bill Clinton")]
    _names, actors = merged(quotes, doc)
    assert [a.name for a in actors] == ["Hillary Clinton", "Bill Clinton"]


def test_unresolved_pronoun_gives_no_actor(nlp):
    doc = nlp("Nothing here.")
    quotes = [quote(0, "a", "he"), quote(1, "b", None)]
    names, actors = merged(quotes, doc)
    assert actors == []
    assert names == [None, None]


def test_raw_names_given_for_quotes_made_elsewhere_merge_into_the_full_name(nlp):
    doc = nlp("Kirill Dmitriev, head of the fund, spoke on Monday.")
    quotes = [quote(0, "a", "Dmitriev"), quote(1, "b", "he")]
    names, actors = merged(quotes, doc, raw=[None, "Dmitriev"])
    assert [a.name for a in actors] == ["Kirill Dmitriev"]
    assert names == ["Kirill Dmitriev"] * 2


def test_end_to_end_article_merges_every_mention(nlp):
    text = (
        "Kirill Dmitriev, the head of Russia’s sovereign wealth fund, arrived in Washington.\n\n"
        "“At this point, we are ready to talk about everything,” Dmitriev told reporters.\n\n"
        "“Sanctions hurt everyone, including American companies,” he said.\n\n"
        "US President Donald Trump said the talks were productive. “We will see what happens,” "
        "the president said."
    )
    doc = nlp(text)
    quotes, actors = resolve_speakers(extract_quotes_with_mentions(doc, strict=True), doc, strict=True)
    by_name = {a.name: a for a in actors}
    assert set(by_name) == {"Kirill Dmitriev", "Donald Trump"}
    assert {"Dmitriev", "he"} <= set(by_name["Kirill Dmitriev"].mentions)
    assert "the president" in by_name["Donald Trump"].mentions
    for a in actors:
        for qid in a.quote_ids:
            assert quotes[qid].speaker == a.name


def test_role_nouns_resolve_to_the_actor_they_refer_to(nlp):
    text = (
        "Russia's Foreign Ministry issued a note on Monday.\n\n"
        "“We reject these accusations entirely,” the ministry said.\n\n"
        "A source familiar with the talks said that a deal was close. “Nobody wants to walk away now,” "
        "the source said."
    )
    doc = nlp(text)
    quotes, _actors = resolve_speakers(extract_quotes_with_mentions(doc, strict=True), doc, strict=True)
    by_text = {q.text[:10]: q for q in quotes}
    assert by_text["We reject "].speaker == "Foreign Ministry"
    assert by_text["We reject "].speaker_mention.text == "the ministry"
    assert by_text["Nobody wan"].speaker == "a source familiar with the talks"


def test_she_skips_a_man_with_the_same_surname(nlp):
    text = (
        "Hillary Clinton and Bill Clinton arrived in Miami. Clinton spoke first.\n\n"
        "“We will win Florida,” she said."
    )
    doc = nlp(text)
    extraction = extract_quotes_with_mentions(doc, strict=True)
    quotes, _actors = resolve_speakers(extraction, doc, strict=True)
    assert [q.speaker for q in quotes] == ["Hillary Clinton"]
    assert [q.speaker for q in extraction.quotes] == [None]  # resolve_speakers returns new quotes
