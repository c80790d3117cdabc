"""Word lists the topic suggester reads: what is never a topic, what is a side, what is an actor.

Kept apart from the rules so a reader of the rules sees the logic, and a new word is a one-line
change that the judged benchmark (benchmarks/topics_eval.py) then measures.
"""

from __future__ import annotations

GENERIC = {
    "thing", "things", "people", "person", "time", "times", "year", "years", "day", "days", "week", "weeks",
    "month", "months", "way", "ways", "part", "lot", "number", "kind", "sort", "issue", "issues", "problem",
    "problems", "question", "questions", "statement", "statements", "interview", "official", "officials",
    "man", "woman", "men", "women", "group", "case", "point", "fact", "world", "country", "countries",
    "report", "reports", "news", "comment", "comments", "side", "sides", "end", "place", "area", "percent",
    "spokesman", "spokeswoman", "spokesperson", "reporter", "reporters", "source", "sources", "story",
    "situation", "state", "states", "government", "leader", "leaders", "member", "members", "friday",
    "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "today", "yesterday", "tomorrow",
}
DROP_LEADING = {"a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your",
                "some", "any", "such", "another", "other", "every", "each", "all", "both", "the", "no", "what",
                "which", "whose", "many", "much", "more", "most", "several", "few", "own"}
BAD_ENTS = {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
GOOD_ENTS = {"EVENT", "LAW", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC"}
ATTACH_PREPS = {"of", "in", "on", "against", "for", "over", "with", "to"}
# An organisation named like this is the outlet reporting the story, not something to take a
# stance on ("Fox News", "The Washington Post", "USA Today").
MEDIA_WORDS = {"news", "post", "times", "journal", "press", "today", "daily", "tribune", "herald", "magazine",
               "radio", "tv", "television", "network", "cnn", "msnbc", "reuters", "bloomberg", "politico",
               "breitbart", "guardian", "telegraph", "observer", "gazette", "chronicle", "wire", "afp", "bbc", "npr"}
# Heads of things people take sides on: a phrase headed by one ranks above one that is not.
CONTESTABLE = {
    "plan", "proposal", "bill", "law", "tax", "levy", "deal", "agreement", "treaty", "sanction", "ban", "tariff",
    "reform", "policy", "investigation", "probe", "inquiry", "nomination", "nominee", "decision", "ruling", "wall",
    "immigration", "rule", "vote", "abortion", "healthcare", "relief", "ceasefire", "cut", "mandate", "budget",
    "project", "redevelopment", "development", "pipeline", "merger", "strike", "referendum", "amendment",
    "regulation", "subsidy", "programme", "scheme", "initiative", "measure", "charge",
    "prosecution", "impeachment", "candidacy", "legacy", "proposal", "email", "server", "column", "care", "socialism", "refugee", "deportation",
    "border", "trade", "spending", "funding", "closure", "expansion", "scandal", "controversy", "change",
}
# Contestable things that are a topic on their own ("sanctions"); "the decision" alone is not.
STANDALONE = {"sanction", "abortion", "immigration", "ceasefire", "tariff", "socialism", "capitalism", "healthcare",
              "tax", "levy", "wall", "impeachment", "deportation", "brexit", "austerity", "euthanasia", "fracking"}
# Events nobody is for or against as such: suggested as a position ("ending the war in Ukraine").
EVENT_HEADS = {"war", "conflict", "fighting", "violence", "occupation", "blockade", "shutdown", "crisis", "siege"}
# Verbs whose object is a position a reader can take ("lift sanctions" -> "lifting sanctions").
POSITION_VERBS = {
    "lift", "ease", "impose", "ban", "repeal", "approve", "build", "cut", "raise", "end", "restore", "investigate",
    "prosecute", "deport", "legalize", "legalise", "expand", "block", "fund", "reform", "pass", "veto", "abolish",
    "scrap", "cancel", "delay", "extend", "reject", "sign", "ratify", "withdraw", "close", "privatize", "raise",
    "lower", "increase", "reduce", "halt", "resume", "renew", "impeach", "confirm", "nominate", "recognize",
    "sell", "buy", "redevelop", "demolish", "overturn", "recommend", "charge", "elect", "support", "oppose",
}
# Verbs that double their last consonant before -ing ("ban" -> "banning").
DOUBLED_FINAL = {"ban", "cut", "stop", "plan", "scrap", "veto", "rig", "bar", "drop", "slash", "cap", "ship"}
TITLE_HEADS = {
    "secretary", "president", "chairman", "chairwoman", "chair", "director", "minister", "senator", "governor",
    "mayor", "spokesman", "spokeswoman", "official", "candidate", "nominee", "leader", "ambassador", "aide",
    "counsel", "attorney", "judge", "host", "chancellor", "representative", "congressman", "congresswoman",
}
KINDS_OF_ENT_NOT_ALONE = {"GPE", "NORP", "LOC", "FAC"}
# Heads that name a group of people: "Mexican officials", "GOP delegates" are actors, not topics.
GROUP_HEADS = {
    "government", "delegate", "official", "voter", "administrator", "advocate", "leader", "member", "critic",
    "supporter", "opponent", "resident", "protester", "lawmaker", "republican", "democrat", "administration",
    "committee", "agency", "department", "office", "court", "center", "institution", "group", "party",
    "brother", "sister", "family", "people", "citizen", "worker", "student", "expert", "analyst", "economist",
    "ally", "partner", "firm", "company",
}
# Heads of descriptions that are never a side ("new home", "Sanders interview", "effect on voters").
VAGUE_HEADS = {"interview", "home", "effect", "kind", "type", "time", "moment", "way", "idea", "term", "story",
               "report", "remark", "comment", "statement", "speech", "event", "night", "life", "role", "job", "mood",
               "tone", "language", "step", "point", "path", "address", "condition"}  # "Russia", "Mexican", "Europe": a place is not a side
# A candidate phrase with a quotation mark inside straddles a quote's edge: never a topic.
QUOTE_CHARS = '"“”«»„'
CONTENT_POS = ("NOUN", "PROPN", "ADJ", "VERB")
LEADING_POS = ("DET", "PRON", "NUM", "PUNCT", "CCONJ", "PART", "ADP", "SPACE")
