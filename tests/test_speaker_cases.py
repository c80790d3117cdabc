"""The speaker cases a reader met on real articles (issue 16), through the page's own path:
`pipeline.read` (markup blanked for the parser) then `pipeline.find_quotes` (quotes, mentions
and actors). Each asserts the actor a chart would draw the quote under."""

from __future__ import annotations

import pytest

from models.actors.names import clean_name
from models.markup import blank_markup
from models.pipeline import find_quotes, forget_parses, read


@pytest.fixture(autouse=True)
def _fresh_parses():
    forget_parses()
    yield
    forget_parses()


def quotes_and_actors(text: str):
    quotes, actors = find_quotes(read(text))
    for q in quotes:  # every offset stays exact, also where the parser read a blanked copy
        assert text[q.start : q.end] == q.text
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.start : m.end] == m.text
    return quotes, actors


def speaker_of(quotes, fragment: str) -> str | None:
    matching = [q for q in quotes if fragment in q.text]
    assert matching, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return matching[0].speaker


def test_they_after_a_group_subject_is_the_group_not_its_adjective():
    text = (
        "The Treasury Department declined to comment. European leaders have been clear that they "
        "believe now is not the time to lessen the pressure on Russia by lifting sanctions."
    )
    quotes, actors = quotes_and_actors(text)
    assert speaker_of(quotes, "lessen the pressure") == "European leaders"
    assert "European" not in [a.name for a in actors]


def test_a_coordinated_reporting_verb_keeps_its_subject():
    text = (
        '"One of the main topics is the restoration of Russian-American relations," Dmitriev told '
        "reporters. US President Donald Trump on Thursday acknowledged Dmitriev's visit and once "
        'again called for an end to the war in Ukraine. "We are ready to talk," Dmitriev said.'
    )
    quotes, _ = quotes_and_actors(text)
    assert speaker_of(quotes, "an end to the war in Ukraine") == "Donald Trump"
    assert speaker_of(quotes, "ready to talk") == "Dmitriev"


def test_a_role_with_an_appositive_name_is_one_actor_named_by_the_name():
    text = (
        "The council voted on Tuesday. The council's finance chair, Maria Delgado, said the budget "
        'was sound. "We have money for the harbour," Delgado added.'
    )
    quotes, actors = quotes_and_actors(text)
    assert speaker_of(quotes, "the budget was sound") == "Maria Delgado"
    assert speaker_of(quotes, "money for the harbour") == "Maria Delgado"
    assert [a.name for a in actors] == ["Maria Delgado"]
    assert any("finance chair" in m for m in actors[0].mentions)  # the role is kept


@pytest.mark.parametrize(
    "text",
    [
        '"We are full every night," said owner Jean Dupont<script>alert("x")</script> on Friday.',
        'Cafe owner Jean Dupont <script>track()</script> said business was good.',
        '"We are full every night," said Jean Dupont <script>var a = 1;</script>, who owns the cafe.',
    ],
)
def test_stray_markup_is_never_part_of_a_name_nor_a_quote(text: str):
    quotes, actors = quotes_and_actors(text)
    assert [a.name for a in actors] == ["Jean Dupont"]
    assert all("<" not in (q.speaker_mention.text if q.speaker_mention else "") for q in quotes)
    assert all("alert" not in q.text and q.text != "x" for q in quotes)  # no quote from a script


def test_a_role_with_an_appositive_name_next_to_markup_is_the_name():
    """Blanked markup leaves a run of spaces after the name, and the small model's NER then
    misses "Ana Lopez": the role noun's capitalised appositive is still the name."""
    quotes, actors = quotes_and_actors('The café owner, Ana Lopez<script>alert(1)</script>, said “we are closed.”')
    assert [a.name for a in actors] == ["Ana Lopez"]
    assert speaker_of(quotes, "we are closed") == "Ana Lopez"


def test_blank_markup_keeps_offsets_and_prose():
    text = 'a <b>bold</b> <a href="u">link</a> <!-- note\nmore --> x < 5 and y > 3 <script>f("q")</script>.'
    blanked = blank_markup(text)
    assert len(blanked) == len(text)
    assert blanked.count("\n") == text.count("\n")
    assert "bold" in blanked and "link" in blanked and "x < 5 and y > 3" in blanked
    assert "<" not in blanked.replace("x < 5", "") and "script" not in blanked and "q" not in blanked
    assert blank_markup("no markup here") == "no markup here"


