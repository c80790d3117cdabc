"""Model choices in the sidebar: embedded by default, any Hugging Face id or local folder."""

from __future__ import annotations

import streamlit as st

from models.pipeline import AnalysisConfig
from models.summary import LENGTHS as SUMMARY_LENGTHS


def render_settings() -> AnalysisConfig:
    with st.sidebar:
        st.header("Models")
        summarizer = st.text_input(
            "Summarizer", value="embedded", key="summarizer_name",
            help="`embedded` (extractive, offline), a Hugging Face seq2seq id such as "
            "sshleifer/distilbart-cnn-12-6, or a local model folder.",
        )
        stance = st.text_input(
            "Stance model", value="embedded", key="stance_name",
            help="`embedded` (trained by StanceLens, offline), a Hugging Face NLI id such as "
            "MoritzLaurer/deberta-v3-base-zeroshot-v2.0, or a local model folder.",
        )
        length = st.radio("Summary length", list(SUMMARY_LENGTHS), index=1, horizontal=True, key="summary_length")
    return AnalysisConfig(
        summarizer=summarizer.strip() or "embedded",
        stance=stance.strip() or "embedded",
        summary_sentences=SUMMARY_LENGTHS[length],
    )
