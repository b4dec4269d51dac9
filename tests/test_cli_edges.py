"""Odd and hostile arguments to the corpus commands, as a demanding user types them: one line and
exit 2 for a wrong option, exit 1 for a failure, nothing half-written, never a traceback."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from conftest import EXAMPLES
from samestory.comparison.evidence import MAX_SENTENCES, TEXT_CHARS, document_view, embed_pair
from samestory.embed.base import HashingEmbedder
from samestory.embed.router import RoutedEmbedder
from samestory.errors import MalformedRecordError, UsageError
from samestory.ingest.jsonl import parse_record
from samestory.ingest.published import iso_day, published_date
from samestory.language import language_filter
from samestory.types import Article, LanguageGuess

PAIR = (EXAMPLES / "river-bridge.fr.txt", EXAMPLES / "river-bridge.es.txt")


@pytest.fixture
def store(cli, tmp_path):
    db = tmp_path / "store.db"
    assert cli("add", *PAIR, "--db", db, "--quiet").code == 0
    return db


def one_line(result) -> str:
    lines = [ln for ln in result.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def test_export_never_writes_into_the_store_nor_onto_a_folder(cli, store, tmp_path):
    before = sorted(os.listdir(store))
    for out, says in [
        (store / "store.sqlite", "inside the store folder"),
        (store / "extra.jsonl", "inside the store folder"),
        (tmp_path, "is a folder"),
        (tmp_path / "nowhere" / "x.jsonl", "does not exist"),
    ]:
        for fmt in ("jsonl", "parquet"):
            result = cli("export", "--db", store, "--format", fmt, "--out", out)
            assert result.code == 2 and says in one_line(result)
    (tmp_path / "sneaky.jsonl").symlink_to(store / "store.sqlite")
    result = cli("export", "--db", store, "--out", tmp_path / "sneaky.jsonl")
    assert result.code == 2 and "inside the store folder" in one_line(result)
    assert sorted(os.listdir(store)) == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    assert cli("check", "--db", store).code == 0
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "target.jsonl")
    assert cli("export", "--db", store, "--out", tmp_path / "link.jsonl", "--quiet").code == 0
    assert (tmp_path / "link.jsonl").is_symlink() and len((tmp_path / "target.jsonl").read_text().splitlines()) == 2


def test_export_json_prints_one_summary_object_and_needs_a_file(cli, store, tmp_path):
    result = cli("export", "--db", store, "--out", tmp_path / "out.jsonl", "--json")
    assert result.code == 0 and json.loads(result.out) == {
        "out": str(tmp_path / "out.jsonl"),
        "format": "jsonl",
        "articles": 2,
        "db": str(store),
    }
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 2
    bare = cli("export", "--db", store, "--json")
    assert bare.code == 2 and "needs --out" in one_line(bare) and bare.out == ""


@pytest.mark.parametrize(
    "args, says",
    [
        (["stories", "--since", "2024-13-45"], "not a real day"),
        (["stories", "--since", "yesterday"], "YYYY-MM-DD"),
        (["stories", "--since", "2024"], "YYYY-MM-DD"),
        (["stories", "--lang", "!!"], "not a language code"),
        (["search", "bridge", "--lang", ""], "not a language code"),
        (["search", "bridge", "--lang", "e n"], "not a language code"),
        (["search", "bridge", "--lang", "xx"], "ISO 639-1 has no 'xx'"),
        (["stories", "--lang", "QQ-de"], "ISO 639-1 has no 'qq'"),
        (["story", "99999999999999999999999"], "no story has an id that large"),
        (["stories", "--offset", "-1"], "must be 0 or more"),
        (["serve", "--port", "99999"], "a port is from 1 to 65535"),
        (["serve", "--token", ""], "the token is empty"),
    ],
)
def test_a_wrong_option_is_one_line_and_exit_2(cli, store, args, says):
    result = cli(*args, "--db", store)
    assert result.code == 2 and says in one_line(result)


def test_a_language_filter_reads_case_and_region_as_the_store_keeps_languages(cli, store):
    plain = cli("stories", "--db", store, "--lang", "fr", "--json").json()
    assert plain["stories"]
    assert cli("stories", "--db", store, "--lang", "FR-ch", "--json").json() == plain
    assert language_filter("nb") == "no" and language_filter(" EN ") == "en"
    assert language_filter("fil") == "fil" and language_filter("sh") == "hr"  # three letters pass as given
    assert language_filter("iw") == "he" and language_filter("in") == "id"  # withdrawn codes people still type
    with pytest.raises(UsageError):
        language_filter("<script>")


def test_a_record_date_is_iso_8601_or_the_record_is_rejected(cli, tmp_path):
    text = PAIR[0].read_text(encoding="utf-8")
    src = tmp_path / "dated.jsonl"
    src.write_text(
        json.dumps({"id": "ok", "text": text, "published": "Tue, 05 Mar 2024 14:30:00 +0100"})
        + "\n"
        + json.dumps({"id": "bad", "text": text + " Encore.", "published": "yesterday"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    result = cli("add", src, "--db", db, "--json", "--quiet")
    report = result.json()
    assert result.code == 1 and report["added"] == 1
    (error,) = report["errors"]
    assert error["where"].endswith("dated.jsonl:2") and "\"published\" is not a date: 'yesterday'" in error["message"]
    (row,) = [json.loads(line) for line in cli("export", "--db", db).out.splitlines()]
    assert row["published"] == "2024-03-05T13:30:00+00:00"


@pytest.mark.parametrize(
    "value, read",
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T14:30:00Z", "2024-03-05T14:30:00Z"),  # ISO kept as written: its hash stays
        ("2024-03-05 14:30", "2024-03-05 14:30"),
        ("2024/03/05", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("Tue, 05 Mar 2024 14:30:00 GMT", "2024-03-05T14:30:00+00:00"),
        ("20240305T143000Z", "2024-03-05T14:30:00Z"),
        ("2024-03", "2024-03"),  # reduced precision sorts with the rest: kept
        ("2024", "2024"),
        ("2024-02-30", None),
        ("2024-03-05T25:00", None),
        ("2024-13", None),
        ("Mar 5, 2024", None),
        ("Fri, 31 Dec 9999 23:59:59 -0100", None),  # past year 9999 in UTC: an OverflowError before
    ],
)
def test_publication_dates(value, read):
    if read is None:
        with pytest.raises(ValueError):
            published_date(value)
        with pytest.raises(MalformedRecordError):
            parse_record(json.dumps({"text": "x", "published": value}), where="f:1", default_id="f:1")
    else:
        assert published_date(value) == read
    assert iso_day("2024-03-05").isoformat() == "2024-03-05"


def test_an_unreadable_index_is_named_by_check_and_rebuilt_by_add(cli, store, tmp_path):
    (store / "index-usem3.usearch").write_bytes(b"garbage")
    checked = cli("check", "--db", store)
    assert checked.code == 1 and "index-usem3.usearch: the vector index cannot be read" in checked.out
    searched = cli("search", "pont", "--db", store)
    assert searched.code == 1 and "check --repair rebuilds it" in one_line(searched)
    text = PAIR[0].read_text(encoding="utf-8").replace("pont", "viaduc")
    (tmp_path / "more.txt").write_text(text, encoding="utf-8")
    assert cli("add", tmp_path / "more.txt", "--db", store, "--quiet").code == 0
    assert cli("check", "--db", store).code == 0
    assert cli("search", "pont", "--db", store, "--json").json()["articles"]


def test_serve_names_a_bad_store_in_one_line_before_starting(cli, tmp_path):
    (tmp_path / "plain.txt").write_text("not a store")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("my only copy")
    for db, says in [("plain.txt", "is a file"), ("mine", "is not a samestory store")]:
        result = cli("serve", "--db", tmp_path / db, "--port", "8799")
        assert result.code == 1 and says in one_line(result)
    assert os.listdir(tmp_path / "mine") == ["thesis.txt"]


def test_compare_reads_a_bounded_amount_of_any_input():
    """1.9 MB of "The fire. " made a compare run for minutes: every text embedded is cut, and
    only the first MAX_SENTENCES sentences of a side are compared (said in a warning)."""
    sentences = tuple(f"Sentence number {i} of a very long report." for i in range(MAX_SENTENCES + 10))
    huge = "word " * (2 * TEXT_CHARS)
    article = Article(
        id="long",
        text="\n".join(sentences) + "\n" + huge,
        sentences=(*sentences, huge),
        language=LanguageGuess("en", 1.0),
    )
    view = document_view(article)
    assert len(view.sentences) == MAX_SENTENCES and view.total_sentences == MAX_SENTENCES + 11 and view.truncated
    seen: list[int] = []

    class Recording(HashingEmbedder):
        def embed_batch(self, texts):
            seen.extend(len(t) for t in texts)
            return super().embed_batch(texts)

    short = document_view(Article(id="b", text="A bridge. " * 3, sentences=("A bridge.",) * 3))
    embed_pair(view, short, RoutedEmbedder(Recording(64), Recording(64), ["en"]))
    assert seen and max(seen) <= TEXT_CHARS and np.isfinite(seen).all()


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_publication_date_is_no_date(blank):
    """As a blank title is no title: stored as given, "   " became a story's first and last day."""
    article = parse_record(json.dumps({"text": "x", "published": blank}), where="f:1", default_id="f:1")
    assert article.published is None
