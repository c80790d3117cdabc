"""Who spoke, as the parse says: the subject of a cue, and the noun phrase that names it.

Why a module of its own: every step that finds a cue (direct quotes, reported speech, the
short-phrase rules) asks the same question of the parse, "whose words are these?", and must get
the same answer; the speaker mention it yields is what models.actors later resolves to a name.
"""

from __future__ import annotations

from typing import Any

from models.quotes.index import DocIndex
from models.quotes.marks import QUOTE_MARK_TOKENS, QuoteMask

__all__ = [
    "PRONOUNS_PERSON",
    "PRONOUNS_PLURAL",
    "PRONOUNS_ORG",
    "PRONOUNS_ALL",
    "RELATIVE_PRONOUNS",
    "is_agent",
    "subject_of",
    "subject_outside",
    "mention_span",
    "nearby_speaker",
    "INVERSION_LEMMAS",
    "trim_mention",
    "modified_noun",
]

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them"}
PRONOUNS_ORG = {"it"}
PRONOUNS_ALL = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_ORG | {"i", "we", "you"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
_AGENT_PRONOUNS = {"he", "she", "they", "i", "we", "who"}
_SINGLE_MARKS = {"‘", "’", "'", "‹", "›"}
_DASHES_ALWAYS = {"—", "–", "―"}
_FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Verbs of saying that put their speaker after them ("..., said Trump", "..., added the
# senator"): only these may take a name just after the cue as its speaker. After any other
# verb the next name is its object ("described Trump as ...", "told Clinton").
INVERSION_LEMMAS = {
    "say", "add", "write", "continue", "explain", "note", "recall", "reply", "respond", "insist",
    "argue", "declare", "tweet", "joke", "quip", "conclude", "warn", "exclaim", "ask", "wonder",
    "acknowledge", "concede", "admit", "boast", "complain", "observe", "remark", "answer",
}


_TEMPORAL_ENTS = ("DATE", "TIME")


def _is_temporal(tok: Any) -> bool:
    """A bare day or time ("Saturday", "Tuesday night"); "the 46-year-old" is a DATE entity
    to spaCy too, but with its determiner it is a person."""
    return tok.ent_type_ in _TEMPORAL_ENTS and not any(c.dep_ in ("det", "poss") for c in tok.children)


def is_agent(tok: Any) -> bool:
    """A subject that can say things: a person, organisation, people or a personal pronoun."""
    if tok is None:
        return False
    if tok.lower_ in _AGENT_PRONOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return False


def subject_outside(verb: Any, mask: QuoteMask) -> Any:
    """The verb's subject unless it stands inside quotation marks (then it is quoted words,
    not the speaker)."""
    subj = subject_of(verb, mask)
    return subj if subj is not None and not mask.inside(subj.idx) else None


def subject_of(verb: Any, mask: QuoteMask | None = None) -> Any:
    """The token that says who spoke: subject, passive agent, `according to X`, or the owner
    of a noun of saying ("Trump's claim").

    With `mask`, a climb from a participle to the verb it hangs on passes over quoted words:
    "Trump told Newsmax that Romney “had a crazy policy,” adding, “He lost ...”" hangs
    "adding" on the quoted "had", whose subject (Romney) is who the quote is about."""
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
    subj = _nearest_subject(verb, ("nsubj", "csubj"))
    if subj is not None:
        return subj  # "Smith, who said": stays "who"; models.actors resolves it
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
        quoted = mask is not None and v.i != verb.i and mask.inside(v.idx)
        if v.dep_ not in _CLIMB_DEPS + (("ccomp",) if quoted else ()) or v.head.i == v.i:
            break
        v = v.head
        if v.pos_ in ("VERB", "AUX") and not (mask is not None and mask.inside(v.idx)):
            subj = _nearest_subject(v, ("nsubj",))
            if subj is not None:
                return subj
    adjacent = _adjacent_subject(verb)
    if adjacent is not None:
        return adjacent
    # "a statement saying ...": the noun the participle describes
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if mask is not None and (verb.tag_ == "VBG" or verb.tag_ in _FINITE_VERB_TAGS):
        return _clause_subject_before(verb, mask)
    return None


def _clause_subject_before(verb: Any, mask: QuoteMask) -> Any:
    """A participle the parser hung on quoted words it cannot climb out of: "Mr. Trump hardly
    clarified the matter, treating her remark as a compliment -- ''That makes me smart'' -- and,
    when questioned, asserting, ''Of course, I pay federal taxes.''" (the quote is the root). The
    participle's doer is the nearest subject before it, in its sentence and paragraph, of a
    finite verb that is not quoted. A finite cue left without a subject gets the same search:
    "Obama Says ...\n\nWASHINGTON -- President Obama, ..., said" hangs the dateline on the
    headline's verb (`_past_dateline` then names the apposition)."""
    for k in range(verb.i - 1, verb.sent.start - 1, -1):
        tok = verb.doc[k]
        if _breaks_line(tok):
            break
        if tok.dep_ != "nsubj" or mask.inside(tok.idx) or _is_temporal(tok):
            continue
        head = tok.head
        if head.tag_ not in _FINITE_VERB_TAGS or mask.inside(head.idx):
            continue
        if verb.tag_ != "VBG" and not _line_breaks(verb.doc, *sorted((head.i, tok.i))):
            # a finite cue: only the headline-joined parse; elsewhere another clause's subject
            # ("given the EU's efforts -- which Tim Cook called ''crap''": not "it" of "it is")
            continue
        return _past_dateline(_named_conjunct(tok))
    return None


def _breaks_line(tok: Any) -> bool:
    return "\n" in tok.text or "\n" in tok.whitespace_


def _line_breaks(doc: Any, lo: int, hi: int) -> list[int]:
    """Indices of tokens lo..hi-1 that end a line (a break token or one followed by a break)."""
    return [k for k in range(lo, hi) if _breaks_line(doc[k])]


_CLIMB_DEPS = ("conj", "xcomp", "advcl", "pcomp", "prep")


def _adjacent_subject(verb: Any) -> Any:
    """The name or noun phrase right before a finite verb of saying that the parser left
    without a subject: "“Go back to Univision,” Trump barked" (Trump read as a compound of
    "barked"), "a man yelled “Stay there!”" ("yelled" read as a clause on "man"), "..., former
    president Bill Clinton said" (the name read as an apposition of the previous one). A
    participle ("a statement released Monday") is left alone unless the name hangs on it as
    a compound, which no participle takes (spaCy tags "barked" there as one)."""
    if verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if verb.tag_ not in ("VBD", "VBZ") and not (verb.tag_ == "VBN" and prev.dep_ == "compound" and prev.head.i == verb.i):
        return None
    if prev.dep_ not in ("compound", "appos", "nsubj", "nmod") or _is_temporal(prev):
        return None
    if prev.pos_ == "PROPN" or (prev.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in prev.children)):
        return prev
    return None


def _nearest_subject(verb: Any, deps: tuple[str, ...]) -> Any:
    """The verb's subject; of two (a dateline or a place the parser reads as one more subject:
    "RENO, Nev. (AP) — ... Donald Trump said", "Speaking in Salem, New Hampshire, Trump went
    after Bush, calling him ...") the one nearest before the verb; a title coordinated with a
    name, the name (`_named_conjunct`). A day or a time is never the speaker, even where the
    parser makes it the subject ("Saturday at the convention Sen. Elizabeth Warren said ...",
    "Carson noted that Saturday would have been ... and quoted Reagan")."""
    subjects = [c for c in verb.children if c.dep_ in deps and not _is_temporal(c)]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    subj = _named_conjunct(max(before, key=lambda c: c.i) if before else subjects[0])
    return _past_dateline(_past_paragraph_break(subj, verb))


def _past_paragraph_break(subj: Any, verb: Any) -> Any:
    """A subject in an earlier paragraph is the parser joining a headline to the first line
    ("Obama Says Museum Will Tell ...\n\nWASHINGTON -- President Obama, ..., said": the subject
    of "said" is the headline's "Says"). The speaker is then the apposition after the break, if
    the parse has one, else nobody the subject can name."""
    if subj.i > verb.i:
        return subj
    breaks = _line_breaks(subj.doc, subj.i, verb.i)
    if not breaks:
        return subj
    after = [t for t in subj.subtree if breaks[-1] < t.i < verb.i and t.dep_ == "appos" and not _is_temporal(t)]
    return min(after, key=lambda t: t.i) if after else None


_DATELINE_DASHES = _DASHES_ALWAYS | {"--", "-"}


def _past_dateline(subj: Any) -> Any:
    """"WASHINGTON -- President Obama, dedicating the museum, said ...": the parser makes the
    dateline the subject and the speaker its apposition; the speaker is the apposition."""
    if subj is None:
        return None
    doc = subj.doc
    if not (subj.text.isupper() and len(subj.text) > 1 and subj.i + 1 < len(doc) and doc[subj.i + 1].text in _DATELINE_DASHES):
        return subj
    for c in subj.children:
        if c.dep_ == "appos" and c.i > subj.i:
            return c
    return subj


def _named_conjunct(subj: Any) -> Any:
    """A title the parser coordinated with the name it introduces ("Sirius XM Vice President
    for news and talk Dave Gorab called ..." read as "President ... and Gorab") is that person:
    a subject that is no name nor pronoun, with a person conjunct, is the person."""
    if subj.ent_type_ == "PERSON" or subj.pos_ == "PRON":
        return subj
    for c in subj.children:
        if c.dep_ == "conj" and c.ent_type_ == "PERSON" and c.head.i == subj.i:
            return c
    return subj


def modified_noun(tok: Any) -> Any:
    """The noun a name or adjective only modifies ("Republican" in "Republican pollster Daron
    Shaw" -> "Shaw", "White House" in "White House officials" -> "officials"), or None when the
    token heads a noun phrase of its own."""
    g = tok
    for _ in range(4):
        if g.dep_ not in ("amod", "compound") or g.head.i <= g.i or g.head.i - g.i > 4 or g.head.pos_ not in ("NOUN", "PROPN"):
            break
        g = g.head
    return g if g.i != tok.i else None


def mention_span(doc: Any, tok: Any) -> tuple[int, int]:
    """Token range of the noun phrase naming the speaker.

    Left modifiers (titles, compounds, determiners) stay, so that "US President Donald Trump"
    is read whole; right modifiers stay only for common nouns ("a source familiar with the
    talks"), cut at commas and relative clauses, so that appositions do not swallow the quote.
    """
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("punct", "cc", "preconj", "case") or c.tag_ in _FINITE_VERB_TAGS:
            continue  # a finite verb is never part of the name ("described Trump": a misparse)
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
            if c.dep_ in ("prep", "amod", "acl", "compound") and c.right_edge.i - tok.i <= 10 and c.tag_ not in _FINITE_VERB_TAGS:
                if any(t.is_punct and (t.text in ",;:—–(" or t.text in QUOTE_MARK_TOKENS)
                       for t in doc[tok.i + 1 : c.right_edge.i + 1]):
                    break  # an apposition, a clause, or a modifier that runs into quoted words
                right = max(right, c.right_edge.i + 1)
            else:
                break
    if right - left > 14:
        left = max(left, tok.i - 6)
        right = min(right, tok.i + 8)
    return trim_mention(doc, left, right, tok.i)


def trim_mention(doc: Any, a: int, b: int, head: int) -> tuple[int, int]:
    """The part of tokens a..b around `head` that crosses no boundary a name never spans: a
    quotation mark (an entity or noun phrase "signs calling Christie “New Jersey's Biggest
    Loser" is cut back to its own words), a line break, or a dateline's dash ("RENO, Nev. (AP)
    — Republican presidential hopeful Donald Trump" is the hopeful, not the dateline)."""
    head = min(max(head, a), b - 1)
    lo, hi = head, head + 1
    while lo > a and not _is_name_boundary(doc[lo - 1]):
        lo -= 1
    while hi < b and not _is_name_boundary(doc[hi]):
        hi += 1
    return lo, hi


def _is_name_boundary(tok: Any) -> bool:
    if tok.text in _SINGLE_MARKS and (tok.tag_ == "POS" or tok.dep_ == "case"):
        return False  # a possessive apostrophe ("White House officials’ spokesman") is in the name
    if tok.text in QUOTE_MARK_TOKENS or "\n" in tok.text or tok.text in _DASHES_ALWAYS:
        return True
    # a hyphen is a dateline's dash only with spaces around it ("Ki-moon" is one name)
    return tok.text in ("-", "--") and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def nearby_speaker(idx: DocIndex, mask: QuoteMask, cue: Any) -> Any:
    """When the parse gives the cue no subject: a name or pronoun right next to it.

    A passive cue with a subject ("Farook's name was announced") has no speaker to find; a name
    after the cue counts only after a verb that inverts ("..., said Trump"); a possessive "'s"
    is never the head (the entity's name before it is)."""
    doc = idx.doc
    if any(c.dep_ == "nsubjpass" for c in cue.children):
        return None
    offsets = (1, -1, 2, -2, 3, -3, -4, 4, -5, -6, -7, -8)
    if cue.lemma_.lower() not in INVERSION_LEMMAS:
        offsets = tuple(o for o in offsets if o < 0)
    for off in offsets:
        k = cue.i + off
        if 0 <= k < len(doc):
            t = doc[k]
            if mask.inside(t.idx) or idx.sent_of[k] != idx.sent_of[cue.i]:
                continue
            if t.is_punct or t.dep_ == "case" or t.pos_ == "PART":
                continue
            if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in ("he", "she", "they"):
                if t.ent_type_ and t.ent_iob_ == "I":
                    # use the entity's last word as head (not a trailing "'s")
                    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I" and doc[k + 1].dep_ != "case" and not doc[k + 1].is_punct:
                        k += 1
                    return doc[k]
                return t
    return None