def test_clean_name_drops_junk_after_a_name():
    assert clean_name("Jean Dupont<script") == "Jean Dupont"
    assert clean_name("Jean Dupont | Reuters") == "Jean Dupont"
    assert clean_name("Kirill Dmitriev's") == "Kirill Dmitriev"


def test_a_description_is_the_person_the_article_described_that_way():
    text = (
        "Kirill Dmitriev, Russia's chief negotiator, arrived in Washington on Wednesday. Marco Rubio "
        "met him. The Russian negotiator said the talks had been constructive."
    )
    quotes, actors = quotes_and_actors(text)
    assert speaker_of(quotes, "constructive") == "Kirill Dmitriev"
    assert [a.name for a in actors] == ["Kirill Dmitriev"]


def test_a_description_nobody_was_given_stays_a_description():
    text = 'Marco Rubio met the delegation. "It went well," the fund chief said.'
    quotes, _ = quotes_and_actors(text)
    assert speaker_of(quotes, "It went well") == "the fund chief"


def test_he_after_a_surname_the_parser_tags_as_an_organisation_is_that_person():
    # spaCy's small model tags "Christie" ORG in this sentence and PERSON in the first one
    text = (
        "Chris Christie spoke on the radio on Wednesday.\n\n"
        "Keith Scott was shot by police in Charlotte on Tuesday.\n\n"
        "Christie, who has campaigned heavily for GOP nominee Donald Trump, blasted Clinton as a "
        "disgrace on the show.\n\n"
        "\"She's a disgrace and those comments are a disgrace,\" he said."
    )
    quotes, _ = quotes_and_actors(text)
    assert speaker_of(quotes, "those comments are a disgrace") == "Chris Christie"


def test_a_title_cased_headline_subject_is_not_a_person_for_he():
    # "Hands" is a proper-noun subject the NER leaves untagged; in a headline it is no name
    text = (
        "Old Hands Help Russia Navigate U.S. Politics\n\n"
        "The Russian network RT interviewed Donald J. Trump this month.\n\n"
        "\"I am skeptical of the intelligence officials,\" he said."
    )
    quotes, actors = quotes_and_actors(text)
    assert speaker_of(quotes, "skeptical of the intelligence") == "Donald J. Trump"
    assert "Hands" not in [a.name for a in actors]


def test_calling_someone_something_is_a_reported_judgment_by_the_caller():
    text = "Sen. Claire McCaskill called Oz a quack, fake and charlatan on Thursday."
    quotes, _ = quotes_and_actors(text)
    judged = [q for q in quotes if "a quack" in q.text]
    assert judged and judged[0].kind == "reported" and judged[0].text.startswith("Oz a quack")
    assert judged[0].speaker == "Claire McCaskill"


@pytest.mark.parametrize("denied", [
    "The senator did not say that the harbour plan was a mistake.",
    "Rubio declined to say whether sanctions would be lifted.",
    "The mayor has never claimed that the budget was sound.",
    "Trump isn't saying what other techniques he would support.",
])
def test_a_denied_verb_of_saying_reports_no_quote(denied):
    """What someone did NOT say is not their claim: a stance read from it would put words in
    their mouth (PolNeAR annotates these as attributions; the product does not)."""
    quotes, _ = quotes_and_actors(denied)
    assert quotes == []


@pytest.mark.parametrize("kept, fragment, speaker", [
    ("Dmitriev said he did not raise sanctions relief in his meetings.", "did not raise sanctions", "Dmitriev"),
    ("The senator said she does not believe the plan will work.", "the plan will work", "The senator"),
    ("Perdue said he didn't think those attacks hurt Romney.", "those attacks hurt Romney", "Perdue"),
])
def test_negation_inside_the_claim_or_on_a_verb_of_opinion_keeps_the_quote(kept, fragment, speaker):
    """"I don't think X" states a view (negation raises out of think/believe), and a negation
    inside the reported clause is part of what was said."""
    quotes, _ = quotes_and_actors(kept)
    assert (speaker_of(quotes, fragment) or "").lower() == speaker.lower()


QUOTE_MARKS = set("“”\"«»„")


