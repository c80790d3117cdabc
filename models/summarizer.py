"""Article summaries: embedded extractive (no download) and abstractive (any HF seq2seq model).

Why extractive by default: on news the lead is a famously strong baseline and unsupervised
centrality alone loses to it. We score sentences with position-aware *directed* centrality in
the style of PacSum (Zheng & Lapata 2019): a sentence gains from being similar to the sentences
that follow it and loses from being similar to those before it, so a sentence that introduces
what the article goes on to discuss wins, which is exactly what the lead usually does, while
still letting a later, more central sentence in. Similarity is within-article TF-IDF, optionally
blended with all-MiniLM-L6-v2. On REALSumm (100 CNN/DM articles, settings tuned on the even half,
benchmarks/summary_rouge.py) TF-IDF gives ROUGE-1/2/Lsum 42.10/18.30/38.14 against Lead-3's
41.05/17.47/37.23 (odd half: 41.48/18.32 vs 40.94/17.69) in ~0.01 s per article; adding MiniLM
tied on the tuning half, lost on the other half and costs ~1.4 s per article, so it is opt-in.

Readability rules that ROUGE does not see but readers do: sentences are kept whole and in article
order; a quotation that runs over several sentences is one unit (chosen whole or not at all);
a sentence that leans on its predecessor ("He added ...", "But ...") is only chosen together
with it.

The abstractive path loads any seq2seq model through models.loading and calls `generate`
directly (transformers 5 removed the summarization pipeline); articles longer than the model's
input are split on sentence boundaries, each chunk summarized, then the chunk summaries
summarized again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

import numpy as np

from models import loading
from models.schema import Summary

# Sentences per length preset offered by the page.
LENGTHS: dict[str, int] = {"short": 2, "medium": 3, "long": 5}
DEFAULT_SENTENCES = LENGTHS["medium"]

ENCODER_NAME = "all-MiniLM-L6-v2"

# ----------------------------------------------------------------------------------------------
# Sentences and units
# ----------------------------------------------------------------------------------------------

# A "sentence" longer than this many words without sentence punctuation is cut into pieces of
# FALLBACK_PIECE_WORDS words: text with no punctuation still gets a readable summary.
MAX_SENTENCE_WORDS = 80
FALLBACK_PIECE_WORDS = 30
# A quotation that has not closed after this many sentences is treated as a stray mark.
MAX_QUOTE_SENTENCES = 6

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)

# Openers that make a sentence depend on the one before it. Compared in lower case after any
# leading quotation mark, so '“He added ...' counts too.
_DEPENDENT_FIRST_WORDS = frozenset(
    """he she they it its his her their him them such
    but and also however so yet still instead moreover furthermore besides nevertheless
    nonetheless thus therefore otherwise additionally likewise similarly then meanwhile
    or nor plus hence indeed""".split()
)
_DEMONSTRATIVES = frozenset("this that these those".split())
_PRONOUN_FOLLOWERS = frozenset(
    """is was are were has had have will would could can may might must should shall does did
    do means meant shows showed comes came made makes includes included follows followed
    marks marked led leads""".split()
)
_DEPENDENT_PHRASES = ("in addition", "as well", "on the other hand", "at the same time", "even so", "that is")


@dataclass(frozen=True)
class Unit:
    """One or more consecutive sentences that must be chosen together (e.g. a long quotation)."""

    start: int
    end: int
    n_sentences: int
    index: int  # position among units, article order
    first_sentence: int  # index of its first sentence
    dependent: bool = False  # leans on the previous unit ("He added ...")
    too_long: bool = False  # a quotation longer than MAX_QUOTE_SENTENCES: never chosen
    complete: bool = True  # ends like a sentence; headlines and bylines only fill a leftover budget

    def text(self, article: str) -> str:
        return article[self.start : self.end].strip()


def _n_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _is_sentence_punct_free(text: str) -> bool:
    return not re.search(r"[.!?…。]", text)


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long unpunctuated stretch into word windows, preferring line breaks."""
    segment = text[start:end]
    pieces: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", segment):
        words = list(re.finditer(r"\S+", line.group()))
        base = start + line.start()
        for i in range(0, len(words), FALLBACK_PIECE_WORDS):
            chunk = words[i : i + FALLBACK_PIECE_WORDS]
            pieces.append((base + chunk[0].start(), base + chunk[-1].end()))
    return pieces or [(start, end)]


