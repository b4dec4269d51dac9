"""WARC reader: the HTML and text pages of a web crawl (``.warc``, ``.warc.gz``) as articles.

A crawl holds far more than pages: the crawler's own records (warcinfo, request, metadata,
revisit), images, scripts, PDFs, redirects and errors. Only a 2xx ``response`` (or a
``resource``, which some crawlers store pages as) whose payload is HTML or plain text becomes
an article; the rest are skipped without a message and counted in a :class:`WarcStats`, so the
caller can say how many there were. Each record is named ``path@offset`` (its byte offset in the
file, where a reader can seek to it), and so is each of its errors.

Two traps of the WARC libraries shape this module (both measured with FastWARC 2.0.1):

* **Truncation is silent.** A crawl cut mid-record (an interrupted download or copy) iterates
  as a shorter crawl, even yielding the cut record with part of its headers. So a record is
  only turned into an article once it is known to be complete: when the next record has been
  found after it, or, for the last one, when :func:`_check_tail` has re-read the file's end
  and found the record's framing (and gzip member) whole. A cut file yields its complete
  records and then one error naming the offset of the incomplete one.
* **One bad body poisons the iterator.** With FastWARC's own decoding (``auto_decode``), one
  server's broken gzip or chunked body ends the iteration as if the file were corrupt. Bodies
  are read raw and undone here (chunking, then gzip/deflate/br), inside this record's errors.

This is the only module that imports FastWARC, inside :func:`read_warc`.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from ..errors import DecodeError, EmptyInputError, InputError, MalformedRecordError
from ..types import Article
from .encoding import decode, too_large
from .html import extract_html
from .plaintext import text_article

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord, WarcRecordPayloadReader

__all__ = ["read_warc", "WarcStats", "SKIP_STATUS", "SKIP_CONTENT_TYPE", "SKIP_NOT_HTTP"]

#: :class:`WarcStats` keys for skipped records other than those skipped for their WARC type
#: (which are counted under the type's name: "warcinfo", "request", "metadata", "revisit" ...).
SKIP_STATUS = "not-2xx"  # a redirect, an error page, or no HTTP status at all
SKIP_CONTENT_TYPE = "not-html-or-text"  # an image, a script, a PDF, JSON, or no Content-Type
SKIP_NOT_HTTP = "not-http"  # a response of another protocol (dns:, ftp:)

#: Payload media types that hold an article, and the reader each goes to.
_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
#: Charset labels servers send by default rather than by knowing (Apache's old AddDefaultCharset):
#: a text payload labelled so is decoded as if unlabelled (UTF-8, then guessing from cp1252 on).
_DEFAULT_CHARSETS = frozenset({"iso8859-1", "ascii"})  # codecs' names for ISO-8859-1, US-ASCII
_WARC_MAGIC = b"WARC/"
_GZIP_MAGIC = b"\x1f\x8b"
#: A gzip member starts with the magic, the deflate method (8) and a flags byte whose top three
#: bits are reserved (zero): enough to tell a member start from a position inside one.
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08[\x00-\x1f]")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")
_RECORD_END = b"\r\n\r\n"
#: Longest WARC header accepted by the tail check (FastWARC's own limit is 32 KiB).
_MAX_HEADER = 64 * 1024
_MAX_CHUNK_LINE = 1024
_READ_SIZE = 1 << 20


@dataclass
class WarcStats:
    """What reading WARC files met besides articles and errors; filled while iterating.

    ``records`` counts the complete records read; ``skipped`` the ones that hold no page, by
    reason (a WARC type such as "request", or :data:`SKIP_STATUS`, :data:`SKIP_CONTENT_TYPE`,
    :data:`SKIP_NOT_HTTP`). One object may be passed to several :func:`read_warc` calls.
    """

    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def read_warc(
    path: str | os.PathLike[str], *, where: str, max_bytes: int, stats: WarcStats | None = None
) -> Iterator[Article | InputError]:
    """Yield an article, or the error, for each HTML or text page in one WARC file.

    ``where`` names the file in messages; each record is named ``where@offset``. ``max_bytes``
    limits one page's payload (read at most one byte over it). A file that is empty, no WARC,
    cut short or corrupt yields an :class:`InputError` saying so, after the complete records
    before the damage. ``stats``, when given, counts the records read and skipped. Only
    ``OSError`` from reading the file passes through.
    """
    stats = stats if stats is not None else WarcStats()
    # Two handles: FastWARC reads one; the other looks at offsets it reports, and at the end.
    with open(path, "rb") as handle, open(path, "rb") as probe:
        head = handle.read(_READ_SIZE)
        if not head:
            yield EmptyInputError(where, "empty file")
            return
        if _not_warc(head):
            yield MalformedRecordError(where, "not a WARC file (it does not start with a WARC/1.x record)")
            return
        handle.seek(0)
        gzip = _GZIP_MAGIC.startswith(head[: len(_GZIP_MAGIC)])
        yield from _read_records(handle, probe, where, max_bytes, stats, gzip=gzip)


def _read_records(
    handle: BinaryIO, probe: BinaryIO, where: str, max_bytes: int, stats: WarcStats, *, gzip: bool
) -> Iterator[Article | InputError]:
    """Each record FastWARC finds, finished (counted; its article or error yielded) once it is
    known to be whole; then the end of the file checked."""
    # Imported here: FastWARC is only needed when a crawl is read.
    from fastwarc.warc import ArchiveIterator

    records = iter(ArchiveIterator(handle, parse_http=True, auto_decode="none"))
    pending: _Record | None = None
    count, failure = 0, None
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except OSError as err:  # corrupt data: _check_tail finds where
            failure = str(err)
            break
        if pending is not None:  # FastWARC found this record after it, so it is whole
            yield from _finish(pending, stats)
        count += 1
        # In a WARC gzipped as one stream (not one member per record) FastWARC knows no record
        # offsets: it gives the records after the first the bytes it has read so far, which is
        # no member start. Those records are named by number.
        offset = record.stream_pos
        named = not gzip or _member_starts(probe, offset)
        pending = _take(record, f"{where}@{offset}" if named else f"{where}#{count}", max_bytes)
    yield from _end(probe, where, pending, count, failure, stats, gzip=gzip)


def _end(
    probe: BinaryIO,
    where: str,
    pending: _Record | None,
    count: int,
    failure: str | None,
    stats: WarcStats,
    *,
    gzip: bool,
) -> Iterator[Article | InputError]:
    """The last record, once the file's end shows it complete; and the error for a file that
    does not end cleanly after it (cut short, corrupt, or records FastWARC did not yield)."""
    start, before = (pending.offset, 0) if pending is not None else (0, 0)
    if gzip and not _member_starts(probe, start):
        start, before = 0, max(count - 1, 0)  # one gzip stream: check it all from the start
    tail = _check_tail(probe, start, gzip=gzip)
    if pending is not None and tail.complete > before:
        yield from _finish(pending, stats)
    expected = before + int(pending is not None)
    if tail.problem is not None:
        yield MalformedRecordError(f"{where}@{tail.offset}", tail.problem)
    elif failure is not None:  # FastWARC stopped on something the framing check finds whole
        yield MalformedRecordError(f"{where}@{start}", f"cannot be read after the record here ({failure})")
    elif tail.complete > expected:
        yield MalformedRecordError(
            f"{where}@{start}", f"{tail.complete - expected} record(s) after this point could not be read"
        )


# --- one record ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Record:
    """What one record holds for us, taken before the iterator moves on (FastWARC drops the
    body of a record once it has gone past it)."""

    offset: int
    where: str
    skip: str | None = None  # why it holds no page (a WarcStats key), or None
    fmt: str = ""  # "html" or "text"
    url: str | None = None
    date: str | None = None
    body: bytes = b""  # the payload, de-chunked and decompressed
    charset: str | None = None
    warnings: tuple[str, ...] = ()
    error: InputError | None = None  # the body could not be read


def _take(record: WarcRecord, where: str, max_bytes: int) -> _Record:
    """The page in ``record`` (its body read, at most ``max_bytes + 1`` bytes), or why it is skipped."""
    base = _Record(offset=record.stream_pos, where=where)
    kind = str(record.record_type)
    if kind == "response":
        if not record.is_http or record.http_headers is None:
            return dataclasses.replace(base, skip=SKIP_NOT_HTTP)
        status = record.http_headers.status_code
        if status is None or not 200 <= status < 300:
            return dataclasses.replace(base, skip=SKIP_STATUS)
        # Common Crawl's own sniffing stands in for a Content-Type the server did not send.
        content_type = record.http_headers.get("Content-Type") or record.headers.get("WARC-Identified-Payload-Type")
    elif kind == "resource":
        content_type = record.headers.get("Content-Type")
    else:
        return dataclasses.replace(base, skip=kind)
    media, charset = _media_type(content_type)
    fmt = _FORMATS.get(media)
    if fmt is None:
        return dataclasses.replace(base, skip=SKIP_CONTENT_TYPE)
    url = record.headers.get("WARC-Target-URI")
    page = dataclasses.replace(base, fmt=fmt, url=url, date=record.headers.get("WARC-Date"), charset=charset)
    try:
        return _with_body(page, record, max_bytes)
    except InputError as err:
        return dataclasses.replace(page, error=err)
    except OSError as err:  # a damaged stream: kept only if the record proves complete
        return dataclasses.replace(page, error=DecodeError(where, f"cannot read the record's body ({err})"))


def _with_body(page: _Record, record: WarcRecord, max_bytes: int) -> _Record:
    """``page`` with the record's payload: de-chunked and decompressed as its HTTP headers say,
    at most ``max_bytes`` before and after decompression (a gzip bomb stops at the limit)."""
    http = record.http_headers if record.is_http else None
    transfer = _codings(http.get("Transfer-Encoding") if http is not None else None)
    codings = _codings(http.get("Content-Encoding") if http is not None else None)
    warnings: tuple[str, ...] = ()
    plain = not transfer and not codings  # the stored body is the payload as is
    if transfer[-1:] == ("chunked",):
        transfer = transfer[:-1]
        body, whole = _dechunk(record.reader, page.where, max_bytes + 1)
        if not whole:
            warnings += ("the chunked HTTP body ends before its last chunk: the page may be cut short",)
    else:
        body = _read(record.reader, max_bytes + 1)
    if len(body) > max_bytes:
        raise too_large(page.where, record.content_length if plain else None, max_bytes)
    for coding in reversed(codings + transfer):  # undone in the reverse order of applying
        body, whole = _undo_coding(body, coding, page.where, max_bytes + 1)
        if len(body) > max_bytes:
            raise too_large(page.where, None, max_bytes)
        if not whole:
            warnings += (f"the {coding} HTTP body ends early: the page may be cut short",)
    return dataclasses.replace(page, body=body, warnings=warnings)


def _finish(record: _Record, stats: WarcStats) -> Iterator[Article | InputError]:
    """Count a complete record; yield its article or error (nothing for a skipped one)."""
    stats.records += 1
    if record.skip is not None:
        stats.skipped[record.skip] += 1
        return
    if record.error is not None:
        yield record.error
        return
    try:
        yield _article(record)
    except InputError as err:
        yield err


def _article(record: _Record) -> Article:
    if not record.body:
        raise EmptyInputError(record.where, "the page's payload is empty")
    id = record.url or record.where
    if record.fmt == "html":
        # The HTTP charset is not passed on: extract_html reads the page's own <meta charset>,
        # which servers' default headers (ISO-8859-1) often contradict.
        article = extract_html(record.body, record.where, id=id)
        return dataclasses.replace(
            article,
            url=record.url,
            published=article.published or record.date,  # the page's own date is the better one
            warnings=article.warnings + record.warnings,
        )
    decoded = decode(record.body, record.where, declared=_declared(record.charset))
    article = text_article(decoded.text, id=id, origin=record.where, warnings=decoded.warnings + record.warnings)
    return dataclasses.replace(article, url=record.url, published=record.date, format="text")


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``"Text/HTML; charset=UTF-8"``; ``("", None)`` for none."""
    if not content_type:
        return "", None
    media, *params = content_type.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media.strip().lower(), charset


