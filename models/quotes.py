"""Quote extraction and speaker attribution over a spaCy Doc.

Why rules and not a model: quotation marks are an almost perfect signal for direct speech,
and the speaker is nearly always the subject of a verb of saying next to the quote. A scan of
the marks plus the dependency parse is fast (linear in the article), runs offline on the
small spaCy model, and its mistakes can be read and fixed. The hard parts are the ones a
regular expression gets wrong: straight quotes that could open or close, apostrophes that
look like closing single quotes, quotes that run over paragraphs, titles and scare quotes
that are not speech, and quotes whose attribution is in a neighbouring sentence.

Reported speech comes from the same parse: the clause a verb of saying governs ("X said
(that) ...", "according to X, ...", "Trump's claim that ..."); a reported clause that contains
a short direct quote comes out once, as one (mixed) quote, and one that merely wraps a direct
quote gives way to it. Spans never overlap.

Public entry point: `extract_quotes(doc) -> list[Quote]` (ids 0..n-1 in article order).
Measured by benchmarks/quotes_polnear.py; the module-level *_SHORT / *_ON switches exist so the
benchmark can show what each rule is worth.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from models.schema import Quote, Span

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
# Lemmas whose clause is an attributed position rather than a quote of words.
REPORT_LEMMAS: frozenset[str] = SPEECH_LEMMAS | frozenset(
    "believe think feel hope fear expect know learn rule".split()
)

# Pairs of (opening, closing) marks. Straight marks are decided by context.
_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“”", "``": "''", "‟": "”"}
_MARK_RE = re.compile(r"``|''|[“”\"«»„‟‘’‹›]")
_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*", re.UNICODE)
_SENT_END = set(".!?…")

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them"}
PRONOUNS_ORG = {"it"}
PRONOUNS_ALL = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_ORG | {"i", "we", "you"}
_RELATIVE = {"who", "that", "which", "whom"}

# Quotes of this many words or fewer are treated as scare quotes or names, unless they are
# attributed speech ("“No,” he said.").
SHORT_QUOTE_WORDS = 3
# Keep a short quoted phrase when a verb of saying governs it ("called the plan “a disaster”"):
# that is attributed speech, not a scare quote.
KEEP_GOVERNED_SHORT = True
KEEP_ALL_SHORT = False  # benchmark switch: every short quoted phrase counts
_TITLE_SMALL_WORDS = {
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
    "is", "vs", "vs.", "as", "&", "de", "la", "le", "du", "des", "van", "von",
}


@dataclass
class _Candidate:
    """A stretch of text between quotation marks, before filtering and attribution."""

    start: int  # content start (after the opening mark, whitespace stripped)
    end: int
    outer_start: int  # position of the opening mark
    outer_end: int  # position just after the closing mark (or the content end)
    group: int  # quotes continued over paragraphs share a group
    closed: bool = True
    cue: Any = None  # spaCy Token
    subject: Any = None  # spaCy Token
    speaker_mention: Span | None = None
    speaker: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------


def _paragraph_breaks(text: str) -> list[int]:
    """Positions of newlines that end a paragraph.

    A blank line always ends one. A single newline ends one when the line before it ends a
    sentence or a quote, or the next line starts with a quotation mark; otherwise it is taken
    as a soft wrap inside a paragraph, so that hard-wrapped text keeps its quotes whole.
    """
    breaks: list[int] = []
    n = len(text)
    for m in re.finditer(r"\n", text):
        i = m.start()
        j = i - 1
        while j >= 0 and text[j] in " \t\r":
            j -= 1
        k = i + 1
        while k < n and text[k] in " \t\r":
            k += 1
        prev = text[j] if j >= 0 else "\n"
        nxt = text[k] if k < n else "\n"
        if prev == "\n" or nxt == "\n":
            breaks.append(i)
        elif prev in _SENT_END or prev in "”\"»:’'" or nxt in "“\"«„‘'`":
            breaks.append(i)
        elif nxt.isupper() and prev.isalnum() is False:
            breaks.append(i)
    return breaks


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def _straight_role(text: str, i: int, width: int, is_open: bool) -> str:
    """Decide whether a straight double quote at i opens or closes, from its neighbours."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    space_before = prev.isspace() or prev in "([{—–-/\u00a0" or i == 0
    space_after = nxt.isspace() or nxt in ".,;:!?)]}—–-…" or i + width >= len(text)
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "close" if is_open else "open"


def _clear_context(text: str, i: int, width: int) -> str:
    """"open"/"close" when the neighbours leave no doubt (space on exactly one side), else ""."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    if prev.isspace() and nxt.isalnum():
        return "open"
    if prev.isalnum() or (prev in ".,!?;:…" and (nxt.isspace() or i + width >= len(text))):
        return "close"
    return ""


def _scan_marks(text: str) -> list[_Candidate]:
    """Pair quotation marks paragraph by paragraph, in one linear pass.

    Single quotes (‘ ’) count only at the top level and only where they cannot be an
    apostrophe; inside a double-quoted stretch they are nested quotes and stay part of it.
    A paragraph that opens a quote without closing it continues into the next paragraph when
    that one opens with a quotation mark (the newspaper convention); otherwise the quote is
    closed at the paragraph's end, since a forgotten closing mark is the likelier typo.
    """
    breaks = _paragraph_breaks(text)
    bounds: list[tuple[int, int]] = []
    s = 0
    for b in breaks:
        bounds.append((s, b))
        s = b + 1
    bounds.append((s, len(text)))

    cands: list[_Candidate] = []
    group = 0
    carry_group: int | None = None  # group of an unclosed quote from the previous paragraph
    marks = list(_MARK_RE.finditer(text))
    mi = 0
    for p_start, p_end in bounds:
        open_pos: int | None = None
        open_width = 0
        open_kind = ""  # "double" or "single"
        if not text[p_start:p_end].strip():
            continue  # a blank line: an open quote carries over it
        continuing = carry_group
        carry_group = None
        # skip marks before this paragraph (should not happen, defensive)
        while mi < len(marks) and marks[mi].start() < p_start:
            mi += 1
        first_mark = True
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        while mi < len(marks) and marks[mi].start() < p_end:
            m = marks[mi]
            mi += 1
            ch = m.group()
            i = m.start()
            w = len(ch)
            at_para_start = first_mark and i == lead
            first_mark = False
            if ch in ("‘", "’", "‹", "›"):
                if open_kind == "double":
                    continue  # nested single quotes belong to the outer quote
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if ch in ("‘", "‹"):
                    if open_pos is None and not _is_word_char(prev) and not nxt.isspace():
                        open_pos, open_width, open_kind = i, 1, "single"
                    continue
                # closing single (or an apostrophe)
                if open_kind == "single" and not (_is_word_char(prev) and _is_word_char(nxt)):
                    if not _is_word_char(nxt) and not (prev == "s" and nxt.isspace() and _looks_possessive(text, i)):
                        _emit(cands, text, open_pos, open_width, i, i + 1, group if continuing is None else continuing)
                        continuing = None
                        group += 1
                        open_pos, open_kind = None, ""
                continue
            # double marks
            is_open = open_pos is not None and open_kind == "double"
            if ch in ('"', "''"):
                # straight marks, and '' used both ways (older NYT text): decided by context
                role = _straight_role(text, i, w, is_open)
            elif ch == "“" and is_open and text[open_pos] == "„":
                role = "close"  # German style: „…“
            elif ch in _DOUBLE_OPEN:
                role = "open"
                if is_open and _straight_role(text, i, w, is_open) == "close" and _clear_context(text, i, w) == "close":
                    role = "close"  # a typo: “ used to close
            else:
                role = "close"
                if not is_open and _clear_context(text, i, w) == "open":
                    role = "open"  # a typo: ” used to open
            if at_para_start and continuing is not None and role == "open":
                # continuation of the previous paragraph's quote
                open_pos, open_width, open_kind = i, w, "double"
                continue
            if role == "open":
                if open_pos is not None and open_kind == "double":
                    # an opening mark inside an open quote: the first one was never closed
                    continuing = None
                    group += 1
                open_pos, open_width, open_kind = i, w, "double"
                continuing = None if not at_para_start else continuing
                continue
            # closing mark
            if open_pos is not None and open_kind == "double":
                _emit(cands, text, open_pos, open_width, i, i + w, group if continuing is None else continuing)
                if continuing is None:
                    group += 1
                continuing = None
                open_pos, open_kind = None, ""
            # a closing mark with nothing open is stray: ignore
        if open_pos is not None and open_kind == "double":
            # unclosed at the paragraph's end: continue if the next paragraph opens a quote
            gid = group if continuing is None else continuing
            nxt_para = _next_paragraph_start(text, p_end)
            _emit(cands, text, open_pos, open_width, p_end, p_end, gid, closed=False)
            if nxt_para is not None and _opens_quote(text, nxt_para):
                carry_group = gid
                if continuing is None:
                    group += 1
            else:
                if continuing is None:
                    group += 1
    return cands


def _looks_possessive(text: str, i: int) -> bool:
    """`s’ ` at a word end is usually a plural possessive ("leaders’ talks"), not a closing quote."""
    j = i + 1
    while j < len(text) and text[j] == " ":
        j += 1
    return j < len(text) and text[j].islower()


def _next_paragraph_start(text: str, p_end: int) -> int | None:
    k = p_end
    n = len(text)
    while k < n and text[k].isspace():
        k += 1
    return k if k < n else None


def _opens_quote(text: str, k: int) -> bool:
    return text.startswith(("“", '"', "«", "„", "``", "‟"), k)


def _emit(
    cands: list[_Candidate],
    text: str,
    open_pos: int | None,
    open_width: int,
    close_pos: int,
    after_close: int,
    group: int,
    closed: bool = True,
) -> None:
    if open_pos is None:
        return
    s = open_pos + open_width
    e = close_pos
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return
    cands.append(_Candidate(start=s, end=e, outer_start=open_pos, outer_end=after_close, group=group, closed=closed))


# --------------------------------------------------------------------------------------------
# Filters: titles, names of shows, scare quotes
# --------------------------------------------------------------------------------------------


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


def _looks_like_title(content: str) -> bool:
    """Every significant word capitalised: "The Art of the Deal", "Face the Nation,".

    American style puts the sentence's comma or period inside the marks, so a trailing one
    does not make a title an utterance; a single word ("No,") is left to the caller, and
    all-caps text (a shouting headline or an all-caps article) is not a title by this test.
    """
    body = content.rstrip().rstrip(".,;:")
    words = body.split()
    if not words or len(words) > 10:
        return False
    if body[-1:] in "!?":
        return False
    if len(words) == 1 and body != content.rstrip():
        return False
    letters = [ch for ch in body if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(words) > 1:
        return False
    significant = [w for w in words if w.lower().strip(".,:;!?") not in _TITLE_SMALL_WORDS]
    if not significant:
        return False
    caps = sum(1 for w in significant if w[:1].isupper() or w[:1].isdigit())
    if caps != len(significant):
        return False
    # "I" and "We" open real sentences; a title rarely starts with a first-person pronoun
    if words[0] in ("I", "We", "We're", "I'm", "It's") and len(words) > 1:
        return False
    return True


# --------------------------------------------------------------------------------------------
# Token lookup
# --------------------------------------------------------------------------------------------


class _DocIndex:
    """Char offset -> token and token -> sentence, built once per doc (no quadratic scans)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access: read it once
        self.starts = [t.idx for t in doc]
        self.sents = list(doc.sents) if len(doc) else []
        self.sent_of = [0] * len(doc)
        for si, s in enumerate(self.sents):
            for k in range(s.start, s.end):
                self.sent_of[k] = si
        self.ents_by_start = sorted(doc.ents, key=lambda e: e.start_char)
        self.ent_starts = [e.start_char for e in self.ents_by_start]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or the last one starting before) `char`."""
        k = bisect.bisect_right(self.starts, char) - 1
        return max(0, min(k, len(self.starts) - 1))


class _QuoteMask:
    """Which character ranges are inside quotes (marks included), by bisect."""

    def __init__(self, cands: list[_Candidate]) -> None:
        spans = sorted((c.outer_start, max(c.outer_end, c.end)) for c in cands)
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def inside(self, char: int) -> bool:
        k = bisect.bisect_right(self.starts, char) - 1
        return k >= 0 and self.spans[k][0] <= char < self.spans[k][1]


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------


def _is_cue(tok: Any) -> bool:
    if _so_called(tok):
        return False
    lem = tok.lemma_.lower()
    if lem in SPEECH_LEMMAS or tok.lower_ in SPEECH_LEMMAS:
        return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.dep_ == "ROOT"
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return True
    if PHRASAL_CUES_ON and tok.tag_.startswith("VB") and _phrasal_cue(tok):
        return True
    return _is_stance_cue(tok)


def _is_stance_cue(tok: Any) -> bool:
    """A finite verb of judging ("condemned", "has branded"); "a box labeled ...", "avoids
    condemning ..." name no speaker."""
    if not STANCE_CUES_ON:
        return False
    if tok.lemma_.lower() in _STANCE_CUE_LEMMAS or tok.lower_ in _STANCE_CUE_LEMMAS:
        return tok.tag_ in ("VBD", "VBZ", "VBP", "VB") or (
            tok.tag_ == "VBN" and any(ch.dep_ == "aux" for ch in tok.children)
        )
    return False


PHRASAL_CUES_ON = True  # benchmark switch
STANCE_CUES_ON = True  # benchmark switch
# Verbs that quote what they judge: "Obama condemned the test as “provocative”", "Japan branded
# North Korea an “outlaw nation”". Attribution cues for direct quotes only; they stay out of
# SPEECH_LEMMAS (which also defines the benchmark's "verb of saying").
_STANCE_CUE_LEMMAS = frozenset(
    """condemn denounce reject dismiss defend blame applaud welcome endorse laud hail attack
    brand dub label""".split()
)


def _phrasal_cue(tok: Any) -> bool:
    """Two-word verbs of saying whose verb alone is not one: "as X put it, ..." (put + "it"
    in an "as" clause) and "X points out that ..." (point + particle "out")."""
    lem = tok.lemma_.lower()
    if lem == "put":
        has_it = any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
        has_as = any(c.dep_ in ("mark", "advmod", "prep") and c.lower_ == "as" for c in tok.children)
        return has_it and has_as
    if lem == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    return False


def _subject_outside(verb: Any, mask: _QuoteMask) -> Any:
    """The verb's subject unless it stands inside quotation marks (then it is quoted words,
    not the speaker)."""
    subj = _subject_of(verb)
    return subj if subj is not None and not mask.inside(subj.idx) else None


def _subject_of(verb: Any) -> Any:
    """The token that says who spoke: subject, passive agent, `according to X`, or the owner
    of a noun of saying ("Trump's claim")."""
    if verb.pos_ == "NOUN":
        for c in verb.children:
            if c.dep_ == "poss":
                return c
        return None
    if verb.lower_ == "according":
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None:
            for c in nxt.children:
                if c.dep_ == "pobj":
                    return c
        for c in verb.subtree:
            if c.dep_ == "pobj":
                return c
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c  # "Smith, who said": stays "who"; models.actors resolves it
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return None  # "he was told": the subject is the listener
    # "X said ... and added", "X tweeted, asserting ...", "began by saying ...": climb to the
    # nearest verb above that has a subject
    v = verb
    for _ in range(6):
        if v.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or v.head.i == v.i:
            break
        v = v.head
        if v.pos_ in ("VERB", "AUX"):
            for c in v.children:
                if c.dep_ == "nsubj":
                    return c
    # "a statement saying ...": the noun the participle describes
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _mention_span(doc: Any, tok: Any) -> tuple[int, int]:
    """Token range of the noun phrase naming the speaker.

    Left modifiers (titles, compounds, determiners) stay, so that "US President Donald Trump"
    is read whole; right modifiers stay only for common nouns ("a source familiar with the
    talks"), cut at commas and relative clauses, so that appositions do not swallow the quote.
    """
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("punct", "cc", "preconj", "case"):
            continue
        if c.dep_ == "poss" or c.dep_ in ("det", "compound", "amod", "nmod", "nummod", "quantmod", "predet", "advmod", "npadvmod", "poss") or c.ent_type_:
            left = min(left, c.left_edge.i)
    while left < tok.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    right = tok.i + 1
    if tok.ent_type_:
        # extend over the rest of a multi-token entity ("Trump Jr.")
        while right < len(doc) and doc[right].ent_iob_ == "I" and doc[right].ent_type_ == tok.ent_type_:
            right += 1
    elif tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.rights:
            if c.dep_ in ("prep", "amod", "acl", "compound") and c.right_edge.i - tok.i <= 10:
                if any(t.is_punct and t.text in ",;:—–(" for t in doc[tok.i + 1 : c.right_edge.i + 1]):
                    break
                right = max(right, c.right_edge.i + 1)
            else:
                break
    if right - left > 14:
        left = max(left, tok.i - 6)
        right = min(right, tok.i + 8)
    return left, right


def _make_span(doc: Any, a: int, b: int) -> Span:
    s = doc[a:b]
    return Span(text=s.text, start=s.start_char, end=s.end_char)


def _find_attribution(idx: _DocIndex, mask: _QuoteMask, c: _Candidate) -> tuple[Any, Any]:
    """(cue, subject) for a quote: a speech verb outside quotes next to it, and its subject.

    Looks in the sentences the quote touches first, then the next sentence when the quote ends
    one ("... lost.” He said."), then the previous sentence when it introduces the quote with a
    colon or the quote starts its sentence.
    """
    doc = idx.doc
    if not len(doc):
        return None, None
    dash = _dash_attribution(idx, c)
    if dash is not None:
        return None, dash
    t0 = idx.token_at(c.outer_start)
    t1 = idx.token_at(max(c.outer_start, c.outer_end - 1))
    s0 = idx.sent_of[t0]
    s1 = idx.sent_of[t1]
    windows: list[tuple[int, int]] = [(idx.sents[s0].start, idx.sents[s1].end)]
    if s1 + 1 < len(idx.sents):
        windows.append((idx.sents[s1 + 1].start, idx.sents[s1 + 1].end))
    if s0 > 0:
        windows.append((idx.sents[s0 - 1].start, idx.sents[s0 - 1].end))
    # never look across a paragraph break: the attribution is in the quote's own paragraph
    text = idx.text
    p_lo = text.rfind("\n", 0, c.outer_start) + 1
    j = p_lo - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j >= 0 and text[j] == ":":
        # "X said in a statement:\n\n“...”": the introducing paragraph counts
        p_lo = text.rfind("\n", 0, j) + 1
    p_hi = text.find("\n", c.outer_end)
    if p_hi < 0:
        p_hi = len(text)
    for wi, (a, b) in enumerate(windows):
        while a < b and doc[a].idx < p_lo:
            a += 1
        while b > a and doc[b - 1].idx >= p_hi:
            b -= 1
        if a >= b:
            continue
        if b - a > 200:
            # a very long "sentence" (no punctuation): stay near the quote
            a = max(a, t0 - 40)
            b = min(b, t1 + 40)
        best = None
        best_key = None
        for k in range(a, b):
            tok = doc[k]
            if mask.inside(tok.idx):
                continue
            if not _is_cue(tok):
                continue
            subj = _subject_outside(tok, mask)
            if wi and NEGATED_NEIGHBOUR_SKIP and any(ch.dep_ == "neg" for ch in tok.children):
                continue  # "He didn't suggest retaliation.": introduces no neighbouring quote
            if wi == 1:
                # next sentence: only a short attribution that starts right after the quote
                if k - a > 4 or subj is None:
                    continue
            if wi == 2:
                # previous sentence: must end in a colon or lead straight into the quote
                last = doc[b - 1]
                gap_text = idx.text[doc[b - 1].idx + len(doc[b - 1].text) : c.outer_start]
                if not (last.text in (":", ",") or (gap_text.strip() == "" and subj is not None)):
                    continue
                if subj is None:
                    continue
            dist = c.outer_start - (tok.idx + len(tok.text)) if tok.idx < c.outer_start else tok.idx - c.outer_end
            if _is_stance_cue(tok) and not (tok.left_edge.i <= t0 <= tok.right_edge.i):
                # a verb of judging quotes only inside its own clause ("Christie described
                # Clinton as a “disgrace” after she attacked police": not "attacked")
                continue
            key = (subj is None, abs(dist))
            if best_key is None or key < best_key:
                best, best_key = (tok, subj), key
        if best is not None:
            cue, subj = best
            if subj is None:
                subj = _nearby_speaker(idx, mask, cue)
            return cue, subj
    colon_at = c.outer_start if _after_colon(text, c.outer_start) else None
    if PREV_PARAGRAPH_ATTRIBUTION and j >= 0 and _starts_paragraph(text, c.outer_start):
        found = _previous_paragraph_attribution(idx, mask, j)
        if found[1] is not None or not (PARAGRAPH_COLON_ON and text[j] == ":"):
            return found
        # "Sanders made the following comment:\n\n“…”": the introducing clause's subject
        colon_at = j + 1
    if colon_at is not None:
        # "Obama is rolling out a new message: “It's about me.”": the introducing clause's subject
        k = idx.token_at(colon_at - 1)
        while k > 0 and doc[k].idx >= colon_at:
            k -= 1
        verb = doc[k].head if doc[k].text == ":" else doc[k]
        for _ in range(50):  # spaCy makes a new Token per access: compare indices, not `is`
            if verb.head.i == verb.i or verb.pos_ in ("VERB", "AUX"):
                break
            verb = verb.head
        for ch in verb.children:
            if ch.dep_ == "nsubj" and _is_agent(ch) and not mask.inside(ch.idx):
                return None, ch
    return None, None


PREV_PARAGRAPH_ATTRIBUTION = True  # benchmark switch
PARAGRAPH_COLON_ON = True  # benchmark switch
NEGATED_NEIGHBOUR_SKIP = True  # benchmark switch


def _previous_paragraph_attribution(idx: _DocIndex, mask: _QuoteMask, j: int) -> tuple[Any, Any]:
    """A quote paragraph introduced by the previous paragraph's last sentence ("Kerry wrote in
    a blog post on Monday." then the quoted passage), when that sentence quotes nothing."""
    doc = idx.doc
    k = idx.token_at(j)
    sent = idx.sents[idx.sent_of[k]]
    if sent.end - sent.start > 60:
        return None, None
    for t in sent:
        if mask.inside(t.idx):
            return None, None  # the previous paragraph has its own quote
    for t in reversed(sent):
        if _is_cue(t):
            subj = _subject_outside(t, mask)
            if subj is not None:
                return t, subj
    return None, None


_DASH_RE = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*")


def _dash_attribution(idx: _DocIndex, c: _Candidate) -> Any:
    """“…” ― Sonya Herridge: a name after a dash right behind the closing mark."""
    if not c.closed:
        return None
    text = idx.text
    m = _DASH_RE.match(text, c.outer_end)
    if m is None or m.end() == c.outer_end or m.end() >= len(text):
        return None
    k = idx.token_at(m.end())
    doc = idx.doc
    tok = doc[k]
    if tok.idx != m.end() or not (tok.ent_type_ in ("PERSON", "ORG") or tok.pos_ == "PROPN" or tok.text[:1].isupper()):
        return None
    if tok.lower_ in PRONOUNS_ALL or tok.is_stop:
        return None
    # the head of the name: the last token of the entity / proper-noun run
    while k + 1 < len(doc) and (
        (doc[k + 1].ent_iob_ == "I" and tok.ent_type_)
        or (not tok.ent_type_ and (doc[k + 1].pos_ == "PROPN" or doc[k + 1].text[:1].isupper()))
    ) and "\n" not in doc[k].whitespace_ and not doc[k + 1].is_punct:
        k += 1
    return doc[k]


def _nearby_speaker(idx: _DocIndex, mask: _QuoteMask, cue: Any) -> Any:
    """When the parse gives the cue no subject: a name or pronoun right next to it."""
    doc = idx.doc
    for off in (1, -1, 2, -2, 3, -3, -4, 4, -5, -6, -7, -8):
        k = cue.i + off
        if 0 <= k < len(doc):
            t = doc[k]
            if mask.inside(t.idx) or idx.sent_of[k] != idx.sent_of[cue.i]:
                continue
            if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in ("he", "she", "they"):
                if t.ent_type_ and t.ent_iob_ == "I":
                    # use the entity's last token as head
                    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
                        k += 1
                    return doc[k]
                return t
    return None


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def extract_quotes(doc: Any) -> list[Quote]:
    """Direct and reported quotes with their speakers, in article order; never raises."""
    try:
        return _extract(doc)
    except Exception:  # pragma: no cover - last-resort guard: a bad parse must not lose the page
        try:
            return _extract(doc, attribute=False)
        except Exception:
            return []


def _extract(doc: Any, attribute: bool = True) -> list[Quote]:
    from models import actors as actors_mod

    if not len(doc):
        return []
    idx = _DocIndex(doc)
    text = idx.text
    cands = _scan_marks(text)
    mask = _QuoteMask(cands)
    resolver = actors_mod.MentionResolver(doc, mask.inside, text=text) if attribute else None

    group_size: dict[int, int] = {}
    for c in cands:
        group_size[c.group] = group_size.get(c.group, 0) + 1
    kept: list[_Candidate] = []
    short: list[_Candidate] = []  # scare-quote-like: kept only inside attributed speech
    for c in cands:
        content = text[c.start : c.end]
        if not _words(content):
            continue
        if attribute:
            c.cue, c.subject = _find_attribution(idx, mask, c)
        nwords = len(_words(content))
        grouped = group_size[c.group] > 1
        utterance = _ends_utterance(content) and (
            (c.cue is not None and _adjacent_cue(text, c)) or _after_colon(text, c.outer_start)
        )
        title = _looks_like_title(content)
        if title and utterance and _after_name_slot(idx, c):
            utterance = False  # said on “Face the Nation,”: a show, not words
        if (nwords <= SHORT_QUOTE_WORDS and not grouped and not utterance) or (title and not utterance):
            short.append(c)
            continue
        kept.append(c)

    final = kept
    if attribute:
        reported = _reported_clauses(idx, mask)
        final = _merge(kept, short, reported, idx, mask)
        _attribute(final, idx, resolver)
    quotes: list[Quote] = []
    last_end = -1
    for c in final:
        if c.start < last_end or c.end <= c.start:
            continue  # never overlap
        last_end = c.end
        quotes.append(
            Quote(
                id=len(quotes),
                kind=c.meta.get("kind", "direct"),
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                speaker=c.speaker,
                speaker_mention=c.speaker_mention,
                cue=_make_span(doc, c.cue.i, c.cue.i + (2 if c.cue.lower_ == "according" else 1)) if c.cue is not None else None,
            )
        )
    return quotes


# --------------------------------------------------------------------------------------------
# Reported speech
# --------------------------------------------------------------------------------------------

# Verbs whose "to"-clause is what was said ("urged supporters to check out ...").
_XCOMP_LEMMAS = {"urge", "warn", "promise", "vow", "pledge", "threaten", "ask", "tell", "call", "demand", "plan", "refuse"}


def _so_called(tok: Any) -> bool:
    """"so-called" marks a scare quote; its "called" is no verb of saying."""
    doc = tok.doc
    i = tok.i
    return tok.lower_ == "called" and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "so" or (
        tok.lower_ in ("so-called", "so‐called")
    )


def _is_report_cue(tok: Any) -> bool:
    if _so_called(tok):
        return False
    if tok.lower_ == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    lem = tok.lemma_.lower()
    return (lem in REPORT_LEMMAS or tok.lower_ in REPORT_LEMMAS) and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))


