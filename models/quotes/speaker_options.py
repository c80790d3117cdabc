"""Speaker options: every mention near a quote that could name its speaker, with its features.

Why options and features rather than one more rule: the rules pick one subject per quote and
are right about nine times in ten; most of their misses have the right mention close by (a name
in the quote's sentence whose verb is not in the cue lexicon, a possessor, the previous quote's
speaker). Listing those mentions with what the rules know about each lets a small model learned
from PolNeAR's gold Source spans (`models.quotes.speaker_ranker`) choose among them, with the
rules' own choice as one feature. Training (`training/speaker`) and inference call the same
`speaker_options`, so the features cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from models.quotes.candidates import Candidate
from models.quotes.cues import REPORT_LEMMAS, SPEECH_LEMMAS, STANCE_CUE_LEMMAS, is_cue, lemma
from models.quotes.index import DocIndex, starts_paragraph
from models.quotes.marks import QuoteMask
from models.quotes.rules import QuoteRules
from models.quotes.subjects import mention_span, subject_outside, trim_mention

__all__ = ["SpeakerOption", "FEATURES", "speaker_options", "rule_option"]

_PERSONAL = {"he", "she", "they", "i", "we"}
_RELATIVE = {"who", "that", "which"}
_ROLE_HINTS = {
    "president", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "senator",
    "governor", "minister", "secretary", "director", "leader", "chairman", "candidate", "nominee",
    "source", "sources", "aide", "adviser", "advisor", "campaign", "statement", "report", "ad",
}

# The feature vector's names, in order. A trained artifact stores this list and refuses to
# load when it differs (a stale model is worse than the rules).
FEATURES: tuple[str, ...] = (
    "bias",
    "is_rule", "is_rule_with_cue", "rule_is_inherited", "rule_none",
    "from_cue", "from_ent", "from_pron", "from_prev_quote", "from_next_quote",
    "ent_person", "ent_org", "ent_norp_gpe", "propn_no_ent", "pron_personal", "pron_it",
    "pron_relative", "common_noun", "plural", "role_noun",
    "dep_subj", "dep_poss", "dep_pobj", "dep_obj", "dep_other",
    "cue_say_tell", "cue_speech", "cue_report_only", "cue_stance", "cue_noun", "cue_governs_quote",
    "cue_negated", "head_verb_speech",
    "sent_prev", "sent_same", "sent_next", "before_quote", "log_dist", "near_5",
    "persons_between", "nearest_person", "first_person_in_sent",
    "was_prev_speaker", "log_name_count", "mention_len",
    "quote_log_len", "quote_starts_para", "quote_whole_sentence", "same_para", "root_subject",
    "mention_has_person",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass
class SpeakerOption:
    """One mention that may name a quote's speaker: its head token, token range, and the cue
    whose subject it is (if any). `inherit` marks the option "the same speaker as quote
    `inherit`" (the previous or next quote)."""

    head: int
    tokens: tuple[int, int]
    cue: Any = None
    inherit: Candidate | None = None
    flags: set[str] = field(default_factory=set)
    values: dict[str, float] = field(default_factory=dict)

    def vector(self) -> list[float]:
        v = [0.0] * len(FEATURES)
        v[0] = 1.0
        for f in self.flags:
            v[_INDEX[f]] = 1.0
        for f, x in self.values.items():
            v[_INDEX[f]] = x
        return v


def rule_option(c: Candidate) -> tuple[int, int] | None:
    """The token range the rules chose for `c`, if any."""
    return c.mention_tokens if c.speaker_mention is not None else None


