"""Speakers as actors: resolving each speaker mention to a name, and merging names into actors.

Readers compare actors, not strings: "US President Donald Trump", "Trump", "the president"
and "he" must come out as one actor. This is the one place a quote's `speaker` is set.
models.quotes finds the words that name each speaker (the mention) and stops there; here, for
every quote of the article together, two steps (rules over spaCy's entities and parse; no
coreference library installs offline on our stack):

1. `MentionResolver.resolve`, called in article order, turns a mention into a raw name: the
   PERSON/ORG entity inside the mention, a pronoun's antecedent (most recent fitting person or
   organisation, with gender cues from titles and first names), a role noun's bearer ("the
   president" -> the last person titled President), or a surname's full name.
2. `merge_actors` canonicalises raw names (titles stripped, surnames merged with full names,
   organisations merged with their short forms and acronyms) and builds the Actor list.

`resolve_speakers(extraction, doc)` does both and returns new quotes and the actors.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import Any, Callable

from models.quotes import QuoteExtraction, QuoteMask
from models.schema import Actor, Quote

__all__ = [
    "resolve_speakers",
    "merge_actors",
    "MentionResolver",
    "clean_name",
    "strip_titles",
    "looks_like_org",
    "guess_gender",
]

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "prof", "professor",
    "rev", "reverend", "fr", "father", "sister", "brother", "rabbi", "imam", "sheikh",
}
# Words that can stand before a name as a title or role ("US President Donald Trump").
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "sen", "senator", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "gen",
    "general", "col", "colonel", "lt", "capt", "captain", "adm", "admiral", "sgt", "judge",
    "justice", "chief", "chairman", "chairwoman", "chair", "ceo", "cfo", "director", "ambassador",
    "commissioner", "attorney", "speaker", "leader", "spokesman", "spokeswoman", "spokesperson",
    "candidate", "nominee", "former", "then", "acting", "deputy", "foreign", "defense", "defence",
    "state", "treasury", "finance", "interior", "health", "press", "white", "house", "majority",
    "minority", "democratic", "republican", "gop", "presidential", "us", "u.s.", "u.s", "uk",
    "russian", "ukrainian", "american", "british", "chinese", "french", "german", "israeli",
    "king", "queen", "prince", "princess", "pope", "supreme", "executive", "founder", "host",
    "officer", "official", "aide", "adviser", "advisor", "assistant", "head", "manager",
    "pastor", "bishop", "cardinal", "sheriff", "detective", "inspector", "agent", "coach",
    "rep.", "sen.", "gov.", "gen.", "dr.", "mr.", "mrs.", "ms.", "lt.", "col.", "capt.", "adm.",
}
# Generic words that an organisation's short form drops ("the Treasury Department" -> Treasury).
ORG_GENERIC = {
    "department", "ministry", "agency", "office", "inc", "inc.", "corp", "corp.", "corporation",
    "company", "co", "co.", "ltd", "ltd.", "llc", "group", "the", "of", "u.s.", "us", "committee",
    "administration", "campaign", "bureau", "service", "party",
}
ORG_ROLE_NOUNS = {
    "ministry", "department", "agency", "company", "firm", "government", "administration",
    "campaign", "committee", "office", "bureau", "group", "organization", "organisation",
    "party", "newspaper", "paper", "network", "bank", "court", "council", "commission",
    "kremlin", "pentagon", "university", "union", "board", "team", "club", "police", "army",
}
PERSON_ROLE_NOUNS = {
    "president", "minister", "secretary", "senator", "governor", "mayor", "spokesman",
    "spokeswoman", "spokesperson", "candidate", "nominee", "chairman", "chairwoman", "judge",
    "ambassador", "ceo", "director", "leader", "chief", "official", "general", "congressman",
    "congresswoman", "lawmaker", "prosecutor", "attorney", "speaker", "founder", "king", "queen",
    "pope", "premier", "chancellor", "businessman", "billionaire", "actor", "actress", "author",
    "host", "commissioner", "sheriff", "coach", "manager", "rep", "sen", "gov", "republican",
    "democrat", "mogul", "lawyer", "adviser", "advisor", "aide", "economist", "analyst",
}
MALE_NAMES = set(
    """donald bernie barack joe mike michael john james robert william david richard charles
    joseph thomas christopher daniel paul mark george steven steve kenneth andrew edward brian
    kevin jason jeff jeffrey ryan jacob gary eric jonathan stephen larry justin scott frank
    brandon raymond gregory benjamin samuel patrick alexander jack dennis jerry tyler aaron
    henry adam nathan peter zachary kyle walter harold jeremy ethan carl keith roger gerald
    christian terry sean arthur austin noah lawrence jesse joe bryan billy bruce albert willie
    gabriel logan alan juan wayne roy ralph randy eugene vincent russell louis philip bobby
    johnny bradley ted marco rand chris newt rudy reince sean corey kellyanne tim vladimir
    sergei sergey kirill dmitry dmitri boris emmanuel xi recep benjamin bibi angela jeb ben
    rick lindsey mitch harry nancy bill al dick colin rex jared eric hunter kim mohammed
    muhammad ahmed ali omar hassan viktor volodymyr petro olaf justin narendra shinzo josh
    reid howard mitt marc kerr quentin nick henry elijah tom dan matt jim jeff chuck lindsey
    orrin pat kevin paul rand ron bob bobby ed earl harry martin luis pedro carlos jorge
    francisco oscar edwin steve ken don david cory jon hakeem adam eric elon mark sundar
    tim satya jamie warren lloyd antony sergey rishi keir emmanuel jair andres""".split()
)
FEMALE_NAMES = set(
    """hillary mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
    lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
    janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren
    joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
    kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn
    beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose
    alexis kayla chelsea ivanka melania kellyanne huma sarah elizabeth nikki theresa angela
    marine ursula kamala tulsi hope omarosa sheryl condoleezza madeleine michele heidi loretta
    dianne claire elaine susan terry jill janet nikki sonia ruth lynn hope cheryl kirsten tammy
    debbie gwen maxine barbara kelly ayanna ilhan alexandria lisa liz jen jennifer jane
    sarah mia zoe ella chloe lily aparna carmel ivanka tiffany michelle malia sasha beyonce
    oprah serena simone greta theresa jacinda giorgia kristalina christine margrethe""".split()
)
MALE_NAMES -= FEMALE_NAMES  # a name on both lists is no evidence

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = {"they", "them", "their"}
ORG_PRONOUNS = {"it", "its"}
UNRESOLVABLE = {"i", "we", "you", "me", "us", "one", "who", "that", "which", "this", "there", "these", "those"}

_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_SPACE_RE = re.compile(r"\s+")
_NOT_PEOPLE = {
    "amendment", "act", "law", "bill", "equality", "day", "week", "city", "state", "county",
    "street", "avenue", "center", "centre", "times", "post", "news", "journal", "report",
    "program", "plan", "fund", "initiative", "project", "america",
}
_MAX_LOOKBACK_CHARS = 6000
_SUBJECT_LOOKBACK_CHARS = 1500


def _subject_like(tok: Any) -> bool:
    """The entity is the subject of its clause (or an apposition/compound inside one)."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return True
        if tok.dep_ == "compound" and tok.head.ent_type_ != "PERSON":
            return False  # "the Clinton campaign": a modifier, not the subject
        if tok.dep_ in ("appos", "compound", "conj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return False
    return False


def clean_name(raw: str) -> str:
    """Whitespace collapsed, possessive and surrounding punctuation removed."""
    s = _SPACE_RE.sub(" ", raw).strip()
    s = s.strip(" ,;:.!?\"“”‘’'()[]—–-")
    s = _POSSESSIVE_RE.sub("", s).strip()
    return s


def looks_like_org(name: str) -> bool:
    """Ends in an organisation word ("Treasury Department", "the Kremlin")."""
    toks = name.lower().split()
    return bool(toks) and (toks[-1].strip(".,") in ORG_GENERIC or toks[-1] in ORG_ROLE_NOUNS)


def strip_titles(name: str) -> str:
    """"US President Donald Trump" -> "Donald Trump"; keeps the name if only titles remain.

    Organisation names keep their words ("Treasury Department" is not "Department"); only a
    leading article goes.
    """
    toks = clean_name(name).split()
    if toks and toks[0].lower() == "the" and len(toks) > 1 and looks_like_org(name):
        return " ".join(toks[1:])
    if len(toks) <= 1 or looks_like_org(name):
        return " ".join(toks)
    i = 0
    while i < len(toks) - 1 and (toks[i].lower().rstrip(".") in TITLE_WORDS or toks[i].lower() in TITLE_WORDS or toks[i].lower().rstrip(".") in HONORIFICS or toks[i].lower() in ("the", "a", "an")):
        i += 1
    rest = toks[i:]
    # a title must precede something that looks like a name (capitalised)
    if not rest or not rest[0][:1].isupper():
        return " ".join(toks)
    return " ".join(rest)


def _name_tokens(name: str) -> list[str]:
    return [t for t in name.split() if t]


def guess_gender(name: str, doc_text: str = "", start: int | None = None) -> str | None:
    """"m", "f" or None, from an honorific before the name or its first name."""
    if start is not None and doc_text:
        before = doc_text[max(0, start - 6) : start].lower()
        if re.search(r"\b(mr\.?|sir|lord)\s*$", before):
            return "m"
        if re.search(r"\b(mrs\.?|ms\.?|miss|lady|dame)\s*$", before):
            return "f"
    toks = _name_tokens(name)
    if len(toks) >= 2 or (toks and toks[0].lower() in MALE_NAMES | FEMALE_NAMES):
        first = toks[0].lower().rstrip(".")
        if first in FEMALE_NAMES:
            return "f"
        if first in MALE_NAMES:
            return "m"
    return None


class MentionResolver:
    """Reads speaker mentions in article order and turns each into a raw name.

    Built once per doc: entity positions are indexed so that each lookup walks back from the
    mention only as far as needed (bounded), never over the whole article.
    """

    def __init__(self, doc: Any, inside_quote: Callable[[int], bool] | None = None, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text is rebuilt on each access
        inside = inside_quote or (lambda _c: False)
        self.ents = list(doc.ents)  # Span.ents walks the whole doc's entities: index them once
        self.ent_token_starts = [e.start for e in self.ents]
        # entities outside quotes, in order (names inside quotes are rarely the speaker)
        self.persons: list[tuple[int, str, str | None, str]] = []  # (start, name, gender, title-before)
        self.person_is_subject: list[bool] = []
        self.orgs: list[tuple[int, str]] = []
        self.all_person_names: list[str] = []
        for ent in self.ents:
            if ent.label_ == "PERSON":
                name = strip_titles(clean_name(ent.text))
                if not name:
                    continue
                self.all_person_names.append(name)
                if inside(ent.start_char):
                    continue
                title = " ".join(t.lower_ for t in doc[max(0, ent.start - 4) : ent.start])
                self.persons.append((ent.start_char, name, guess_gender(name, self.text, ent.start_char), title))
                self.person_is_subject.append(_subject_like(ent.root))
            elif ent.label_ in ("ORG", "NORP", "GPE") and not inside(ent.start_char):
                self.orgs.append((ent.start_char, clean_name(ent.text)))
        # proper-noun subjects the NER missed ("Ham said ...") are people too, of unknown gender
        seen = {p[0] for p in self.persons}
        for tok in doc:
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.pos_ == "PROPN"
                and not tok.ent_type_
                and tok.text[:1].isupper()
                and not inside(tok.idx)
            ):
                left = tok.i
                while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN" and not doc[left - 1].ent_type_:
                    left -= 1
                start = doc[left].idx
                if start in seen:
                    continue
                name = strip_titles(clean_name(doc[left : tok.i + 1].text))
                if tok.lower_ in ORG_GENERIC or tok.lower_ in ORG_ROLE_NOUNS or tok.lower_ in _NOT_PEOPLE:
                    continue
                if name and name.lower() not in UNRESOLVABLE:
                    self.persons.append((start, name, None, ""))
                    self.person_is_subject.append(True)
        order = sorted(range(len(self.persons)), key=lambda j: self.persons[j][0])
        self.persons = [self.persons[j] for j in order]
        self.person_is_subject = [self.person_is_subject[j] for j in order]
        self.person_starts = [p[0] for p in self.persons]
        self.org_starts = [o[0] for o in self.orgs]
        self.gender_of: dict[str, str] = {}
        for _s, name, g, _t in self.persons:
            if g and name not in self.gender_of:
                self.gender_of[name] = g
        self._learn_gender_from_pronouns()
        self.history: list[tuple[int, str, Any]] = []  # (char, raw name, head token) of speakers

    def _learn_gender_from_pronouns(self) -> None:
        """A person named as subject and then referred to as he/she in the next sentence."""
        doc = self.doc
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name = strip_titles(clean_name(ent.text))
            if name in self.gender_of:
                continue
            end = min(len(doc), ent.end + 25)
            for t in doc[ent.end : end]:
                g = PRONOUN_GENDER.get(t.lower_)
                if g:
                    self.gender_of.setdefault(name, g)
                    break
                if t.ent_type_ == "PERSON":
                    break

    # -- lookups ---------------------------------------------------------------------------

    def _gender_of_full(self, name: str) -> str | None:
        return self.gender_of.get(name) or guess_gender(name)

    def full_name(self, name: str, before: int | None = None, gender: str | None = None) -> str:
        """A lone surname -> the most recent fuller name ending in it (else any in the doc),
        skipping full names of the other gender ("she" + Clinton is not Bill Clinton)."""
        toks = name.split()
        if len(toks) != 1:
            return name

        def fits(n: str) -> bool:
            parts = n.split()
            if len(parts) < 2 or parts[-1] != toks[0]:
                return False
            g = self._gender_of_full(n)
            return not (gender and g and g != gender)

        k = bisect.bisect_left(self.person_starts, before if before is not None else len(self.text))
        for j in range(k - 1, max(-1, k - 400), -1):
            if fits(self.persons[j][1]):
                return self.persons[j][1]
        for n in self.all_person_names:
            if fits(n):
                return n
        return name

    def _fitting(self, j: int, gender: str | None) -> str | None:
        """persons[j] as a full name if its gender does not contradict `gender`."""
        start, name, g0, _t = self.persons[j]
        full = self.full_name(name, start + 1, gender)
        g = g0 or self.gender_of.get(name) or self._gender_of_full(full)
        if g is None and full == name and len(name.split()) == 1:
            # a surname whose only full name is of the other gender ("she" is not Stumpf
            # when the article calls him John Stumpf)
            g = self._gender_of_full(self.full_name(name, start + 1))
        if gender and g and g != gender:
            return None
        return full

    def _recent_person(self, before: int, gender: str | None) -> str | None:
        """Most recent fitting person, preferring subjects (centering: "Smith met Jones. He
        said ..." is Smith) and earlier speakers over names in objects and prepositions."""
        k = bisect.bisect_left(self.person_starts, before)
        speakers = {raw for _s, raw, _h in self.history[-3:]}
        for j in range(k - 1, -1, -1):
            start, name, _g0, _t = self.persons[j]
            if before - start > _SUBJECT_LOOKBACK_CHARS:
                break
            if not (self.person_is_subject[j] or self.full_name(name, start + 1) in speakers):
                continue
            found = self._fitting(j, gender)
            if found:
                return found
        for j in range(k - 1, -1, -1):
            if before - self.persons[j][0] > _MAX_LOOKBACK_CHARS:
                break
            found = self._fitting(j, gender)
            if found:
                return found
        return None

    def _recent_org(self, before: int) -> str | None:
        k = bisect.bisect_left(self.org_starts, before)
        for j in range(k - 1, -1, -1):
            start, name = self.orgs[j]
            if before - start > _MAX_LOOKBACK_CHARS:
                break
            return name
        return None

    def _role_bearer(self, role: str, before: int) -> str | None:
        """"the president" -> the last person with President in the words before their name."""
        k = bisect.bisect_left(self.person_starts, before)
        for j in range(k - 1, -1, -1):
            start, name, _g, title = self.persons[j]
            if role in title.split():
                return self.full_name(name, start + 1)
        return None

    def _org_with(self, noun: str, before: int) -> str | None:
        k = bisect.bisect_left(self.org_starts, before)
        for j in range(k - 1, -1, -1):
            if noun in self.orgs[j][1].lower().split():
                return self.orgs[j][1]
        return None

    def _previous_speaker_with_head(self, lemma: str, before: int) -> str | None:
        for start, raw, head in reversed(self.history):
            if start < before and head is not None and head.lemma_.lower() == lemma:
                return raw
        return None

    def _ents_in(self, mention: Any) -> list[Any]:
        k = bisect.bisect_left(self.ent_token_starts, mention.start)
        out = []
        while k < len(self.ents) and self.ents[k].start < mention.end:
            if self.ents[k].end <= mention.end:
                out.append(self.ents[k])
            k += 1
        return out

    # -- the entry point -------------------------------------------------------------------

    def resolve(self, head: Any, mention: Any) -> str | None:
        """Raw speaker name for a mention whose syntactic head is `head` (spaCy Token)."""
        try:
            raw = self._resolve(head, mention)
        except Exception:  # a resolver bug must not lose the quote
            raw = None
        if raw is not None:
            self.history.append((mention.start_char, raw, head))
        return raw

    def _resolve(self, head: Any, mention: Any) -> str | None:
        low = head.lower_
        at = mention.start_char
        if low in PRONOUN_GENDER:
            return self._recent_person(at, PRONOUN_GENDER[low])
        if low in PLURAL_PRONOUNS:
            # the last plural speaker, else the last organisation
            for start, raw, h in reversed(self.history):
                if h is not None and (h.tag_ in ("NNS", "NNPS") or h.ent_type_ in ("ORG", "NORP")):
                    return raw
            return self._recent_org(at)
        if low in ORG_PRONOUNS:
            return self._recent_org(at)
        if low in ("who", "that", "which") and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.head.i:
            # "Smith, who said ...": the relative clause's noun
            ante = head.head.head
            if ante.lower_ not in ("who", "that", "which"):
                return self._resolve(ante, self.doc[ante.left_edge.i if ante.left_edge.i >= ante.i - 6 else ante.i : ante.i + 1])
        if low in UNRESOLVABLE:
            return None
        # a named entity in the mention
        ents = self._ents_in(mention)
        persons = [e for e in ents if e.label_ == "PERSON"]
        if persons:
            # the entity that contains the head, else the last one
            ent = next((e for e in persons if e.start <= head.i < e.end), persons[-1])
            return self.full_name(strip_titles(clean_name(ent.text)), ent.start_char + 1)
        orgs = [e for e in ents if e.label_ in ("ORG", "NORP", "GPE")]
        proper = head.pos_ == "PROPN" and head.text[:1].isupper()
        if orgs and proper:
            ent = next((e for e in orgs if e.start <= head.i < e.end), orgs[-1])
            return clean_name(ent.text)
        if proper:
            name = strip_titles(clean_name(" ".join(t.text for t in mention if t.pos_ == "PROPN" or t.i == head.i)))
            return self.full_name(name, at) if name else None
        # role nouns: "the president", "the ministry", "the source"
        lemma = head.lemma_.lower()
        det = [t.lower_ for t in mention if t.dep_ == "det" and t.head.i == head.i]
        definite = bool(det) and det[0] in ("the", "this", "that")
        if definite and head.tag_ in ("NN", "NNP"):
            if lemma in PERSON_ROLE_NOUNS:
                bearer = self._role_bearer(lemma, at)
                if bearer:
                    return bearer
            if lemma in ORG_ROLE_NOUNS:
                org = self._org_with(lemma, at)
                if org:
                    return org
            prev = self._previous_speaker_with_head(lemma, at)
            if prev:
                return prev
        return clean_name(mention.text) or None


# --------------------------------------------------------------------------------------------
# Canonical actors
# --------------------------------------------------------------------------------------------


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ("of", "the", "and", "for", "&")]
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def _org_key(name: str) -> str:
    toks = [t.lower().strip(".,") for t in name.split()]
    core = [t for t in toks if t not in ORG_GENERIC]
    return " ".join(core) if core else " ".join(toks)


