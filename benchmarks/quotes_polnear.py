"""Score models.quotes + models.actors on PolNeAR (political news attribution relations).

Usage:
    .venv/bin/python benchmarks/quotes_polnear.py [--split dev] [--limit N] [--errors K]
        [--toggle FIELD] [--rule FIELD=VALUE]

`--toggle FIELD` flips a boolean field of models.quotes.QuoteRules and `--rule FIELD=VALUE` sets
any field (true/false for a boolean, a number for an integer), to measure what a rule is worth,
e.g. `--toggle bound_pronoun` or `--rule scare_quote_max_words=5`.

Data: ../shared/data/polnear/data/<split>/{text,attributions} (BRAT standoff; see its SOURCE.md).
The first .ann per article (sorted by name) is the gold. Spans are read by offsets into the
.txt; discontinuous spans ("a b;c d") are lists of segments, and so is a relation whose
content resumes after the attribution (brat's "Content2": both pieces are one gold Content).

Definitions (issues 2 and 4):
- gold direct quote: a gold Content span containing quotation marks; a predicted quote is direct
  when its kind is "direct" or its text contains quotation marks (a mixed quote).
- a predicted quote matches a gold span when their overlap is at least half the shorter span.
- speaker right: the predicted speaker_mention overlaps the gold Source span.
- speech attributions: gold relations whose Cue contains a verb of saying (lemma in
  models.quotes.SPEECH_LEMMAS, or "according to"); overlap F1 counts precision over every
  predicted quote against any gold Content span.
- pronoun sources: speech attributions whose gold Source is a pronoun; right when the predicted
  canonical speaker names the same actor as the nearest preceding gold Source that contains a
  named entity (PERSON first, else ORG): same last word, or one name inside the other. That
  gold is a proxy (PolNeAR's Sources are not coreference-resolved) and is often wrong ("she"
  after a quote by Melanie, proxy "Donald Trump"), so:
- pronoun sources, hand-judged referents: the same cases scored against the referent a reader
  named from the article (benchmarks/data/pronoun_referents_<split>.json, dev only; cases whose
  referent has no proper name are counted apart, not scored). `--dump-pronouns FILE` writes the
  cases to judge.
"""

from __future__ import annotations

import argparse
import json
import dataclasses
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from models.actors import clean_name, resolve_speakers, strip_titles
from models.loading import get_spacy
from models.quotes import SPEECH_LEMMAS, QuoteRules, extract_quotes_with_mentions

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"
QUOTE_MARK_RE = re.compile(r"[“”\"«»„]|``|''")
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i", "his", "their"}

Segs = list[tuple[int, int]]


@dataclass
class Relation:
    content: Segs
    source: Segs | None
    cue: Segs | None


@dataclass
class Article:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)
    contents: list[Segs] = field(default_factory=list)


def load_split(split: str, limit: int | None) -> list[Article]:
    base = DATA / split
    anns: dict[str, Path] = {}
    for p in sorted((base / "attributions").glob("*.ann")):
        art = p.stem.rsplit("_", 1)[0]
        anns.setdefault(art, p)  # first .ann per article
    arts: list[Article] = []
    for art, ann in sorted(anns.items()):
        text = (base / "text" / f"{art}.txt").read_text(encoding="utf-8")
        spans: dict[str, tuple[str, Segs]] = {}
        rels: list[dict[str, str]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                parts = line.split("\t")
                if len(parts) < 2 or " " not in parts[1]:
                    continue  # a few train .ann files have a malformed line
                label, offs = parts[1].split(" ", 1)
                segs = [tuple(map(int, s.split())) for s in offs.split(";")]
                spans[parts[0]] = (label, [(a, b) for a, b in segs])
            elif line.startswith("E"):
                rels.append(dict(p.split(":", 1) for p in line.split("\t")[1].split()))
        a = Article(name=art, text=text)
        for r in rels:
            if "Content" not in r:
                continue
            a.relations.append(
                Relation(
                    # a discontinuous Content's later pieces ("Content2": the quote resumed
                    # after "..., Rep. John Mica said.") are the same relation
                    content=[seg for key in sorted(k for k in r if k.startswith("Content")) for seg in spans[r[key]][1]],
                    source=spans[r["Source"]][1] if "Source" in r else None,
                    cue=spans[r["Cue"]][1] if "Cue" in r else None,
                )
            )
        a.contents = [r.content for r in a.relations]
        arts.append(a)
        if limit and len(arts) >= limit:
            break
    return arts


def seg_len(s: Segs) -> int:
    return sum(b - a for a, b in s)


def overlap(x: Segs, y: Segs) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in x for c, d in y)


def matches(x: Segs, y: Segs) -> bool:
    o = overlap(x, y)
    return o > 0 and o >= 0.5 * min(seg_len(x), seg_len(y))


