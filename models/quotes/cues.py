"""Cue lexicons and cue predicates: which words introduce speech, a stated position or a name.

Why lexicons and not a classifier: the speaker is nearly always the subject of a verb of saying
next to the quote, and the verbs news uses are a few hundred; a word list can be read and fixed,
and runs in the linear pass. `SPEECH_LEMMAS` also defines the benchmark's "verb of saying".
"""

from __future__ import annotations

from typing import Any

from models.quotes.rules import QuoteRules

__all__ = [
    "SPEECH_LEMMAS",
    "MANNER_LEMMAS",
    "REPORT_LEMMAS",
    "STANCE_CUE_LEMMAS",
    "ATTRIBUTING_LEMMAS",
    "NAMING_LEMMAS",
    "SPEECH_NOUNS",
    "XCOMP_LEMMAS",
    "OBJECT_LEMMAS",
    "lemma",
    "so_called",
    "is_cue",
    "is_stance_cue",
    "is_report_cue",
    "is_speech_noun",
]

# Verbs (lemmas) that introduce speech or a stated position. Kept broad because news uses
# many ("quipped", "tweeted"); verbs of belief are in REPORT_LEMMAS (reported speech only).
SPEECH_LEMMAS: frozenset[str] = frozenset(
    """say tell add write state explain ask claim note argue warn insist declare announce
    tweet post reply respond continue recall admit acknowledge suggest predict conclude stress
    emphasize emphasise complain joke quip boast urge vow promise deny concede testify report
    observe remark comment assert allege contend maintain reiterate confirm disclose reveal
    shout yell scream whisper mutter cry exclaim proclaim pledge threaten caution counter
    retort recount describe characterize characterise call agree disagree acknowledge lament
    praise criticize criticise blast slam mock tout charge accuse estimate speculate wonder
    muse concur affirm interject chime quote begin finish conclude summarize summarise
    told tweeted posted""".split()
)
# Verbs of the manner of speaking: they introduce a direct quote ("“Go back to Univision,”
# Trump barked"; "“Quiet,” he demanded") but are not in SPEECH_LEMMAS, which also defines the
# benchmark's gold set of speech attributions and so stays as it was measured.
MANNER_LEMMAS: frozenset[str] = frozenset(
    "bark snap scoff gush marvel fume rant plead beg implore demand".split()
)
# Lemmas whose clause is an attributed position rather than a quote of words.
REPORT_LEMMAS: frozenset[str] = SPEECH_LEMMAS | frozenset(
    "believe think feel hope fear expect know learn rule".split()
)
# Verbs that quote what they judge: "Obama condemned the test as “provocative”", "Japan branded
# North Korea an “outlaw nation”". Attribution cues for direct quotes only; they stay out of
# SPEECH_LEMMAS (which also defines the benchmark's "verb of saying").
STANCE_CUE_LEMMAS: frozenset[str] = frozenset(
    """condemn denounce reject dismiss defend blame applaud welcome endorse laud hail attack
    brand dub label""".split()
)
# Verbs that attribute words to their subject when the words are quoted ("likened the
# refugees to a “vicious snake”", "rated it “Mostly True”").
ATTRIBUTING_LEMMAS: frozenset[str] = frozenset(
    """liken compare hail label dub brand nickname term rate condemn describe call cite chant
    reference refer admire decry denounce dismiss slam blast praise mock ridicule tout type
    pound exhort urge use coin invoke quote echo repeat defend attack question""".split()
)
# Verbs that give something a name; a quoted title-case name as their complement is theirs
# ("hailed Trump as “The Comeback Kid”", "called the winner “Miss Piggy”").
NAMING_LEMMAS: frozenset[str] = frozenset("call dub label nickname brand hail term rate deem christen".split())
# Nouns of saying whose "that"-clause is reported speech ("Trump's claim that ...").
SPEECH_NOUNS: frozenset[str] = frozenset(
    """claim statement assertion allegation suggestion argument promise warning remark comment
    charge accusation insistence pledge vow announcement admission denial contention
    prediction declaration testimony assurance threat message disclosure belief view notion
    report revelation concern finding conclusion assessment complaint criticism""".split()
)
# Verbs whose "to"-clause is what was said ("urged supporters to check out ...").
XCOMP_LEMMAS: frozenset[str] = frozenset(
    {"urge", "warn", "promise", "vow", "pledge", "threaten", "ask", "tell", "call", "demand", "plan", "refuse"}
)
# Verbs of judging whose object is what they report ("criticized the party's record").
OBJECT_LEMMAS: frozenset[str] = frozenset(
    """call criticize criticise praise demand deny condemn denounce reject propose slam blast
    mock tout dismiss defend blame applaud welcome endorse question""".split()
)

