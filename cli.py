#!/usr/bin/env python
"""StanceLens on the command line: the same pipeline as the dashboard, for files and corpora.

    python cli.py analyze  [FILE|URL|-]... [--target T]... [--summarizer NAME] [--stance NAME]
    python cli.py quotes   FILE...
    python cli.py stance   [--stance NAME]      (stdin JSON Lines {"text","target"})
    python cli.py summarize [--summarizer NAME] FILE...
    python cli.py corpus run SOURCE --out DIR [--target T]... [--address ADDR] [--workers N]
    python cli.py corpus query DIR "SQL"          (CSV on stdout)

One input gives one JSON object; several give JSON Lines in input order. Bad input exits 2 with
one line on stderr and nothing on stdout: every input is read (and refused) before any model
loads, and every result is computed into a spooled buffer (memory, then a temporary file past
32 MB) before the first byte reaches stdout, so a pipeline downstream never sees half a corpus.
The page's cap on articles (STANCELENS_MAX_ARTICLES) does not apply here: the CLI is for corpora.

Heavy imports (torch, spaCy, transformers) happen inside the commands so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from typing import IO, Any, Iterable, Iterator

EXIT_OK = 0
EXIT_ERROR = 1  # the install is broken (embedded model missing) or an unexpected failure
EXIT_INPUT = 2  # the user's input was refused; the message says why

MODEL_HELP = "'embedded' (default), a Hugging Face model id, or a local model folder"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr like every other refusal."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cli.py",
        description="StanceLens: quotes, speakers, stance and summary of news articles, as JSON.",
        epilog=(
            "One input gives one JSON object; several give JSON Lines in input order. "
            "Exit status: 0 ok, 2 bad input (one line on stderr, nothing on stdout), 1 other failure. "
            "URLs on loopback or private addresses are refused unless STANCELENS_ALLOW_PRIVATE_URLS=1. "
            "Limits: STANCELENS_MAX_ARTICLE_CHARS, STANCELENS_MAX_UPLOAD_BYTES, STANCELENS_MAX_TARGETS."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", help="full Analysis JSON (schema_version 1) per article")
    p.add_argument("inputs", nargs="*", metavar="FILE|URL|-",
                   help="article files (.txt .md .html .docx .pdf), http(s) URLs, or - for stdin "
                        "(default: stdin)")
    p.add_argument("--target", "-t", action="append", default=[], metavar="T",
                   help="a topic to classify stance toward; repeatable. Without it, topics are suggested "
                        "from each article")
    p.add_argument("--summarizer", default="embedded", metavar="NAME", help=MODEL_HELP)
    p.add_argument("--stance", default="embedded", metavar="NAME", help=MODEL_HELP)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("quotes", help='JSON Lines {"file", "quotes", "actors"} per article')
    p.add_argument("inputs", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("stance", help='stdin JSON Lines {"text", "target"} -> stdout {"label", "scores"}')
    p.add_argument("--stance", default="embedded", metavar="NAME", help=MODEL_HELP)
    p.set_defaults(func=cmd_stance)

    p = sub.add_parser("summarize", help='JSON Lines {"file", "summary"} per article')
    p.add_argument("--summarizer", default="embedded", metavar="NAME", help=MODEL_HELP)
    p.add_argument("inputs", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_summarize)

    corpus = sub.add_parser("corpus", help="many articles on Ray Data into Parquet + DuckDB (run, query)")
    csub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="ACTION", parser_class=_Parser)
    p = csub.add_parser("run", help="analyse a corpus into DIR; a rerun skips what is done")
    p.add_argument("source", metavar="SOURCE",
                   help="a folder of article files, a .jsonl/.csv/.parquet file with a `text` column "
                        "(optional id, title, date, outlet, url), or a glob of those")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reused to resume)")
    p.add_argument("--target", "-t", action="append", default=[], metavar="T",
                   help="a topic; repeatable. Without it, the topics most often suggested over a sample")
    p.add_argument("--address", default=None, metavar="ADDR", help="an existing Ray cluster (default: local Ray)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="analysis actors (default 1)")
    p.add_argument("--batch-size", type=int, default=8, metavar="N", help="articles per Ray batch and per part")
    p.add_argument("--summarizer", default="embedded", metavar="NAME", help=MODEL_HELP)
    p.add_argument("--stance", default="embedded", metavar="NAME", help=MODEL_HELP)
    p.set_defaults(func=cmd_corpus_run)
    p = csub.add_parser("query", help="SQL over DIR's tables and views; CSV on stdout")
    p.add_argument("out", metavar="DIR")
    p.add_argument("sql", metavar="SQL",
                   help="e.g. SELECT * FROM actor_topic ORDER BY quotes DESC (tables: articles, quotes, "
                        "actors; views: stances, actor_topic, stance_by_month, stance_by_outlet)")
    p.set_defaults(func=cmd_corpus_query)
    return parser


# ---------------------------------------------------------------------------------------------
# Reading inputs (all of them, before any model loads, so a typo in the 9th file fails fast)


def _read_inputs(args: list[str]) -> list[tuple[str, str]]:
    """[(argument as given, article text)], refusing the first bad one with its name."""
    from models.limits import LIMITS, InputError
    from models.pipeline import validate_text
    from models.sources import load_input

    if args.count("-") > 1:
        raise InputError("stdin (-) can be given only once")
    docs: list[tuple[str, str]] = []
    for arg in args:
        document = load_input(arg, LIMITS)
        try:
            text = validate_text(document.text, LIMITS)
        except InputError as exc:
            raise InputError(f"{'stdin' if arg == '-' else arg}: {exc}") from None
        docs.append((arg, text))
    return docs


def _stdin_or_inputs(inputs: list[str]) -> list[str]:
    from models.limits import InputError

    if inputs:
        return inputs
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("no input: give a FILE, a URL, or - to read the article from stdin")
    return ["-"]


def _warn(messages: list[str]) -> None:
    for message in messages:
        print(f"warning: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Commands: each returns the list of JSON objects to print


def cmd_analyze(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    from models.pipeline import AnalysisConfig, analyze

    docs = _read_inputs(_stdin_or_inputs(args.inputs))
    config = AnalysisConfig(summarizer=args.summarizer, stance=args.stance)
    # No --target means None: analyze() suggests topics from each article's own parse.
    targets = list(args.target) or None
    for _arg, text in docs:
        yield analyze(text, targets, config).to_dict()


def cmd_quotes(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    from models.pipeline import find_quotes, read

    for arg, text in _read_inputs(args.inputs):
        quotes, actors = find_quotes(read(text))
        yield {"file": arg, "quotes": [q.to_dict() for q in quotes], "actors": [a.to_dict() for a in actors]}


def cmd_summarize(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    from models.pipeline import AnalysisConfig, read, summarize

    docs = _read_inputs(args.inputs)
    config = AnalysisConfig(summarizer=args.summarizer)
    for arg, text in docs:
        result = summarize(read(text), config)
        _warn(list(result.warnings))  # fallback warnings go to stderr
        yield {"file": arg, "summary": result.value.to_dict()}


def read_stance_lines(stream: Any) -> list[tuple[str, str]]:
    """[(text, target)] from JSON Lines; blank lines are skipped, anything else must be valid."""
    from models.limits import LIMITS, InputError

    pairs: list[tuple[str, str]] = []
    for number, raw in enumerate(stream, start=1):
        where = f"stdin line {number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            raise InputError(f"{where}: not UTF-8 text") from None
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(item, dict):
            raise InputError(f'{where}: expected a JSON object {{"text": ..., "target": ...}}')
        text, target = item.get("text"), item.get("target")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f'{where}: "text" must be a non-empty string')
        if not isinstance(target, str) or not target.strip():
            raise InputError(f'{where}: "target" must be a non-empty string')
        if len(text) > LIMITS.max_article_chars:
            raise InputError(f'{where}: "text" is longer than {LIMITS.max_article_chars:,} characters')
        if len(target) > LIMITS.max_target_chars:
            raise InputError(f'{where}: "target" is longer than {LIMITS.max_target_chars} characters')
        pairs.append((text, target.strip()))
    return pairs


def cmd_stance(args: argparse.Namespace) -> list[dict[str, Any]]:
    pairs = read_stance_lines(sys.stdin.buffer)
    if not pairs:
        return []
    from models.pipeline import run_with_fallback
    from models.stance import StanceInput, get_stance_classifier

    inputs = [StanceInput(text=text, target=target, quote_index=i) for i, (text, target) in enumerate(pairs)]
    warnings: list[str] = []
    _, results = run_with_fallback("stance", args.stance, get_stance_classifier,
                                   lambda clf: clf.predict(inputs), warnings)
    _warn(warnings)
    return [{"label": s.label, "scores": dict(s.scores)} for s in results]


# ---------------------------------------------------------------------------------------------


def cmd_corpus_run(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    """Progress and the closing line go to stderr; stdout gets the run's summary as JSON."""
    from models.corpus import read_source, run_corpus, suggest_corpus_targets
    from models.limits import InputError

    if args.workers < 1 or args.batch_size < 1:
        raise InputError("--workers and --batch-size must be at least 1")
    articles = read_source(args.source)
    targets = list(args.target)
    if not targets:
        targets = suggest_corpus_targets(articles)
        print(f"topics (suggested over a sample): {', '.join(targets) or 'none found'}", file=sys.stderr)
    summary = run_corpus(articles, args.out, targets, summarizer=args.summarizer, stance=args.stance,
                         address=args.address, workers=args.workers, batch_size=args.batch_size)
    print(summary.line(), file=sys.stderr)
    yield {"out": args.out, "targets": targets, **summary.__dict__}