def seg_text(text: str, s: Segs) -> str:
    return " ".join(text[a:b] for a, b in s)


_TURN_BEFORE = re.compile(r'["“]\s*[A-Z][A-Z.\' -]{1,40}:\s*$')


def is_transcript_turn(text: str, segs: Segs) -> bool:
    """A gold Content that is a quoted transcript turn: `"WALLACE: Let's start ...`. Its
    span leaves out the opening mark and the label, so the quotation-mark test misses it,
    yet it is verbatim speech, a direct quote."""
    start = segs[0][0]
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_TURN_BEFORE.search(text[max(line_start, start - 50) : start]))


def has_quote_mark(s: str) -> bool:
    return bool(QUOTE_MARK_RE.search(s))


def cue_is_speech(doc, cue: Segs | None) -> bool:
    if not cue:
        return False
    for a, b in cue:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.lemma_.lower() in SPEECH_LEMMAS or t.lower_ in SPEECH_LEMMAS or t.lower_ == "according":
                return True
    return False


def _name_tokens(s: str) -> list[str]:
    return [t for t in re.findall(r"\w+", strip_titles(clean_name(s)).lower()) if t not in ("the", "mr", "mrs", "ms", "dr")]


def same_actor(pred: str | None, gold_name: str) -> bool:
    """Same surname (last word), or one name's words inside the other's."""
    if not pred:
        return False
    p, g = _name_tokens(pred), _name_tokens(gold_name)
    if not p or not g:
        return False
    return p[-1] == g[-1] or set(g) <= set(p) or set(p) <= set(g)


JUDGED_DIR = Path(__file__).resolve().parent / "data"


def load_judged_referents(split: str) -> dict[tuple[str, int], str]:
    """(article, pronoun start) -> the hand-judged referent (benchmarks/data/pronoun_referents_<split>.json)."""
    path = JUDGED_DIR / f"pronoun_referents_{split}.json"
    if not path.exists():
        return {}
    return {(r["article"], r["start"]): r["referent"] for r in json.loads(path.read_text())["cases"]}