def _strip_tokens(doc: Any, a: int, b: int) -> tuple[int, int]:
    """Trim punctuation (not quotation marks that belong to a mixed quote) off a token range."""
    while a < b and (doc[a].is_punct and doc[a].text not in _OPENERS or doc[a].is_space or doc[a].lower_ in ("and", "but")):
        a += 1
    while b > a and (doc[b - 1].is_punct and doc[b - 1].text not in _CLOSERS or doc[b - 1].is_space):
        b -= 1
    return a, b


_OPENERS = {"“", "\"", "«", "‘", "``", "„"}
_CLOSERS = {"”", "\"", "»", "’", "''"}


def _minus(head: Any, cut: Any) -> tuple[int, int] | None:
    """head's subtree without cut's subtree: the larger contiguous side."""
    L, R = head.left_edge.i, head.right_edge.i + 1
    l, r = cut.left_edge.i, cut.right_edge.i + 1
    before = (L, l)
    after = (r, R)
    a, b = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    return (a, b) if b > a else None


def _content_of(verb: Any) -> tuple[int, int] | None:
    """Token range of what a cue reports: its clause, or the sentence around "according to"."""
    if verb.lower_ == "according":
        prep = verb
        head = prep.head
        if head.i == prep.i:
            return None
        return _minus(head, prep)
    for c in verb.children:
        if c.dep_ == "ccomp":
            return c.left_edge.i, c.right_edge.i + 1
    if verb.lemma_.lower() in _XCOMP_LEMMAS:
        for c in verb.children:
            if c.dep_ == "xcomp":
                return c.left_edge.i, c.right_edge.i + 1
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        return _minus(verb.head, verb)
    if OBJECT_CONTENT_ON and _lemma(verb) in _OBJECT_LEMMAS:
        # "called for the complete repeal of Obamacare", "criticized the party's record"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for" and _lemma(verb) == "call":
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        return g.left_edge.i, g.right_edge.i + 1
            if c.dep_ == "dobj" and c.right_edge.i - c.left_edge.i >= 2:
                return c.left_edge.i, c.right_edge.i + 1
    return None


