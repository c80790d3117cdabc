"""Where articles come from: paste, a URL (trafilatura), a file, or the team's sample.

The text box of the selected article is the single source of truth: a URL, an upload or the
sample fills it, so the reader always sees, checks and can edit exactly what will be analysed.
A failed fetch or a bad file is one message and leaves every article as it was.
"""

from __future__ import annotations

import streamlit as st

from components import workspace
from components.sample import SAMPLE_ARTICLE, SAMPLE_TITLE
from models.limits import LIMITS, InputError
from models.sources import SUPPORTED_TYPES

MESSAGE_KEY = "input_message"
UPLOAD_TYPES = [ext.lstrip(".") for ext in SUPPORTED_TYPES]  # what the uploader offers is what sources reads


def _say(level: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (level, text)


def _fill(article: workspace.Article, text: str, title: str | None, source: str) -> None:
    st.session_state[workspace.text_key(article.id)] = text
    article.text = text
    article.title = title or ""
    article.source = source


def _load_sample(article_id: int) -> None:
    article = _find(article_id)
    _fill(article, SAMPLE_ARTICLE, SAMPLE_TITLE, "sample article")
    _say("info", "Loaded the sample article.")


def _find(article_id: int) -> workspace.Article:
    return next(a for a in workspace.articles() if a.id == article_id)


def _load_upload(article_id: int) -> None:
    """Read the uploaded file into the article's text box; a bad file changes nothing."""
    from models.sources import read_upload

    uploaded = st.session_state.get(f"upload_{article_id}")
    if uploaded is None:
        return
    try:
        document = read_upload(uploaded.name, uploaded.getvalue(), LIMITS)
    except InputError as exc:  # the message already names the file
        _say("error", str(exc))
        return
    except Exception as exc:  # a reader library failing on odd input is still the file's problem
        _say("error", f"{uploaded.name}: could not read this file ({type(exc).__name__})")
        return
    _fill(_find(article_id), document.text, document.title, uploaded.name)
    _say("info", f"Loaded {uploaded.name} ({len(document.text):,} characters). Check the text, then Analyze.")


def _fetch(article_id: int) -> None:
    from models.sources import fetch_url

    url = (st.session_state.get(f"url_{article_id}") or "").strip()
    if not url:
        _say("error", "Type a web address first (http:// or https://).")
        return
    try:
        document = fetch_url(url, LIMITS)
    except InputError as exc:
        _say("error", str(exc))
        return
    except Exception as exc:  # network stacks raise many types; the reader needs one line
        _say("error", f"Could not fetch {url}: {type(exc).__name__}")
        return
    _fill(_find(article_id), document.text, document.title, url)
    _say("info", f"Fetched “{document.title or url}” ({len(document.text):,} characters). Check the text, then Analyze.")


def _sync_text(article_id: int) -> None:
    """Keep an edit even when the same click switches to another article (callbacks run first)."""
    _find(article_id).text = st.session_state.get(workspace.text_key(article_id), "")


def _new_article() -> None:
    if workspace.add_article() is None:
        _say("error", f"At most {LIMITS.max_articles} articles can be compared; remove one first.")


def _select_article() -> None:
    st.session_state[workspace.SELECTED_KEY] = st.session_state["article_picker"]


def render_article_picker() -> workspace.Article:
    """Which article the editor shows, plus adding and removing articles."""
    all_articles = workspace.articles()
    current = workspace.selected()
    if len(all_articles) > 1:
        st.session_state["article_picker"] = current.id
        names = {a.id: workspace.label(a, i) for i, a in enumerate(all_articles)}
        st.radio(
            "Articles",
            list(names),
            format_func=names.__getitem__,  # precomputed: format_func may run outside the script thread
            key="article_picker",
            horizontal=True,
            on_change=_select_article,
        )
    add_col, remove_col, _ = st.columns([1, 1, 3])
    add_col.button("Add another article", key="add_article", on_click=_new_article, width="stretch")
    if len(all_articles) > 1:
        remove_col.button(
            "Remove this article", key="remove_article", width="stretch",
            on_click=workspace.remove_article, args=(current.id,),
        )
    return workspace.selected()


def render_input_panel() -> workspace.Article:
    """Draw the inputs for the selected article and return it."""
    article = render_article_picker()
    aid = article.id
    paste_tab, url_tab, file_tab = st.tabs(["Paste", "From a URL", "Upload a file"])
    with paste_tab:
        st.button("Load sample article", on_click=_load_sample, args=(aid,), key=f"load_sample_{aid}")
    with url_tab:
        url_col, fetch_col = st.columns([4, 1], vertical_alignment="bottom")
        url_col.text_input("Article URL", key=f"url_{aid}", placeholder="https://…")
        fetch_col.button("Fetch", key=f"fetch_{aid}", on_click=_fetch, args=(aid,), width="stretch")
    with file_tab:
        st.file_uploader(
            "Upload an article (.txt, .md, .html, .docx, .pdf)",
            type=UPLOAD_TYPES, key=f"upload_{aid}", on_change=_load_upload, args=(aid,),
        )
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        level, text = message
        (st.error if level == "error" else st.info)(text)
    key = workspace.text_key(aid)
    if key not in st.session_state:  # the box was not drawn last run; restore the article's text
        st.session_state[key] = article.text
    text = st.text_area(
        "Article text (check or edit before analysis)",
        key=key,
        height=240,
        placeholder="Paste a news article here…",
        on_change=_sync_text,
        args=(aid,),
    )
    article.text = text
    st.caption(f"{article.source} · {len(text):,} characters · limit {LIMITS.max_article_chars:,}")
    return article