def cmd_corpus_query(args: argparse.Namespace) -> Iterator[str]:
    from models.corpus import query

    yield query(args.out, args.sql).to_csv(index=False)


def _compute(results: Iterable[dict[str, Any] | str]) -> IO[bytes]:
    """Every result as JSON Lines (text results as they are) in a spooled buffer; nothing
    reaches stdout until all succeed."""
    buffer = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    for result in results:
        if isinstance(result, str):
            buffer.write(result.encode("utf-8"))
            continue
        buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
    buffer.seek(0)
    return buffer


def _write(buffer: IO[bytes]) -> None:
    with buffer:
        while chunk := buffer.read(1024 * 1024):
            sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()


def _one_line(exc: BaseException) -> str:
    """The message on one line, with control and bidi characters (e.g. in a file name) escaped."""
    import unicodedata

    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = " ".join(lines) if lines else type(exc).__name__
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf") else ch
        for ch in text
    )


def _quiet_libraries() -> None:
    """Progress bars and library chatter on stderr would bury the one line a user must read."""
    for key, value in (("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error"),
                       ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(key, value)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _quiet_libraries()
    from models.limits import InputError
    from models.loading import ModelLoadError

    try:
        results = _compute(args.func(args))
    except InputError as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except ModelLoadError as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the user; STANCELENS_DEBUG=1 shows the traceback
        if os.environ.get("STANCELENS_DEBUG") == "1":
            raise
        print(f"error: internal error ({type(exc).__name__}: {_one_line(exc)}); "
              "rerun with STANCELENS_DEBUG=1 for details", file=sys.stderr)
        return EXIT_ERROR
    try:
        _write(results)
    except BrokenPipeError:  # `cli.py ... | head` is normal use
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
