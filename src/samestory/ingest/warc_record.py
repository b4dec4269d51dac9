"""One WARC record as the reader needs it: skipped (and why), or a page and its article.

:func:`take_record` copies out of a FastWARC record what it holds for us before the iterator
moves on (FastWARC drops a record's body once it has gone past it): why it holds no page (a
:class:`~.warc.WarcStats` key), or its URL, date, charset and payload, the HTTP codings undone
(:mod:`.http_body`). :func:`record_article` then turns a record known to be complete into an
article, by the HTML or the text reader. A damaged body is this record's error, never the file's.
"""

from __future__ import annotations

import codecs
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DecodeError, EmptyInputError, InputError
from ..types import Article
from .encoding import decode, too_large
from .html import extract_html
from .http_body import dechunk, header_codings, read_payload, undo_coding
from .plaintext import text_article

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

__all__ = ["TakenRecord", "take_record", "record_article", "SKIP_STATUS", "SKIP_CONTENT_TYPE", "SKIP_NOT_HTTP"]

#: :class:`~.warc.WarcStats` keys for skipped records other than those skipped for their WARC type
#: (which are counted under the type's name: "warcinfo", "request", "metadata", "revisit" ...).
SKIP_STATUS = "not-2xx"  # a redirect, an error page, or no HTTP status at all
SKIP_CONTENT_TYPE = "not-html-or-text"  # an image, a script, a PDF, JSON, or no Content-Type
SKIP_NOT_HTTP = "not-http"  # a response of another protocol (dns:, ftp:)

#: Payload media types that hold an article, and the reader each goes to.
_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
#: Charset labels servers send by default rather than by knowing (Apache's old AddDefaultCharset):
#: a text payload labelled so is decoded as if unlabelled (UTF-8, then guessing from cp1252 on).
_DEFAULT_CHARSETS = frozenset({"iso8859-1", "ascii"})  # codecs' names for ISO-8859-1, US-ASCII


@dataclass(frozen=True, slots=True)
class TakenRecord:
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


def take_record(record: WarcRecord, where: str, max_bytes: int) -> TakenRecord:
    """The page in ``record`` (its body read, at most ``max_bytes + 1`` bytes), or why it is skipped."""
    base = TakenRecord(offset=record.stream_pos, where=where)
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


def _with_body(page: TakenRecord, record: WarcRecord, max_bytes: int) -> TakenRecord:
    """``page`` with the record's payload: de-chunked and decompressed as its HTTP headers say,
    at most ``max_bytes`` before and after decompression (a gzip bomb stops at the limit)."""
    http = record.http_headers if record.is_http else None
    transfer = header_codings(http.get("Transfer-Encoding") if http is not None else None)
    codings = header_codings(http.get("Content-Encoding") if http is not None else None)
    warnings: tuple[str, ...] = ()
    plain = not transfer and not codings  # the stored body is the payload as is
    if transfer[-1:] == ("chunked",):
        transfer = transfer[:-1]
        body, whole = dechunk(record.reader, page.where, max_bytes + 1)
        if not whole:
            warnings += ("the chunked HTTP body ends before its last chunk: the page may be cut short",)
    else:
        body = read_payload(record.reader, max_bytes + 1)
    if len(body) > max_bytes:
        raise too_large(page.where, record.content_length if plain else None, max_bytes)
    for coding in reversed(codings + transfer):  # undone in the reverse order of applying
        body, whole = undo_coding(body, coding, page.where, max_bytes + 1)
        if len(body) > max_bytes:
            raise too_large(page.where, None, max_bytes)
        if not whole:
            warnings += (f"the {coding} HTTP body ends early: the page may be cut short",)
    return dataclasses.replace(page, body=body, warnings=warnings)


def record_article(record: TakenRecord) -> Article:
    """The article of a complete page record (raises :class:`InputError` when it holds none)."""
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