def speaker_options(
    c: Candidate,
    prev: Candidate | None,
    nxt: Candidate | None,
    idx: DocIndex,
    mask: QuoteMask,
    rules: QuoteRules,
    name_counts: dict[str, int],
    sentence_cache: dict[int, list[tuple[int, str, int | None, tuple[int, int] | None]]] | None = None,
) -> list[SpeakerOption]:
    """The mentions around `c` that could name its speaker, each with its features.

    Looks in the quote's sentences and one sentence either side, never inside quotation marks;
    the previous and next quote's speaker count when they are at most a paragraph away. Options
    with the same head are one option with the union of their flags. `sentence_cache` (one dict
    per doc, mask and rules) keeps each sentence's mentions for the next quote that looks there:
    neighbouring quotes share sentences, and walking them again was most of the stage's time.
    """
    doc = idx.doc
    if not len(doc):
        return []
    t0 = idx.token_at(c.outer_start)
    t1 = idx.token_at(max(c.outer_start, c.outer_end - 1))
    s0, s1 = idx.sent_of[t0], idx.sent_of[t1]
    lo_s, hi_s = max(0, s0 - 1), min(len(idx.sents) - 1, s1 + 1)
    by_key: dict[tuple[str, int], SpeakerOption] = {}

    def add(head: Any, kind: str, cue: Any = None, tokens: tuple[int, int] | None = None, inherit: Candidate | None = None) -> None:
        key = ("tok", head.i) if inherit is None else ("inh", id(inherit))
        opt = by_key.get(key)
        if opt is None:
            a, b = trim_mention(doc, *tokens, head.i) if tokens is not None else mention_span(doc, head)
            opt = by_key[key] = SpeakerOption(head=head.i, tokens=(a, b), cue=cue, inherit=inherit)
        opt.flags.add(kind)
        if cue is not None and opt.cue is None:
            opt.cue = cue

    for si in range(lo_s, hi_s + 1):
        found = sentence_cache.get(si) if sentence_cache is not None else None
        if found is None:
            found = _sentence_mentions(idx, si, mask, rules)
            if sentence_cache is not None:
                sentence_cache[si] = found
        for head_i, kind, cue_i, tokens in found:
            add(doc[head_i], kind, cue=doc[cue_i] if cue_i is not None else None, tokens=tokens)
    own = rule_option(c)
    if own is not None and c.subject is not None:
        if c.source is not None:
            add(c.subject, "is_rule", cue=c.cue, tokens=own, inherit=c.source)
        elif ("tok", c.subject.i) not in by_key:
            add(c.subject, "is_rule", cue=c.cue, tokens=own)
    text = idx.text
    for other, kind in ((prev, "from_prev_quote"), (nxt, "from_next_quote")):
        if other is None or other.speaker_mention is None or other.subject is None:
            continue
        between = text[min(other.end, c.end) : max(other.start, c.start)]
        if between.count("\n\n") + between.count("\n") // 2 > 1:
            continue  # more than one paragraph away
        add(other.subject, kind, cue=other.cue, tokens=other.mention_tokens, inherit=other.source or other)

    persons = [o for o in by_key.values() if o.inherit is None and doc[o.head].ent_type_ == "PERSON"]
    nearest = min(persons, key=lambda o: _distance(o, t0, t1), default=None)
    prev_head = prev.subject.lower_ if prev is not None and prev.subject is not None else None
    quote_flags, quote_values = _quote_features(c, text)
    out: list[SpeakerOption] = []
    for opt in by_key.values():
        opt.flags |= quote_flags
        opt.values.update(quote_values)
        _describe(opt, c, idx, mask, t0, t1, s0, s1, own, nearest, prev_head, name_counts)
        out.append(opt)
    return out


def _quote_features(c: Candidate, text: str) -> tuple[set[str], dict[str, float]]:
    """What kind of quote it is, the same for all its options: a short scare quote inside
    someone's sentence is attributed differently from a paragraph-long statement."""
    flags = set()
    if starts_paragraph(text, c.outer_start):
        flags.add("quote_starts_para")
    if c.end > c.start and text[c.end - 1] in ".?!,":
        flags.add("quote_whole_sentence")
    return flags, {"quote_log_len": math.log1p(c.end - c.start) / 8}


# A name governed by one of these is what someone speaks about, never who speaks.
_TOPIC_PREPOSITIONS = frozenset({"about", "over", "against"})


def _sentence_mentions(idx: DocIndex, si: int, mask: QuoteMask, rules: QuoteRules) -> list[tuple[int, str, int | None, tuple[int, int] | None]]:
    """(head, kind, cue, tokens) of each mention in sentence `si`, in the order they are added."""
    doc = idx.doc
    sent = idx.sents[si]
    out: list[tuple[int, str, int | None, tuple[int, int] | None]] = []
    for t in sent:
        if mask.inside(t.idx):
            continue
        if is_cue(t, rules):
            subj = subject_outside(t, mask)
            if subj is not None and not subj.is_punct and not subj.is_space:
                out.append((subj.i, "from_cue", t.i, None))
        if (t.lower_ in _PERSONAL or t.lower_ == "it") and t.dep_ in ("nsubj", "nsubjpass"):
            out.append((t.i, "from_pron", None, None))
    for e in idx.ents_starting(sent.start_char, sent.end_char):
        if e.end > sent.end:
            continue  # as Span.ents: only the sentence's own entities
        if e.label_ in ("PERSON", "ORG", "NORP", "GPE") and not mask.inside(e.start_char):
            a, b = trim_mention(doc, e.start, e.end, e.start)  # the words before any quote
            head = doc[b - 1]
            if head.dep_ == "pobj" and head.head.lower_ in _TOPIC_PREPOSITIONS:
                continue  # "boast about his Ritz-Carlton Golf Club": what is talked about
            out.append((b - 1, "from_ent", None, (a, b)))
    return out