OBJECT_CONTENT_ON = True  # benchmark switch
_OBJECT_LEMMAS = frozenset(
    """call criticize criticise praise demand deny condemn denounce reject propose slam blast
    mock tout dismiss defend blame applaud welcome endorse question""".split()
)


# Nouns of saying whose "that"-clause is reported speech ("Trump's claim that ...").
SPEECH_NOUNS: frozenset[str] = frozenset(
    """claim statement assertion allegation suggestion argument promise warning remark comment
    charge accusation insistence pledge vow announcement admission denial contention
    prediction declaration testimony assurance threat message disclosure belief view notion
    report revelation concern finding conclusion assessment complaint criticism""".split()
)
REPORT_NOUNS_ON = True  # benchmark switch


def _noun_content(noun: Any) -> tuple[int, int] | None:
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i:
            first = c.left_edge
            if first.lower_ == "that" and first.dep_ == "mark":
                return first.i, c.right_edge.i + 1
    return None


def _reported_clauses(idx: _DocIndex, mask: _QuoteMask) -> list[_Candidate]:
    """Reported speech: the clause each verb of saying (or "according to") reports."""
    doc = idx.doc
    out: list[_Candidate] = []
    for tok in doc:
        if mask.inside(tok.idx):
            continue
        if _is_report_cue(tok):
            rng = _content_of(tok)
        elif REPORT_NOUNS_ON and tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS:
            rng = _noun_content(tok)
        else:
            continue
        if rng is None:
            continue
        a, b = _strip_tokens(doc, *rng)
        if b - a < 2 or (a <= tok.i < b):
            continue
        if sum(1 for t in doc[a:b] if not t.is_punct) < 3:
            continue
        subj = _subject_outside(tok, mask)
        if subj is not None and a <= subj.i < b:
            subj = None
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        # a clause never runs over a paragraph break (the parser sometimes joins paragraphs)
        text = idx.text
        lo = text.rfind("\n", 0, tok.idx) + 1
        hi = text.find("\n", tok.idx)
        hi = len(text) if hi < 0 else hi
        start, end = max(start, lo), min(end, hi)
        if end - start < 8 or len(_words(text[start:end])) < 3:
            continue
        out.append(
            _Candidate(start=start, end=end, outer_start=start, outer_end=end, group=-1 - len(out), cue=tok, subject=subj, meta={"kind": "reported"})
        )
    return out


