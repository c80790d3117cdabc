"""suggest_topics: what the quoted actors take sides on (policies, positions, people spoken
about, events as positions), never pronouns, dates, speakers, bare places, groups of officials
or single generic words; deterministic and fast on a long parsed article."""

from __future__ import annotations

import time


from models.topics import suggest_topics

ARTICLE = (
    "Russia's envoy Kirill Dmitriev said on Tuesday that sanctions relief was within reach. "
    '"At this point, lifting sanctions on Russia would help American business," Dmitriev told reporters. '
    "Critics in Kyiv said the war in Ukraine must end before any sanctions relief. "
    "The European Union rejected the idea of sanctions relief while the war in Ukraine continues. "
    "He said it would take time. They met last week in Geneva, and the talks lasted 3 hours. "
    '"Sanctions relief now would reward aggression," said Kaja Kallas, who leads EU foreign policy. '
    "Officials said the war in Ukraine had cost thousands of lives."
)

PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "them"}


def test_topics_are_the_articles_salient_phrases(read):
    topics = suggest_topics(read(ARTICLE))
    assert 3 <= len(topics) <= 5
    lowered = [t.lower() for t in topics]
    assert "sanctions relief" in lowered
    assert any("war in ukraine" in t for t in lowered)
    for topic in topics:
        # drawn from the article's own words (an event said as the position "ending ...")
        assert topic.removeprefix("ending ") in ARTICLE
        words = topic.lower().split()
        assert not (len(words) == 1 and words[0] in PRONOUNS)
        assert not any(ch.isdigit() for ch in topic)
        assert "last week" not in topic.lower() and "tuesday" not in topic.lower()
        assert topic.lower() not in {"dmitriev", "kirill dmitriev", "kaja kallas"}  # people are actors
        assert len(words) > 1 or topic[:1].isupper()  # no single generic common noun


def test_k_caps_the_number_and_ranking_is_a_prefix(read):
    doc = read(ARTICLE)
    five = suggest_topics(doc, k=5)
    three = suggest_topics(doc, k=3)
    assert len(three) == 3
    assert three == five[:3]


def test_deterministic(read):
    doc = read(ARTICLE)
    assert suggest_topics(doc) == suggest_topics(read(ARTICLE))


def test_no_near_duplicates(read):
    doc = read(ARTICLE + " Sanctions relief was discussed again. The sanctions relief plan stalled.")
    topics = [t.lower() for t in suggest_topics(doc)]
    assert sum("sanctions relief" in t for t in topics) == 1


def test_empty_and_topicless_docs(read):
    assert suggest_topics(read("")) == []
    assert suggest_topics(None) == []
    assert suggest_topics(read("He said it. They did too.")) == []


def test_fast_on_a_5000_word_article(read):
    sentences = [
        "The city council debated the new housing plan for the river district on Monday.",
        '"The housing plan will bring affordable homes to thousands of families," said Mayor Ana Ruiz.',
        "Opponents of the housing plan warned that rising property taxes would push out older residents.",
        "The state budget deficit limits any new spending on public transport, the governor said.",
        "Union leaders threatened a strike over the pension reform proposal.",
        "According to the report, the pension reform would raise the retirement age to 67.",
    ]
    words = 0
    parts = []
    while words < 5000:
        for s in sentences:
            parts.append(s)
            words += len(s.split())
    doc = read(" ".join(parts))
    suggest_topics(doc)  # warm caches
    t = time.perf_counter()
    topics = suggest_topics(doc)
    elapsed = time.perf_counter() - t
    assert elapsed < 0.25, f"{elapsed:.3f}s"  # target 0.1 s; slack for a shared CI machine
    lowered = [x.lower() for x in topics]
    assert "housing plan" in " ".join(lowered) or "the housing plan" in lowered
    assert any("pension reform" in x for x in lowered)


def test_headline_phrases_outlets_and_datelines_are_not_topics(read):
    """The headline's odd grammar, the outlet reporting the story and a capitalised dateline are
    not stances anyone takes; the headline still lends weight to topics the body repeats."""
    headline = "Envoys trade warnings over tariffs as talks resume in Geneva"
    body = (
        "GENEVA (Reuters) - Negotiators met again on Monday over the steel tariffs. "
        '"The steel tariffs are hurting our farmers," the minister told Fox News. '
        "Critics said the steel tariffs would raise prices, according to The Washington Post. "
        "Both sides said the steel tariffs could be cut next year, Fox News reported."
    )
    topics = [t.lower() for t in suggest_topics(read(headline + "\n\n" + body))]
    assert "steel tariffs" in topics[:2]
    assert not any("envoys" in t or "talks resume" in t for t in topics)  # headline only
    assert not any(t in {"fox news", "the washington post", "washington post"} for t in topics)
    assert "geneva" not in topics  # named in the headline and the dateline only


SIDES = '''Ministers split over Putin talks

Finance minister Anna Berg said on Monday that the government should lift sanctions on Russia. "Lifting sanctions on Russia would help our exporters," Berg told reporters. "Vladimir Putin has shown he wants a deal."

Foreign minister Lars Holm disagreed. "Vladimir Putin cannot be trusted while the war in Ukraine goes on," Holm said. "Putin only understands pressure."

Opposition leader Eva Lind said the war in Ukraine must end first. "Nobody should lift sanctions on Russia before the war in Ukraine is over," Lind said. "Our freshly painted town hall is beautiful," she added.

Officials in the United States and Russia declined to comment. Mexican officials said nothing.
'''


