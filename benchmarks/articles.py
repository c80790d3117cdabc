"""Deterministic synthetic news articles of a chosen length, for speed and load measurements.

Written from templates by the team (no outside text), with the mix a real article has: direct
quotes, quotes split around the attribution, reported speech, pronoun speakers, plain narration.
"""

from __future__ import annotations

import random

SPEAKERS = [
    ("Kirill Dmitriev", "the head of Russia's sovereign wealth fund", "he"),
    ("Marco Rubio", "the US secretary of state", "he"),
    ("Ursula von der Leyen", "the European Commission president", "she"),
    ("Volodymyr Zelensky", "Ukraine's president", "he"),
    ("Kaja Kallas", "the EU's foreign policy chief", "she"),
    ("Scott Bessent", "the Treasury secretary", "he"),
]
CLAIMS = [
    "lifting the sanctions would help both economies",
    "sanctions relief must wait for a ceasefire",
    "the talks are making real progress",
    "pressure on Moscow is finally working",
    "European allies must be consulted on every step",
    "energy prices will fall if trade resumes",
    "the war in Ukraine cannot end without security guarantees",
    "new tariffs would hurt American farmers",
]
NARRATION = [
    "The meeting took place behind closed doors and lasted more than four hours.",
    "Markets moved little on the news, with oil prices steady in early trading.",
    "Officials from both delegations declined to release a joint statement.",
    "Analysts said the outcome would depend on the next round of negotiations.",
    "The previous round ended without agreement after two days of talks.",
]


def _paragraph(rng: random.Random) -> str:
    name, role, pron = rng.choice(SPEAKERS)
    surname = name.split()[-1]
    claim, other = rng.sample(CLAIMS, 2)
    form = rng.randrange(5)
    if form == 0:
        return f'"We believe {claim}," {surname} told reporters. "{other.capitalize()}."'
    if form == 1:
        return f"{name}, {role}, said that {claim}. {pron.capitalize()} added that {other}."
    if form == 2:
        return f'According to {name}, {claim}. "{other.capitalize()}," {pron} said.'
    if form == 3:
        return f"{rng.choice(NARRATION)} {rng.choice(NARRATION)}"
    return f'{surname} warned that {claim}. "There is no other way," {pron} said in a statement.'


def make_article(words: int, seed: int = 7) -> str:
    """An article of about `words` words, the same text for the same arguments."""
    rng = random.Random(seed)
    parts = ["Envoys trade warnings over sanctions as talks resume", ""]
    count = 0
    while count < words:
        paragraph = _paragraph(rng)
        parts.append(paragraph)
        parts.append("")
        count += len(paragraph.split())
    return "\n".join(parts)