def _merge(
    kept: list[_Candidate], short: list[_Candidate], reported: list[_Candidate], idx: _DocIndex, mask: _QuoteMask
) -> list[_Candidate]:
    """One list without overlaps: a reported clause that only wraps a direct quote gives way to
    it; one with more of its own words absorbs the quotes inside it (a mixed quote, once);
    a short quoted phrase survives alone only when a verb of saying governs it."""
    text = idx.text
    # outermost reported clauses only
    reported.sort(key=lambda c: (c.start, -c.end))
    outer: list[_Candidate] = []
    for r in reported:
        if outer and r.start < outer[-1].end:
            continue
        outer.append(r)
    directs = sorted(kept + short, key=lambda c: c.start)
    kept_ids = {id(d) for d in kept}
    d_starts = [d.outer_start for d in directs]
    absorbed: set[int] = set()
    result_r: list[_Candidate] = []
    for r in outer:
        k = bisect.bisect_left(d_starts, r.start - 1)
        inside = []
        j = max(0, k - 1)
        while j < len(directs) and directs[j].outer_start < r.end + 1:
            d = directs[j]
            if d.start >= r.start and d.end <= r.end:
                inside.append(d)
            elif d.start >= r.start and d.end > r.end and len(_words(text[r.end : d.end])) <= 3:
                # the parser ended the clause just before the quote's last words: take them
                r.end = d.outer_end if d.closed else d.end
                inside.append(d)
            elif d.outer_start < r.end and d.outer_end > r.start and id(d) in kept_ids:
                # partial overlap with a real quote: trim the clause away from it
                if d.outer_start > r.start:
                    r.end = d.outer_start
                else:
                    r.start = d.outer_end
            j += 1
        while r.start < r.end and not text[r.start].isalnum() and text[r.start] not in "“\"«‘":
            r.start += 1
        while r.end > r.start and text[r.end - 1] in " ,;:—–-":
            r.end -= 1
        own = len(_words(text[r.start : r.end])) - sum(len(_words(text[d.start : d.end])) for d in inside)
        if own <= 3:
            if inside:
                continue  # a direct quote in a wrapper: the quote stands alone
            if len(_words(text[r.start : r.end])) < 3:
                continue
        for d in inside:
            absorbed.add(id(d))
        if inside:
            r.meta["mixed"] = True
        result_r.append(r)
    out = [d for d in kept if id(d) not in absorbed]
    for d in short:
        if KEEP_GOVERNED_SHORT and id(d) not in absorbed and (KEEP_ALL_SHORT or _governed_by_cue(idx, mask, d)):
            out.append(d)
    out.extend(result_r)
    out.sort(key=lambda c: (c.start, -c.end))
    clean: list[_Candidate] = []
    for c in out:
        if clean and c.start < clean[-1].end:
            continue
        clean.append(c)
    return clean


