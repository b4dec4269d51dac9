"""WARC reader: pages out of hand-built crawls, skipped records counted, and every damaged file
(cut short, corrupt, not a WARC) reported with the offset where it breaks, never silently.

The crawls are built here byte by byte (WARC/1.0 headers, CRLF, Content-Length; one gzip member
per record for .warc.gz); all pages are invented.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tracemalloc
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest

from samestory.errors import DecodeError, EmptyInputError, InputError, MalformedRecordError, TooLargeError
from samestory.ingest import format_of, read
from samestory.ingest.warc import SKIP_CONTENT_TYPE, SKIP_STATUS, WarcStats, read_warc
from samestory.types import Article

WARC_DATE = "2024-05-01T12:00:00Z"

ENGLISH_PARAGRAPHS = [
    "A fire destroyed a timber warehouse in the old harbour of Westport early on Tuesday, the fire brigade said.",
    "About sixty firefighters fought the blaze for five hours before bringing it under control shortly after dawn.",
    "Nobody was injured, but the smoke forced the closure of the coastal road and two ferry lines for the morning.",
    "Police said the cause of the fire was not yet known and that investigators would inspect the site on Wednesday.",
]
GERMAN_PARAGRAPHS = [
    "Ein Feuer hat am Dienstagmorgen eine Lagerhalle aus Holz im alten Hafen von Westport zerstört, teilte die Feuerwehr mit.",
    "Rund sechzig Einsatzkräfte kämpften fünf Stunden lang gegen die Flammen, bevor sie den Brand kurz nach Sonnenaufgang löschten.",
    "Verletzt wurde niemand, doch der Rauch legte die Küstenstraße und zwei Fährlinien für den ganzen Vormittag lahm.",
    "Die Polizei erklärte, die Brandursache sei noch unbekannt; Ermittler wollen das Gelände am Mittwoch untersuchen.",
]
TEXT_PAGE = (
    "Ferry lines resume after harbour fire\n\n"
    "Both ferry lines to the islands ran again on Wednesday morning after the harbour fire in Westport.\n"
)


def page(title: str, paragraphs: list[str], *, lang: str, published: str | None = None) -> bytes:
    date = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{date}</head>'
        f"<body><nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>\n{body}\n</article></main>"
        "<footer><p>Coastal Herald, all rights reserved.</p></footer></body></html>"
    ).encode()


ENGLISH_PAGE = page("Harbour fire destroys warehouse", ENGLISH_PARAGRAPHS, lang="en", published="2024-03-05")
GERMAN_PAGE = page("Feuer zerstört Lagerhalle im Hafen", GERMAN_PARAGRAPHS, lang="de")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))


# --- building crawls -----------------------------------------------------------------------


def record(kind: str, block: bytes, *, uri: str | None = None, content_type: str | None = None) -> bytes:
    """One WARC/1.0 record (header, block, CRLFCRLF)."""
    if content_type is None:
        content_type = {
            "response": "application/http; msgtype=response",
            "request": "application/http; msgtype=request",
        }.get(kind, "application/warc-fields")
    lines = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-{zlib.crc32(block + kind.encode()):012d}>",
        f"WARC-Date: {WARC_DATE}",
        *([f"WARC-Target-URI: {uri}"] if uri else []),
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
    ]
    return "\r\n".join(lines).encode() + b"\r\n\r\n" + block + b"\r\n\r\n"


def http(body: bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8", headers=()) -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", *headers]
    return "\r\n".join(head).encode() + b"\r\n\r\n" + body


def response(uri: str, body: bytes, **kwargs) -> bytes:
    return record("response", http(body, **kwargs), uri=uri)


@dataclass
class Crawl:
    path: Path
    offsets: list[int]  # where each record starts in the file

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    def at(self, index: int) -> str:
        return f"{self.path}@{self.offsets[index]}"


def write(path: Path, records: list[bytes]) -> Crawl:
    """A .warc, or a .warc.gz with one gzip member per record (as crawlers write them)."""
    parts = [gzip.compress(r, mtime=0) for r in records] if path.name.endswith(".gz") else records
    offsets = [sum(len(p) for p in parts[:i]) for i in range(len(parts))]
    path.write_bytes(b"".join(parts))
    return Crawl(path, offsets)


def read_all(path: Path, *, max_bytes: int = 1_000_000) -> tuple[list[Article | InputError], WarcStats]:
    stats = WarcStats()
    return list(read_warc(path, where=str(path), max_bytes=max_bytes, stats=stats)), stats


def described(items: list[Article | InputError]) -> list[tuple]:
    """Each item as comparable values: an article's identity, an error's type and message."""
    return [
        ("article", x.id, x.origin, x.url, x.published, x.format, x.title)
        if isinstance(x, Article)
        else (type(x).__name__, x.where, x.problem)
        for x in items
    ]


MIXED = [
    record("warcinfo", b"software: handmade\r\nformat: WARC File Format 1.0\r\n"),
    record("request", b"GET /fire HTTP/1.1\r\nHost: herald.example\r\n\r\n", uri="https://herald.example/fire"),
    response("https://herald.example/fire", ENGLISH_PAGE),
    response("https://herald.example/logo.png", PNG, content_type="image/png"),
    response("https://herald.example/gone", GERMAN_PAGE, status="404 Not Found"),
    response("https://herald.example/old", b"", status="301 Moved Permanently"),
    record("metadata", b"via: https://herald.example/\r\n", uri="https://herald.example/fire"),
    record("resource", TEXT_PAGE.encode(), uri="file:///notes/ferries.txt", content_type="text/plain; charset=utf-8"),
    response("https://zeitung.example/feuer", GERMAN_PAGE),
]
MIXED_SKIPPED = Counter({"warcinfo": 1, "request": 1, SKIP_CONTENT_TYPE: 1, SKIP_STATUS: 2, "metadata": 1})


def mixed_articles(crawl: Crawl) -> list[tuple]:
    return [
        (
            "article",
            "https://herald.example/fire",
            crawl.at(2),
            "https://herald.example/fire",
            "2024-03-05",  # the page's own date wins over the WARC-Date
            "html",
            "Harbour fire destroys warehouse",
        ),
        (
            "article",
            "file:///notes/ferries.txt",
            crawl.at(7),
            "file:///notes/ferries.txt",
            WARC_DATE,
            "text",
            "Ferry lines resume after harbour fire",
        ),
        (
            "article",
            "https://zeitung.example/feuer",
            crawl.at(8),
            "https://zeitung.example/feuer",
            WARC_DATE,  # no date in the page: the crawl's
            "html",
            "Feuer zerstört Lagerhalle im Hafen",
        ),
    ]


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_mixed_crawl_yields_exactly_its_pages_and_counts_the_rest(tmp_path, name):
    crawl = write(tmp_path / name, MIXED)
    items, stats = read_all(crawl.path)
    assert described(items) == mixed_articles(crawl)
    assert stats.records == len(MIXED)
    assert stats.skipped == MIXED_SKIPPED
    assert stats.skipped_total == 6
    english, text, german = items
    assert isinstance(english, Article) and isinstance(text, Article) and isinstance(german, Article)
    assert english.text == "\n".join(ENGLISH_PARAGRAPHS)
    assert english.declared_lang == "en" and german.declared_lang == "de"
    assert german.text.startswith("Ein Feuer hat am Dienstagmorgen")
    assert (
        text.text
        == "Both ferry lines to the islands ran again on Wednesday morning after the harbour fire in Westport."
    )


def test_gzip_offsets_are_the_members_not_the_uncompressed_records(tmp_path):
    plain = write(tmp_path / "a.warc", MIXED)
    packed = write(tmp_path / "a.warc.gz", MIXED)
    assert plain.offsets[2] != packed.offsets[2]  # the test below would prove nothing otherwise
    items, _ = read_all(packed.path)
    assert [x.origin for x in items if isinstance(x, Article)] == [packed.at(2), packed.at(7), packed.at(8)]


BROTLI = brotli.compress(ENGLISH_PAGE)


def chunked(data: bytes, size: int = 100) -> bytes:
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x;ext=1\r\n" % len(c) + c + b"\r\n" for c in chunks) + b"0\r\n\r\n"


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (gzip.compress(ENGLISH_PAGE), ["Content-Encoding: gzip"]),
        (zlib.compress(ENGLISH_PAGE), ["Content-Encoding: deflate"]),
        (zlib.compress(ENGLISH_PAGE)[2:-4], ["Content-Encoding: deflate"]),  # raw deflate, as servers often send
        (BROTLI, ["Content-Encoding: br"]),
        (chunked(ENGLISH_PAGE), ["Transfer-Encoding: chunked"]),
        (chunked(gzip.compress(ENGLISH_PAGE)), ["Content-Encoding: GZIP", "Transfer-Encoding: chunked"]),
    ],
    ids=["gzip", "deflate", "raw-deflate", "br", "chunked", "chunked-gzip"],
)
def test_encoded_bodies_are_decoded(tmp_path, body, headers):
    url = "https://herald.example/fire"
    crawl = write(tmp_path / "c.warc.gz", [response(url, body, headers=headers)])
    items, _ = read_all(crawl.path)
    assert described(items) == [
        ("article", url, crawl.at(0), url, "2024-03-05", "html", "Harbour fire destroys warehouse")
    ]
    assert items[0].text == "\n".join(ENGLISH_PARAGRAPHS)
    assert items[0].warnings == ()


def test_a_body_that_fails_to_decode_is_that_records_error_and_reading_goes_on(tmp_path):
    crawl = write(
        tmp_path / "c.warc.gz",
        [
            response("https://liar.example/a", ENGLISH_PAGE, headers=["Content-Encoding: gzip"]),
            response("https://liar.example/b", ENGLISH_PAGE, headers=["Transfer-Encoding: chunked"]),
            response("https://liar.example/c", ENGLISH_PAGE, headers=["Content-Encoding: compress"]),
            response("https://herald.example/fire", ENGLISH_PAGE),
        ],
    )
    items, stats = read_all(crawl.path)
    assert [(type(x), x.where) for x in items if isinstance(x, InputError)] == [
        (DecodeError, crawl.at(0)),
        (DecodeError, crawl.at(1)),
        (DecodeError, crawl.at(2)),
    ]
    assert "not valid gzip data" in items[0].problem
    assert items[1].problem == "not a valid chunked HTTP body (chunk header b'<!DOCTYPE html><html')"
    assert items[2].problem == "unsupported HTTP content coding 'compress'"
    assert isinstance(items[3], Article) and items[3].origin == crawl.at(3)
    assert stats.records == 4


def test_a_chunked_body_cut_by_the_crawler_keeps_its_text_with_a_warning(tmp_path):
    cut = chunked(ENGLISH_PAGE)[:-200]  # the crawler stopped before the last chunk
    crawl = write(
        tmp_path / "c.warc", [response("https://herald.example/fire", cut, headers=["Transfer-Encoding: chunked"])]
    )
    [article], _ = read_all(crawl.path)
    assert isinstance(article, Article)
    assert article.warnings == ("the chunked HTTP body ends before its last chunk: the page may be cut short",)


def test_a_page_without_an_article_is_that_records_error(tmp_path):
    login = b"<html><body><form><input name='email'><button>Sign in</button></form></body></html>"
    crawl = write(
        tmp_path / "c.warc",
        [response("https://herald.example/login", login), response("https://herald.example/fire", ENGLISH_PAGE)],
    )
    items, _ = read_all(crawl.path)
    assert described(items)[0] == ("NoArticleError", crawl.at(0), "no article text found in this HTML page")
    assert isinstance(items[1], Article)


# --- size limit ----------------------------------------------------------------------------


def test_a_payload_over_max_bytes_is_that_records_error_and_the_rest_is_read(tmp_path):
    big = ENGLISH_PAGE.replace(b"</article>", b"<p>" + b"word " * 2000 + b"</p></article>")
    bomb = gzip.compress(b"<p>" + b" " * 5_000_000 + b"</p>")  # small compressed, huge decompressed
    crawl = write(
        tmp_path / "c.warc.gz",
        [
            response("https://herald.example/big", big),
            response("https://herald.example/bomb", bomb, headers=["Content-Encoding: gzip"]),
            response("https://herald.example/fire", ENGLISH_PAGE),
        ],
    )
    assert len(ENGLISH_PAGE) < 5_000 < len(big) and len(bomb) < 5_000
    items, _ = read_all(crawl.path, max_bytes=5_000)
    assert [(type(x), x.where) for x in items[:2]] == [(TooLargeError, crawl.at(0)), (TooLargeError, crawl.at(1))]
    assert items[0].problem == "0.0108 MB is larger than the 0.005 MB limit for one article (raise it with --max-mb)"
    assert isinstance(items[2], Article) and items[2].origin == crawl.at(2)


def test_an_oversized_payload_is_not_read_whole(tmp_path):
    huge = b"<html><body><p>" + b"x" * 30_000_000 + b"</p></body></html>"
    record_bytes = response("https://herald.example/huge", huge)
    path = tmp_path / "huge.warc.gz"
    path.write_bytes(gzip.compress(record_bytes, compresslevel=1, mtime=0))
    tracemalloc.start()
    try:
        items, _ = read_all(path, max_bytes=1_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(type(x), x.where) for x in items] == [(TooLargeError, f"{path}@0")]
    assert items[0].problem == "30.0 MB is larger than the 0.001 MB limit for one article (raise it with --max-mb)"
    assert peak < 10_000_000  # the 30 MB body never came into Python (the tail check reads 1 MB pieces)


# --- damaged files -------------------------------------------------------------------------

# Cheap records (no HTML extraction), so a crawl can be cut at every byte quickly.
SMALL = [
    record("warcinfo", b"software: handmade\r\n"),
    record(
        "resource",
        b"Ferries run again\n\nBoth lines ran on Wednesday.\n",
        uri="file:///a.txt",
        content_type="text/plain",
    ),
    response("https://herald.example/logo.png", PNG, content_type="image/png"),
    record(
        "resource",
        b"Road reopens\n\nThe coastal road reopened at noon.\n",
        uri="file:///b.txt",
        content_type="text/plain",
    ),
]


@pytest.mark.parametrize("name", ["s.warc", "s.warc.gz"])
def test_cut_at_every_byte_yields_the_complete_records_and_one_error_never_silence(tmp_path, name):
    whole = write(tmp_path / name, SMALL)
    data = whole.data
    ends = whole.offsets[1:] + [len(data)]
    for cut in range(1, len(data)):
        cut_path = tmp_path / f"cut{cut}-{name}"  # a new file each time: truncating one is slow on some disks
        cut_path.write_bytes(data[:cut])
        items, stats = read_all(cut_path)
        cut_path.unlink()
        complete = sum(end <= cut for end in ends)
        kept = [x.url for x in items if isinstance(x, Article)]
        assert kept == [u for i, u in ((1, "file:///a.txt"), (3, "file:///b.txt")) if i < complete], cut
        assert stats.records == complete, cut
        errors = [x for x in items if isinstance(x, InputError)]
        if cut in whole.offsets:  # a cut between records leaves a valid, shorter crawl
            assert errors == [], cut
            continue
        assert len(errors) == 1 and items[-1] is errors[0], cut
        assert isinstance(errors[0], MalformedRecordError), cut
        assert (errors[0].where, errors[0].problem) == (
            f"{cut_path}@{whole.offsets[complete]}",
            f"truncated at byte {cut}: the last record is incomplete",
        ), cut


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("into", [0.3, 0.7, 0.98])
def test_a_crawl_cut_inside_a_page_record(tmp_path, name, into):
    whole = write(tmp_path / name, MIXED)
    cut = whole.offsets[8] + int(into * (len(whole.data) - whole.offsets[8]))
    whole.path.write_bytes(whole.data[:cut])
    items, stats = read_all(whole.path)
    assert described(items) == mixed_articles(whole)[:2] + [
        ("MalformedRecordError", whole.at(8), f"truncated at byte {cut}: the last record is incomplete")
    ]
    assert stats.records == 8


def test_the_gzip_trailer_cut_off_is_reported(tmp_path):
    whole = write(tmp_path / "s.warc.gz", SMALL)
    whole.path.write_bytes(whole.data[:-4])  # the record's bytes are all there, its CRC is not
    items, _ = read_all(whole.path)
    assert described(items)[-1] == (
        "MalformedRecordError",
        whole.at(3),
        f"truncated at byte {len(whole.data)}: the last record is incomplete",
    )
    assert [x.url for x in items if isinstance(x, Article)] == ["file:///a.txt"]


def test_a_corrupt_gzip_member_mid_file_keeps_the_records_before_it(tmp_path):
    whole = write(tmp_path / "s.warc.gz", SMALL)
    data = bytearray(whole.data)
    data[whole.offsets[2] + 30] ^= 0xFF  # inside the compressed data of the third record
    whole.path.write_bytes(bytes(data))
    items, stats = read_all(whole.path)
    assert [x.url for x in items if isinstance(x, Article)] == ["file:///a.txt"]
    [error] = [x for x in items if isinstance(x, InputError)]
    assert isinstance(error, MalformedRecordError) and error.where == whole.at(2)
    assert error.problem.startswith("corrupt gzip data (") and error.problem.endswith(
        "): the records from here on cannot be read"
    )
    assert stats.records == 2


@pytest.mark.parametrize("name", ["s.warc", "s.warc.gz"])
def test_junk_after_the_last_record_is_reported(tmp_path, name):
    whole = write(tmp_path / name, SMALL)
    size = len(whole.data)
    whole.path.write_bytes(whole.data + b"this is not a record\r\n\r\n")
    items, stats = read_all(whole.path)
    assert [x.url for x in items if isinstance(x, Article)] == ["file:///a.txt", "file:///b.txt"]
    assert stats.records == 4
    error = items[-1]
    assert isinstance(error, MalformedRecordError) and error.where == f"{whole.path}@{size}"
    if name.endswith(".gz"):
        assert error.problem.startswith("corrupt gzip data (")
    else:
        assert error.problem == "not a WARC record here: the records from here on cannot be read"


def test_a_gzip_member_after_the_last_record_that_holds_no_record_is_reported(tmp_path):
    whole = write(tmp_path / "s.warc.gz", SMALL)
    size = len(whole.data)
    whole.path.write_bytes(whole.data + gzip.compress(b"junk, not a record\r\n\r\n"))
    items, _ = read_all(whole.path)
    assert [x.url for x in items if isinstance(x, Article)] == ["file:///a.txt", "file:///b.txt"]
    assert described(items)[-1] == (
        "MalformedRecordError",
        f"{whole.path}@{size}",
        "not a WARC record here: the records from here on cannot be read",
    )


def test_a_record_without_content_type_uses_the_crawlers_identified_type(tmp_path):
    block = b"HTTP/1.1 200 OK\r\nServer: test\r\n\r\n" + ENGLISH_PAGE
    typed = record("response", block, uri="https://herald.example/fire").replace(
        b"Content-Type: application/http", b"WARC-Identified-Payload-Type: text/html\r\nContent-Type: application/http"
    )
    untyped = record("response", block, uri="https://herald.example/other")
    crawl = write(tmp_path / "c.warc", [typed, untyped])
    items, stats = read_all(crawl.path)
    assert [(x.url, x.origin) for x in items] == [("https://herald.example/fire", crawl.at(0))]
    assert stats.skipped == Counter({SKIP_CONTENT_TYPE: 1})


def test_a_crawl_gzipped_as_one_stream_is_read_and_checked(tmp_path):
    path = tmp_path / "one.warc.gz"
    path.write_bytes(gzip.compress(b"".join(SMALL), mtime=0))
    items, stats = read_all(path)
    # FastWARC knows no record offsets inside one gzip stream: later records are numbered.
    assert [(x.url, x.origin) for x in items] == [("file:///a.txt", f"{path}#2"), ("file:///b.txt", f"{path}#4")]
    assert stats.records == 4
    data = path.read_bytes()
    path.write_bytes(data[:-10])
    items, _ = read_all(path)
    assert described(items)[-1] == (
        "MalformedRecordError",
        f"{path}@0",
        f"truncated at byte {len(data) - 10}: the last record is incomplete",
    )
    assert [x.url for x in items if isinstance(x, Article)] == ["file:///a.txt"]


@pytest.mark.parametrize(
    "data",
    [ENGLISH_PAGE, gzip.compress(TEXT_PAGE.encode()), b"\x00\x01\x02 random bytes \xff" * 10],
    ids=["html", "gzipped-text", "garbage"],
)
def test_a_file_that_is_no_warc_is_one_clear_error(tmp_path, data):
    path = tmp_path / "page.warc.gz"
    path.write_bytes(data)
    items, stats = read_all(path)
    assert described(items) == [
        ("MalformedRecordError", str(path), "not a WARC file (it does not start with a WARC/1.x record)")
    ]
    assert stats.records == 0


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    items, _ = read_all(path)
    assert len(items) == 1 and isinstance(items[0], EmptyInputError) and items[0].where == str(path)


# --- through samestory.ingest.read -----------------------------------------------------------


def test_format_of_warc_names():
    assert [format_of(n) for n in ("a.warc", "A.WARC.GZ", "a.warc.gz.part", "a.gz")] == ["warc", "warc", None, None]


def test_a_folder_walk_reads_crawls(tmp_path):
    (tmp_path / "crawls").mkdir()
    crawl = write(tmp_path / "crawls" / "2024.warc.gz", MIXED)
    (tmp_path / "note.txt").write_text(TEXT_PAGE, encoding="utf-8")
    items = list(read([tmp_path]))
    assert [(x.id, x.origin) for x in items] == [
        ("https://herald.example/fire", crawl.at(2)),
        ("file:///notes/ferries.txt", crawl.at(7)),
        ("https://zeitung.example/feuer", crawl.at(8)),
        ("note", str(tmp_path / "note.txt")),
    ]


def test_a_named_crawl_that_is_cut_reports_through_read(tmp_path):
    whole = write(tmp_path / "s.warc", SMALL)
    whole.path.write_bytes(whole.data[:-7])
    items = list(read(str(whole.path)))
    assert [type(x).__name__ for x in items] == ["Article", "MalformedRecordError"]


def test_importing_the_readers_does_not_load_fastwarc():
    code = "import sys, samestory.ingest; print('fastwarc' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_crawl_piped_in_or_named_without_its_extension_is_read_as_a_crawl(tmp_path, monkeypatch, name):
    """Before, standard input and "crawl.dat" were sniffed as text: the WARC and HTTP headers
    became one junk article."""
    import io
    import sys

    crawl = write(tmp_path / name, MIXED)
    expected = [(x.id, x.title) for x in read([crawl.path]) if isinstance(x, Article)]
    assert len(expected) == 3

    class Stdin:
        buffer = io.BytesIO(crawl.data)

    monkeypatch.setattr(sys, "stdin", Stdin)
    piped = list(read(["-"]))
    assert [(x.id, x.title) for x in piped if isinstance(x, Article)] == expected
    assert all(x.where.startswith("<stdin>") for x in piped if isinstance(x, InputError))
    renamed = tmp_path / "crawl.dat"
    renamed.write_bytes(crawl.data)
    assert [(x.id, x.title) for x in read([renamed]) if isinstance(x, Article)] == expected


def test_a_gzip_stream_holding_nothing_is_an_empty_crawl(tmp_path):
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(gzip.compress(b"", mtime=0))
    items, _ = read_all(path)
    assert len(items) == 1 and isinstance(items[0], EmptyInputError) and "no WARC records" in items[0].problem


@pytest.mark.parametrize(
    "line, problem",
    [
        (b"Content-Length: abc", "a WARC record whose Content-Length is not a number ('abc')"),
        (b"Content-Length: -5", "a WARC record whose Content-Length is not a number ('-5')"),
        (b"Content-Length: ", "a WARC record with an empty Content-Length"),
        (b"X-Length: 5", "a WARC record without a Content-Length"),
    ],
)
def test_a_record_whose_length_cannot_be_read_is_named_for_what_is_wrong(tmp_path, line, problem):
    good = response("https://herald.example/fire", ENGLISH_PAGE)
    start = good.index(b"Content-Length: ")
    broken = good[:start] + line + good[good.index(b"\r\n", start) :]
    crawl = write(tmp_path / "crawl.warc", [good, broken])
    items, _ = read_all(crawl.path)
    assert described(items)[1:] == [("MalformedRecordError", crawl.at(1), problem)]
    assert isinstance(items[0], Article)