_PTB_CONTRACTION = re.compile(r"'(s|re|ll|ve|d|m|t)\b", re.IGNORECASE)


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """Every quotation mark as (position, role): 'open'/'close' (double) or 'sopen'/'sclose'.

    Straight marks are classified by what touches them: '"word' opens, 'word"' closes. A mark
    standing alone between spaces (PTB-tokenized text, ' We said , ' he) toggles. A straight single quote inside or before a
    contraction ("o'hare", "sunday 's", "fans'") is an apostrophe. A curly ’ is only a closing
    mark when a ‘ is open (decided in _quote_pairs).
    """
    marks: list[tuple[int, str]] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _DOUBLE_OPEN:
            marks.append((i, "open"))
        elif ch in _DOUBLE_CLOSE:
            marks.append((i, "close"))
        elif ch in _SINGLE_OPEN:
            marks.append((i, "sopen"))
        elif ch in _SINGLE_CLOSE:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            if not (before.isalnum() and after.isalnum()):  # it’s, don’t: apostrophes
                marks.append((i, "sclose"))
        elif ch in "\"'`":
            single = ch != '"'
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            if single and (before.isalnum() and after.isalnum()):
                continue  # o'hare, don't
            if single and _PTB_CONTRACTION.match(text, i) and (before.isspace() or before.isalnum()):
                continue  # PTB "sunday 's", "they 're"
            if before.isspace() and after.isspace():
                role = "toggle"  # PTB style: the mark is its own token; parity decides
            elif (before.isspace() or before in "([—–-") and not after.isspace():
                role = "open"
            elif not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-" or i + 1 == n):
                if single and before.isalnum():
                    continue  # fans' (possessive) is far likelier than a closing single quote
                role = "close"
            else:
                continue
            marks.append((i, ("s" + role) if single else role))
    return marks


def _quote_pairs(text: str) -> list[tuple[int, int, bool]]:
    """(open, close, explicit) positions of quotations, within paragraphs.

    A new opening mark while a quotation is open, or a paragraph end, closes it implicitly
    (explicit=False): news style reopens a quotation on each paragraph it runs over and never
    closes the unfinished ones. A pair closed by a standalone straight mark is not explicit
    either: in PTB text with lost paragraph breaks such a mark may be a reopening. Closing marks with nothing open are dropped as strays.
    """
    pairs: list[tuple[int, int, bool]] = []
    marks = _quote_marks(text)
    bounds = [0] + [m.start() for m in re.finditer(r"\n", text)] + [len(text)]
    mi = 0
    for p in range(len(bounds) - 1):
        hi = bounds[p + 1]
        open_at: dict[str, int | None] = {"": None, "s": None}
        while mi < len(marks) and marks[mi][0] < hi:
            pos, role = marks[mi]
            mi += 1
            kind = "s" if role.startswith("s") else ""
            sure = not role.endswith("toggle")  # a toggling mark may be a lost reopening
            if not sure:
                role = "close" if open_at[kind] is not None else "open"
            if role.endswith("open"):
                if open_at[kind] is not None:
                    pairs.append((open_at[kind], pos - 1, False))
                open_at[kind] = pos
            elif open_at[kind] is not None:
                pairs.append((open_at[kind], pos, sure))
                open_at[kind] = None
        for kind, pos in open_at.items():
            if pos is not None:
                pairs.append((pos, hi - 1, False))
    return pairs