# Verbs that attribute words to their subject when the words are quoted ("likened the
# refugees to a “vicious snake”", "rated it “Mostly True”").
ATTRIBUTING_LEMMAS: frozenset[str] = frozenset(
    """liken compare hail label dub brand nickname term rate condemn describe call cite chant
    reference refer admire decry denounce dismiss slam blast praise mock ridicule tout type
    pound exhort urge use coin invoke quote echo repeat defend attack question""".split()
)
_AGENT_PRONOUNS = {"he", "she", "they", "i", "we", "who"}
SENTENCE_CUE_SHORT = True  # benchmark switch
AGENT_SUBJECT_SHORT = False  # measured: +7 true, +12 false direct quotes on PolNeAR dev


# Verbs that give something a name; a quoted title-case name as their complement is theirs
# ("hailed Trump as “The Comeback Kid”", "called the winner “Miss Piggy”").
NAMING_LEMMAS: frozenset[str] = frozenset("call dub label nickname brand hail term rate deem christen".split())
_IRREGULAR_FORMS = {"rated": "rate", "rates": "rate", "rating": "rate"}  # the small model lemmatizes "rated" as "rat"


def _lemma(tok: Any) -> str:
    return _IRREGULAR_FORMS.get(tok.lower_, tok.lemma_.lower())