def _declared(charset: str | None) -> str | None:
    """The codec a text payload's HTTP charset names, unless it is a server's default label."""
    if charset is None:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return None if name in _DEFAULT_CHARSETS else name


def _codings(header: str | None) -> tuple[str, ...]:
    if not header:
        return ()
    codings = (c.strip().lower() for c in header.split(","))
    return tuple(c for c in codings if c and c != "identity")


# --- bodies -------------------------------------------------------------------------------


def _read(reader: WarcRecordPayloadReader, limit: int) -> bytes:
    """Up to ``limit`` bytes of a record's body."""
    parts: list[bytes] = []
    size = 0
    while size < limit and (part := reader.read(limit - size)):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def _dechunk(reader: WarcRecordPayloadReader, where: str, limit: int) -> tuple[bytes, bool]:
    """Undo HTTP chunked transfer coding: up to ``limit`` bytes of the payload, and whether its
    last chunk was reached. A body that ends early (crawlers cut long pages) keeps what it has;
    a chunk header that is no hexadecimal size is a :class:`DecodeError`."""
    out = bytearray()
    while len(out) < limit:
        line = reader.readline(_MAX_CHUNK_LINE)
        if not line:
            return bytes(out), False
        size_text = line.split(b";", 1)[0].strip()  # "1a2;name=value": a chunk extension
        try:
            size = int(size_text, 16)
        except ValueError:
            raise DecodeError(where, f"not a valid chunked HTTP body (chunk header {line[:20]!r})") from None
        if size == 0:
            return bytes(out), True
        chunk = _read(reader, min(size, limit - len(out)))
        out += chunk
        if len(chunk) < size:
            return bytes(out), len(out) >= limit  # over the limit (the caller says so), or cut
        _read(reader, 2)  # the CRLF after the chunk
    return bytes(out), True


