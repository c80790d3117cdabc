"""The mention resolver: a speaker mention, read in article order, becomes a raw name.

The PERSON/ORG entity inside the mention, a pronoun's antecedent (most recent fitting person or
organisation, with gender cues from titles and first names), a role noun's bearer ("the
president" -> the last person titled President), or a surname's full name. Rules over spaCy's
entities and parse: no coreference library installs offline on our stack.
"""

from __future__ import annotations

import bisect
from typing import Any, Callable

from models.quotes.subjects import mention_span
from models.actors.names import (
    NOT_PEOPLE,
    ORG_GENERIC,
    ORG_PRONOUNS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    UNRESOLVABLE,
    clean_name,
    guess_gender,
    strip_titles,
)

__all__ = ["MentionResolver"]

_MAX_LOOKBACK_CHARS = 6000
_SUBJECT_LOOKBACK_CHARS = 1500


def _description_word(tok: Any) -> str:
    """A word of a description, with nationality adjectives and their countries made equal
    ("Russian" and "Russia's" are both "russia")."""
    low = tok.lemma_.lower()
    for suffix, repl in (("ian", "ia"), ("ean", "e"), ("ese", "")):
        if tok.pos_ == "ADJ" and tok.text[:1].isupper() and low.endswith(suffix):
            return low[: len(low) - len(suffix)] + repl
    return low


# Subjects that show a person ("Footage of Al-Awlaki again appears. “...,” he says"): the
# person shown carries the discourse as if they were the subject.
_DEPICTION_NOUNS = frozenset({"footage", "video", "clip", "image", "photo", "picture", "recording", "audio"})


def _depicted(tok: Any) -> bool:
    """`tok` is the object of "of" after a subject noun of depiction ("Footage of X appears")."""
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.dep_ in ("nsubj", "nsubjpass")
            and prep.head.lemma_.lower() in _DEPICTION_NOUNS)


def _misread_person(ent: Any) -> bool:
    """An ORG entity that is a person's name: "Carly Fiorina threw her support behind ...".
    The small model tags some names ORG throughout an article, and every later "she" then
    found no antecedent. Taken only when the first name is a known one and the next personal
    pronoun, before any other person, has that name's gender (so "Morgan Stanley said it" or
    "Charles Schwab ... its clients" stay organisations)."""
    if (ent.label_ != "ORG" or not 2 <= len(ent) <= 3 or ent[-1].pos_ != "PROPN"
            or not all(t.is_alpha and t.is_title for t in ent)):  # the tagger can call "Carly" an adverb
        return False
    gender = guess_gender(ent.text)
    if gender is None:
        return False
    doc = ent.doc
    for t in doc[ent.end : min(len(doc), ent.end + 25)]:
        if t.ent_type_ == "PERSON":
            return False
        if t.lower_ in ORG_PRONOUNS:
            return False
        g = PRONOUN_GENDER.get(t.lower_)
        if g:
            return g == gender
    return False