def _distance(opt: SpeakerOption, t0: int, t1: int) -> int:
    a, b = opt.tokens
    if b <= t0:
        return t0 - b
    if a > t1:
        return a - t1
    return 0


def _describe(
    opt: SpeakerOption,
    c: Candidate,
    idx: DocIndex,
    mask: QuoteMask,
    t0: int,
    t1: int,
    s0: int,
    s1: int,
    own: tuple[int, int] | None,
    nearest: SpeakerOption | None,
    prev_head: str | None,
    name_counts: dict[str, int],
) -> None:
    doc = idx.doc
    head = doc[opt.head]
    f = opt.flags
    if own is not None:
        if opt.tokens[0] < own[1] and own[0] < opt.tokens[1]:
            f.add("is_rule")
            if c.cue is not None:
                f.add("is_rule_with_cue")
        if c.source is not None:
            f.add("rule_is_inherited")
    else:
        f.add("rule_none")
    ent = head.ent_type_
    low = head.lower_
    if ent == "PERSON":
        f.add("ent_person")
    elif ent == "ORG":
        f.add("ent_org")
    elif ent in ("NORP", "GPE"):
        f.add("ent_norp_gpe")
    elif head.pos_ == "PROPN":
        f.add("propn_no_ent")
    if low in _PERSONAL:
        f.add("pron_personal")
    elif low == "it":
        f.add("pron_it")
    elif low in _RELATIVE:
        f.add("pron_relative")
    elif head.pos_ == "NOUN":
        f.add("common_noun")
    if head.tag_ in ("NNS", "NNPS") or low == "they":
        f.add("plural")
    if head.lemma_.lower() in _ROLE_HINTS:
        f.add("role_noun")
    dep = head.dep_
    f.add("dep_subj" if dep in ("nsubj", "nsubjpass", "csubj") else "dep_poss" if dep == "poss"
          else "dep_pobj" if dep == "pobj" else "dep_obj" if dep in ("dobj", "iobj") else "dep_other")
    cue = opt.cue
    if cue is not None:
        lem = lemma(cue)
        if lem in ("say", "tell"):
            f.add("cue_say_tell")
        if lem in SPEECH_LEMMAS:
            f.add("cue_speech")
        elif lem in REPORT_LEMMAS:
            f.add("cue_report_only")
        if lem in STANCE_CUE_LEMMAS:
            f.add("cue_stance")
        if cue.pos_ == "NOUN":
            f.add("cue_noun")
        if cue.left_edge.i <= t0 <= cue.right_edge.i:
            f.add("cue_governs_quote")
        if any(ch.dep_ == "neg" for ch in cue.children):
            f.add("cue_negated")
    if head.dep_ in ("nsubj", "nsubjpass") and lemma(head.head) in SPEECH_LEMMAS:
        f.add("head_verb_speech")
    if opt.inherit is None:
        si = idx.sent_of[opt.head]
        f.add("sent_prev" if si < s0 else "sent_next" if si > s1 else "sent_same")
        if opt.tokens[1] <= t0:
            f.add("before_quote")
        d = _distance(opt, t0, t1)
        opt.values["log_dist"] = math.log1p(d)
        if d <= 5:
            f.add("near_5")
        lo, hi = (opt.tokens[1], t0) if opt.tokens[1] <= t0 else (t1 + 1, opt.tokens[0])
        between = sum(1 for t in doc[lo:hi] if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and not mask.inside(t.idx))
        opt.values["persons_between"] = min(3, between)
        if nearest is opt:
            f.add("nearest_person")
        sent = idx.sents[si]
        first = next((t for t in sent if t.ent_type_ == "PERSON" and not mask.inside(t.idx)), None)
        if first is not None and opt.tokens[0] <= first.i < opt.tokens[1]:
            f.add("first_person_in_sent")
    if prev_head is not None and head.lower_ == prev_head:
        f.add("was_prev_speaker")
    if opt.inherit is None:
        a = doc[opt.tokens[0]].idx
        lo, hi = (a, c.outer_start) if a < c.outer_start else (c.outer_end, a)
        if "\n" not in idx.text[lo:hi]:
            f.add("same_para")
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
            f.add("root_subject")
    if any(t.ent_type_ == "PERSON" for t in doc[opt.tokens[0] : opt.tokens[1]]):
        f.add("mention_has_person")
    opt.values["log_name_count"] = math.log1p(name_counts.get(head.lower_, 0))
    opt.values["mention_len"] = min(1.0, (opt.tokens[1] - opt.tokens[0]) / 8)
