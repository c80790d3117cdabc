"""The embedded extractive summarizer: PacSum-style directed centrality over whole sentences.

Why extractive by default: on news the lead is a famously strong baseline and unsupervised
centrality alone loses to it. We score sentences with position-aware *directed* centrality in
the style of PacSum (Zheng & Lapata 2019): a sentence gains from being similar to the sentences
that follow it and loses from being similar to those before it, so a sentence that introduces
what the article goes on to discuss wins, which is exactly what the lead usually does, while
still letting a later, more central sentence in. Similarity is within-article TF-IDF, optionally
blended with all-MiniLM-L6-v2. On REALSumm (100 CNN/DM articles, settings tuned on the even half,
benchmarks/summary_rouge.py) TF-IDF gives ROUGE-1/2/Lsum 42.27/18.57/38.38 against Lead-3's
41.05/17.47/37.23 (odd half: 41.89/18.79 vs 40.94/17.69) in ~0.01 s per article; adding MiniLM
tied on the tuning half, lost on the other half and costs ~1.4 s per article, so it is opt-in.

What a unit is (whole sentences, quotations kept whole, dependent sentences) is units.py's job;
this module scores units and picks them under the length budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from models import loading
from models.schema import Summary
from models.summary.lengths import DEFAULT_SENTENCES
from models.article import Article, as_article, count_words
from models.summary.units import Unit, units_of

__all__ = ["ENCODER_NAME", "STOP_WORDS", "ExtractiveSettings", "ExtractiveSummarizer", "tfidf_similarity"]

ENCODER_NAME = "all-MiniLM-L6-v2"

# The Glasgow IR stop list (the one scikit-learn ships), so results match the tuned TF-IDF.
STOP_WORDS = frozenset(
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
            if tok in STOP_WORDS:
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
        emb = encoder.encode(list(texts), batch_size=64)
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
        words = [count_words(u.text(text)) for u in units]
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
        self, article: Article | str, n_sentences: int = DEFAULT_SENTENCES, max_words: int | None = None
    ) -> Summary:
        """Pick whole sentences in article order; never raises on odd input.

        `article` is the pipeline's parsed article, or a string, which is parsed here."""
        text = article.text if isinstance(article, Article) else article
        if not text or not text.strip():
            return Summary(text="", sentences=[], method=self.method)
        units = units_of(as_article(article))
        if not units:
            return Summary(text=text.strip(), sentences=[text.strip()], method=self.method)
        considered = units[: self.settings.max_units]
        scores = self.score_units(text, considered)
        picked = self.select(text, considered, scores, n_sentences, max_words)
        sentences = [" ".join(u.text(text).split()) for u in picked]
        return Summary(text=" ".join(sentences), sentences=sentences, method=self.method)
