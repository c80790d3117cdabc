"""Build a tiny BART seq2seq model offline, for tests that must go through the real loading code.

Why: tests may not download weights, but the abstractive path (AutoTokenizer +
AutoModelForSeq2SeqLM + generate, chunking to the model's input limit) is only tested honestly
against a real model folder. A byte-level BPE trained on a few lines and a 2-layer BART with
d_model=32 and only 64 positions make a folder of a few hundred KB in well under a second;
the small position table makes "longer than the model's input" easy to reach.
"""

from __future__ import annotations

from pathlib import Path

TRAINING_LINES = [
    "The minister said the talks would resume next week.",
    "Police say they have no objections to the late kick-off.",
    "“We are not going to give up,” she told reporters on Monday.",
    "The government plans to announce a package for farmers.",
    "Critics said the deal was bad for exports and jobs.",
    "He added that the city would pay for extra officers.",
    "Fans will be limited to two drinks at the bar.",
    "The company reported higher profits in the third quarter.",
]


def _tokenizer(folder: Path, max_positions: int, vocab_size: int, t5_style: bool = False):
    """Byte-level BPE; BART wraps inputs in <s> ... </s>, T5 only appends </s>."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(TRAINING_LINES * 4, trainer=trainer)
    bos, pad, eos = (bpe.token_to_id(t) for t in ("<s>", "<pad>", "</s>"))
    if t5_style:
        bpe.post_processor = processors.TemplateProcessing(
            single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", eos)]
        )
    else:
        bpe.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
        )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        mask_token="<mask>",
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(folder)
    return bpe, bos, pad, eos


def build_tiny_bart(folder: Path, max_positions: int = 64, vocab_size: int = 300, seed: int = 0) -> Path:
    """Write tokenizer + randomly initialised BART to `folder`; returns the folder."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    bpe, bos, pad, eos = _tokenizer(folder, max_positions, vocab_size)
    torch.manual_seed(seed)
    config = BartConfig(
        vocab_size=bpe.get_vocab_size(),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        bos_token_id=bos,
        eos_token_id=eos,
        decoder_start_token_id=eos,
        forced_eos_token_id=eos,
        init_std=0.5,
    )
    BartForConditionalGeneration(config).save_pretrained(folder)
    return folder


def build_tiny_t5(folder: Path, max_length: int = 64, vocab_size: int = 300, seed: int = 0) -> Path:
    """A tiny T5 (relative positions, no max_position_embeddings, a "summarize: " prefix).

    Proves the abstractive path is not BART-specific: the input limit comes from the tokenizer
    and the task prefix from the config, as with the real t5-small.
    """
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    bpe, _bos, pad, eos = _tokenizer(folder, max_length, vocab_size, t5_style=True)
    torch.manual_seed(seed)
    config = T5Config(
        vocab_size=bpe.get_vocab_size(),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=2,
        pad_token_id=pad,
        eos_token_id=eos,
        decoder_start_token_id=pad,
        task_specific_params={"summarization": {"prefix": "summarize: "}},
    )
    T5ForConditionalGeneration(config).save_pretrained(folder)
    return folder