def test_a_passive_cue_with_a_possessive_subject_gives_no_possessive_speaker():
    # "name was announced": no one is quoted; the old fallback took the trailing "’s" token
    text = (
        "A timeline shows that Syed Farook’s name was announced on a police scanner long before "
        "White House officials started to portray the shooting as a “workplace” or “gun control” issue."
    )
    quotes, actors = quotes_and_actors(text)
    assert {q.text for q in quotes} >= {"workplace", "gun control"}
    for q in quotes:
        if q.speaker_mention is not None:
            assert any(ch.isalpha() for ch in q.speaker_mention.text), q.speaker_mention
            assert q.speaker_mention.text not in ("’s", "'s")
    assert all(any(ch.isalpha() for ch in a.name) for a in actors)


def test_a_name_never_runs_into_the_quoted_words():
    text = (
        "Chris Christie got a heated reception outside a coffee shop. Holding signs calling Christie "
        "“New Jersey’s Biggest Loser,” the protesters chanted “Chris Christie: Bad for New Jersey, bad for you.”"
    )
    quotes, actors = quotes_and_actors(text)
    q = next(q for q in quotes if "Biggest Loser" in q.text)
    m = q.speaker_mention
    assert m is not None and m.end <= q.start
    # neither the quoted words nor the clause that leads into them ("calling Christie") is a name
    assert not QUOTE_MARKS & set(m.text) and "calling" not in m.text, m
    assert not any(QUOTE_MARKS & set(a.name) or "calling" in a.name for a in actors)


def test_the_object_of_a_verb_of_judging_is_not_its_speaker():
    # spaCy reads "described" as a modifier of "Trump"; the name after a non-inverting cue is
    # its object, never the speaker, and a verb is never part of a name
    text = (
        "Glenn Beck spoke on Sunday. Beck, who has in the past described Trump as “a pathological "
        "narcissistic sociopath” and “a narcissistic psychopath,” clearly believes it."
    )
    quotes, _ = quotes_and_actors(text)
    for frag in ("pathological", "narcissistic psychopath"):
        assert speaker_of(quotes, frag) == "Glenn Beck"
        m = next(q for q in quotes if frag in q.text).speaker_mention
        assert m is not None and "described" not in m.text


PREDICATE_NOUNS = (
    "Editor’s note: Donald Trump is a serial liar, rampant xenophobe, racist, misogynist, birther "
    "and bully who has repeatedly pledged to ban all Muslims from entering the U.S."
)