def gold_name_of(doc, segs: Segs) -> str | None:
    """The named entity in a gold Source span ("Donna Rawlings, 59, of Ashton" -> the PERSON)."""
    best = None
    for a, b in segs:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        for e in span.ents:
            if e.label_ == "PERSON":
                return e.text
            if e.label_ == "ORG" and best is None:
                best = e.text
    return best


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def rules_from_args(toggles: list[str], settings: list[str]) -> QuoteRules:
    """QuoteRules() with each `--toggle FIELD` flipped and each `--rule FIELD=VALUE` set, in
    that order; prints every changed field as `field = value`. ValueError names a bad one."""
    types = {f.name: type(getattr(QuoteRules(), f.name)) for f in dataclasses.fields(QuoteRules)}
    known = ", ".join(types)
    rules = QuoteRules()
    changed: list[str] = []
    for name in toggles:
        if types.get(name) is not bool:
            raise ValueError(f"{name} is not a boolean field of QuoteRules ({known})")
        rules = dataclasses.replace(rules, **{name: not getattr(rules, name)})
        changed.append(name)
    for item in settings:
        name, sep, raw = item.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or name not in types:
            raise ValueError(f"--rule takes FIELD=VALUE with a field of QuoteRules ({known}), got {item!r}")
        if types[name] is bool:
            if raw.lower() not in _TRUE | _FALSE:
                raise ValueError(f"{name} is a boolean: give true or false, got {raw!r}")
            value: bool | int = raw.lower() in _TRUE
        else:
            try:
                value = int(raw)
            except ValueError:
                raise ValueError(f"{name} is an integer, got {raw!r}") from None
        rules = dataclasses.replace(rules, **{name: value})
        changed.append(name)
    for name in dict.fromkeys(changed):
        print(f"{name} = {getattr(rules, name)}")
    return rules


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print up to K errors of each kind")
    ap.add_argument("--dump-pronouns", type=Path, default=None, metavar="JSONL",
                    help="write every pronoun-source speech attribution (offsets and the text before it) "
                         "for hand-judging its referent")
    ap.add_argument("--no-turns", action="store_true",
                    help="the old gold: transcript turns are not direct quotes (their span has no quotation mark)")
    ap.add_argument("--direct-only", action="store_true", help="score only predicted direct quotes")
    ap.add_argument("--toggle", action="append", default=[], metavar="FIELD",
                    help="flip a boolean field of models.quotes.QuoteRules (repeatable), "
                         "to measure what the rule is worth")
    ap.add_argument("--rule", action="append", default=[], metavar="FIELD=VALUE",
                    help="set any field of models.quotes.QuoteRules (repeatable)")
    args = ap.parse_args(argv)
    try:
        rules = rules_from_args(args.toggle, args.rule)
    except ValueError as e:
        ap.error(str(e))

    arts = load_split(args.split, args.limit)
    nlp = get_spacy()
    c = dict(pred_d=0, pred_d_ok=0, gold_d=0, gold_d_found=0, spk_d_n=0, spk_d_ok=0,
             pred_all=0, pred_all_ok=0, gold_s=0, gold_s_found=0, spk_s_n=0, spk_s_ok=0,
             pron_n=0, pron_ok=0, pj_n=0, pj_ok=0, pj_unnamed=0, act_d_n=0, act_d_ok=0)
    judged = load_judged_referents(args.split)
    turns = not args.no_turns
    errs: dict[str, list[str]] = {"fp": [], "fn": [], "spk": [], "pron": [], "pron_judged": [], "actor": [], "speech_fn": []}
    t_parse = t_quotes = 0.0
    n_words = 0
    dump: list[dict] | None = [] if args.dump_pronouns else None
    for art in arts:
        text = art.text
        t = time.perf_counter()
        doc = nlp(text)
        t_parse += time.perf_counter() - t
        t = time.perf_counter()
        quotes, _actors = resolve_speakers(extract_quotes_with_mentions(doc, rules), doc)
        t_quotes += time.perf_counter() - t
        n_words += len(text.split())
        if args.direct_only:
            quotes = [q for q in quotes if q.kind == "direct"]
        pred = [([(q.start, q.end)], q) for q in quotes]
        pred_d = [(s, q) for s, q in pred if q.kind == "direct" or has_quote_mark(q.text)]
        gold_d = [r for r in art.relations
                  if has_quote_mark(seg_text(text, r.content)) or (turns and is_transcript_turn(text, r.content))]
        # direct quotes
        for s, q in pred_d:
            c["pred_d"] += 1
            if any(matches(s, r.content) for r in gold_d):
                c["pred_d_ok"] += 1
            elif len(errs["fp"]) < args.errors:
                errs["fp"].append(f"{art.name}: {q.text[:150]!r}")
        for r in gold_d:
            c["gold_d"] += 1
            cand = [(overlap(s, r.content), q) for s, q in pred_d if matches(s, r.content)]
            if not cand:
                if len(errs["fn"]) < args.errors:
                    errs["fn"].append(f"{art.name}: {seg_text(text, r.content)[:150]!r}")
                continue
            c["gold_d_found"] += 1
            if r.source:
                q = max(cand, key=lambda x: x[0])[1]
                c["spk_d_n"] += 1
                m = q.speaker_mention
                mention_right = m is not None and overlap([(m.start, m.end)], r.source) > 0
                if mention_right:
                    c["spk_d_ok"] += 1
                # the actor a chart draws the quote under: the gold Source's named entity (or,
                # for a pronoun, its hand-judged referent) against the canonical speaker
                src = seg_text(text, r.source).strip()
                gold_actor = (judged.get((art.name, r.source[0][0])) if src.lower() in PRONOUNS
                              else gold_name_of(doc, r.source))
                if gold_actor and not gold_actor.startswith("UNNAMED") and gold_actor != "UNKNOWN":
                    c["act_d_n"] += 1
                    actor_right = mention_right or same_actor(q.speaker, gold_actor)
                    c["act_d_ok"] += int(actor_right)
                    if not actor_right and len(errs["actor"]) < args.errors:
                        errs["actor"].append(f"{art.name}: gold={gold_actor!r} pred={q.speaker!r} "
                                             f"mention={m.text if m else None!r} q={q.text[:70]!r}")
                if not mention_right and len(errs["spk"]) < args.errors:
                    errs["spk"].append(
                        f"{art.name}: gold={seg_text(text, r.source)!r} pred={m.text if m else None!r} "
                        f"cue={q.cue.text if q.cue else None!r} q={q.text[:80]!r}"
                    )
        # speech attributions, direct + reported
        for s, q in pred:
            c["pred_all"] += 1
            if any(matches(s, cs) for cs in art.contents):
                c["pred_all_ok"] += 1
        named_sources: list[tuple[int, str]] = []
        for r in art.relations:
            if r.source and seg_text(text, r.source).strip().lower() not in PRONOUNS:
                name = gold_name_of(doc, r.source)
                if name:
                    named_sources.append((r.source[0][0], name))
        named_sources.sort()
        for r in art.relations:
            if not cue_is_speech(doc, r.cue):
                continue
            c["gold_s"] += 1
            cand = [(overlap(s, r.content), q) for s, q in pred if matches(s, r.content)]
            if not cand:
                if len(errs["speech_fn"]) < args.errors:
                    cue = seg_text(text, r.cue) if r.cue else None
                    errs["speech_fn"].append(f"{art.name}: cue={cue!r} {seg_text(text, r.content)[:120]!r}")
                continue
            c["gold_s_found"] += 1
            if not r.source:
                continue
            q = max(cand, key=lambda x: x[0])[1]
            c["spk_s_n"] += 1
            m = q.speaker_mention
            if m is not None and overlap([(m.start, m.end)], r.source) > 0:
                c["spk_s_ok"] += 1
            src = seg_text(text, r.source).strip().lower()
            if src in PRONOUNS and dump is not None:
                lo = r.source[0][0]
                dump.append({"article": art.name, "split": args.split, "start": lo, "end": r.source[0][1],
                             "pronoun": seg_text(text, r.source).strip(),
                             "before": text[max(0, lo - 900):lo], "after": text[lo:lo + 200]})
            referent = judged.get((art.name, r.source[0][0]))
            if src in PRONOUNS and referent is not None:
                if referent.startswith("UNNAMED") or referent == "UNKNOWN":
                    c["pj_unnamed"] += 1
                else:
                    c["pj_n"] += 1
                    if same_actor(q.speaker, referent):
                        c["pj_ok"] += 1
                    elif len(errs["pron_judged"]) < args.errors:
                        errs["pron_judged"].append(f"{art.name}@{r.source[0][0]}: {src!r} judged={referent!r} pred={q.speaker!r}")
            if src in PRONOUNS:
                before = [n for st, n in named_sources if st < r.source[0][0]]
                if before:
                    c["pron_n"] += 1
                    if same_actor(q.speaker, before[-1]):
                        c["pron_ok"] += 1
                    elif len(errs["pron"]) < args.errors:
                        errs["pron"].append(f"{art.name}: {src!r} gold~{before[-1]!r} pred={q.speaker!r}")

    if dump is not None:
        args.dump_pronouns.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dump))
    dp, dr, df = prf(c["pred_d_ok"], c["pred_d"], c["gold_d_found"], c["gold_d"])
    sp, sr, sf = prf(c["pred_all_ok"], c["pred_all"], c["gold_s_found"], c["gold_s"])
    spk_d = c["spk_d_ok"] / c["spk_d_n"] if c["spk_d_n"] else 0.0
    spk_s = c["spk_s_ok"] / c["spk_s_n"] if c["spk_s_n"] else 0.0
    pron = c["pron_ok"] / c["pron_n"] if c["pron_n"] else 0.0
    pron_j = c["pj_ok"] / c["pj_n"] if c["pj_n"] else 0.0
    print(f"PolNeAR {args.split}: {len(arts)} articles, {n_words:,} words")
    print(f"{'measure':<44}{'value':>8}  {'target':>8}  counts")
    rows = [
        ("direct quotes: precision", dp, ">=0.96", f"{c['pred_d_ok']}/{c['pred_d']}"),
        ("direct quotes: recall", dr, ">=0.97", f"{c['gold_d_found']}/{c['gold_d']}"),
        ("direct quotes: F1", df, "", ""),
        ("direct quotes: speaker accuracy", spk_d, ">=0.90", f"{c['spk_d_ok']}/{c['spk_d_n']}"),
        ("direct quotes: speaker actor, named gold", c["act_d_ok"] / max(1, c["act_d_n"]), "",
         f"{c['act_d_ok']}/{c['act_d_n']}"),
        ("speech attributions: precision (all quotes)", sp, "", f"{c['pred_all_ok']}/{c['pred_all']}"),
        ("speech attributions: recall", sr, "", f"{c['gold_s_found']}/{c['gold_s']}"),
        ("speech attributions: overlap F1", sf, ">=0.80", ""),
        ("speech attributions: speaker accuracy", spk_s, ">=0.85", f"{c['spk_s_ok']}/{c['spk_s_n']}"),
        ("pronoun sources resolved to named actor", pron, "", f"{c['pron_ok']}/{c['pron_n']}"),
        *([("pronoun sources, hand-judged referents", pron_j, "",
            f"{c['pj_ok']}/{c['pj_n']} ({c['pj_unnamed']} unnamed, not scored)")] if judged else []),
    ]
    for name, v, tgt, cnt in rows:
        print(f"{name:<44}{v:>8.3f}  {tgt:>8}  {cnt}")
    per_k = 1000 * t_quotes / max(1, n_words)
    print(f"time: spaCy parse {t_parse:.1f}s, quotes+actors {t_quotes:.2f}s ({per_k * 5:.3f}s per 5,000 words)")
    for kind, lines in errs.items():
        if lines:
            print(f"\n-- {kind} --")
            for line in lines:
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
