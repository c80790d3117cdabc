"""The quote finder's rule switches, as one frozen value that is passed in.

Each field turns one rule on or off (or sets its one number), so that
benchmarks/quotes_polnear.py can show what the rule is worth on PolNeAR: `--toggle NAME`
flips a boolean field, `--rule NAME=VALUE` sets any field. The defaults are the rules that
ship. A frozen dataclass rather than module globals, so that two callers with different rules
(a benchmark, a test, the page) never see each other's settings.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuoteRules"]


@dataclass(frozen=True)
class QuoteRules:
    """Rules for finding quotes and their speakers; `QuoteRules()` is what ships."""

    # Quoted stretches of this many words or fewer are taken as scare quotes or names, unless
    # they are attributed speech ("“No,” he said."). Not the stance module's short-quote
    # length, which is a different number for a different job.
    scare_quote_max_words: int = 3
    # Keep a short quoted phrase when a verb of saying governs it ("called the plan “a
    # disaster”"): that is attributed speech, not a scare quote.
    keep_governed_short: bool = True
    # Benchmark switch: every short quoted phrase counts (needs keep_governed_short).
    keep_all_short: bool = False
    # Two-word verbs of saying: "as X put it", "X points out that".
    phrasal_cues: bool = True
    # Verbs of judging ("condemned ... as “provocative”") attribute a direct quote.
    stance_cues: bool = True
    # A quote paragraph without attribution takes it from the previous paragraph's last
    # sentence ("Kerry wrote in a blog post on Monday." then the quoted passage).
    prev_paragraph_attribution: bool = True
    # ... and when that paragraph ends in a colon, the introducing clause's subject.
    paragraph_colon: bool = True
    # A negated verb in a neighbouring sentence ("He didn't suggest retaliation.") introduces
    # no quote.
    negated_neighbour_skip: bool = True
    # A negated or declined verb of saying reports nothing ("did not say that the plan failed",
    # "declined to say whether ..."): the clause is not the speaker's claim, and a stance read
    # from it would put words in their mouth.
    negated_cue_skip: bool = True
    # Stance verbs report their object ("called for the complete repeal of Obamacare").
    object_content: bool = True
    # Nouns of saying report their "that"-clause ("Trump's claim that ...").
    report_nouns: bool = True
    # A short quoted phrase counts in a sentence that reports speech ("ruled that ... is
    # “true”").
    sentence_cue_short: bool = True
    # A short quoted phrase counts when its nearest verb has an agent subject. Off: measured
    # +7 true, +12 false direct quotes on PolNeAR dev.
    agent_subject_short: bool = False
    # A lone quoted word needs a governing verb of saying (sentence_cue_short is not enough).
    single_word_needs_chain: bool = True
    # A pronoun speaker bound by the clause that embeds it ("Lynch said she recalled ...")
    # is read from that clause.
    bound_pronoun: bool = True
    # A quote whose parse hangs on one cue verb takes that cue before a nearer one beside it
    # (attribution._governing_cue).
    governing_cue_first: bool = True
    # The learned speaker ranker (models/speaker_model) re-scores the mentions around each quote,
    # the rules' choice among them; off: the rules alone.
    speaker_ranker: bool = True
