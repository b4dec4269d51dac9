"""Readers: encodings, text/JSONL/HTML files, folders, stdin, and the errors for bad input.

All texts here are invented short news items.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import subprocess
import sys

import pytest

from samestory.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    MalformedRecordError,
    MissingInputError,
    NoArticleError,
    TooLargeError,
)
from samestory.ingest import DEFAULT_MAX_BYTES, extract_html, read, sniff
from samestory.ingest.encoding import decode
from samestory.ingest.html import decode_html, trafilatura_baseline
from samestory.ingest.plaintext import split_headline
from samestory.types import Article

GERMAN = "Der Bürgermeister sagte am Montag, die Straße bleibe wegen Überflutung gesperrt. „Wir prüfen täglich“, sagte er. Kosten: 5 €."
FRENCH = (
    "Le maire a déclaré lundi que la rue resterait fermée à cause des inondations. « C’est très grave », a-t-il ajouté."
)
RUSSIAN = "Мэр города заявил в понедельник, что улица останется закрытой из-за наводнения. Пожарные работали всю ночь."
SPANISH = "El alcalde dijo el lunes que la calle seguirá cerrada. Señor García habló con él en Zúrich."
EVIL = b"\xff\xfe\x00\xd8" * 10 + b"\x81\x8d\x8f\x90\x9d" * 200

STORY = """Harbour fire destroys warehouse

A fire destroyed a timber warehouse in the old harbour early on Tuesday.
About sixty firefighters fought the blaze for five hours.