# (text, quote fragment, the speaker a reader names, words never in the speaker's mention, a
# name that must not become an actor): parser misreadings met on PolNeAR articles
SPEAKER_CASES = {
    # a dateline read as a second subject of "said"
    "dateline": ("RENO, Nev. (AP) — Republican presidential hopeful Donald Trump said on Friday, “We are going "
                 "to win this state, and we are going to win it big.”", "win this state", "Donald Trump",
                 ("RENO", "(AP)"), "RENO"),
    # "Vice President for news and talk Dave Gorab" read as "President ... and Gorab"
    "title coordinated with the name": (
        "The program airs seven days a week. Sirius XM Vice President for news and talk Dave Gorab "
        "called the show “the conservative news show of record.”", "news show of record", "Dave Gorab",
        ("Sirius",), "Sirius XM Vice President"),
    # "went" has two subjects, "New Hampshire" and "Trump"; "calling" climbs to "went"
    "place read as a second subject": (
        "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him "
        "“a total stiff.”", "a total stiff", "Trump", ("Hampshire",), "New Hampshire"),
    # the ranker picks the NORP entity "Republican"; the speaker is the pollster it describes
    "adjective entity": (
        "Sanders gained in the poll. The timing of Sanders’ surge doesn’t surprise Republican pollster "
        "Daron Shaw: “Historically, lesser-known candidates have seen the biggest boost.”",
        "lesser-known candidates", "Daron Shaw", (), "Republican"),
    # "who" hangs on "bully" (or on an apposition): the one who pledged is the subject described
    "who after predicate nouns": (PREDICATE_NOUNS, "ban all Muslims", "Donald Trump", (), "rampant xenophobe"),
    "... as published, with no-break spaces": (
        PREDICATE_NOUNS.replace("a serial", "a\u00a0serial").replace(", ", ",\u00a0"),
        "ban all Muslims", "Donald Trump", (), "rampant xenophobe"),
    "... with a shared subject": (
        PREDICATE_NOUNS.replace("Donald Trump is a", "Donald Trump regularly incites political violence and is a"),
        "ban all Muslims", "Donald Trump", (), "rampant xenophobe"),
    # the parser makes the day the subject of "said"
    "a day read as the subject": (
        "Elizabeth Warren: Donald Trump Is a ‘Proven Failure’ in Business.\n\n"
        "Saturday at the Massachusetts Democratic state’s party convention Sen. Elizabeth Warren (D-MA) "
        "said presumptive Republican presidential nominee Donald Trump was a “proven failure” in business.",
        "proven failure", "Elizabeth Warren", ("Saturday",), "Saturday"),
    "... through a coordinated verb": (
        "Carson noted that Saturday would have been former President Ronald Reagan’s 105th birthday and "
        "quoted Reagan’s “eleventh commandment” -- “Thou shall not speak ill of thy fellow Republican.”",
        "speak ill", "Carson", ("Saturday",), "Saturday"),
    # the quote is the complement of "said"; "complained" is nearer, in a relative clause
    "governing cue before a nearer one": (
        "Stuart Stevens, a Republican strategist, said the way the Clinton operation disparaged women who "
        "complained about the president's behavior in the 1990s ''would be all but disqualifying in a "
        "Democratic primary'' nowadays.", "disqualifying", "Stuart Stevens", ("who",), "women"),
    "... after a colon": (
        "A Plus reporter Isaac Saul tweeted back at Trump pointing out how ironic the statement was coming "
        "from a candidate who promised mass deportation: “Uh.. your unrealistic proposal is to spend billions "
        "deporting 11 million people.”", "unrealistic proposal", "Isaac Saul", ("who",), "a candidate"),
    # "adding" hangs on the quoted "had": the climb to a subject passes over quoted words
    "participle after a quote about someone": (
        "To wit, Trump told Newsmax that Mitt Romney “had a crazy policy of self-deportation which was "
        "maniacal,” adding, “He lost all of the Latino vote … he lost everybody who is inspired to come "
        "into this country.”",
        "Latino vote", "Trump", ("Romney",), "Mitt Romney"),
    # spaCy reads "Trump" as a compound of "barked", which gets no subject
    "name read as a compound of the verb": (
        "Ramos kept asking about immigration. “Go back to Univision,” Trump barked and a security guard "
        "escorted Ramos out.", "Univision", "Trump", ("barked",), "Ramos"),
    # "yelled" read as a clause on "man"; the nearer cue with a subject was Rubio's "said"
    "verb read as a clause on its subject": (
        "Some in the crowd booed, and when Rubio thanked Miami and said it was great to be home, a man "
        "yelled “Stay there!”", "Stay there", "a man", ("yelled", "Rubio"), "Miami"),
    # the speaker's name read as an apposition of the wife's; "said" has no subject
    "name read as an apposition": (
        "Tuesday in New York City, while on the campaign trail for his wife Democratic presidential "
        "front-runner Hillary Clinton, former president Bill Clinton said his wife was uniquely qualified "
        "to be president at this time because “the world’s in tough shape.”", "tough shape",
        "Bill Clinton", ("Hillary",), "Tuesday"),
    # the quote is the parse's root: "asserting" cannot climb out of it to "clarified"
    "participle on a quote read as the root": (
        "Mr. Trump hardly clarified the matter, treating Mrs. Clinton's remark first as a compliment -- "
        "''That makes me smart'' -- and, when questioned after the debate, asserting, ''Of course, I pay "
        "federal taxes.''", "I pay federal taxes", "Trump", ("Clinton",), "Mrs. Clinton"),
    # the dateline is parsed as the subject and the speaker as its apposition
    "dateline read as the subject": (
        "Obama Says Museum Will Tell of 'Suffering and Delight.'\n\nWASHINGTON -- President Obama, dedicating "
        "the National Museum of African American History and Culture on Saturday, said it would tell an "
        "American story, one of ''suffering and delight, one of fear, but also of hope.''", "suffering and delight, one",
        "Obama", ("WASHINGTON", "Museum"), "National Museum of African American History and Culture"),
}


@pytest.mark.parametrize("text, fragment, speaker, not_in_mention, not_an_actor",
                         list(SPEAKER_CASES.values()), ids=list(SPEAKER_CASES))
