"""HTTP payload decoding for the WARC reader: chunked transfer coding, gzip / deflate / br.

A crawl stores a response's body as the server sent it. FastWARC can undo the codings itself
(``auto_decode``), but one server's broken gzip or chunked body then ends the whole iteration as
if the file were corrupt; so bodies are read raw and undone here, each failure a
:class:`~samestory.errors.DecodeError` of that record alone (see :mod:`.warc`). Every step
reads or produces at most ``limit`` bytes: a gzip bomb stops at the limit.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from ..errors import DecodeError

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecordPayloadReader

__all__ = ["header_codings", "read_payload", "dechunk", "undo_coding"]

_MAX_CHUNK_LINE = 1024


def header_codings(header: str | None) -> tuple[str, ...]:
    """The codings a Transfer-Encoding or Content-Encoding header lists, in the order applied."""
    if not header:
        return ()
    codings = (c.strip().lower() for c in header.split(","))
    return tuple(c for c in codings if c and c != "identity")


def read_payload(reader: WarcRecordPayloadReader, limit: int) -> bytes:
    """Up to ``limit`` bytes of a record's body."""
    parts: list[bytes] = []
    size = 0
    while size < limit and (part := reader.read(limit - size)):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def dechunk(reader: WarcRecordPayloadReader, where: str, limit: int) -> tuple[bytes, bool]:
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
        chunk = read_payload(reader, min(size, limit - len(out)))
        out += chunk
        if len(chunk) < size:
            return bytes(out), len(out) >= limit  # over the limit (the caller says so), or cut
        read_payload(reader, 2)  # the CRLF after the chunk
    return bytes(out), True


def undo_coding(data: bytes, coding: str, where: str, limit: int) -> tuple[bytes, bool]:
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
        raise OSError(str(err)) from None  # reported as zlib's errors are, by undo_coding
    return out, decompressor.is_finished() or len(out) >= limit
