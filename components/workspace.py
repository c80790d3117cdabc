"""The reader's articles (up to Limits.max_articles) and which one the editor shows.

Each article keeps its text in the Article itself, not only in its text box's widget state:
Streamlit drops the state of widgets that are not drawn in a run, and only the selected
article's box is drawn. So switching articles, rerunning or downloading never loses what was
pasted. Analyses are stored per article id next to the exact text they were made from.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from models.limits import LIMITS
from models.schema import Analysis

ARTICLES_KEY = "articles"
SELECTED_KEY = "selected_article"
NEXT_ID_KEY = "next_article_id"
RESULTS_KEY = "results"


@dataclass
class Article:
    id: int
    title: str = ""
    source: str = "pasted text"
    text: str = ""


@dataclass
class Result:
    text: str
    analysis: Analysis


def text_key(article_id: int) -> str:
    return f"article_text_{article_id}"


def view_key(article_id: int) -> str:
    """Prefix of the widgets and view state of one article's results (topic pick, actor filter,
    renames, chart clicks)."""
    return f"a{article_id}"


def _forget_view_state(article_id: int) -> None:
    """A new result starts from a clean view: renames and filters name actors of the old one,
    and a keyed data editor would re-apply old row edits to whichever actor now has that row."""
    prefix = view_key(article_id) + "-"
    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[k]


def ensure_workspace() -> None:
    if not st.session_state.get(ARTICLES_KEY):
        st.session_state[NEXT_ID_KEY] = 0
        st.session_state[ARTICLES_KEY] = []
        add_article()
    st.session_state.setdefault(RESULTS_KEY, {})


def articles() -> list[Article]:
    return st.session_state[ARTICLES_KEY]


def selected() -> Article:
    chosen = st.session_state.get(SELECTED_KEY)
    for article in articles():
        if article.id == chosen:
            return article
    st.session_state[SELECTED_KEY] = articles()[0].id
    return articles()[0]


def add_article() -> Article | None:
    """Append an empty article and select it; None when the cap is reached."""
    if len(st.session_state.get(ARTICLES_KEY, [])) >= LIMITS.max_articles:
        return None
    article = Article(id=st.session_state[NEXT_ID_KEY])
    st.session_state[NEXT_ID_KEY] += 1
    st.session_state[ARTICLES_KEY].append(article)
    st.session_state[SELECTED_KEY] = article.id
    return article


def remove_article(article_id: int) -> None:
    remaining = [a for a in articles() if a.id != article_id]
    st.session_state[ARTICLES_KEY] = remaining
    st.session_state.pop(text_key(article_id), None)
    st.session_state[RESULTS_KEY].pop(article_id, None)
    _forget_view_state(article_id)
    if not remaining:
        add_article()
    else:
        st.session_state[SELECTED_KEY] = remaining[0].id


def article_text(article: Article) -> str:
    return article.text


def label(article: Article, index: int) -> str:
    """A short name for tabs and charts: the title, else the first line of the text."""
    title = article.title or article_text(article).strip().split("\n", 1)[0]
    title = " ".join(title.split())
    if len(title) > 40:
        title = title[:39] + "…"
    return f"{index + 1}. {title}" if title else f"{index + 1}. (empty)"


def results() -> dict[int, Result]:
    return st.session_state[RESULTS_KEY]


def same_result(a: Analysis, b: Analysis) -> bool:
    """Equal content, timings aside. The result cache hands out a fresh copy on every hit, and
    analysing again with the topics that were suggested the first time recomputes an equal
    result, so identity says nothing about whether the reader's view still fits."""
    first, second = a.to_dict(), b.to_dict()
    first.pop("timings_s", None)
    second.pop("timings_s", None)
    return first == second


def store_result(article: Article, text: str, analysis: Analysis) -> None:
    """Keep an article's result; the reader's renames and filters survive an equal result."""
    previous = results().get(article.id)
    if previous is None or previous.text != text or not same_result(previous.analysis, analysis):
        _forget_view_state(article.id)
    results()[article.id] = Result(text=text, analysis=analysis)