def _undo_coding(data: bytes, coding: str, where: str, limit: int) -> tuple[bytes, bool]:
    """Decompress one HTTP content coding: up to ``limit`` bytes, and whether the compressed
    data was whole. Raises :class:`DecodeError` for an unknown coding or corrupt data."""
    try:
        if coding in ("gzip", "x-gzip", "deflate"):
            return _inflate(data, limit, raw_too=coding == "deflate")
        if coding == "br":
            return _unbrotli(data, limit)
    except (zlib.error, OSError) as err:
        raise DecodeError(where, f"the HTTP body is not valid {coding} data ({err})") from None
    raise DecodeError(where, f"unsupported HTTP content coding {coding!r}")


def _inflate(data: bytes, limit: int, *, raw_too: bool) -> tuple[bytes, bool]:
    # wbits 47 reads a gzip or zlib header. Servers sending "deflate" often send raw deflate
    # (no header) instead of the zlib format HTTP names, which wbits -15 reads.
    try:
        decompressor = zlib.decompressobj(47)
        out = decompressor.decompress(data, limit)
    except zlib.error:
        if not raw_too:
            raise
        decompressor = zlib.decompressobj(-15)
        out = decompressor.decompress(data, limit)
    return out, decompressor.eof or len(out) >= limit


def _unbrotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    import brotli  # type: ignore[import-untyped]  # FastWARC's own dependency; only for br bodies

    decompressor = brotli.Decompressor()
    try:
        out = decompressor.process(data, output_buffer_limit=limit)
    except brotli.error as err:
        raise OSError(str(err)) from None  # reported as zlib's errors are, by _undo_coding
    return out, decompressor.is_finished() or len(out) >= limit


