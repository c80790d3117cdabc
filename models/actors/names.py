"""Names: cleaning, titles, gender cues and the lexicons behind them.

Why apart from the resolver: whether two strings name the same person ("US President Donald
Trump", "Trump") is a question about names alone, asked by both the mention resolver and the
canonicaliser; keeping the word lists and the string rules here lets each be tested alone.
"""

from __future__ import annotations

import re

__all__ = [
    "NOT_PEOPLE",
    "ORG_PRONOUNS",
    "PLURAL_PRONOUNS",
    "PRONOUN_GENDER",
    "UNRESOLVABLE",
    "acronym",
    "clean_name",
    "guess_gender",
    "is_pronoun",
    "looks_like_org",
    "name_tokens",
    "org_key",
    "strip_titles",
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
    christian sean arthur austin noah lawrence jesse joe bryan billy bruce albert willie
    gabriel logan alan juan wayne roy ralph randy eugene vincent russell louis philip bobby
    johnny bradley ted marco rand chris newt rudy reince sean corey tim vladimir
    sergei sergey kirill dmitry dmitri boris emmanuel xi recep benjamin bibi jeb ben
    rick lindsey mitch harry bill al dick colin rex jared eric hunter kim mohammed
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
    dianne claire elaine susan jill janet nikki sonia ruth lynn hope cheryl kirsten tammy
    debbie gwen maxine barbara kelly ayanna ilhan alexandria lisa liz jen jennifer jane
    sarah mia zoe ella chloe lily aparna carmel ivanka tiffany michelle malia sasha beyonce
    oprah serena simone greta theresa jacinda giorgia kristalina christine margrethe
    carly cecile marsha""".split()
)
# Names borne by men and women alike ("Terry McAuliffe", "Kim Davis" and "Kim Jong Un") are on
# neither list: a guessed gender that is wrong sends every later "he" past the person.
UNISEX_NAMES = {"terry", "kim", "leslie", "dana", "tracy", "robin", "casey", "jordan", "taylor", "morgan", "sam", "alex"}
MALE_NAMES -= UNISEX_NAMES
FEMALE_NAMES -= UNISEX_NAMES

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = {"they", "them", "their"}
ORG_PRONOUNS = {"it", "its"}
UNRESOLVABLE = {"i", "we", "you", "me", "us", "one", "who", "that", "which", "this", "there", "these", "those"}

_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_SPACE_RE = re.compile(r"\s+")
_JUNK_RE = re.compile(r"[<>{}|\\=]|https?:")
NOT_PEOPLE = {
    "amendment", "act", "law", "bill", "equality", "day", "week", "city", "state", "county",
    "street", "avenue", "center", "centre", "times", "post", "news", "journal", "report",
    "program", "plan", "fund", "initiative", "project", "america",
}


def clean_name(raw: str) -> str:
    """Whitespace collapsed, possessive and surrounding punctuation removed, and anything from
    a markup or layout character on dropped ("Jean Dupont<script", "Jean Dupont | Reuters"):
    no name contains one, and junk in a name makes a second actor for the same person."""
    s = _JUNK_RE.split(raw, maxsplit=1)[0]
    s = _SPACE_RE.sub(" ", s).strip()
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


def name_tokens(name: str) -> list[str]:
    return [t for t in name.split() if t]


def guess_gender(name: str, doc_text: str = "", start: int | None = None) -> str | None:
    """"m", "f" or None, from an honorific before the name or its first name."""
    if start is not None and doc_text:
        before = doc_text[max(0, start - 6) : start].lower()
        if re.search(r"\b(mr\.?|sir|lord)\s*$", before):
            return "m"
        if re.search(r"\b(mrs\.?|ms\.?|miss|lady|dame)\s*$", before):
            return "f"
    toks = name_tokens(name)
    if len(toks) >= 2 or (toks and toks[0].lower() in MALE_NAMES | FEMALE_NAMES):
        first = toks[0].lower().rstrip(".")
        if first in FEMALE_NAMES:
            return "f"
        if first in MALE_NAMES:
            return "m"
    return None


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ("of", "the", "and", "for", "&")]
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def org_key(name: str) -> str:
    toks = [t.lower().strip(".,") for t in name.split()]
    core = [t for t in toks if t not in ORG_GENERIC]
    return " ".join(core) if core else " ".join(toks)


def is_pronoun(s: str) -> bool:
    low = s.lower()
    return low in PRONOUN_GENDER or low in PLURAL_PRONOUNS or low in ORG_PRONOUNS or low in UNRESOLVABLE