def _subject_like(tok: Any) -> bool:
    """The entity is the subject of its clause (or an apposition/compound inside one)."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ in ("relcl", "acl"):
            # the subject of a clause on a noun ("asked about the event that Clinton faces
            # Trump, she replied"): it does not carry the discourse, the previous speaker does
            return False
        if tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return True
        if tok.dep_ == "compound" and tok.head.ent_type_ != "PERSON":
            return False  # "the Clinton campaign": a modifier, not the subject
        if tok.dep_ in ("appos", "compound", "conj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return False
    return False


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
            if ent.label_ == "PERSON" or _misread_person(ent):
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
        # a surname the NER tags PERSON somewhere but ORG or GPE here ("Trump has record low
        # support ... He recently ..."): still the person
        surnames = {n.split()[-1] for n in self.all_person_names}
        headline_end = self.text.find("\n") if "\n" in self.text[:300] else 0
        for tok in doc:
            if (
                (tok.dep_ in ("nsubj", "nsubjpass") or _depicted(tok))
                and tok.pos_ == "PROPN"
                and (not tok.ent_type_ or (tok.ent_type_ != "PERSON" and tok.text in surnames and tok.ent_iob_ == "B"
                                           and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I")))
                and tok.text[:1].isupper()
                and not inside(tok.idx)
                and tok.idx >= headline_end  # "Old Hands Help Russia ...": a title-cased headline's subject is no name
            ):
                left = tok.i
                while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN" and not doc[left - 1].ent_type_:
                    left -= 1
                while left > 1 and doc[left - 1].text == "-" and not doc[left - 2].whitespace_ and not doc[left - 1].whitespace_:
                    left -= 2  # a hyphenated name ("Al-Awlaki"), parsed as three tokens
                start = doc[left].idx
                if start in seen:
                    continue
                name = strip_titles(clean_name(doc[left : tok.i + 1].text))
                if tok.lower_ in ORG_GENERIC or tok.lower_ in ORG_ROLE_NOUNS or tok.lower_ in NOT_PEOPLE:
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
        self.descriptions = self._collect_descriptions(inside)
        self.history: list[tuple[int, str, Any]] = []  # (char, raw name, head token) of speakers
        self.sent_starts = [sent.start_char for sent in doc.sents]

    def _collect_descriptions(self, inside: Callable[[int], bool]) -> list[tuple[int, str, frozenset[str]]]:
        """(start, name, description words) for each person the article describes in an
        apposition: "Kirill Dmitriev, Russia's chief negotiator," gives {negotiator, chief,
        russia}; "The council's finance chair, Maria Delgado," gives {chair, finance, council}.
        A later "the Russian negotiator" is then the described person, not a new actor."""
        out: list[tuple[int, str, frozenset[str]]] = []
        for ent in self.ents:
            if ent.label_ != "PERSON" or inside(ent.start_char):
                continue
            name = strip_titles(clean_name(ent.text))
            if not name:
                continue
            root = ent.root
            phrases = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                phrases.append(root.head)
            words: set[str] = set()
            for phrase in phrases:
                lo = phrase.left_edge.i if phrase.i != root.head.i else max(phrase.left_edge.i, phrase.i - 6)
                hi = phrase.right_edge.i if phrase.i != root.head.i else phrase.i
                for t in self.doc[lo : hi + 1]:
                    if t.pos_ in ("NOUN", "PROPN", "ADJ") and not (ent.start <= t.i < ent.end):
                        words.add(_description_word(t))
            if words:
                out.append((ent.start_char, name, frozenset(words)))
        return out

    def _described_person(self, head: Any, mention: Any, before: int) -> str | None:
        """"the Russian negotiator": the most recent person described with the head noun, and
        with every adjective or noun modifier the mention adds ("Russian" ~ "Russia's")."""
        if not self.descriptions:
            return None
        wanted = {_description_word(head)}
        wanted |= {_description_word(t) for t in mention if t.i != head.i and t.dep_ in ("amod", "compound")
                   and t.pos_ in ("ADJ", "NOUN", "PROPN")}
        for start, name, words in reversed(self.descriptions):
            if start < before and wanted <= words:
                return self.full_name(name, start + 1)
        return None

    def _learn_gender_from_pronouns(self) -> None:
        """A person named and then referred to as he/she before anyone else is named. A surname
        whose full name in the article has a known first name takes that name's gender instead,
        and a name seen with both pronouns takes the more frequent: "Trump ... than Clinton. “Some people
        feel Trump will ...,” she said" had made "Trump" female, and every later "she" his."""
        doc = self.doc
        learned: dict[str, list[str]] = {}
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name = strip_titles(clean_name(ent.text))
            if name in self.gender_of:
                continue
            if len(name.split()) == 1:
                known = guess_gender(self.full_name(name, ent.start_char + 1))
                if known:
                    self.gender_of[name] = known
                    continue
            end = min(len(doc), ent.end + 25)
            for t in doc[ent.end : end]:
                g = PRONOUN_GENDER.get(t.lower_)
                if g:
                    learned.setdefault(name, []).append(g)
                    break
                if t.ent_type_ == "PERSON":
                    break
        for name, genders in learned.items():
            if name not in self.gender_of:  # the majority; on a tie the first
                self.gender_of[name] = max(dict.fromkeys(genders), key=genders.count)

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
            if len(parts) < 2 or parts[-1].casefold() != toks[0].casefold():  # "Al-Awlaki", "al-Awlaki"
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
        near = self._previous_sentence_start(before)
        mentioned_speaker = None  # a recent speaker named as an object: a subject near beats it
        spoke_at, spoke = self._last_named_speaker(before, gender)
        for j in range(k - 1, -1, -1):
            start, name, _g0, _t = self.persons[j]
            if spoke and start < spoke_at:
                return spoke  # the last speaker, by name, is nearer than any subject left
            if before - start > _SUBJECT_LOOKBACK_CHARS or (mentioned_speaker and start < near):
                break
            subject = self.person_is_subject[j]
            if not (subject or self.full_name(name, start + 1) in speakers):
                continue
            found = self._fitting(j, gender)
            if found and subject:
                return found
            if found and mentioned_speaker is None:
                mentioned_speaker = found
        if spoke and (mentioned_speaker is None or spoke_at >= near):
            return spoke  # no person is named before the last speaker (the loop ran out)
        if mentioned_speaker:
            return mentioned_speaker
        for j in range(k - 1, -1, -1):
            if before - self.persons[j][0] > _MAX_LOOKBACK_CHARS:
                break
            found = self._fitting(j, gender)
            if found:
                return found
        return None

    def _last_named_speaker(self, before: int, gender: str | None) -> tuple[int, str | None]:
        """The most recent speaker mention that names someone, where the parse hid the name from
        the entity list ("“...,” Ramos, 58, told AFP" reads "Ramos" as an adverbial organisation):
        it is as salient as a subject at that place."""
        for start, raw, head in reversed(self.history):
            if start >= before:
                continue
            if before - start > _SUBJECT_LOOKBACK_CHARS:
                break
            full = self.full_name(raw, start + 1)
            if head is None or head.pos_ != "PROPN" or head.ent_type_ == "PERSON" or full not in self.all_person_names:
                return 0, None  # a pronoun, a tagged name (the entity index has it) or no person
            g = self.gender_of.get(raw) or self._gender_of_full(full)
            if gender and g and g != gender:
                return 0, None
            return start, full
        return 0, None

    def _previous_sentence_start(self, at: int) -> int:
        """Where the sentence before the one holding `at` starts (centering looks that far for
        a subject before it settles for a speaker named as an object: "Calderon intimated
        disappointment that Americans have given Trump a shot. “...,” he said" is Calderon)."""
        k = bisect.bisect_right(self.sent_starts, at) - 1
        return self.sent_starts[max(0, k - 1)] if self.sent_starts else 0

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

    def _appositive_name(self, head: Any) -> str | None:
        """"The council's finance chair, Maria Delgado, said": a role noun whose appositive is
        a person names that person (the role stays among the actor's mentions). Without this
        the role and the name became two actors for one speaker."""
        if head.pos_ == "PROPN":
            return None
        for child in head.rights:
            if child.dep_ != "appos":
                continue
            if child.ent_type_ != "PERSON":
                # the NER can miss a name next to blanked markup ("Ana Lopez<script>…</script>,"):
                # two to four capitalised proper nouns in apposition to a role noun are a name
                words = self.doc[child.left_edge.i : child.i + 1]
                if 2 <= len(words) <= 4 and all(w.pos_ == "PROPN" and w.is_alpha and w.is_title for w in words):
                    return self.full_name(strip_titles(clean_name(words.text)), words.start_char + 1)
                continue
            ent = next((e for e in self._ents_in(self.doc[child.left_edge.i : child.i + 1]) if e.start <= child.i < e.end), None)
            if ent is not None:
                name = strip_titles(clean_name(ent.text))
                if name:
                    return self.full_name(name, ent.start_char + 1)
        return None

    def _plural_subject_before(self, pronoun: Any) -> str | None:
        """The nearest plural subject in the pronoun's sentence or the one before, kept whole:
        "European leaders have been clear that they believe ..." is European leaders, not the
        adjective's entity "European" that the organisation fallback would give."""
        doc = self.doc
        sent = pronoun.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for tok in reversed(doc[start : pronoun.i]):
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ in PLURAL_PRONOUNS:
                continue
            if tok.tag_ in ("NNS", "NNPS") or (tok.ent_type_ in ("NORP", "ORG") and tok.tag_ != "PRP"):
                a, b = mention_span(doc, tok)
                return self._resolve(tok, doc[a:b])
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

    @staticmethod
    def _predicated_person(noun: Any) -> Any:
        """The person a predicate noun describes ("Donald Trump is a serial liar, ... and bully
        who has pledged ...": "who" is Trump, not "bully" nor "rampant xenophobe"), else the noun."""
        first = noun
        for _ in range(12):  # back along "a, b, c and d" (or an apposition) to the first noun
            if first.dep_ not in ("conj", "appos") or first.head.i == first.i:
                break
            first = first.head
        if first.dep_ == "attr":
            verb = first.head
            if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                verb = verb.head  # "Trump incites violence and is a liar ... who": the first verb's subject
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.ent_type_ == "PERSON":
                return subj
        return noun

    def _resolve(self, head: Any, mention: Any) -> str | None:
        low = head.lower_
        at = mention.start_char
        if low in PRONOUN_GENDER:
            return self._recent_person(at, PRONOUN_GENDER[low])
        if low in PLURAL_PRONOUNS:
            # a plural subject just before ("European leaders ... that they believe"), else
            # the last plural speaker, else the last organisation
            group = self._plural_subject_before(head)
            if group is not None:
                return group
            for start, raw, h in reversed(self.history):
                if h is not None and (h.tag_ in ("NNS", "NNPS") or h.ent_type_ in ("ORG", "NORP")):
                    return raw
            return self._recent_org(at)
        if low in ORG_PRONOUNS:
            return self._recent_org(at)
        if low in ("who", "that", "which") and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.head.i:
            # "Smith, who said ...": the relative clause's noun
            ante = self._predicated_person(head.head.head)
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
        named = self._appositive_name(head)
        if named is not None:
            return named
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
            described = self._described_person(head, mention, at)
            if described:
                return described
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