def test_the_speaker_a_reader_names_despite_the_parse(text, fragment, speaker, not_in_mention, not_an_actor):
    quotes, actors = quotes_and_actors(text)
    assert speaker_of(quotes, fragment) == speaker
    m = next(q for q in quotes if fragment in q.text).speaker_mention
    assert m is not None and not any(w in m.text for w in not_in_mention), m
    assert not_an_actor not in [a.name for a in actors]


def test_an_age_is_a_person_not_a_day():
    """spaCy tags "the 46-year-old" as a DATE entity; with its determiner it is still the speaker
    (the rule that skips a day read as the subject must not skip it)."""
    quotes, _ = quotes_and_actors(
        "With millions watching, the Slovenia-born former model defended her husband.\n\n"
        "“Donald is, and always has been, an amazing leader,” said the 46-year-old.")
    q = next(q for q in quotes if "amazing leader" in q.text)
    assert q.speaker_mention is not None and "46-year-old" in q.speaker_mention.text


@pytest.mark.parametrize("text, fragment, speaker", [
    ("Bush kept interrupting. “Jeb wants to be a tough guy tonight,” Trump went on. “Let me talk.”",
     "tough guy", "Trump"),
    ("Reporters pressed him. “Nobody asked you,” Trump fired back at the reporter.", "Nobody asked", "Trump"),
    ("Sanders would not yield. “Let me finish,” Sanders demanded.", "Let me finish", "Sanders"),
])
def test_two_word_and_manner_verbs_of_saying_attribute_a_quote(text, fragment, speaker):
    quotes, _ = quotes_and_actors(text)
    assert speaker_of(quotes, fragment) == speaker


def test_going_on_to_do_something_is_not_speaking():
    quotes, _ = quotes_and_actors("Trump went on to promote “Celebrity Apprentice,” a show he hosted.")
    assert not any("Celebrity Apprentice" in q.text for q in quotes)


def test_a_surname_keeps_the_gender_of_its_full_name():
    """"Trump" followed by a "she" about someone else had made Trump female (the first pronoun
    after a name was taken as its gender), and every later "she" became his."""
    text = (
        "Oscar-winning actress Susan Sarandon is not sure she can vote for Hillary Clinton over Donald Trump.\n\n"
        "The actress said she was tired of the status quo.\n\n"
        "She appeared to imply that Trump could lead to more radical upheaval than Clinton.\n\n"
        "“Some people feel Trump will bring revolution immediately,” she said. “If he gets in, then things "
        "will really explode,” she said.")
    quotes, _ = quotes_and_actors(text)
    assert speaker_of(quotes, "bring revolution") == "Susan Sarandon"
    assert speaker_of(quotes, "really explode") == "Susan Sarandon"


