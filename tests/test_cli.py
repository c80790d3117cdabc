"""cli.py as a user runs it: a subprocess with real files, stdin, and a local HTTP server.

Each process loads models (~10 s on CPU), so the checks are grouped into few runs: one run
per command on the success path, plus cheap runs that fail before any model loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = str(ROOT / "cli.py")
ALLOW = "STANCELENS_ALLOW_PRIVATE_URLS"
TARGET = "lifting sanctions on Russia"

ARTICLE_A = (
    "Russia's sovereign wealth fund chief Kirill Dmitriev said on Tuesday that lifting sanctions "
    "would help both economies. \u201cAt this point, the only way forward is dialogue and trade,\u201d "
    "Dmitriev told reporters in Riyadh. He added that American companies were eager to return.\n\n"
    "Critics in Washington disagreed. \u201cSanctions relief now would reward aggression,\u201d said "
    "Senator Jane Hill, a Republican from Ohio.\n"
)
ARTICLE_B = (
    "The harbour reopened on Friday after a week of storms.\n\n\u201cWe lost three boats, but nobody was "
    "hurt,\u201d said Maria Lopez, who runs the fishermen's cooperative. The mayor said repairs to the "
    "sea wall would start next month and would be paid for by the regional government.\n"
)
ARTICLE_C = (
    "Farmers protested outside parliament on Monday. \u201cThe new rules will ruin small farms,\u201d said "
    "Tom Baker, a dairy farmer from Devon. The agriculture minister told reporters the rules were "
    "needed to protect rivers.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><nav>Home | Local</nav>"
    "<article><h1>Harbour reopens</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE_B.strip().split("\n\n"))
    + "</article><script>alert('x')</script></body></html>"
).encode("utf-8")


def run_cli(*args: str, stdin: str = "", allow_private: bool = False, timeout: int = 240) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != ALLOW}
    env["HF_HUB_OFFLINE"] = "1"
    if allow_private:
        env[ALLOW] = "1"
    return subprocess.run(
        [sys.executable, CLI, *args], input=stdin.encode("utf-8"), capture_output=True,
        cwd=ROOT, env=env, timeout=timeout,
    )


def json_lines(proc: subprocess.CompletedProcess) -> list[dict]:
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def assert_one_line_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, err)
    assert proc.stdout == b"", "nothing may be written to stdout on bad input"
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err
    return err


def assert_valid_quotes(text: str, quotes: list[dict]) -> None:
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["text"]
        for span in (q["speaker_mention"], q["cue"]):
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"]


def assert_analysis(obj: dict, text: str, targets: list[str] | None = None) -> None:
    assert obj["schema_version"] == 1
    assert set(obj) >= {"targets", "summary", "quotes", "actors", "models", "timings_s", "warnings"}
    assert obj["quotes"], "every test article has quotes"
    assert_valid_quotes(text, obj["quotes"])
    if targets is not None:
        assert obj["targets"] == targets
    for q in obj["quotes"]:
        assert set(q["stance"]) == set(obj["targets"])
        for stance in q["stance"].values():
            assert stance["label"] in ("favor", "against", "neutral")
            assert abs(sum(stance["scores"].values()) - 1) < 1e-3
    flat = " ".join(text.split())
    for sentence in obj["summary"]["sentences"]:  # summaries may normalise whitespace
        assert " ".join(sentence.split()) in flat


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        body, status = (PAGE, 200) if self.path == "/harbour" else (b"not found", 404)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"a": tmp_path / "a.txt", "b": tmp_path / "b.md", "c": tmp_path / "c.txt", "empty": tmp_path / "empty.txt"}
    paths["a"].write_text(ARTICLE_A, encoding="utf-8")
    paths["b"].write_text(ARTICLE_B, encoding="utf-8")
    paths["c"].write_text(ARTICLE_C, encoding="utf-8")
    paths["empty"].write_text("  \n", encoding="utf-8")
    return paths


def test_help_is_fast_because_heavy_imports_are_lazy():
    code = "import sys, cli; cli.build_parser().format_help(); print(sorted(m for m in ('torch','spacy','transformers','trafilatura') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().strip() == "[]"


def test_analyze_one_file_gives_one_object_with_targets_and_model_fallback(files):
    proc = run_cli("analyze", str(files["a"]), "--target", TARGET, "--stance", "./no-such-model-folder")
    [obj] = json_lines(proc)
    assert proc.stdout.decode().count("\n") == 1
    assert_analysis(obj, ARTICLE_A, [TARGET])
    speakers = {q["speaker"] for q in obj["quotes"]}
    assert {"Kirill Dmitriev", "Jane Hill"} <= speakers
    assert any("no-such-model-folder" in w for w in obj["warnings"])


def test_analyze_file_url_and_stdin_give_json_lines_in_input_order(files, server, monkeypatch):
    from models.sources import fetch_url

    monkeypatch.setenv(ALLOW, "1")
    page_text = fetch_url(server + "/harbour").text
    proc = run_cli("analyze", str(files["a"]), server + "/harbour", "-", stdin=ARTICLE_C, allow_private=True)
    objs = json_lines(proc)
    assert len(objs) == 3
    assert all(obj["targets"] for obj in objs), "without --target, topics are suggested per article"
    assert objs[0]["targets"] != objs[1]["targets"]
    for obj, text in zip(objs, [ARTICLE_A, page_text, ARTICLE_C]):
        assert_analysis(obj, text)  # offsets only fit the right article, so this checks order too
    assert "alert" not in json.dumps(objs[1])
    assert {q["speaker"] for q in objs[1]["quotes"]} >= {"Maria Lopez"}
    assert {q["speaker"] for q in objs[2]["quotes"]} >= {"Tom Baker"}


def test_quotes_and_summarize_json_lines(files, tmp_path):
    """quotes over a Word file and an HTML file (made here), summarize over two text files."""
    import docx

    from models.sources import read_path

    word = docx.Document()
    for para in ARTICLE_C.strip().split("\n\n"):
        word.add_paragraph(para)
    word.save(tmp_path / "c.docx")
    (tmp_path / "b.html").write_bytes(PAGE)
    inputs = [str(tmp_path / "c.docx"), str(tmp_path / "b.html")]
    objs = json_lines(run_cli("quotes", *inputs))
    assert [o["file"] for o in objs] == inputs
    for obj, path, speaker in zip(objs, inputs, ["Tom Baker", "Maria Lopez"]):
        assert set(obj) == {"file", "quotes", "actors"}
        assert_valid_quotes(read_path(path).text, obj["quotes"])  # offsets index the extracted text
        assert speaker in [a["name"] for a in obj["actors"]]

    objs = json_lines(run_cli("summarize", str(files["a"]), str(files["c"])))
    assert [o["file"] for o in objs] == [str(files["a"]), str(files["c"])]
    for obj, text in zip(objs, [ARTICLE_A, ARTICLE_C]):
        assert set(obj) == {"file", "summary"}
        assert obj["summary"]["sentences"]
        assert all(" ".join(s.split()) in " ".join(text.split()) for s in obj["summary"]["sentences"])


def test_stance_stdin_to_stdout_in_order():
    pro = {"text": "Lifting the sanctions is the right thing to do, and we should do it now.", "target": TARGET}
    con = {"text": "The sanctions must stay in place and be tightened further.", "target": TARGET}
    stdin = "\n".join(json.dumps(x) for x in (pro, con, pro)) + "\n\n"  # a trailing blank line is fine
    out = json_lines(run_cli("stance", stdin=stdin))
    assert len(out) == 3
    for item in out:
        assert set(item) == {"label", "scores"}
        assert item["label"] in ("favor", "against", "neutral")
        assert abs(sum(item["scores"].values()) - 1) < 1e-3
    assert out[0] == out[2] and out[0]["scores"] != out[1]["scores"]


def test_bad_input_exits_2_with_one_line_and_empty_stdout(files, server):
    # each of these fails before any model loads, so they are cheap
    assert_one_line_error(run_cli("analyze", str(files["a"]), str(files["a"].parent / "missing.txt")),
                          "missing.txt", "no such file")
    assert_one_line_error(run_cli("quotes", str(files["b"]), str(files["empty"])), "empty.txt", "empty")
    assert_one_line_error(run_cli("summarize", "file:///etc/passwd"), "only http and https")
    lines = json.dumps({"text": "ok", "target": TARGET}) + "\n{not json\n"
    assert_one_line_error(run_cli("stance", stdin=lines), "line 2")
    assert_one_line_error(run_cli("stance", stdin='{"text": "no target"}\n'), "line 1", "target")
    assert_one_line_error(run_cli("analyze", server + "/harbour"), "refused", "loopback", ALLOW)
    assert_one_line_error(run_cli("analyze", server + "/nope", allow_private=True), "404")
    assert_one_line_error(run_cli("analyze", "-", stdin=" \n"), "stdin")
    assert_one_line_error(run_cli("analyze", "--bogus"), "unrecognized")


# ---------------------------------------------------------------------------------------------
# In-process checks of the CLI's own logic (no models, no subprocess)


def test_a_failure_after_some_results_writes_nothing(monkeypatch, capfd):
    import cli
    from models.limits import InputError

    def half_then_fail(args):
        yield {"file": "first", "quotes": [], "actors": []}
        raise InputError("second.txt: the article is empty")

    monkeypatch.setattr(cli, "cmd_quotes", half_then_fail)
    assert cli.main(["quotes", "first", "second.txt"]) == 2
    out, err = capfd.readouterr()
    assert out == ""
    assert err.strip() == "error: second.txt: the article is empty"


def test_unexpected_errors_are_one_line_with_exit_1(monkeypatch, capfd):
    import cli

    def boom(args):
        raise RuntimeError("tensor shapes\ndo not match")
        yield {}

    monkeypatch.setattr(cli, "cmd_summarize", boom)
    monkeypatch.delenv("STANCELENS_DEBUG", raising=False)
    assert cli.main(["summarize", "x.txt"]) == 1
    out, err = capfd.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "RuntimeError" in err and "STANCELENS_DEBUG" in err


def test_read_stance_lines_validates_each_line():
    import io

    import cli
    from models.limits import InputError

    good = '\ufeff{"text": "We back it.", "target": " the plan "}\n\n{"text": "No.", "target": "the plan"}\n'
    assert cli.read_stance_lines(io.BytesIO(good.encode())) == [("We back it.", "the plan"), ("No.", "the plan")]
    cases = {
        '[1, 2]\n': "line 1",
        '{"text": "a", "target": "t"}\n{"text": "", "target": "t"}\n': "line 2",
        '{"text": "a", "target": 5}\n': '"target"',
        '{"text": "a", "target": "' + "x" * 500 + '"}\n': "longer than",
    }
    for stdin, words in cases.items():
        with pytest.raises(InputError, match=words):
            cli.read_stance_lines(io.BytesIO(stdin.encode()))
    with pytest.raises(InputError, match="line 2: not UTF-8"):
        cli.read_stance_lines(io.BytesIO(b'{"text": "a", "target": "t"}\n{"text": "caf\xe9"}\n'))
