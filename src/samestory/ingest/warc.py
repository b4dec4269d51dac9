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
  found after it, or, for the last one, when :func:`~.warc_framing.check_tail` has re-read
  the file's end and found the record's framing (and gzip member) whole. A cut file yields its
  complete records and then one error naming the offset of the incomplete one.
* **One bad body poisons the iterator.** With FastWARC's own decoding (``auto_decode``), one
  server's broken gzip or chunked body ends the iteration as if the file were corrupt. Bodies
  are read raw and undone by :mod:`.http_body` (chunking, then gzip/deflate/br), inside this
  record's errors.

This module iterates a file's records and reports what is wrong with the file; one record's
page is taken and made an article in :mod:`.warc_record`, the file's start and end are checked
in :mod:`.warc_framing`. FastWARC is imported here alone, when a crawl is read (the other
modules name its types for the type checker only).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import EmptyInputError, InputError, MalformedRecordError
from ..types import Article
from .warc_framing import GZIP_MAGIC, READ_SIZE, check_tail, member_starts, not_warc
from .warc_record import SKIP_CONTENT_TYPE, SKIP_NOT_HTTP, SKIP_STATUS, TakenRecord, record_article, take_record

__all__ = ["read_warc", "WarcStats", "skipped_note", "SKIP_STATUS", "SKIP_CONTENT_TYPE", "SKIP_NOT_HTTP"]


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


def skipped_note(skipped: Mapping[str, int]) -> str:
    """What reports say of WARC records that hold no page ("WARC records without a page: 2
    (1 not-html-or-text, 1 request)"), or "" when there were none: ``add`` and ``batch`` alike."""
    if not skipped:
        return ""
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
    return f"WARC records without a page: {sum(skipped.values())} ({kinds})"


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
        head = handle.read(READ_SIZE)
        if not head:
            yield EmptyInputError(where, "empty file")
            return
        if not_warc(head):
            yield MalformedRecordError(where, "not a WARC file (it does not start with a WARC/1.x record)")
            return
        handle.seek(0)
        gzip = GZIP_MAGIC.startswith(head[: len(GZIP_MAGIC)])
        yield from _read_records(handle, probe, where, max_bytes, stats, gzip=gzip)


def _read_records(
    handle: BinaryIO, probe: BinaryIO, where: str, max_bytes: int, stats: WarcStats, *, gzip: bool
) -> Iterator[Article | InputError]:
    """Each record FastWARC finds, finished (counted; its article or error yielded) once it is
    known to be whole; then the end of the file checked."""
    # Imported here: FastWARC is only needed when a crawl is read.
    from fastwarc.warc import ArchiveIterator

    records = iter(ArchiveIterator(handle, parse_http=True, auto_decode="none"))
    pending: TakenRecord | None = None
    count, failure = 0, None
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except OSError as err:  # corrupt data: check_tail finds where
            failure = str(err)
            break
        if pending is not None:  # FastWARC found this record after it, so it is whole
            yield from _finish(pending, stats)
        count += 1
        # In a WARC gzipped as one stream (not one member per record) FastWARC knows no record
        # offsets: it gives the records after the first the bytes it has read so far, which is
        # no member start. Those records are named by number.
        offset = record.stream_pos
        named = not gzip or member_starts(probe, offset)
        pending = take_record(record, f"{where}@{offset}" if named else f"{where}#{count}", max_bytes)
    yield from _end(probe, where, pending, count, failure, stats, gzip=gzip)


def _end(
    probe: BinaryIO,
    where: str,
    pending: TakenRecord | None,
    count: int,
    failure: str | None,
    stats: WarcStats,
    *,
    gzip: bool,
) -> Iterator[Article | InputError]:
    """The last record, once the file's end shows it complete; and the error for a file that
    does not end cleanly after it (cut short, corrupt, or records FastWARC did not yield)."""
    start, before = (pending.offset, 0) if pending is not None else (0, 0)
    if gzip and not member_starts(probe, start):
        start, before = 0, max(count - 1, 0)  # one gzip stream: check it all from the start
    tail = check_tail(probe, start, gzip=gzip)
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
    elif count == 0:  # a gzip stream holding nothing: an empty crawl, said as an empty file is
        yield EmptyInputError(where, "no WARC records in it (an empty gzip stream)")


def _finish(record: TakenRecord, stats: WarcStats) -> Iterator[Article | InputError]:
    """Count a complete record; yield its article or error (nothing for a skipped one)."""
    stats.records += 1
    if record.skip is not None:
        stats.skipped[record.skip] += 1
        return
    if record.error is not None:
        yield record.error
        return
    try:
        yield record_article(record)
    except InputError as err:
        yield err