def _is_agent(tok: Any) -> bool:
    """A subject that can say things: a person, organisation, people or a personal pronoun."""
    if tok is None:
        return False
    if tok.lower_ in _AGENT_PRONOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return False


_HANDLE_RE = re.compile(r"(?:^|\s)[@#]\w|https?://|www\.|pic\.twitter|^[a-z]+[A-Z]\w*$")
SINGLE_WORD_NEEDS_CHAIN = True  # benchmark switch: a lone quoted word needs a governing cue


def _governed_by_cue(idx: _DocIndex, mask: _QuoteMask, d: _Candidate) -> bool:
    """A quoted phrase that is attributed speech, not a scare quote: its head chain reaches a
    verb of saying outside quotes, or its nearest verb attributes words to an agent subject."""
    doc = idx.doc
    content = idx.text[d.start : d.end]
    if _HANDLE_RE.search(content):
        return False  # @handles, links: markup, not speech
    t = doc[idx.token_at(d.start)]
    title_like = _looks_like_title(content)
    if _governing_chain(idx, mask, d, t, title_like):
        return True
    one_word = len(_words(content)) == 1
    if SENTENCE_CUE_SHORT and not title_like and not (one_word and SINGLE_WORD_NEEDS_CHAIN):
        # a quoted phrase in a sentence that reports speech ("ruled that ... is “true”")
        sent = idx.sents[idx.sent_of[t.i]]
        for u in sent:
            if _is_report_cue(u) and not mask.inside(u.idx):
                _take_cue(d, mask, u)
                return True
    return False