# --- the file's start and end -------------------------------------------------------------


def _not_warc(head: bytes) -> bool:
    """Whether a file's first bytes (gzipped or not) show it is no WARC. Too few bytes, or a
    damaged gzip start, do not tell: the tail check then names the problem."""
    if _GZIP_MAGIC.startswith(head):
        return False  # one byte: a gzip file cut short, or not; the tail check says which
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, len(_WARC_MAGIC))
        except zlib.error:
            return False
    n = min(len(head), len(_WARC_MAGIC))
    return head[:n] != _WARC_MAGIC[:n]


def _member_starts(probe: BinaryIO, offset: int) -> bool:
    """Whether a gzip member starts at ``offset``."""
    probe.seek(offset)
    return _GZIP_MEMBER.match(probe.read(4)) is not None


class _Tail(NamedTuple):
    """What re-reading a WARC from a record on found: how many complete records, and, when the
    file does not end cleanly after them, why and at which file offset."""

    complete: int
    problem: str | None = None
    offset: int = 0


class _Broken(Exception):
    """The framing check stops: ``problem`` at file offset ``offset`` (``None``: cut short)."""

    def __init__(self, offset: int, problem: str | None = None):
        super().__init__(problem)
        self.offset = offset
        self.problem = problem


def _check_tail(handle: BinaryIO, start: int, *, gzip: bool) -> _Tail:
    """Re-read a WARC from the record at file offset ``start`` to its end, checking every
    record's framing (``WARC/`` header, Content-Length bytes, CRLFCRLF) and, in a ``.warc.gz``,
    that every gzip member ends: FastWARC does neither. Costs one record for a normal file."""
    size = handle.seek(0, 2)
    handle.seek(start)
    pieces = _gzip_pieces(handle, start) if gzip else _plain_pieces(handle, start)
    framing = _Framing(pieces, gzip=gzip)
    try:
        framing.walk()
    except _Broken as broken:
        problem = broken.problem or f"truncated at byte {size}: the last record is incomplete"
        return _Tail(framing.confirmed(), problem, broken.offset)
    return _Tail(framing.confirmed())


#: A run of bytes from the file, uncompressed: (file offset, data, whether a gzip member ends
#: with it). In a gzip file the offset is the start of the member the data came from.
_Piece = tuple[int, bytes, bool]


def _plain_pieces(handle: BinaryIO, offset: int) -> Iterator[_Piece]:
    while data := handle.read(_READ_SIZE):
        yield offset, data, True
        offset += len(data)