_IRREGULAR_FORMS = {"rated": "rate", "rates": "rate", "rating": "rate"}  # the small model lemmatizes "rated" as "rat"


def lemma(tok: Any) -> str:
    """The token's lemma, lower-cased, with the small model's known mistakes corrected."""
    return _IRREGULAR_FORMS.get(tok.lower_, tok.lemma_.lower())


def so_called(tok: Any) -> bool:
    """"so-called" marks a scare quote; its "called" is no verb of saying."""
    doc = tok.doc
    i = tok.i
    return tok.lower_ == "called" and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "so" or (
        tok.lower_ in ("so-called", "so‐called")
    )


def is_cue(tok: Any, rules: QuoteRules) -> bool:
    """A word that attributes a direct quote: a verb of saying, "according to", a two-word
    verb of saying or a verb of judging."""
    if so_called(tok):
        return False
    lem = tok.lemma_.lower()
    if lem in SPEECH_LEMMAS or tok.lower_ in SPEECH_LEMMAS or lem in MANNER_LEMMAS:
        return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.dep_ == "ROOT"
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return True
    if rules.phrasal_cues and tok.tag_.startswith("VB") and _phrasal_cue(tok):
        return True
    return is_stance_cue(tok, rules)


def is_stance_cue(tok: Any, rules: QuoteRules) -> bool:
    """A finite verb of judging ("condemned", "has branded"); "a box labeled ...", "avoids
    condemning ..." name no speaker."""
    if not rules.stance_cues:
        return False
    if tok.lemma_.lower() in STANCE_CUE_LEMMAS or tok.lower_ in STANCE_CUE_LEMMAS:
        return tok.tag_ in ("VBD", "VBZ", "VBP", "VB") or (
            tok.tag_ == "VBN" and any(ch.dep_ == "aux" for ch in tok.children)
        )
    return False


# Two-word verbs of saying: verb lemma -> its particle.
_PHRASAL_PARTICLES = {"go": "on", "shoot": "back", "fire": "back", "hit": "back", "push": "back",
                      "weigh": "in", "speak": "out"}


def _phrasal_cue(tok: Any) -> bool:
    """Two-word verbs of saying whose verb alone is not one: "as X put it, ..." (put + "it"
    in an "as" clause), "X points out that ..." (point + particle "out"), "X went on",
    "X shot back" (`_PHRASAL_PARTICLES`)."""
    lem = tok.lemma_.lower()
    if lem == "put":
        has_it = any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
        has_as = any(c.dep_ in ("mark", "advmod", "prep") and c.lower_ == "as" for c in tok.children)
        return has_it and has_as
    if lem == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    particle = _PHRASAL_PARTICLES.get(lem)
    if particle is not None and any(c.dep_ in ("prt", "advmod") and c.lower_ == particle for c in tok.children):
        # "Trump went on, as if he didn't hear her. “But ...”", "Clinton shot back: “...”";
        # not "went on to promote ...", which is doing, not speaking
        return not any(c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                       for c in tok.children)
    return False


def is_speech_noun(tok: Any) -> bool:
    """A noun of saying ("claim", "warning") whose clause reports what someone said."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS


def is_report_cue(tok: Any) -> bool:
    """A verb of saying or believing (or "according to") whose clause is reported speech."""
    if so_called(tok):
        return False
    if tok.lower_ == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    lem = tok.lemma_.lower()
    return (lem in REPORT_LEMMAS or tok.lower_ in REPORT_LEMMAS) and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))