def _is_pronoun(s: str) -> bool:
    low = s.lower()
    return low in PRONOUN_GENDER or low in PLURAL_PRONOUNS or low in ORG_PRONOUNS or low in UNRESOLVABLE


class _Canon:
    """Union of raw names into canonical actors, order-stable."""

    def __init__(self, person_names: list[str]) -> None:
        self.names: list[str] = []  # canonical names in first-seen order
        self.person_full: dict[str, list[str]] = {}
        for n in person_names:
            parts = n.split()
            if len(parts) >= 2:
                self.person_full.setdefault(parts[-1], [])
                if n not in self.person_full[parts[-1]]:
                    self.person_full[parts[-1]].append(n)

    def canonical(self, raw: str) -> str:
        name = strip_titles(clean_name(raw))
        if not name:
            return clean_name(raw)
        if name.lower().startswith(("a ", "an ", "another ", "some ", "two ", "three ", "several ", "one ")):
            first, rest = name.split(" ", 1)
            return first.lower() + " " + rest  # unnamed source, kept as the article names it
        if name.lower().startswith("the ") and name[4:5].islower():
            return "the " + name[4:]
        parts = name.split()
        if len(parts) == 1 and parts[0] in self.person_full and len(self.person_full[parts[0]]) == 1:
            name = self.person_full[parts[0]][0]
        # merge with a name already seen
        for existing in self.names:
            if self._same(existing, name):
                if len(name) > len(existing) and not name.lower().startswith("the "):
                    self.names[self.names.index(existing)] = name
                    return name
                return existing
        self.names.append(name)
        return name

    def _same(self, a: str, b: str) -> bool:
        if a.lower() == b.lower():
            return True
        ta, tb = a.split(), b.split()
        if not ta or not tb:
            return False
        # person: surname alone vs full name, or same first+last with a middle name
        if ta[-1] == tb[-1] and (len(ta) == 1 or len(tb) == 1) and ta[-1][:1].isupper():
            return True
        if len(ta) >= 2 and len(tb) >= 2 and ta[0] == tb[0] and ta[-1] == tb[-1]:
            return True
        # organisation: same core words, or acronym
        ka, kb = _org_key(a), _org_key(b)
        if ka and ka == kb and (a[:1].isupper() and b[:1].isupper()):
            return True
        if len(tb) == 1 and tb[0].isupper() and len(tb[0]) >= 2 and _acronym(a) == tb[0].replace(".", ""):
            return True
        if len(ta) == 1 and ta[0].isupper() and len(ta[0]) >= 2 and _acronym(b) == ta[0].replace(".", ""):
            return True
        return False