def _governing_chain(idx: _DocIndex, mask: _QuoteMask, d: _Candidate, t: Any, title_like: bool) -> bool:
    first_verb = True
    for _ in range(8):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.idx >= d.outer_start and t.idx < d.outer_end:
            continue
        if mask.inside(t.idx):
            continue
        is_verb = t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")
        hit = _is_report_cue(t)
        if is_verb and first_verb and title_like:
            if _lemma(t) not in NAMING_LEMMAS:
                return False
            hit = True
        if not hit and is_verb and first_verb:
            lem = _lemma(t)
            if lem in ATTRIBUTING_LEMMAS:
                hit = True
            elif AGENT_SUBJECT_SHORT and _is_agent(_subject_of(t)):
                hit = True
        if is_verb:
            first_verb = False
        if hit:
            _take_cue(d, mask, t)
            return True
    return False


def _take_cue(d: _Candidate, mask: _QuoteMask, cue: Any) -> None:
    """`cue` introduces the quote; its subject (outside any quote) is the speaker, unless one
    was already found."""
    d.cue = d.cue or cue
    if d.subject is None:
        d.subject = _subject_outside(cue, mask)


_NAME_SLOT_WORDS = {
    "on", "in", "at", "of", "to", "for", "from", "with", "by", "about", "into", "the", "a", "an",
    "'s", "’s", "his", "her", "their", "its", "our", "my", "your", "titled", "entitled",
}


def _after_name_slot(idx: _DocIndex, c: _Candidate) -> bool:
    """The quote sits where a name goes: after a preposition, article or possessive."""
    k = idx.token_at(c.outer_start)
    doc = idx.doc
    if k > 0 and doc[k].idx >= c.outer_start:
        k -= 1
    return doc[k].lower_ in _NAME_SLOT_WORDS and doc[k].idx < c.outer_start


