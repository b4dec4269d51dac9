"""The start and end of a WARC file: is it a WARC at all, and is it whole.

FastWARC reads a crawl cut mid-record (an interrupted download or copy) as a shorter crawl,
even yielding the cut record with part of its headers, and says nothing of a ``.warc.gz`` whose
last gzip member is cut. So the reader (:mod:`.warc`) treats its last record as complete only
once :func:`check_tail` has re-read the file from that record to the end, checking every
record's framing (``WARC/`` header, Content-Length bytes, CRLFCRLF) and, gzipped, that every
gzip member ends. The check reads at most one piece of the file at a time: a gzip bomb costs
time, not memory.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

__all__ = ["GZIP_MAGIC", "READ_SIZE", "Tail", "not_warc", "member_starts", "check_tail"]

_WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"
#: A gzip member starts with the magic, the deflate method (8) and a flags byte whose top three
#: bits are reserved (zero): enough to tell a member start from a position inside one.
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08[\x00-\x1f]")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")
#: The header line whatever its value, to tell a missing Content-Length from one that is no number.
_CONTENT_LENGTH_LINE = re.compile(rb"(?im)^content-length:[ \t]*([^\r\n]*?)[ \t]*\r?$")
_RECORD_END = b"\r\n\r\n"
#: Longest WARC header accepted by the tail check (FastWARC's own limit is 32 KiB).
_MAX_HEADER = 64 * 1024
READ_SIZE = 1 << 20


def not_warc(head: bytes) -> bool:
    """Whether a file's first bytes (gzipped or not) show it is no WARC. Too few bytes, or a
    damaged gzip start, do not tell: the tail check then names the problem."""
    if GZIP_MAGIC.startswith(head):
        return False  # one byte: a gzip file cut short, or not; the tail check says which
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, len(_WARC_MAGIC))
        except zlib.error:
            return False
    n = min(len(head), len(_WARC_MAGIC))
    return head[:n] != _WARC_MAGIC[:n]


def looks_like_warc(head: bytes) -> bool:
    """Whether an input with no telling name starts as a WARC does (gzipped or not): what
    standard input and a file named ``crawl.dat`` are sniffed for before text."""
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, len(_WARC_MAGIC))
        except zlib.error:
            return False
    return head.startswith(_WARC_MAGIC)


def member_starts(probe: BinaryIO, offset: int) -> bool:
    """Whether a gzip member starts at ``offset``."""
    probe.seek(offset)
    return _GZIP_MEMBER.match(probe.read(4)) is not None


class Tail(NamedTuple):
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


def check_tail(handle: BinaryIO, start: int, *, gzip: bool) -> Tail:
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
        return Tail(framing.confirmed(), problem, broken.offset)
    return Tail(framing.confirmed())


#: A run of bytes from the file, uncompressed: (file offset, data, whether a gzip member ends
#: with it). In a gzip file the offset is the start of the member the data came from.
_Piece = tuple[int, bytes, bool]


def _plain_pieces(handle: BinaryIO, offset: int) -> Iterator[_Piece]:
    while data := handle.read(READ_SIZE):
        yield offset, data, True
        offset += len(data)


def _gzip_pieces(handle: BinaryIO, offset: int) -> Iterator[_Piece]:
    """The decompressed bytes of the gzip members from ``offset`` on, output bounded per piece
    (a gzip bomb costs time, not memory). Raises :class:`_Broken` for a cut or corrupt member."""
    data, at = b"", offset  # compressed bytes not used yet, and the file offset of data[0]
    member, decompressor = offset, None
    while True:
        if not data:
            data = handle.read(READ_SIZE)
        if not data and decompressor is None:
            return
        if decompressor is None:
            member, decompressor = at, zlib.decompressobj(31)
        try:
            out = decompressor.decompress(data, READ_SIZE)
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
                line = _CONTENT_LENGTH_LINE.search(header)
                raise _Broken(
                    at,
                    "a WARC record without a Content-Length"
                    if line is None
                    else "a WARC record with an empty Content-Length"
                    if not line.group(1)
                    else f"a WARC record whose Content-Length is not a number ({_shown(line.group(1))})",
                )
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


def _shown(value: bytes) -> str:
    """A header value for a one-line message: printable, at most 40 characters."""
    text = value.decode("latin-1")
    text = "".join(c if c.isprintable() else "?" for c in text)
    return repr(text if len(text) <= 40 else text[:40] + "...")