# (text, {quote fragment: the speaker a reader names}): whose words a pronoun or a noun of
# saying gives, met on PolNeAR train articles
REFERENT_CASES = {
    # "Terry" had counted as female, so "he" went past McAuliffe to the analyst
    "he after a man with a unisex first name": (
        "Gov. Terry McAuliffe will choose the successor. “It is a big decision,” said David Wasserman, "
        "an analyst.\n\nMcAuliffe has said about 20 people have indicated an interest in the seat, but "
        "he refuses to discuss potential appointees, aside from saying he wants a diverse delegation.",
        {"diverse delegation": "Terry McAuliffe"}),
    # Trump spoke before and is named again, as an object: "he" is the sentence-before's subject
    "he after a subject, not a speaker named as its object": (
        "Former Mexican president Felipe Calderon spoke on Monday. “They’re rapists,” Trump said last "
        "June.\n\nIn his assessment of the real estate magnate, Calderon intimated disappointment that "
        "the American people have given Trump a real shot at the Oval Office.\n\n“It is incredible that "
        "a society like the American society could produce such kind of candidates,” he said.",
        {"It is incredible": "Felipe Calderon", "rapists": "Trump"}),
    # the subject of a clause on a noun ("the event that Clinton faces") does not carry the discourse
    "she after a name in a clause on a noun": (
        "Oscar-winning actress Susan Sarandon is not sure she can vote for Hillary Clinton.\n\n"
        "“That’s a legitimate concern,” Sarandon told MSNBC Monday.\n\nAsked about her own vote in the "
        "event that Clinton faces Republican frontrunner Trump, who has insulted women, she replied: "
        "“I don’t know. I’m going to see what happens.”",
        {"see what happens": "Susan Sarandon"}),
    # "Ramos, 58, told AFP": spaCy reads "Ramos" as an adverbial organisation, so only the speaker
    # history, not the entity index, knows a person was just named
    "he after a speaker the tagger missed": (
        "Donald Trump threw famous Mexican-American reporter Jorge Ramos out of a news conference.\n\n"
        "“Go back to Univision,” Trump barked and a security guard escorted Ramos out.\n\nThe fracas "
        "erupted just two months after the real estate tycoon entered the race with harsh words about "
        "Mexican immigrants, calling them rapists and vowing to make Mexico pay for a massive border wall.\n\n"
        "“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, told "
        "AFP in an interview in Mexico City on Monday.\n\n“Many governments and many media simply did "
        "not react to the danger,” he said.",
        {"tremendously wrong": "Jorge Ramos", "did not react": "Jorge Ramos"}),
    # a short quote in the clause of someone's noun of saying is theirs
    "short quote in someone's claim": (
        "Mr. Trump refused to release his returns. Contrary to his claim that people would ''learn "
        "nothing,'' there would be a wealth of relevant information.",
        {"learn nothing": "Trump"}),
    # PolNeAR train: the person shown in footage carries the discourse, and the hyphenated
    # surname ("Al-Awlaki", three tokens) is the full name's ("Anwar al-Awlaki")
    "he after the person a subject shows": (
        "A new video features the cleric Anwar al-Awlaki. “Muslims of the West, take heed,” he warned.\n\n"
        "Trump then appears in a clip from a stump speech, saying, “Donald J. Trump is calling for a "
        "total and complete shutdown.” The crowd enthusiastically cheers Trump’s words.\n\n"
        "Footage of Al-Awlaki again appears. “The West will eventually turn against its Muslim citizens,” he says.",
        {"eventually turn against": "Anwar al-Awlaki"}),
    # PolNeAR train: the small model tags "Carly Fiorina" and "Fiorina" ORG throughout the
    # article; the first name and the "her" after it make her a person, so "she" finds her
    "she after a name the tagger reads as an organisation": (
        "Carly Fiorina threw her support behind Sen. Ted Cruz (R-Texas) Wednesday.\n\n"
        "Fiorina, the former Hewlett-Packard CEO who dropped her own presidential bid in early "
        "February, made a surprise appearance at Cruz’s rally in Miami Wednesday morning.\n\n"
        "“Ted Cruz has stood up and fought for our right to bear arms,” she said to cheers.",
        {"bear arms": "Carly Fiorina"}),
}


@pytest.mark.parametrize("text, speakers", list(REFERENT_CASES.values()), ids=list(REFERENT_CASES))
def test_the_referent_a_reader_names(text, speakers):
    quotes, _ = quotes_and_actors(text)
    assert {fragment: speaker_of(quotes, fragment) for fragment in speakers} == speakers


def test_a_short_quote_before_a_dash_is_the_judging_verbs_and_its_subjects():
    """The tagger reads "―" as a verb, which had ended the climb from "con artist" to
    "pounding" (the quote was dropped as a scare quote); and the next sentence's cue ("mocked")
    must not take it from the cue of its own sentence."""
    text = (
        "Senate Minority Leader Harry Reid (D-Nev.), in particular, has been steadily pounding Trump as "
        "a “con artist” ― just as he did with Romney in 2012. Clinton frequently mocked Romney too."
    )
    quotes, _ = quotes_and_actors(text)
    q = next(q for q in quotes if "con artist" in q.text)
    assert q.speaker == "Harry Reid" and q.cue is not None and q.cue.text == "pounding"


def test_what_someone_talks_about_is_not_the_speaker():
    """"boast about his recently acquired Ritz-Carlton Golf Club": the ranker had made the golf
    club the speaker of both quotes; a name after "about", "over" or "against" is never offered."""
    quotes, actors = quotes_and_actors(
        "But to give you the tenor of the interview, Trump went on to promote “Celebrity Apprentice,” note that "
        "he had just bought the Old Post Office building in Washington, D.C., and boast about his recently "
        "acquired Ritz-Carlton Golf Club and Spa in Jupiter, Fla. — “which is a phenomenal area.”")
    assert not any("Ritz" in (q.speaker or "") for q in quotes)
    assert speaker_of(quotes, "phenomenal area") == "Trump"