def _sentence_spans(text: str, doc: Any | None) -> list[tuple[int, int]]:
    """Sentence character spans, with quotation marks moved to the sentence they belong to.

    spaCy often leaves an opening mark at the end of the previous sentence (". “Next ...") or
    a closing one at the start of the next; we fix both so a sentence never starts mid-quote.
    """
    if doc is None:
        doc = _parse(text)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    if not spans:
        return []
    pairs = _quote_pairs(text)
    opens = {o for o, _, _ in pairs}
    closes = {c for _, c, explicit in pairs if explicit}
    fixed: list[list[int]] = [list(x) for x in spans]
    for k in range(len(fixed) - 1):
        s, e = fixed[k]
        ns, ne = fixed[k + 1]
        # trailing opening mark(s) -> next sentence
        last = e - 1
        while last > s and text[last] in "\"'“‘«`" and last in opens:
            ns = last
            e = last
            while e > s and text[e - 1].isspace():
                e -= 1
            last = e - 1
        # leading closing mark(s) of the next sentence -> this sentence
        first = ns
        while first < ne and first in closes and first - 1 >= 0:
            e = first + 1
            ns = first + 1
            while ns < ne and text[ns].isspace():
                ns += 1
            first = ns
        fixed[k] = [s, e]
        fixed[k + 1] = [ns, ne]
    out: list[tuple[int, int]] = []
    for s, e in _split_at_blank_lines(text, fixed):
        if _n_words(text[s:e]) > MAX_SENTENCE_WORDS and _is_sentence_punct_free(text[s:e]):
            out.extend(_split_long(text, s, e))
        else:
            out.append((s, e))
    return out


def _split_at_blank_lines(text: str, spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """A blank line always ends a sentence: spaCy glues an unpunctuated headline or byline to
    the paragraph after it, and a summary sentence should never run across paragraphs."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if s >= e or not text[s:e].strip():
            continue
        pos = s
        for m in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text[s:e]):
            piece_end = s + m.start()
            if text[pos:piece_end].strip():
                out.append((pos, piece_end))
            pos = s + m.end()
        if text[pos:e].strip():
            out.append((pos, e))
    return [(a, b) for a, b in out if a < b]


def _is_dependent(sentence: str) -> bool:
    """Does this sentence lean on the one before it (pronoun subject, connective opener)?"""
    body = sentence.lstrip(" \"'“‘«`(—–-").lower()
    words = _WORD_RE.findall(body)
    if not words:
        return False
    if words[0] in _DEMONSTRATIVES:
        # "This is ..." leans on what came before; "This budget ..." names its own subject
        return len(words) == 1 or words[1] in _PRONOUN_FOLLOWERS
    if words[0] in _DEPENDENT_FIRST_WORDS:
        return True
    return body.startswith(_DEPENDENT_PHRASES)


_SENTENCE_END_RE = re.compile(r"[.!?…。](?:\s*[\"'”’»)\]])*\s*$")


def build_units(text: str, spans: Sequence[tuple[int, int]]) -> list[Unit]:
    """Group sentences so that no quotation is split across units.

    A quotation that closes with a real mark is merged however long it is, but a unit of more
    than MAX_QUOTE_SENTENCES sentences is flagged `too_long` and never chosen; an implicitly
    closed one (paragraph end, reopened) that would run longer is taken for a stray mark.
    """
    pairs = _quote_pairs(text)
    units: list[Unit] = []
    k = 0
    while k < len(spans):
        s, e = spans[k]
        j = k
        while True:
            crossing = [
                c
                for o, c, explicit in pairs
                if s <= o < e and c >= e and (explicit or _sentences_until(spans, j, c) <= MAX_QUOTE_SENTENCES)
            ]
            if not crossing:
                break
            target = max(crossing)
            nxt = j
            while nxt + 1 < len(spans) and spans[nxt][1] <= target:
                nxt += 1
            if nxt == j:
                break
            j = nxt
            e = spans[j][1]
        first_text = text[spans[k][0] : spans[k][1]]
        units.append(
            Unit(
                start=s,
                end=e,
                n_sentences=j - k + 1,
                index=len(units),
                first_sentence=k,
                dependent=bool(units) and _is_dependent(first_text),
                too_long=j - k + 1 > MAX_QUOTE_SENTENCES,
                complete=bool(_SENTENCE_END_RE.search(text[s:e])),
            )
        )
        k = j + 1
    return units


def _sentences_until(spans: Sequence[tuple[int, int]], j: int, pos: int) -> int:
    """How many sentences, counting from span j, it takes to reach character pos."""
    n = 1
    while j + n - 1 < len(spans) and spans[j + n - 1][1] <= pos:
        n += 1
    return n


# ----------------------------------------------------------------------------------------------
# Scoring
# ----------------------------------------------------------------------------------------------


# The Glasgow IR stop list (the one scikit-learn ships), so results match the tuned TF-IDF.
_STOP_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already also although
    always am among amongst amoungst amount an and another any anyhow anyone anything anyway
    anywhere are around as at back be became because become becomes becoming been before beforehand
    behind being below beside besides between beyond bill both bottom but by call can cannot cant co
    con could couldnt cry de describe detail do done down due during each eg eight either eleven
    else elsewhere empty enough etc even ever every everyone everything everywhere except few
    fifteen fifty fill find fire first five for former formerly forty found four from front full
    further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers
    herself him himself his how however hundred i ie if in inc indeed interest into is it its itself
    keep last latter latterly least less ltd made many may me meanwhile might mill mine more
    moreover most mostly move much must my myself name namely neither never nevertheless next nine
    no nobody none noone nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own part per perhaps please put rather re same see
    seem seemed seeming seems serious several she should show side since sincere six sixty so some
    somehow someone something sometime sometimes somewhere still such system take ten than that the
    their them themselves then thence there thereafter thereby therefore therein thereupon these
    they thick thin third this those though three through throughout thru thus to together too top
    toward towards twelve twenty two un under until up upon us very via was we well were what
    whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
    whether which while whither who whoever whole whom whose why will with within without would yet
    you your yours yourself yourselves""".split()
)
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


