"""Tiny offline NLI models for tests: a WordPiece tokenizer trained on a few lines and a 2-layer
BERT sequence classifier with NLI labels, saved with save_pretrained so that tests load them
through the real loading code (models.loading.load_sequence_classifier) without any download.

initializer_range=0.5 makes the random classifier's scores differ between inputs; with the
usual 0.02 every pair would get nearly the same probabilities and label-mapping bugs would hide.
"""

from __future__ import annotations

from pathlib import Path

LINES = [
    "We must lift the sanctions now.",
    "Lifting sanctions would reward aggression and be a disaster.",
    "The author is in favor of lifting sanctions.",
    "The author is against lifting sanctions.",
    "Climate change is a serious concern, the scientists said.",
    "The weather in Paris was mild on Tuesday.",
    "the war in Ukraine must end before any relief.",
    "Officials rejected the idea of tariffs on steel imports.",
]

THREE_WAY = {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}  # facebook/bart-large-mnli order
THREE_WAY_SHUFFLED = {0: "entailment", 1: "contradiction", 2: "neutral"}
TWO_WAY = {0: "entailment", 1: "not_entailment"}  # MoritzLaurer zeroshot-v2.0 style


def build_tiny_nli(folder: Path, id2label: dict[int, str], seed: int = 0) -> Path:
    """Write a tiny BERT NLI classifier with labels `id2label` to `folder`; return the folder."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(LINES * 3, trainers.WordPieceTrainer(vocab_size=200, special_tokens=specials))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=128,
    )
    fast.save_pretrained(folder)

    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        initializer_range=0.5,
        id2label={int(k): v for k, v in id2label.items()},
        label2id={v: int(k) for k, v in id2label.items()},
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder
