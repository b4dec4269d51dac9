"""The samestory command as a user runs it: real subprocesses, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EXAMPLES


def run(*args, stdin: bytes | None = None):
    cmd = [sys.executable, "-m", "samestory.cli", *map(str, args)]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=300)


def one_line_error(proc, name: str) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert name in lines[0]
    return lines[0]


def test_clean_examples_folder_json():
    proc = run("clean", EXAMPLES, "--json", "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    out = json.loads(proc.stdout)
    assert out["counts"]["articles"] == 14 and out["counts"]["errors"] == 0
    assert out["skipped"] == [str(EXAMPLES / "README.md"), str(EXAMPLES / "expected.json")]
    assert out["counts"]["skipped"] == 2
    assert {a["id"] for a in out["articles"] if a["removed"]} >= {"harbor-fire.en", "kedrovaya-comet.ru"}


def test_clean_explain_lists_reasons(seeds):
    proc = run("clean", seeds / "en.txt", "--explain")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "counter" in out and "Visualizzazioni : 41" in out and "credit" in out
    text_part = out.split("-- removed")[0]
    assert "Visualizzazioni" not in text_part


def test_missing_file(tmp_path):
    proc = run("clean", tmp_path / "nope.txt")
    assert proc.returncode == 1
    assert "no such file" in one_line_error(proc, "nope.txt")


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    proc = run("clean", tmp_path / "empty.txt")
    assert proc.returncode == 1
    assert "empty" in one_line_error(proc, "empty.txt")


def test_directory_without_articles(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    proc = run("clean", tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "Traceback" not in err and str(tmp_path) in err and "no .txt" in err


def test_binary_junk(tmp_path):
    (tmp_path / "junk.bin").write_bytes(os.urandom(4096))
    proc = run("clean", tmp_path / "junk.bin")
    assert proc.returncode == 1
    one_line_error(proc, "junk.bin")


def test_undecodable_bytes(tmp_path):
    (tmp_path / "bytes.txt").write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x81\x8d\x8f\x90\x9d" * 200)
    proc = run("clean", tmp_path / "bytes.txt")
    assert proc.returncode == 1
    one_line_error(proc, "bytes.txt")


def test_twenty_megabyte_text(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"The harbour fire spread quickly. " * 640_000)
    proc = run("clean", big)
    assert proc.returncode == 1
    assert "MB" in one_line_error(proc, "big.txt")


def test_malformed_jsonl_line_is_named_and_the_rest_is_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = {
        "id": "a",
        "title": "Port closes",
        "text": "The river port closed on Monday after the flood, officials said.",
    }
    path.write_text(json.dumps(good) + "\n" + '{"id": "b", "title": "broken\n' + json.dumps(dict(good, id="c")) + "\n")
    proc = run("clean", path, "--json", "--quiet")
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert out["counts"] == {"articles": 2, "errors": 1, "skipped": 0, "removed_lines": 0}
    assert out["errors"][0]["where"].endswith("mixed.jsonl:2")
    one_line_error(proc, "mixed.jsonl:2")


def test_html_page_without_article(tmp_path):
    (tmp_path / "login.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav>"
        "<form><input name='user'><button>Log in</button></form></body></html>"
    )
    proc = run("clean", tmp_path / "login.html")
    assert proc.returncode == 1
    assert "no article" in one_line_error(proc, "login.html")


def test_stdin(seeds):
    proc = run("clean", "-", stdin=(seeds / "de.txt").read_bytes())
    assert proc.returncode == 0
    assert "9407" not in proc.stdout.decode() and "Astana" in proc.stdout.decode()


def test_usage_errors_exit_2():
    for args in (["clean"], ["frobnicate"], ["clean", "x.txt", "--max-mb", "lots"]):
        proc = run(*args)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr.decode()
        assert len(proc.stderr.decode().strip().splitlines()) == 1


def test_eval_clean_without_data_is_a_usage_error(tmp_path):
    proc = run("eval", "clean", "--data", tmp_path / "nowhere")
    assert proc.returncode == 2 and "nowhere" in proc.stderr.decode()


def test_clean_folder_gives_every_article_a_header(manifest):
    proc = run("clean", EXAMPLES, "--quiet")
    headers = [ln for ln in proc.stdout.decode().splitlines() if ln.startswith("==> ")]
    assert len(headers) == len(manifest)  # one per article: files and JSONL records alike


def test_clean_single_file_has_no_header(seeds):
    proc = run("clean", seeds / "en.txt")
    assert not proc.stdout.decode().startswith("==>")


def test_clean_rules_only_skips_the_line_judge(tmp_path):
    from test_line_judge import FURNITURE, _scrape

    path = tmp_path / "ferry.txt"
    path.write_text("Storm stops the Tromøya ferry\n\n" + _scrape() + "\n", encoding="utf-8")
    judged = json.loads(run("clean", path, "--json", "--quiet").stdout)["articles"][0]["removed"]
    rules = json.loads(run("clean", path, "--json", "--quiet", "--rules-only").stdout)["articles"][0]["removed"]
    assert {(r["text"], r["reason"]) for r in judged} == {(f, "boilerplate") for f in FURNITURE}
    assert rules == []


def test_add_threads_must_be_a_positive_count():
    bad = run("add", "x.txt", "--threads", "0")
    assert bad.returncode == 2 and b"--threads" in bad.stderr
