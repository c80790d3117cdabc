"""models/article.py: the one parsed article every stage reads (marks, sentences, headline)."""

from __future__ import annotations

from models.article import Article, headline_end, is_headline_line, read_article
from models.quotes import scan_quote_marks
from tests.parsing import blank_doc

HEADLINED = (
    "Envoys trade warnings over sanctions as talks resume\n\n"
    'Kirill Dmitriev said: "We are ready to talk. The door is open." The Treasury said it would not '
    "lift sanctions.\n"
)


def test_read_article_derives_marks_sentences_and_headline_once(read):
    article = read(HEADLINED)
    assert isinstance(article, Article)
    assert article.headline == "Envoys trade warnings over sanctions as talks resume"
    assert HEADLINED[article.body_start :].lstrip().startswith("Kirill Dmitriev")
    assert [HEADLINED[p.start : p.end] for p in article.quote_marks] == ["We are ready to talk. The door is open."]
    sentences = [HEADLINED[s:e] for s, e in article.sentences]
    assert sentences[0] == article.headline  # the headline is its own sentence, not glued to the body
    assert all(s == s.strip() and s for s in sentences)
    assert article.quote_marks == tuple(scan_quote_marks(HEADLINED))


def test_a_first_line_that_reads_as_a_sentence_is_not_a_headline(read):
    text = "The council approved the budget on Monday.\nIt adds forty buses."
    assert read(text).body_start == 0
    assert read("One line only, no headline").body_start == 0
    assert read("\n\nHarbour plan approved\nThe council voted on Monday.").headline == "Harbour plan approved"


def test_a_short_headline_with_a_period_alone_in_its_paragraph_is_a_headline(read):
    """Archives and feeds (PolNeAR's among them) end the headline with a period."""
    text = "Ken Starr praises, laments Bill Clinton's legacy.\n\nKenneth Starr spoke highly of the former president."
    assert read(text).headline == "Ken Starr praises, laments Bill Clinton's legacy."
    long_first = ("The council approved the budget for the harbour on Monday after a long debate in the old "
                  "chamber of the town hall.\n\nIt adds forty buses.")
    assert read(long_first).body_start == 0  # a lede sentence, not a headline
    assert read("Talks resume. Envoys meet.\n\nThe envoys met.").body_start == 0  # two sentences


def test_is_headline_line_is_the_rule_the_parser_component_uses():
    assert is_headline_line(["Harbour", "plan", "approved"], "The")
    assert is_headline_line(["Harbour", "plan", "approved"], "\u201c")
    assert not is_headline_line(["The", "plan", "passed", "."], "It")  # ends like a sentence
    assert not is_headline_line(["Harbour", "plan", "approved"], "and")  # a soft-wrapped sentence
    assert not is_headline_line(["word"] * 26, "The")  # too long for a headline
    assert not is_headline_line([], "The")


def test_headline_end_on_a_blank_doc_matches_the_full_parse(read):
    assert headline_end(blank_doc(HEADLINED)) == read(HEADLINED).body_start


def test_ptb_single_quotes_pair_and_are_marked_uncertain():
    """CNN/DailyMail-style text uses a straight ' standing alone as a quotation mark; a pair made
    of such marks is kept, but flagged so the summary does not hold a long stretch together."""
    text = "Police agreed . ' We have not objected , ' he told reporters . Sunday 's game and o'hare ."
    pairs = scan_quote_marks(text)
    assert [text[p.start : p.end] for p in pairs] == ["We have not objected ,"]
    assert pairs[0].closed and not pairs[0].certain
    curly = scan_quote_marks("He said \u201cWe won\u201d today.")
    assert curly[0].certain


def test_every_stage_reads_the_same_sentences(read):
    """The stance context of a short quote is cut from the article's sentences, the same spans
    the summary picks from."""
    from models.schema import Quote
    from models.stance import stance_inputs

    article = read(HEADLINED)
    start = HEADLINED.index("it would not")
    quote = Quote(id=0, kind="reported", text="it would not lift sanctions", start=start, end=start + 27)
    (item,) = stance_inputs([quote], ["sanctions"], article)
    spans = {HEADLINED[s:e] for s, e in article.sentences}
    assert item.context in spans


def test_read_article_keeps_offsets_of_the_text_as_given():
    text = "  \n Title line here\nBody starts. \u201cQuoted.\u201d"
    article = read_article(text, blank_doc(text))
    for s, e in article.sentences:
        assert text[s:e].strip() == text[s:e]
    for p in article.quote_marks:
        assert text[p.outer_start] == "\u201c"