Nobody was injured, the fire brigade said.
"""

ARTICLE_PARAGRAPHS = [
    "A fire destroyed a timber warehouse in the old harbour of Westport early on Tuesday, the fire brigade said.",
    "About sixty firefighters fought the blaze for five hours before bringing it under control shortly after dawn.",
    "Nobody was injured, but the smoke forced the closure of the coastal road and two ferry lines for most of the morning.",
    "Police said the cause of the fire was not yet known and that investigators would inspect the site on Wednesday.",
]

_BODY = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour fire destroys warehouse | Coastal Herald</title>
<meta property="og:site_name" content="Coastal Herald">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://herald.example/news/harbour-fire">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Latest headlines</a></li>
<li><a href="/sport">Sport results</a></li><li><a href="/weather">Weather forecast</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our website.
Accept all cookies or manage your settings.</p><button>Accept</button></div>
<main><article><h1>Harbour fire destroys warehouse</h1>
{_BODY}
</article></main>
<footer><p>Copyright 2024 Coastal Herald Media. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""

LOGIN_PAGE = """<!DOCTYPE html><html><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/contact">Contact</a></nav>
<form action="/login" method="post"><label>Email <input name="email"></label>
<label>Password <input type="password" name="pw"></label><button>Sign in</button></form>
</body></html>"""


def _all(*sources, **kwargs) -> list[Article | InputError]:
    return list(read(list(sources), **kwargs))


def _only(items):
    assert len(items) == 1, items
    return items[0]


# --- encoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, expected",
    [
        (GERMAN.encode("utf-8"), GERMAN),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), GERMAN),
        (codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"), RUSSIAN),
        (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN),
        (codecs.BOM_UTF32_LE + FRENCH.encode("utf-32-le"), FRENCH),
        (GERMAN.encode("cp1252"), GERMAN),
        (FRENCH.encode("cp1252"), FRENCH),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (SPANISH.encode("latin-1"), SPANISH),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le-bom",
        "cp1252-de",
        "cp1252-fr",
        "cp1251-ru",
        "latin1-es",
    ],
)
def test_decode_finds_the_encoding(data, expected):
    assert decode(data, "x.txt").text == expected


def test_decode_normalises_newlines():
    assert decode(b"one\r\ntwo\rthree\n", "x.txt").text == "one\ntwo\nthree\n"


def test_decode_random_bytes_is_binary():
    with pytest.raises(BinaryInputError, match=r"^junk\.bin: looks like a binary file"):
        decode(os.urandom(4096) + b"\x00", "junk.bin")


def test_decode_valid_utf8_with_nul_bytes_is_binary():
    with pytest.raises(BinaryInputError):
        decode("mayor".encode("utf-16-le") * 20, "x.txt")


def test_decode_broken_utf16_bom_names_encoding_and_offset():
    with pytest.raises(DecodeError) as info:
        decode(EVIL, "bytes.txt")
    assert str(info.value) == (
        "bytes.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16 (bad bytes at offset 2)"
    )


def test_decode_undecodable_bytes_without_bom_are_an_error_not_garbage():
    with pytest.raises((DecodeError, BinaryInputError)) as info:
        decode(b"Mayor " + b"\x81\x8d\x8f\x90\x9d" * 200, "bytes.txt")
    assert "invalid byte 0x81 at offset 6" in str(info.value)


@pytest.mark.parametrize(
    "data, problem", [(b"", "empty file"), (b" \n\t\r\n", "no text"), (codecs.BOM_UTF8, "no text")]
)
def test_decode_empty(data, problem):
    with pytest.raises(EmptyInputError, match=f"^e.txt: {problem}$"):
        decode(data, "e.txt")


def test_html_meta_charset_is_honoured():
    # Thai in windows-874 is outside the encodings guessed without a declaration.
    thai = "นายกเทศมนตรีกล่าวว่าถนนจะปิดเนื่องจากน้ำท่วม"
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-874">'
        f"</head><body><p>{thai}</p></body></html>"
    )
    assert thai in decode_html(page.encode("cp874"), "p.html").text
    with pytest.raises(DecodeError):
        decode(page.encode("cp874"), "p.html")


def test_html_valid_utf8_wins_over_a_stale_meta_charset():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Straße über</p></body></html>'
    assert "Straße über" in decode_html(page.encode("utf-8"), "p.html").text


# --- text files -------------------------------------------------------------------------------


def test_text_file_with_headline(tmp_path):
    (tmp_path / "harbor-fire.en.txt").write_text(STORY, encoding="utf-8")
    article = _only(_all(tmp_path / "harbor-fire.en.txt"))
    assert article.id == "harbor-fire.en"
    assert article.title == "Harbour fire destroys warehouse"
    assert article.origin == str(tmp_path / "harbor-fire.en.txt")
    # body lines are kept as written, not reflowed
    assert article.text == (
        "A fire destroyed a timber warehouse in the old harbour early on Tuesday.\n"
        "About sixty firefighters fought the blaze for five hours.\n\n"
        "Nobody was injured, the fire brigade said."
    )


@pytest.mark.parametrize(
    "first", ["Harbour fire destroys warehouse", "Will the ferry run again?", "Fire in the harbour!"]
)
def test_headline_detected(first):
    assert split_headline(f"{first}\n\nThe ferry stopped on Monday.") == (first, "The ferry stopped on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "The ferry stopped on Monday.\nIt runs again today.",  # a sentence
        "What the mayor said:\nThe ferry stopped on Monday.",  # a lead-in
        "Harbour fire, day two,\nThe ferry stopped on Monday.",  # trailing comma
        " ".join(["word"] * 31) + "\nThe ferry stopped on Monday.",  # too many words
        "x" * 201 + "\nThe ferry stopped on Monday.",  # too long
        "Harbour fire destroys warehouse\n\n",  # nothing follows
    ],
)
def test_headline_not_detected(text):
    title, body = split_headline(text)
    assert title is None
    assert body == text.strip()


def test_missing_file(tmp_path):
    err = _only(_all(tmp_path / "nope.txt"))
    assert isinstance(err, MissingInputError)
    assert str(err) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    err = _only(_all(tmp_path / "empty.txt"))
    assert isinstance(err, EmptyInputError) and "empty.txt: empty file" in str(err)


def test_binary_and_undecodable_files_are_yielded_not_raised(tmp_path):
    (tmp_path / "junk.bin").write_bytes(os.urandom(4096) + b"\x00")
    (tmp_path / "bytes.txt").write_bytes(EVIL)
    (tmp_path / "good.txt").write_text("Ferry resumes service\n\nThe ferry runs again.", encoding="utf-8")
    items = _all(tmp_path / "junk.bin", tmp_path / "bytes.txt", tmp_path / "good.txt")
    assert isinstance(items[0], BinaryInputError) and "junk.bin" in str(items[0])
    assert isinstance(items[1], DecodeError) and "bytes.txt" in str(items[1])
    assert isinstance(items[2], Article) and items[2].title == "Ferry resumes service"


def test_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    from samestory.ingest import encoding

    big = tmp_path / "big.txt"
    big.write_bytes(b"The ferry runs again.\n" * (20_000_000 // 22 + 1))

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened: its size should have refused it first")

    monkeypatch.setattr(encoding, "open", no_reading, raising=False)
    err = _only(_all(big))
    assert isinstance(err, TooLargeError)
    assert str(err) == (f"{big}: 20.0 MB is larger than the 10 MB limit for one article (raise it with --max-mb)")
    assert DEFAULT_MAX_BYTES == 10_000_000


def test_max_bytes_boundary(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 100)
    assert isinstance(_only(_all(tmp_path / "a.txt", max_bytes=100)), Article)
    assert isinstance(_only(_all(tmp_path / "a.txt", max_bytes=99)), TooLargeError)


def test_read_accepts_a_single_path(tmp_path):
    (tmp_path / "a.md").write_text("The ferry runs again.", encoding="utf-8")
    assert [a.id for a in read(str(tmp_path / "a.md"))] == ["a"]


# --- folders ----------------------------------------------------------------------------------


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_folder_is_walked_in_sorted_order_with_relative_ids(tmp_path):
    _write(tmp_path / "b.txt", "Story b.")
    _write(tmp_path / "sub" / "harbor-fire.en.txt", "Story fire.")
    _write(tmp_path / "sub" / "deeper" / "a.md", "Story deep.")
    _write(
        tmp_path / "a.jsonl",
        json.dumps({"text": "Record one."}) + "\n" + json.dumps({"id": "r2", "text": "Record two."}) + "\n",
    )
    _write(tmp_path / "c.html", ARTICLE_PAGE)
    _write(tmp_path / ".hidden.txt", "Hidden.")
    _write(tmp_path / ".git" / "x.txt", "Hidden too.")
    _write(tmp_path / "notes.csv", "a,b")
    _write(tmp_path / "README.md", "Invented stories for testing.")
    skipped: list[str] = []
    items = _all(tmp_path, skipped=skipped)
    assert all(isinstance(a, Article) for a in items), items
    assert [a.id for a in items] == ["a:1", "r2", "b", "c", "sub/deeper/a", "sub/harbor-fire.en"]
    assert items[-1].origin == str(tmp_path / "sub" / "harbor-fire.en.txt")
    assert items[0].origin == f"{tmp_path / 'a.jsonl'}:1"
    assert skipped == [str(tmp_path / "README.md"), str(tmp_path / "notes.csv")]


def test_documentation_file_is_read_when_named(tmp_path):
    _write(tmp_path / "README.md", "Ferry news\n\nThe ferry runs again.")
    assert _only(_all(tmp_path / "README.md")).id == "README"


def test_folder_without_articles(tmp_path):
    _write(tmp_path / "data.csv", "a,b")
    _write(tmp_path / ".hidden.txt", "Hidden.")
    skipped: list[str] = []
    err = _only(_all(tmp_path, skipped=skipped))
    assert isinstance(err, NoArticleError)
    assert str(err) == f"{tmp_path}: no .txt, .jsonl, .html or .warc files in this folder"
    assert skipped == [str(tmp_path / "data.csv")]


def test_empty_folder(tmp_path):
    assert isinstance(_only(_all(tmp_path)), NoArticleError)


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_bad_line_in_the_middle(tmp_path):
    path = tmp_path / "file.jsonl"
    path.write_text(
        json.dumps({"id": "a", "title": "Flood closes port", "text": "The river port closed."})
        + "\n"
        + '{"id": "b", "title": "broken\n'
        + json.dumps({"id": "c", "text": "The port reopened."})
        + "\n",
        encoding="utf-8",
    )
    first, err, third = _all(path)
    assert (first.id, first.title, first.text) == ("a", "Flood closes port", "The river port closed.")
    assert isinstance(err, MalformedRecordError)
    assert str(err).startswith(f"{path}:2: invalid JSON")
    assert (third.id, third.origin) == ("c", f"{path}:3")


def test_a_record_cut_off_mid_line_is_named_at_its_own_column(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"id": "a", "title": "Flood", "text":\n', encoding="utf-8")
    (err,) = _all(path)
    assert isinstance(err, MalformedRecordError)
    assert str(err) == f"{path}:1: invalid JSON (Expecting value at column 38; the line ends before the record does)"
    path.write_text('{"id": "a", "text": "The river\n', encoding="utf-8")
    (err,) = _all(path)
    assert str(err).endswith("(Unterminated string starting at column 21; the line ends before the record does)")


@pytest.mark.parametrize(
    "record, problem",
    [
        ({"id": "a"}, 'no "text" field'),
        ({"id": "a", "text": "   "}, '"text" is empty'),
        ({"id": "a", "text": 5}, '"text" must be a string, not a number'),
        ({"id": 1.5, "text": "Port closed."}, '"id" must be a string or an integer, not a number'),
        ({"id": "a", "text": "Port closed.", "url": ["x"]}, '"url" must be a string or null, not an array'),
        (["Port closed."], "expected a JSON object, got an array"),
    ],
)
def test_jsonl_invalid_records(tmp_path, record, problem):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": "Port reopened."}) + "\n", encoding="utf-8")
    err, good = _all(path)
    assert isinstance(err, MalformedRecordError)
    assert str(err) == f"{path}:1: {problem}"
    assert good.text == "Port reopened." and good.id == "f:2"


def test_jsonl_fields_and_ids(tmp_path):
    path = tmp_path / "f.ndjson"
    path.write_text(
        "\n"
        + json.dumps(
            {
                "id": 7,
                "text": "Hafen geschlossen.\r\nMehr folgt.",
                "title": "Hafen",
                "lang": "de",
                "url": "https://x.example/1",
                "published": "2024-03-05",
                "source": "Zeitung",
                "extra": {"ignored": True},
            }
        )
        + "\n\n",
        encoding="utf-8",
    )
    article = _only(_all(path))
    assert article == Article(
        id="7",
        text="Hafen geschlossen.\nMehr folgt.",
        title="Hafen",
        origin=f"{path}:2",
        declared_lang="de",
        url="https://x.example/1",
        published="2024-03-05",
        source="Zeitung",
        format="jsonl",
    )


def test_jsonl_without_records(tmp_path):
    (tmp_path / "f.jsonl").write_text("\n  \n", encoding="utf-8")
    err = _only(_all(tmp_path / "f.jsonl"))
    assert isinstance(err, EmptyInputError) and str(err).startswith(f"{tmp_path / 'f.jsonl'}: ")


def test_jsonl_record_over_the_limit_is_skipped(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "Port reopened."}) + "\n", encoding="utf-8"
    )
    err, good = _all(path, max_bytes=100)
    assert isinstance(err, TooLargeError) and str(err).startswith(f"{path}:1: ")
    assert good.text == "Port reopened."


def test_jsonl_utf8_bom_and_invalid_utf8_line(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"text": "Port closed."}\n{"text": "Caf\xe9"}\n')
    good, err = _all(path)
    assert good.text == "Port closed."
    assert isinstance(err, MalformedRecordError) and f"{path}:2: not valid UTF-8" in str(err)


# --- HTML -------------------------------------------------------------------------------------


def test_html_article(tmp_path):
    (tmp_path / "fire.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    article = _only(_all(tmp_path / "fire.html"))
    assert isinstance(article, Article), article
    assert article.id == "fire"
    assert article.title == "Harbour fire destroys warehouse"
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in article.text
    for junk in ("Latest headlines", "Weather forecast", "cookies", "All rights reserved", "Privacy policy"):
        assert junk not in article.text
    assert not article.text.startswith("Harbour fire")  # the title is not repeated in the body
    assert (article.url, article.published, article.source, article.declared_lang) == (
        "https://herald.example/news/harbour-fire",
        "2024-03-05",
        "Coastal Herald",
        "en",
    )


def test_html_gzip_file(tmp_path):
    (tmp_path / "fire.html.gz").write_bytes(gzip.compress(ARTICLE_PAGE.encode("utf-8")))
    article = _only(_all(tmp_path / "fire.html.gz"))
    assert article.id == "fire" and ARTICLE_PARAGRAPHS[1] in article.text


def test_html_without_article(tmp_path):
    (tmp_path / "login.htm").write_text(LOGIN_PAGE, encoding="utf-8")
    err = _only(_all(tmp_path / "login.htm"))
    assert isinstance(err, NoArticleError)
    assert str(err) == f"{tmp_path / 'login.htm'}: no article text found in this HTML page"


def test_trafilatura_baseline_is_plain_extract():
    text = trafilatura_baseline(ARTICLE_PAGE)
    assert ARTICLE_PARAGRAPHS[0] in text and text.startswith("Harbour fire destroys warehouse")


def test_extract_html_accepts_bytes_in_a_legacy_encoding():
    page = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(ARTICLE_PARAGRAPHS[0], RUSSIAN)
    article = extract_html(page.encode("cp1251"), "ru.html")
    assert RUSSIAN in article.text and article.id == "ru" and article.origin == "ru.html"
    with pytest.raises(NoArticleError, match=r"^<html>: "):
        extract_html(LOGIN_PAGE)


# --- stdin and sniffing -----------------------------------------------------------------------


class _FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"  \n<!doctype html><html><body><p>Hi</p></body></html>", "html"),
        (b'{"text": "a"}\n\n{"text": "b"}\n', "jsonl"),
        (b'{"text": "a"}\n{"text": \n{"text": "c"}\n', "jsonl"),
        (b"<b>not a page</b> just text\n", "text"),
        (b"Ferry resumes service\n{not json}\n", "text"),
    ],
)
def test_sniff(data, expected):
    assert sniff(data) == expected


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(STORY.encode("utf-16")))
    article = _only(_all("-"))
    assert (article.id, article.origin, article.title) == ("stdin", "<stdin>", "Harbour fire destroys warehouse")


def test_stdin_jsonl_with_bad_line(monkeypatch):
    data = b'{"id": "a", "text": "Port closed."}\n{"id": "b", "title": "broken\n{"id": "c", "text": "Port reopened."}\n'
    monkeypatch.setattr(sys, "stdin", _FakeStdin(data))
    first, err, third = _all("-")
    assert first.id == "a" and third.id == "c"
    assert isinstance(err, MalformedRecordError) and str(err).startswith("<stdin>:2: ")


def test_stdin_jsonl_longer_than_the_sniffed_head(monkeypatch):
    lines = [json.dumps({"id": str(i), "text": f"Ferry report number {i}."}) for i in range(5000)]
    monkeypatch.setattr(sys, "stdin", _FakeStdin("\n".join(lines).encode()))
    items = _all("-")
    assert [a.id for a in items] == [str(i) for i in range(5000)]


def test_stdin_html(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(ARTICLE_PAGE.encode()))
    article = _only(_all("-"))
    assert article.title == "Harbour fire destroys warehouse" and ARTICLE_PARAGRAPHS[3] in article.text


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "dump.dat").write_text(json.dumps({"text": "Port closed."}) + "\n", encoding="utf-8")
    (tmp_path / "page.php").write_text(ARTICLE_PAGE, encoding="utf-8")
    records, page = _all(tmp_path / "dump.dat", tmp_path / "page.php")
    assert (records.id, records.text) == ("dump:1", "Port closed.")
    assert page.id == "page" and page.title == "Harbour fire destroys warehouse"


def test_reading_text_does_not_import_trafilatura(tmp_path):
    _write(tmp_path / "a.txt", STORY)
    code = (
        "import sys; from samestory.ingest import read; "
        f"items = list(read([{str(tmp_path)!r}])); "
        "assert items[0].title, items; assert 'trafilatura' not in sys.modules; "
        "assert 'charset_normalizer' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_readers_record_their_format(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><article><h1>Port closes</h1>"
        "<p>The river port closed on Monday after heavy rain flooded the docks, officials said.</p>"
        "<p>Ships were sent to the coastal harbour of Miran while engineers inspect the quay walls.</p>"
        "<p>The harbour office expects to reopen the port by the end of the week if the water falls.</p>"
        "</article></body></html>"
    )
    (tmp_path / "a.txt").write_text("Port closes\n\nThe river port closed on Monday, officials said.")
    formats = {a.id: a.format for a in read([tmp_path]) if not isinstance(a, InputError)}
    assert formats == {"a": "text", "p": "html"}