def _gzip_pieces(handle: BinaryIO, offset: int) -> Iterator[_Piece]:
    """The decompressed bytes of the gzip members from ``offset`` on, output bounded per piece
    (a gzip bomb costs time, not memory). Raises :class:`_Broken` for a cut or corrupt member."""
    data, at = b"", offset  # compressed bytes not used yet, and the file offset of data[0]
    member, decompressor = offset, None
    while True:
        if not data:
            data = handle.read(_READ_SIZE)
        if not data and decompressor is None:
            return
        if decompressor is None:
            member, decompressor = at, zlib.decompressobj(31)
        try:
            out = decompressor.decompress(data, _READ_SIZE)
        except zlib.error as err:
            raise _Broken(member, f"corrupt gzip data ({err}): the records from here on cannot be read") from None
        rest = decompressor.unused_data if decompressor.eof else decompressor.unconsumed_tail
        at += len(data) - len(rest)
        if not out and not decompressor.eof and not rest and not data:
            raise _Broken(member)  # the file ends inside this member
        data = rest
        yield member, out, decompressor.eof
        if decompressor.eof:
            decompressor = None


class _Framing:
    """Walks the WARC framing of a stream of pieces, counting complete records."""

    def __init__(self, pieces: Iterator[_Piece], *, gzip: bool):
        self._pieces = pieces
        self._gzip = gzip
        self._buffer = bytearray()
        self._position = 0  # stream position of _buffer[0]
        self._marks: list[tuple[int, int]] = []  # (stream position, file offset) of each buffered piece
        self._ends: list[int] = []  # stream position where each complete record ends
        self._sealed = 0  # stream position up to which every gzip member has ended

    def walk(self) -> None:
        """Read record after record to the end; raise :class:`_Broken` where one breaks."""
        while self._fill(1):
            at = self._offset()  # the record's file offset, for the messages
            self._fill(len(_WARC_MAGIC))  # fewer at the end: a cut record or junk, told apart here
            if not _WARC_MAGIC.startswith(bytes(self._buffer[: len(_WARC_MAGIC)])):
                raise _Broken(at, "not a WARC record here: the records from here on cannot be read")
            header = self._header(at)
            match = _CONTENT_LENGTH.search(header)
            if match is None:
                raise _Broken(at, "a WARC record without a Content-Length")
            self._skip(len(header) + int(match.group(1)), at)
            if self._take(len(_RECORD_END), at) != _RECORD_END:
                raise _Broken(at, "the WARC record does not end where its Content-Length says")
            self._ends.append(self._position)

    def confirmed(self) -> int:
        """Complete records whose gzip members all ended (all of them, in an uncompressed file)."""
        return sum(1 for end in self._ends if end <= self._sealed)

    def _fill(self, size: int) -> bool:
        """Buffer at least ``size`` bytes; False when the stream ends first."""
        while len(self._buffer) < size:
            piece = next(self._pieces, None)
            if piece is None:
                return False
            offset, data, member_ends = piece
            end = self._position + len(self._buffer) + len(data)
            if data:
                self._marks.append((end - len(data), offset))
                self._buffer += data
            if member_ends:
                self._sealed = end
        return True

    def _header(self, at: int) -> bytes:
        """The record's header block, its closing CRLFCRLF included."""
        searched = 0
        while (found := self._buffer.find(_RECORD_END, max(0, searched - 3))) < 0:
            searched = len(self._buffer)
            if searched > _MAX_HEADER:
                raise _Broken(at, "not a WARC record here (its header has no end)")
            if not self._fill(searched + 1):
                raise _Broken(at)
        return bytes(self._buffer[: found + len(_RECORD_END)])

    def _skip(self, size: int, at: int) -> None:
        while size > len(self._buffer):
            size -= len(self._buffer)
            self._drop(len(self._buffer))
            if not self._fill(1):
                raise _Broken(at)
        self._drop(size)

    def _take(self, size: int, at: int) -> bytes:
        if not self._fill(size):
            raise _Broken(at)
        taken = bytes(self._buffer[:size])
        self._drop(size)
        return taken

    def _drop(self, size: int) -> None:
        del self._buffer[:size]
        self._position += size
        # Keep the marks of the pieces from the one holding the current position on.
        while len(self._marks) > 1 and self._marks[1][0] <= self._position:
            del self._marks[0]

    def _offset(self) -> int:
        """The file offset of the current position: exact in a plain file; in a gzip file, the
        start of the member holding it (a later piece than the kept one when a member ended
        exactly here)."""
        mark, offset = next((m for m in reversed(self._marks) if m[0] <= self._position), self._marks[0])
        return offset if self._gzip else offset + (self._position - mark)
