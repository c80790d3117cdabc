"""One name per person across the articles of a comparison (issue 16)."""

from __future__ import annotations

import dataclasses

from analysis_fixtures import make_analysis

from components.compare import comparison_figure, shared_actors
from models.actors.across import names_across_articles


def test_a_surname_is_the_one_full_name_it_ends():
    names = ["Kirill Dmitriev", "Dmitriev", "Barack Obama", "Michelle Obama", "Obama", "Rubio", "officials"]
    assert names_across_articles(names) == {"Dmitriev": "Kirill Dmitriev"}


def test_compare_draws_dmitriev_and_kirill_dmitriev_as_one_row():
    first = make_analysis()
    second = make_analysis()
    second = dataclasses.replace(
        second, quotes=[dataclasses.replace(q, speaker="Dmitriev" if q.speaker == "Kirill Dmitriev" else q.speaker)
                        for q in second.quotes])
    actors = shared_actors([first, second])
    assert "Dmitriev" not in actors and actors.count("Kirill Dmitriev") == 1
    fig = comparison_figure([first, second], ["A", "B"], ["lifting sanctions"])
    second_bars = [t for t in fig.data if t.name == "B"][0]
    row = list(second_bars.y).index("Kirill Dmitriev")
    assert second_bars.x[row] is not None  # article B's "Dmitriev" quote is on Kirill Dmitriev's row


def test_a_topic_that_names_the_speaker_is_not_a_stance_of_theirs():
    from models.actors.across import topic_names_speaker

    assert topic_names_speaker("Hillary Clinton", "Hillary Clinton")
    assert topic_names_speaker("Donald Trump", "Trump") and topic_names_speaker("Trump’s", "Donald Trump")
    assert not topic_names_speaker("lifting sanctions on Russia", "Kirill Dmitriev")
    assert not topic_names_speaker("Bernie Sanders", "Hillary Clinton")
    assert not topic_names_speaker("sanctions", "Sanders") and not topic_names_speaker("x", None)