def resolve_speakers(
    extraction: QuoteExtraction, doc: Any, strict: bool = False
) -> tuple[list[Quote], list[Actor]]:
    """The extraction's quotes with their canonical speakers, and the actors they make up.

    Returns new Quote values (the extraction's are left as they are). Quotes whose speaker
    could not be resolved have `speaker=None` and belong to no actor. Never raises unless
    `strict`: a failure keeps the quotes, with the raw names found so far or none.
    """
    quotes = list(extraction.quotes)
    raw = _raw_names(extraction, doc, strict)
    try:
        names, actors = merge_actors(quotes, raw, doc)
    except Exception:  # pragma: no cover - never lose the quotes over actor merging
        if strict:
            raise
        names, actors = [clean_name(r) or None if r is not None else None for r in raw], []
    return [dataclasses.replace(q, speaker=n) for q, n in zip(quotes, names)], actors


def _raw_names(extraction: QuoteExtraction, doc: Any, strict: bool) -> list[str | None]:
    """Each quote's raw speaker name: its own mention resolved in article order (the resolver
    remembers earlier speakers), or the name of the quote whose attribution it continues."""
    raw: list[str | None] = [None] * len(extraction.quotes)
    if not extraction.mentions:
        return raw
    try:
        resolver = MentionResolver(doc, QuoteMask(extraction.pairs).inside)
    except Exception:  # pragma: no cover - an odd parse: mentions stay unresolved
        if strict:
            raise
        return raw
    for m in extraction.mentions:
        if m.source_id is None:
            a, b = m.tokens
            raw[m.quote_id] = resolver.resolve(doc[m.head], doc[a:b])
    for m in extraction.mentions:
        if m.source_id is not None:
            raw[m.quote_id] = raw[m.source_id]
    return raw