def test_topics_are_what_the_quoted_actors_take_sides_on():
    """Quotes speak to a policy (as a position), to a person and to the war; the suggester names
    them the way a reader types them."""
    from models.pipeline import suggest_targets

    topics = suggest_targets(SIDES)
    assert topics[:3] == ["lifting sanctions on Russia", "ending the war in Ukraine", "Vladimir Putin"]


def test_never_a_bare_country_a_speaker_a_group_of_officials_or_a_phrase_from_one_quote():
    from models.pipeline import suggest_targets

    lowered = [t.lower() for t in suggest_targets(SIDES)]
    for useless in ("russia", "united states", "the united states", "ukraine"):
        assert useless not in lowered
    assert not any(name in t for t in lowered for name in ("berg", "holm", "lind"))  # the speakers
    assert not any("officials" in t for t in lowered)  # a group of people is an actor
    assert not any("town hall" in t for t in lowered)  # said inside one quote only
    assert "the war in ukraine" not in lowered  # an event is turned into a position


def test_gerund_forms():
    from models.topics import gerund

    assert [gerund(v) for v in ("lift", "ban", "raise", "end", "tie", "see")] == [
        "lifting", "banning", "raising", "ending", "tying", "seeing"]


HEADLINE_PLACE = (
    "Canada’s Cape Breton Will Welcome American Refugees Fleeing President Trump.\n\n"
    "Rob Calabrese, a radio host in Cape Breton, Nova Scotia, has set up a website for Americans "
    "who want to leave if Donald Trump wins.\n\n"
    "\"Donald Trump may become the President of your country!\" the website reads. \"Move to Cape Breton!\"\n\n"
    "\"I wish everyone from Cape Breton could read the emails,\" Calabrese said. \"Donald Trump would hate it.\"\n\n"
    "Mayor Cecil Clarke said the island welcomes the refugees. \"The refugees are welcome here,\" he said."
)


def test_a_place_spacy_misses_in_a_title_cased_headline_is_still_a_place():
    """spaCy tags "Cape Breton" a place in the body but not in the headline's "Canada’s Cape
    Breton Will Welcome ..."; the headline phrase must not become a topic."""
    from models.pipeline import suggest_targets

    lowered = [t.lower() for t in suggest_targets(HEADLINE_PLACE)]
    assert lowered, "the article has topics"
    assert not any("cape breton" in t for t in lowered), lowered


def test_a_named_owner_stays_in_a_headline_phrase(read):
    """"Ken Starr praises, laments Bill Clinton's legacy": the headline says what Starr takes a side
    on, though no quote names the legacy; "legacy" alone, without whose, would say nothing."""
    text = (
        "Ken Starr praises, laments Bill Clinton's legacy.\n\n"
        "Kenneth Starr, who pursued Bill Clinton across the 1990s, spoke highly of the former president. "
        "\"President Clinton was the most gifted politician of his generation,\" Starr said. His "
        "investigations colored Bill Clinton's legacy, he said.\n\n"
        "\"President Carter set a very high standard which President Clinton continues to follow,\" Starr said."
    )
    topics = suggest_topics(read(text), k=3)
    assert "Bill Clinton's legacy" in topics, topics
    assert "legacy" not in [t.lower() for t in topics]


def test_the_headline_object_is_a_topic_though_no_quote_names_it():
    """"Cape Breton Will Welcome American Refugees ...": the headline says what the story takes
    sides on; the quotes speak of moving and houses, never of refugees."""
    from models.pipeline import suggest_targets

    text = ("Cape Breton Will Welcome American Refugees Fleeing President Trump.\n\n"
            "Each election cycle, many people threaten to move to Canada. Rob Calabrese, a radio host in Sydney, "
            "Nova Scotia, built a website for them. \"If Trump wins, come and live here,\" Calabrese said. "
            "\"We have beautiful houses and low prices,\" he said.\n\n"
            "Mayor Cecil Clarke said the island needs people. \"Our population is declining,\" Clarke said. "
            "\"Trump voters are welcome too,\" he added.")
    assert any("refugees" in t.lower() for t in suggest_targets(text)), suggest_targets(text)


def test_a_headline_topic_takes_the_casing_of_the_prose():
    """A phrase found only in a title-cased headline is cased as the body writes its words, and
    never half-lowered ("american Refugees" had been shown)."""
    from models.pipeline import suggest_targets
    from models.topics.candidates import recase_headline

    assert recase_headline("American Refugees", {"refugees", "the"}) == "American refugees"
    assert recase_headline("American Refugees", set()) == "American Refugees"
    text = ("Cape Breton Will Welcome American Refugees Fleeing President Trump.\n\n"
            "Each election cycle, many people threaten to move to Canada. Rob Calabrese, a radio host in Sydney, "
            "Nova Scotia, built a website for refugees from the election. \"If Trump wins, come and live here,\" "
            "Calabrese said. \"We have beautiful houses and low prices,\" he said.\n\n"
            "Mayor Cecil Clarke said the island needs people. \"Our population is declining,\" Clarke said.")
    topics = suggest_targets(text)
    refugees = [t for t in topics if "efugees" in t]
    assert refugees == ["American refugees"], topics
