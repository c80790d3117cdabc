"""Quote extraction over a spaCy Doc: direct and reported quotes and their speaker mentions.

Why rules and not a model: quotation marks are an almost perfect signal for direct speech, and
the speaker is nearly always the subject of a verb of saying next to the quote. A scan of the
marks plus the dependency parse is fast (linear in the article), runs offline on the small
spaCy model, and its mistakes can be read and fixed.

The steps, one module each:

- `marks`       quotation marks found and paired (`scan_quote_marks`)
- `cues`        verbs and nouns of saying, believing, judging and naming; cue predicates
- `direct`      which quoted stretches are speech, not titles or scare quotes
- `reported`    the clause a verb of saying governs ("X said (that) ...", "according to X")
- `merge`       one list without overlaps (a mixed quote comes out once)
- `attribution` the cue and subject next to a direct quote (same, next, previous sentence or
                paragraph, dash)
- `subjects`    the subject of a cue and the noun phrase naming it
- `speakers`    speaker mentions, bound pronouns, quotes that share an attribution
- `rules`       `QuoteRules`, every switch in one frozen value, passed in
- `extract`     the entry points

Extraction stops at the mention: `Quote.speaker` stays None until `models.actors` resolves
every mention of the article to a canonical actor (`resolve_speakers`). Measured by benchmarks/quotes_polnear.py, whose `--toggle`
and `--rule` set `QuoteRules` fields to show what each rule is worth.
"""

from __future__ import annotations

from models.quotes.cues import REPORT_LEMMAS, SPEECH_LEMMAS, SPEECH_NOUNS
from models.quotes.extract import extract_quotes, extract_quotes_with_mentions
from models.quotes.marks import QuoteMarkPair, QuoteMask, scan_quote_marks
from models.quotes.mentions import QuoteExtraction, SpeakerMention
from models.quotes.rules import QuoteRules

__all__ = [
    "extract_quotes",
    "extract_quotes_with_mentions",
    "QuoteRules",
    "QuoteExtraction",
    "SpeakerMention",
    "QuoteMarkPair",
    "QuoteMask",
    "scan_quote_marks",
    "SPEECH_LEMMAS",
    "REPORT_LEMMAS",
    "SPEECH_NOUNS",
]
