"""Corpus mode on a real local Ray (not mocked): end to end, equal to `analyze`, resumable
after a kill, failures recorded, DuckDB views right. One Ray start per module (seconds)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from models.corpus import connect, query, read_source, run_corpus
from models.corpus.run import actor_cpus
from models.corpus.store import CorpusStore
from models.limits import InputError
from models.pipeline import analyze
from tests.corpus_fixtures import TOPIC, corpus_rows, write_jsonl

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ray_local():
    import ray

    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus_run(ray_local, tmp_path_factory):
    """20 good articles and two bad ones (no text; an unreadable file is tested below)."""
    tmp = tmp_path_factory.mktemp("corpus")
    rows = corpus_rows(20) + [{"id": "blank", "text": "   "}, {"id": "huge", "text": "word " * 90_000}]
    source = write_jsonl(tmp / "source.jsonl", rows)
    out = tmp / "out"
    summary = run_corpus(read_source(str(source)), str(out), [TOPIC], batch_size=4)
    return source, out, summary, rows


def test_every_article_once_with_failures_recorded(corpus_run):
    _source, out, summary, rows = corpus_run
    assert (summary.articles, summary.analysed, summary.failed) == (22, 22, 2)
    ids = query(str(out), "SELECT id FROM articles ORDER BY id")["id"].tolist()
    assert ids == sorted(r["id"] for r in rows)
    errors = dict(query(str(out), "SELECT id, error FROM articles WHERE error IS NOT NULL").values.tolist())
    assert set(errors) == {"blank", "huge"}
    assert "no text" in errors["blank"] and "long" in errors["huge"].lower()
    n = query(str(out), "SELECT COUNT(*) AS n FROM quotes")["n"][0]
    assert n == summary.quotes > 40  # one row per quote, one topic


def test_rows_equal_what_analyze_gives(corpus_run):
    _source, out, _summary, rows = corpus_run
    stored = query(str(out), "SELECT id, analysis FROM articles WHERE error IS NULL ORDER BY id")
    for ident, payload in list(stored.values.tolist())[::6]:  # a sample: 4 articles
        text = next(r["text"] for r in rows if r["id"] == ident)
        expected = analyze(text, [TOPIC]).to_dict()
        got = json.loads(payload)
        expected.pop("timings_s"), got.pop("timings_s")
        assert got == expected
        flat = query(str(out), "SELECT quote_id, speaker, label FROM quotes WHERE article_id = ? ORDER BY quote_id", [ident])
        assert flat.values.tolist() == [[q["id"], q["speaker"], q["stance"][TOPIC]["label"]] for q in expected["quotes"]]


def test_a_rerun_does_no_work(corpus_run):
    source, out, _summary, _rows = corpus_run
    again = run_corpus(read_source(str(source)), str(out), [TOPIC], batch_size=4)
    assert (again.skipped, again.analysed) == (22, 0)
    assert query(str(out), "SELECT COUNT(*) AS n FROM articles")["n"][0] == 22
    # other topics are other work: nothing is reused across keys
    other = read_source(str(source))[:2]
    assert run_corpus(other, str(out), ["a diplomatic settlement"], batch_size=4).analysed == 2


def test_views_aggregate_the_quotes(corpus_run):
    _source, out, _summary, _rows = corpus_run
    con = connect(str(out), read_only=True)
    by_hand = con.execute(
        "SELECT COALESCE(m.canonical, q.speaker) AS s, COUNT(*), SUM((label='favor')::INT) - SUM((label='against')::INT) "
        "FROM quotes q LEFT JOIN speaker_names m USING (speaker) WHERE topic = ? AND q.speaker IS NOT NULL GROUP BY s",
        [TOPIC]).fetchall()
    # an article that only says "Dmitriev" is the corpus's Kirill Dmitriev, not a second actor
    written = {r[0] for r in con.execute("SELECT DISTINCT speaker FROM quotes").fetchall()}
    assert {"Dmitriev", "Kirill Dmitriev"} <= written
    actors = {r[0] for r in con.execute("SELECT actor FROM actor_topic").fetchall()}
    assert "Kirill Dmitriev" in actors and "Dmitriev" not in actors
    view = con.execute("SELECT actor, quotes, favor - against, net FROM actor_topic WHERE topic = ?", [TOPIC]).fetchall()
    assert {(a, n, d) for a, n, d, _net in view} == set(by_hand)
    assert all(abs(net - d / n) < 1e-9 for _a, n, d, net in view)
    months = con.execute("SELECT DISTINCT month FROM stance_by_month ORDER BY 1").fetchall()
    assert [str(m[0]) for m in months] == ["2026-01-01", "2026-02-01", "2026-03-01"]
    outlets = con.execute("SELECT outlet, SUM(quotes) FROM stance_by_outlet WHERE topic = ? GROUP BY 1 ORDER BY 1", [TOPIC]).fetchall()
    total = con.execute("SELECT COUNT(*) FROM stances WHERE topic = ?", [TOPIC]).fetchone()[0]
    assert [o for o, _ in outlets] == ["Daily", "Wire"] and sum(n for _, n in outlets) == total
    con.close()
    assert (out / "corpus.duckdb").exists()


def test_a_folder_source_records_an_unreadable_file(ray_local, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in corpus_rows(3):
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    summary = run_corpus(read_source(str(folder)), str(tmp_path / "out"), [TOPIC])
    assert (summary.analysed, summary.failed) == (4, 1)
    failed = query(str(tmp_path / "out"), "SELECT id FROM articles WHERE error IS NOT NULL")["id"].tolist()
    assert failed == ["broken.pdf"]


def test_a_killed_run_restarts_and_ends_with_every_article_once(tmp_path):
    source = write_jsonl(tmp_path / "source.jsonl", corpus_rows(12))
    out = tmp_path / "out"
    cmd = [sys.executable, str(ROOT / "cli.py"), "corpus", "run", str(source), "--out", str(out),
           "-t", TOPIC, "--batch-size", "2"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAY_AUTH_MODE": "disabled"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 240
    while time.time() < deadline and len(list((out / "articles").glob("part-*.parquet"))) < 2:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its Ray processes, mid-run
    proc.wait()
    finished = len(CorpusStore(out).done_keys())
    assert 4 <= finished < 12, "the kill should land half way"
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["skipped"] == finished and summary["analysed"] == 12 - finished
    ids = [i for p in CorpusStore(out).parts("articles") for i in pq.read_table(p).column("id").to_pylist()]
    assert sorted(ids) == sorted(r["id"] for r in corpus_rows(12))  # each exactly once
    quotes = query(str(out), "SELECT article_id, quote_id, COUNT(*) AS n FROM quotes GROUP BY ALL HAVING n > 1")
    assert quotes.empty


def test_half_written_parts_are_swept(tmp_path):
    store = CorpusStore(tmp_path)
    (tmp_path / "quotes" / "part-orphan.parquet").write_bytes(b"x")
    (tmp_path / "articles" / ".tmp-part-x.parquet").write_bytes(b"x")
    CorpusStore(tmp_path)
    assert not (tmp_path / "quotes" / "part-orphan.parquet").exists()
    assert not (tmp_path / "articles" / ".tmp-part-x.parquet").exists()
    assert store.done_keys() == set()
    assert query(str(tmp_path), "SELECT COUNT(*) AS n FROM quotes")["n"][0] == 0  # empty views work


def test_sources_refuse_clearly(tmp_path):
    (tmp_path / "t.csv").write_text("body\nhello\n")
    with pytest.raises(InputError, match="no `text` column"):
        read_source(str(tmp_path / "t.csv"))
    with pytest.raises(InputError, match="no article files"):
        read_source(str(tmp_path / "nothing-*.jsonl"))
    (tmp_path / "d.csv").write_text("id,text\na,x\na,y\n")
    with pytest.raises(InputError, match="appears twice"):
        read_source(str(tmp_path / "d.csv"))
    with pytest.raises(InputError, match="not a corpus output"):
        query(str(tmp_path), "SELECT 1")


def test_actors_leave_ray_data_a_share_of_the_cpus():
    assert actor_cpus(2, 2.0) == 0.75 and actor_cpus(1, 2.0) == 1.0 and actor_cpus(4, 2.0) == 0.375


def test_cli_query_prints_csv_and_refuses_bad_sql(corpus_run, capsys):
    import cli

    _source, out, _summary, _rows = corpus_run
    assert cli.main(["corpus", "query", str(out), "SELECT actor, quotes FROM actor_topic ORDER BY quotes DESC LIMIT 2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "actor,quotes" and len(lines) == 3
    assert cli.main(["corpus", "query", str(out), "SELEC nothing"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: SQL error")


def test_no_actor_is_drawn_for_or_against_themselves(tmp_path):
    from tests.corpus_fixtures import build_output

    out = build_output(tmp_path / "out", corpus_rows(4), topic="Kirill Dmitriev")
    own = query(str(out), "SELECT topic FROM quotes WHERE speaker IN ('Kirill Dmitriev', 'Dmitriev')")["topic"]
    assert len(own) > 0 and own.isna().all()  # his quotes are there, with no stance toward himself
    actors = query(str(out), "SELECT actor FROM actor_topic")["actor"].tolist()
    assert actors and "Kirill Dmitriev" not in actors and "Dmitriev" not in actors
