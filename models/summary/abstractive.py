"""Abstractive summaries from any Hugging Face seq2seq model.

The model is loaded through models.loading (AutoTokenizer + AutoModelForSeq2SeqLM) and called
through `generate` directly (transformers 5 removed the summarization pipeline). Articles
longer than the model's input are split on sentence boundaries, each chunk summarized, then the
chunk summaries summarized again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from models import loading
from models.schema import Summary
from models.summary.lengths import DEFAULT_SENTENCES
from models.article import Article, as_article

__all__ = ["AbstractiveSummarizer", "GenerationSettings", "chunk_sentences"]


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

    def plan_chunks(self, article: Article) -> list[str]:
        """The first-round model inputs: whole sentences packed to the model's input limit."""
        text, spans = article.text, article.sentences
        sentences = [" ".join(text[s:e].split()) for s, e in spans] or [" ".join(text.split())]
        chunks = chunk_sentences(sentences, self.tokenizer, self._chunk_limit())
        return chunks[: max(1, self.settings.max_chunks)]

    def _n_tokens(self, texts: Sequence[str]) -> int:
        return sum(len(self.tokenizer(t, add_special_tokens=False, verbose=False)["input_ids"]) for t in texts)

    def summarize(
        self,
        article: Article | str,
        n_sentences: int = DEFAULT_SENTENCES,
        settings: GenerationSettings | None = None,
    ) -> Summary:
        """Map-reduce: summarize each chunk briefly, then summarize the joined chunk summaries.

        Map rounds cap each chunk summary at a quarter of the input limit so the joined text
        shrinks every round; if it stops shrinking (or after max_rounds) we keep the chunk
        summaries as they are rather than loop.
        """
        if settings is not None:
            return replace(self, settings=settings).summarize(article, n_sentences=n_sentences)
        text = article.text if isinstance(article, Article) else article
        if not text or not text.strip():
            return Summary(text="", sentences=[], method=self.method)
        limit = self.input_limit
        chunks = self.plan_chunks(as_article(article))
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