def _after_colon(text: str, pos: int) -> bool:
    """Introduced by a colon on the same line: 'a new message: "It's about me."'."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j >= 0 and text[j] == ":"


def _ends_utterance(content: str) -> bool:
    return content.rstrip()[-1:] in ",.!?…—-"


def _adjacent_cue(text: str, c: _Candidate) -> bool:
    """The speech verb sits right against the quote ("“No,” he said" / "said: “No”")."""
    if c.cue is None:
        return False
    ci = c.cue.idx
    if ci >= c.outer_end:
        gap = text[c.outer_end : ci]
    else:
        gap = text[ci + len(c.cue.text) : c.outer_start]
    return len(gap) <= 40 and "\n" not in gap


def _attribute(kept: list[_Candidate], idx: _DocIndex, resolver: Any) -> None:
    """Fill speaker and mention; quotes without a cue inherit from their neighbours."""
    doc = idx.doc
    for c in kept:
        if c.subject is None or c.subject.is_space or c.subject.is_punct:
            c.subject = None
            continue
        if BOUND_PRONOUN_ON and c.meta.get("kind", "direct") == "direct":
            bound = _binding_subject(c.subject, c)
            if bound is not None:
                c.subject, verb = bound
                if _is_cue(verb):
                    c.cue = verb
        a, b = _mention_span(doc, c.subject)
        while a < b and (doc[a].is_space or doc[a].is_punct):
            a += 1
        while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct):
            b -= 1
        if b <= a:
            c.subject = None
            continue
        c.speaker_mention = _make_span(doc, a, b)
        c.speaker = resolver.resolve(c.subject, doc[a:b])
    # quotes split over paragraphs or around the attribution share a speaker
    by_group: dict[int, _Candidate] = {}
    for c in kept:
        if c.speaker_mention is not None and c.group not in by_group:
            by_group[c.group] = c
    for c in kept:
        if c.speaker_mention is None and c.group in by_group:
            _inherit(c, by_group[c.group])
    # a quote with no attribution of its own: the nearest attributed quote in the same
    # paragraph, else the previous quote when this paragraph continues it
    text = idx.text
    for i, c in enumerate(kept):
        if c.speaker_mention is not None:
            continue
        prev = kept[i - 1] if i > 0 else None
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if prev is not None and prev.speaker_mention is not None and "\n" not in text[prev.end : c.start]:
            _inherit(c, prev)
        elif nxt is not None and nxt.speaker_mention is not None and "\n" not in text[c.end : nxt.start] and nxt.cue is not None and nxt.cue.idx > nxt.end:
            _inherit(c, nxt)
        elif prev is not None and prev.speaker_mention is not None and _starts_paragraph(text, c.outer_start) and text[prev.end : c.start].count("\n\n") <= 1 and not _other_speaker_between(idx, prev, c):
            _inherit(c, prev)


BOUND_PRONOUN_ON = True  # benchmark switch
_BOUND_CLIMB = ("ccomp", "xcomp", "relcl", "acl", "pcomp", "pobj", "dobj", "conj", "prep", "advcl", "attr")


def _agrees(pron: str, tok: Any) -> bool:
    """Can `tok` (a subject) be what the pronoun refers to? Number and person/thing only."""
    if tok.lower_ == pron:
        return True
    if tok.lower_ in PRONOUNS_ALL or tok.lower_ in _RELATIVE:
        return False
    ent = tok.ent_type_
    if pron in ("he", "she"):
        # the small model often tags a lone surname ORG ("Lynch said she ...")
        return ent == "PERSON" or (ent in ("", "ORG") and tok.pos_ == "PROPN")
    if pron == "it":
        return ent in ("ORG", "GPE") or (not ent and tok.tag_ in ("NN", "NNP"))
    if pron == "they":
        return ent in ("ORG", "NORP", "GPE") or (not ent and tok.pos_ in ("NOUN", "PROPN"))
    return False


def _binding_subject(subj: Any, c: _Candidate) -> tuple[Any, Any] | None:
    """(subject, verb) of the clause that embeds a pronoun speaker, when the pronoun refers to it.

    "Lynch said she recalled thinking, “…”", "Ban Ki-moon condemned what he called a “brazen
    breach”": a subject pronoun inside a clause embedded under another clause of the same
    sentence is bound by that clause's subject. Only where the inner clause is not itself the
    utterance: a label ("what he called") or a clause told by the outer one ("said she
    recalled"); "in which he declares, “…”" keeps its own pronoun. Direct quotes only: for reported speech
    ("Rendell said he thought that ...") the inner clause is what was said, and its pronoun
    is the attribution. The attribution is then read from the outer
    clause, whose subject names the speaker (the pronoun would only point back to it); the
    news annotation (PolNeAR) marks the outer clause too. Skipped when another candidate of
    the same kind stands between the two (then "he" may be someone else).
    """
    pron = subj.lower_
    if pron not in ("he", "she", "it", "they") or subj.dep_ != "nsubj" or subj.idx >= c.start:
        return None  # "“…,” he said": a pronoun after the quote is its own attribution
    inner = subj.head
    naming = inner.lemma_.lower() == "call"
    if not naming and not (inner.dep_ == "ccomp" and inner.head.lemma_.lower() in ("say", "tell")):
        return None
    v = subj.head
    for _ in range(8):
        if v.dep_ not in _BOUND_CLIMB or v.head.i == v.i:
            return None
        v = v.head
        if v.pos_ not in ("VERB", "AUX"):
            continue
        outer = next((ch for ch in v.children if ch.dep_ == "nsubj"), None)
        if outer is None:
            continue
        if outer.i >= subj.i or outer.idx >= c.start or not _agrees(pron, outer):
            return None
        lo, hi = _mention_span(subj.doc, outer)
        for t in subj.doc[hi : subj.i]:
            if t.dep_ == "poss" or t.head.dep_ == "poss":
                continue  # "Clinton's campaign": a possessor is rarely the subject's rival
            if pron in ("he", "she") and (t.ent_type_ == "PERSON" or t.lower_ in ("he", "she", "him", "her")):
                return None
            if pron in ("it", "they") and t.ent_type_ in ("ORG", "NORP", "GPE"):
                return None
            if pron == "they" and t.tag_ in ("NNS", "NNPS"):
                return None
        return outer, v
    return None


def _inherit(c: _Candidate, src: _Candidate) -> None:
    c.speaker_mention = src.speaker_mention
    c.speaker = src.speaker
    c.subject = src.subject
    c.cue = c.cue or src.cue
    c.meta["inherited"] = True


def _starts_paragraph(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\r":
        k -= 1
    return k < 0 or text[k] == "\n"


def _other_speaker_between(idx: _DocIndex, prev: _Candidate, c: _Candidate) -> bool:
    """A named person outside quotes between two quotes suggests a change of speaker."""
    k = bisect.bisect_left(idx.ent_starts, prev.outer_end)
    own = prev.speaker_mention
    while k < len(idx.ents_by_start) and idx.ent_starts[k] < c.outer_start:
        e = idx.ents_by_start[k]
        if e.label_ == "PERSON" and not (own is not None and own.start <= e.start_char < own.end):
            return True
        k += 1
    return False
