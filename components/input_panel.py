"""Where the article comes from: paste box, file upload, or the team's sample.

The paste box is the single source of truth (`st.session_state[TEXT_KEY]`): an upload or the
sample fills it, so the reader always sees and can edit exactly what will be analysed.
"""

from __future__ import annotations

import streamlit as st

from components.sample import SAMPLE_ARTICLE
from models.limits import LIMITS, InputError

TEXT_KEY = "article_text"
UPLOAD_KEY = "article_upload"
MESSAGE_KEY = "input_message"
UPLOAD_TYPES = ["txt", "md", "html", "htm", "docx", "pdf"]


def _load_sample() -> None:
    st.session_state[TEXT_KEY] = SAMPLE_ARTICLE
    st.session_state[MESSAGE_KEY] = ("info", "Loaded the sample article.")


def _load_upload() -> None:
    """Read the uploaded file into the paste box; a bad file leaves the box as it was."""
    from models.sources import read_upload

    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        return
    try:
        data = uploaded.getvalue()
        document = read_upload(uploaded.name, data, LIMITS)
    except InputError as exc:
        st.session_state[MESSAGE_KEY] = ("error", f"{uploaded.name}: {exc}")
        return
    except Exception as exc:  # a reader library failing on odd input is still the file's problem
        st.session_state[MESSAGE_KEY] = ("error", f"{uploaded.name}: could not read this file ({type(exc).__name__})")
        return
    st.session_state[TEXT_KEY] = document.text
    st.session_state[MESSAGE_KEY] = ("info", f"Loaded {uploaded.name} ({len(document.text):,} characters). Check the text, then Analyze.")


def render_input_panel() -> str:
    """Draw the inputs and return the current article text."""
    st.session_state.setdefault(TEXT_KEY, "")
    upload_col, sample_col = st.columns([3, 1])
    upload_col.file_uploader(
        "Upload an article (.txt, .md, .html, .docx, .pdf)",
        type=UPLOAD_TYPES,
        key=UPLOAD_KEY,
        on_change=_load_upload,
    )
    sample_col.button("Load sample article", on_click=_load_sample, key="load_sample", width="stretch")
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        level, text = message
        (st.error if level == "error" else st.info)(text)
    text = st.text_area(
        "Article text",
        key=TEXT_KEY,
        height=260,
        placeholder="Paste a news article here…",
    )
    st.caption(f"{len(text):,} characters · limit {LIMITS.max_article_chars:,}")
    return text