def merge_actors(
    quotes: Sequence[Quote], raw_names: Sequence[str | None], doc: Any
) -> tuple[list[str | None], list[Actor]]:
    """Canonical speaker names (one per quote) and the actors, from each quote's raw name.

    A quote without a raw name falls back to its mention's words unless the mention is a
    pronoun ("a source familiar with the talks" names someone; an unresolved "he" does not).
    """
    person_names = [strip_titles(clean_name(e.text)) for e in doc.ents if e.label_ == "PERSON"] if doc is not None else []
    canon = _Canon(person_names)
    per_quote: list[str | None] = []
    for q, raw in zip(quotes, raw_names):
        if raw is None and q.speaker_mention is not None and not _is_pronoun(q.speaker_mention.text):
            raw = q.speaker_mention.text
        if raw is None or not clean_name(raw):
            per_quote.append(None)
            continue
        per_quote.append(canon.canonical(raw))
    # a later, fuller name may have replaced an earlier canonical one: re-map
    final: list[str | None] = []
    for c in per_quote:
        if c is None:
            final.append(None)
            continue
        match = next((n for n in canon.names if canon._same(n, c)), c)
        final.append(match)
    actors: dict[str, Actor] = {}
    for q, name in zip(quotes, final):
        if name is None:
            continue
        actor = actors.setdefault(name, Actor(name=name))
        actor.quote_ids.append(q.id)
        if q.speaker_mention is not None:
            m = " ".join(q.speaker_mention.text.split())
            if m and m not in actor.mentions:
                actor.mentions.append(m)
    return final, list(actors.values())