def tfidf_similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of within-article TF-IDF vectors (IDF from the article's own sentences).

    Plain numpy rather than scikit-learn: importing sklearn costs seconds on a busy machine,
    more than summarizing a long article. Same weighting as TfidfVectorizer(sublinear_tf=True,
    stop_words="english"): tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1, rows L2-normed.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    vocab: dict[str, int] = {}
    rows: list[dict[int, int]] = []
    for t in texts:
        counts: dict[int, int] = {}
        for tok in _TOKEN_RE.findall(t.lower()):
            if tok in _STOP_WORDS:
                continue
            j = vocab.setdefault(tok, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        rows.append(counts)
    if not vocab:  # only stop words / no tokens
        return np.zeros((n, n))
    m = np.zeros((n, len(vocab)))
    for i, counts in enumerate(rows):
        if counts:
            idx = np.fromiter(counts.keys(), dtype=np.int64)
            m[i, idx] = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))
    df = (m > 0).sum(axis=0)
    m *= np.log((1.0 + n) / (1.0 + df)) + 1.0
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
    sim = m @ m.T
    np.fill_diagonal(sim, 0.0)
    return sim


def embedding_similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of all-MiniLM-L6-v2 sentence embeddings (batched, one call)."""
    encoder = loading.get_sentence_encoder()
    with loading.inference_lock(encoder):
        emb = encoder.encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    sim = np.asarray(emb, dtype=np.float32) @ np.asarray(emb, dtype=np.float32).T
    np.fill_diagonal(sim, 0.0)
    return sim.astype(np.float64)


def pacsum_scores(sim: np.ndarray, lambda_prev: float, lambda_next: float, beta: float) -> np.ndarray:
    """Directed centrality: lambda_prev * sum over earlier neighbours + lambda_next * later ones.

    Edges below min + beta * (max - min) of the off-diagonal similarities are dropped, as in
    PacSum, so that weak lexical overlap does not make every sentence central.
    """
    n = sim.shape[0]
    if n <= 1:
        return np.zeros(n)
    off = sim[~np.eye(n, dtype=bool)]
    lo, hi = float(off.min()), float(off.max())
    if hi - lo <= 1e-12:
        return np.zeros(n)
    threshold = lo + beta * (hi - lo)
    e = np.where(sim > threshold, sim, 0.0)
    np.fill_diagonal(e, 0.0)
    lower = np.tril(e, -1)  # lower[i, j], j < i: similarity to earlier sentences
    upper = np.triu(e, 1)  # upper[i, j], j > i: similarity to later sentences
    return lambda_prev * lower.sum(axis=1) + lambda_next * upper.sum(axis=1)


@dataclass
class ExtractiveSettings:
    """Tuned on the even-indexed half of REALSumm (benchmarks/summary_rouge.py)."""

    similarity: str = "tfidf"  # "tfidf", "embedding" or "both"
    lambda_prev: float = -2.0
    lambda_next: float = 1.0
    beta: float = 0.0
    position_weight: float = 0.2  # bonus * 1/(1+index), scaled to the score range
    min_words: int = 8  # shorter sentences ("Scroll down for video") only fill a budget left over
    max_units: int = 150  # units considered on very long articles (the lead matters most)
    max_embed_units: int = 80  # units encoded with MiniLM when similarity uses embeddings


@dataclass
class ExtractiveSummarizer:
    """Embedded summarizer: PacSum-style directed centrality over whole sentences."""

    settings: ExtractiveSettings = field(default_factory=ExtractiveSettings)
    name: str = loading.EMBEDDED

    @property
    def method(self) -> str:
        sim = self.settings.similarity
        if sim == "embedding":
            return f"extractive:{ENCODER_NAME}"
        if sim == "both":
            return f"extractive:pacsum-tfidf+{ENCODER_NAME}"
        return "extractive:pacsum-tfidf"

    def similarities(self, text: str, units: Sequence[Unit]) -> dict[str, np.ndarray]:
        """The similarity matrices the settings ask for (split out so benchmarks can cache them)."""
        cfg = self.settings
        texts = [u.text(text) for u in units]
        n = len(texts)
        sims: dict[str, np.ndarray] = {}
        if n == 0:
            return sims
        if cfg.similarity in ("tfidf", "both"):
            sims["tfidf"] = tfidf_similarity(texts)
        if cfg.similarity in ("embedding", "both"):
            m = min(n, cfg.max_embed_units)
            emb = np.zeros((n, n))
            emb[:m, :m] = embedding_similarity(texts[:m])
            sims["embedding"] = emb
        return sims

    def combine(self, sims: dict[str, np.ndarray], units: Sequence[Unit]) -> np.ndarray:
        """PacSum score per similarity, each rescaled to [0, 1], summed, plus a position prior.

        Only complete sentences take part in the graph when there are at least two: a headline
        restates the lead, and in the directed graph that similarity would *penalise* the lead
        for coming after it. Fragments score below every sentence, in article order.
        """
        cfg = self.settings
        n = len(units)
        graph = [i for i, u in enumerate(units) if u.complete]
        if len(graph) < 2:
            graph = list(range(n))
        idx = np.asarray(graph, dtype=np.int64)
        m = len(graph)
        sub = np.zeros(m)
        for key in ("tfidf", "embedding"):
            if key not in sims or (key == "tfidf" and cfg.similarity == "embedding"):
                continue
            if key == "embedding" and cfg.similarity == "tfidf":
                continue
            raw = pacsum_scores(sims[key][np.ix_(idx, idx)], cfg.lambda_prev, cfg.lambda_next, cfg.beta)
            spread = float(raw.max() - raw.min()) if m > 1 else 0.0
            if spread > 1e-12:
                sub += (raw - raw.min()) / spread
        if cfg.position_weight:
            sub += cfg.position_weight * (1.0 / (1.0 + np.arange(m)))
        scores = np.full(n, (float(sub.min()) if m else 0.0) - 1.0)
        scores[idx] = sub
        # prefer the earlier of equal scores (stable), which favours the lead on ties
        return scores - 1e-9 * np.arange(n)

    def score_units(self, text: str, units: Sequence[Unit]) -> np.ndarray:
        """One score per unit; higher means more worth including."""
        return self.combine(self.similarities(text, units), units)

    def select(
        self, text: str, units: Sequence[Unit], scores: np.ndarray, n_sentences: int, max_words: int | None = None
    ) -> list[Unit]:
        """Greedy by score under the sentence (and word) budget; dependents come with their lead-in."""
        cfg = self.settings
        budget = max(1, int(n_sentences))
        words = [_n_words(u.text(text)) for u in units]
        chosen: set[int] = set()
        used_sents = 0
        used_words = 0

        def fits(group: list[int]) -> bool:
            add_s = sum(units[i].n_sentences for i in group)
            add_w = sum(words[i] for i in group)
            if used_sents + add_s > budget:
                return False
            if max_words is not None and chosen and used_words + add_w > max_words:
                return False
            return True

        order = [int(i) for i in np.argsort(-scores, kind="stable")]
        # First pass: only substantial, complete sentences; second: let short ones and
        # fragments (headlines, unpunctuated text) fill what is left, so an article of short
        # sentences still gets the length the reader asked for.
        for first_pass in (True, False):
            min_words = cfg.min_words if first_pass else 2
            for i in order:
                if used_sents >= budget:
                    break
                if i in chosen or words[i] < min_words or units[i].too_long:
                    continue
                if first_pass and not units[i].complete:
                    continue
                group = [i]
                k = i
                while units[k].dependent and k - 1 not in chosen and k > 0 and len(group) < 3:
                    k -= 1
                    group.insert(0, k)
                if units[group[0]].dependent and group[0] - 1 not in chosen and group[0] > 0:
                    continue  # the chain of lead-ins is too long: skip rather than read out of context
                if any(units[g].too_long for g in group) or not fits(group):
                    continue
                for g in group:  # none is chosen yet: the walk back stopped at the first chosen unit
                    chosen.add(g)
                    used_sents += units[g].n_sentences
                    used_words += words[g]
        if not chosen:
            # Nothing fits the budget (one long quotation, one-sentence article): take the best
            # unit whole rather than cut it, preferring one that does not lean on a predecessor.
            ok = [i for i in range(len(units)) if not units[i].dependent and not units[i].too_long]
            ok = ok or [i for i in range(len(units)) if not units[i].too_long] or list(range(len(units)))
            chosen.add(max(ok, key=lambda i: scores[i]))
        return [units[i] for i in sorted(chosen)]

    def summarize(
        self, text: str, doc: Any = None, n_sentences: int = DEFAULT_SENTENCES, max_words: int | None = None
    ) -> Summary:
        """Pick whole sentences in article order; never raises on odd input."""
        if not text or not text.strip():
            return Summary(text="", sentences=[], method=self.method)
        spans = _sentence_spans(text, doc)
        units = build_units(text, spans)
        if not units:
            return Summary(text=text.strip(), sentences=[text.strip()], method=self.method)
        considered = units[: self.settings.max_units]
        scores = self.score_units(text, considered)
        picked = self.select(text, considered, scores, n_sentences, max_words)
        sentences = [" ".join(u.text(text).split()) for u in picked]
        return Summary(text=" ".join(sentences), sentences=sentences, method=self.method)


def _parse(text: str) -> Any:
    """Parse with spaCy only when the pipeline did not hand us its Doc.

    Sentences come from the dependency parser alone, so the tagger, lemmatizer and NER are
    skipped: about 3x faster, same sentence boundaries.
    """
    nlp = loading.get_spacy()
    skip = [name for name in ("ner", "lemmatizer", "attribute_ruler", "tagger") if name in nlp.pipe_names]
    with loading.inference_lock(nlp):
        return nlp(text, disable=skip)


# ----------------------------------------------------------------------------------------------
# Abstractive
# ----------------------------------------------------------------------------------------------


@dataclass
class GenerationSettings:
    """Beam search settings; defaults follow the CNN/DailyMail BART configuration.

    max_length / min_length are per requested sentence so the page's length presets work
    for abstractive summaries too (3 sentences ~ 54..142 tokens, the usual news setting).
    """

    num_beams: int = 4
    max_tokens_per_sentence: int = 48
    min_tokens_per_sentence: int = 18
    no_repeat_ngram_size: int = 3
    length_penalty: float = 2.0
    early_stopping: bool = True
    batch_size: int = 4
    max_rounds: int = 3  # summarize-the-summaries rounds before we stop and trim
    # Chunks summarized in the first round; the rest of a book-length paste is left out (a
    # 50,000-word article would otherwise take many minutes on CPU with a large model).
    max_chunks: int = 24

    def generate_kwargs(self, n_sentences: int, max_positions: int | None = None) -> dict[str, Any]:
        """Keyword arguments for `generate`; lengths never exceed the decoder's positions."""
        n = max(1, int(n_sentences))
        max_length = self.max_tokens_per_sentence * n
        if max_positions:
            max_length = min(max_length, max_positions)
        min_length = min(self.min_tokens_per_sentence * n, max(1, max_length // 2))
        return {
            "num_beams": self.num_beams,
            "max_length": max_length,
            "min_length": min_length,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "length_penalty": self.length_penalty,
            "early_stopping": self.early_stopping,
        }


def chunk_sentences(sentences: Sequence[str], tokenizer: Any, limit: int) -> list[str]:
    """Pack whole sentences into chunks of at most `limit` tokens (special tokens included).

    A single sentence longer than the limit is cut into token windows; that is the only place
    we cut, and only for the model's input, never in what the reader sees as a quote.
    """
    room = max(8, limit - tokenizer.num_special_tokens_to_add(pair=False))
    chunks: list[str] = []
    current: list[str] = []
    current_len = 0
    for sent in sentences:
        ids = tokenizer(sent, add_special_tokens=False, verbose=False)["input_ids"]
        # a leading space changes BPE ids; count with one so the joined chunk never overflows
        n = len(tokenizer(" " + sent, add_special_tokens=False, verbose=False)["input_ids"]) if current else len(ids)
        if len(ids) > room:
            if current:
                chunks.append(" ".join(current))
                current, current_len = [], 0
            step = room - 2
            for i in range(0, len(ids), step):
                piece = tokenizer.decode(ids[i : i + step], skip_special_tokens=True).strip()
                if piece:
                    chunks.append(piece)
            continue
        if current and current_len + n > room:
            chunks.append(" ".join(current))
            current, current_len = [], 0
            n = len(ids)
        current.append(sent)
        current_len += n
    if current:
        chunks.append(" ".join(current))
    return chunks


def _regex_sentences(text: str) -> list[str]:
    """Cheap sentence split for generated text (no spaCy needed for model output)."""
    parts = re.split(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘A-Z0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


@dataclass
class AbstractiveSummarizer:
    """Any Hugging Face seq2seq model, called through `generate` under torch.inference_mode."""

    name: str
    tokenizer: Any
    model: Any
    device: str
    settings: GenerationSettings = field(default_factory=GenerationSettings)

    @property
    def method(self) -> str:
        return f"abstractive:{self.name}"

    @property
    def input_limit(self) -> int:
        return loading.model_input_limit(self.tokenizer, self.model)

    @property
    def prefix(self) -> str:
        """Task prefix the model was trained with (T5: "summarize: "), from its config."""
        params = getattr(getattr(self.model, "config", None), "task_specific_params", None) or {}
        prefix = (params.get("summarization") or {}).get("prefix") if isinstance(params, dict) else None
        return prefix if isinstance(prefix, str) else ""

    def _chunk_limit(self) -> int:
        """Tokens left for article text once the task prefix is in."""
        prefix = self.prefix
        used = len(self.tokenizer(prefix, add_special_tokens=False, verbose=False)["input_ids"]) if prefix else 0
        return self.input_limit - used

    def _generate(self, inputs: Sequence[str], n_sentences: int, max_new: int | None = None) -> list[str]:
        """Batched beam search; `max_new` caps the output length (map rounds keep it short)."""
        import torch

        limit = self.input_limit
        kwargs = self.settings.generate_kwargs(n_sentences, max_positions=min(limit, max_new or limit))
        outputs: list[str] = []
        with loading.inference_lock(self.model), torch.inference_mode():
            for i in range(0, len(inputs), self.settings.batch_size):
                batch = [self.prefix + x for x in inputs[i : i + self.settings.batch_size]]
                enc = self.tokenizer(batch, return_tensors="pt", padding=True, truncation=True, max_length=limit)
                enc = {k: v.to(self.device) for k, v in enc.items() if k in ("input_ids", "attention_mask")}
                ids = self.model.generate(**enc, **kwargs)
                outputs.extend(t.strip() for t in self.tokenizer.batch_decode(ids, skip_special_tokens=True))
        return outputs

    def plan_chunks(self, text: str, doc: Any = None) -> list[str]:
        """The first-round model inputs: whole sentences packed to the model's input limit."""
        spans = _sentence_spans(text, doc)
        sentences = [" ".join(text[s:e].split()) for s, e in spans] or [" ".join(text.split())]
        chunks = chunk_sentences(sentences, self.tokenizer, self._chunk_limit())
        return chunks[: max(1, self.settings.max_chunks)]

    def _n_tokens(self, texts: Sequence[str]) -> int:
        return sum(len(self.tokenizer(t, add_special_tokens=False, verbose=False)["input_ids"]) for t in texts)

    def summarize(
        self,
        text: str,
        doc: Any = None,
        n_sentences: int = DEFAULT_SENTENCES,
        settings: GenerationSettings | None = None,
    ) -> Summary:
        """Map-reduce: summarize each chunk briefly, then summarize the joined chunk summaries.

        Map rounds cap each chunk summary at a quarter of the input limit so the joined text
        shrinks every round; if it stops shrinking (or after max_rounds) we keep the chunk
        summaries as they are rather than loop.
        """
        if settings is not None:
            return replace(self, settings=settings).summarize(text, doc=doc, n_sentences=n_sentences)
        if not text or not text.strip():
            return Summary(text="", sentences=[], method=self.method)
        limit = self.input_limit
        chunks = self.plan_chunks(text, doc)
        summaries: list[str] = []
        size = self._n_tokens(chunks)
        for _round in range(max(1, self.settings.max_rounds)):
            if len(chunks) == 1:
                summaries = self._generate(chunks, n_sentences)
                break
            summaries = self._generate(chunks, n_sentences, max_new=max(8, limit // 4))
            joined = [piece for s in summaries for piece in _regex_sentences(s)]
            new_size = self._n_tokens(joined)
            if not joined or new_size >= size:
                break
            chunks, size = chunk_sentences(joined, self.tokenizer, self._chunk_limit()), new_size
        else:
            summaries = self._generate(chunks[:1], n_sentences) if len(chunks) == 1 else summaries
        out_sentences = [piece for s in summaries if s for piece in _regex_sentences(s)]
        out_sentences = out_sentences[: max(1, int(n_sentences))]
        return Summary(text=" ".join(out_sentences), sentences=out_sentences, method=self.method)


# ----------------------------------------------------------------------------------------------
# Entry point
# ----------------------------------------------------------------------------------------------


def get_summarizer(name: str = loading.EMBEDDED) -> ExtractiveSummarizer | AbstractiveSummarizer:
    """The summarizer for a model name, built once per process.

    `embedded` is the extractive summarizer; anything else is a seq2seq model from a local
    folder or the hub. Raises loading.ModelLoadError when the model cannot be loaded, which the
    pipeline turns into a warning and a fallback to the embedded summarizer.
    """
    source = loading.resolve(name)
    if source.kind == loading.EMBEDDED:
        return loading.cached("summarizer", loading.EMBEDDED, ExtractiveSummarizer)

    def build() -> AbstractiveSummarizer:
        tokenizer, model, device = loading.load_seq2seq(name)
        return AbstractiveSummarizer(name=source.name, tokenizer=tokenizer, model=model, device=device)

    return loading.cached("summarizer", source.name, build)
