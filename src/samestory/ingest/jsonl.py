"""JSONL reader: one article per line, streamed so the file itself may be any size.

Each line is a JSON object with a non-empty string ``text``; ``id`` (string or integer) defaults
to ``"<file stem>:<line>"``; ``title``, ``lang``, ``url``, ``published`` and ``source`` are
optional strings or null (``published``: a date, ISO 8601 or e-mail style, see
:mod:`.published`); other keys are ignored. A bad line becomes a
:class:`~samestory.errors.MalformedRecordError` naming ``path:line`` and reading goes on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import DecodeError, EmptyInputError, InputError, MalformedRecordError
from ..types import Article
from .encoding import too_large
from .published import published_date

__all__ = ["read_jsonl", "iter_jsonl", "parse_record"]

_OPTIONAL_FIELDS = ("title", "lang", "url", "published", "source")
# Lines longer than the limit are skipped in pieces of this size rather than held in memory.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SKIP_CHUNK = 1 << 20


def read_jsonl(
    path: str | os.PathLike[str], *, stem: str, where: str, max_bytes: int
) -> Iterator[Article | InputError]:
    """Yield the articles of one JSONL file, and an error for each line that is not a record.

    ``where`` names the file in origins and errors; ``stem`` makes default ids. ``OSError`` on
    opening passes through.
    """
    with open(path, "rb") as handle:
        yield from iter_jsonl(handle, where=where, stem=stem, max_bytes=max_bytes)


def iter_jsonl(
    stream: BinaryIO,
    *,
    where: str,
    stem: str,
    max_bytes: int,
    first_line: int = 1,
    lines: int | None = None,
) -> Iterator[Article | InputError]:
    """Like :func:`read_jsonl` over an open binary stream (a file or stdin).

    ``first_line`` and ``lines``: the stream starts at that line of the file and only so many
    lines are read (a batch shard: :mod:`samestory.batch.shards`); line numbers, and the ids
    made from them, stay those of the whole file."""
    records = 0
    for lineno, line in enumerate(_lines(stream, max_bytes), start=first_line):
        if lines is not None and lineno >= first_line + lines:
            return
        if isinstance(line, int):
            yield too_large(f"{where}:{lineno}", line, max_bytes)
            records += 1
            continue
        if lineno == 1 and line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield DecodeError(
                where,
                "starts with a UTF-16 byte-order mark, but JSONL must be "
                "UTF-8 (re-encode it, e.g. iconv -f UTF-16 -t UTF-8)",
            )
            return
        if lineno == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        records += 1
        try:
            yield parse_record(line, where=f"{where}:{lineno}", default_id=f"{stem}:{lineno}")
        except MalformedRecordError as err:
            yield err
    if records == 0 and first_line == 1:
        yield EmptyInputError(where, "no records in this JSONL file")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """Yield each line's bytes, or its size in bytes when it is longer than ``max_bytes``."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or (line.endswith(b"\n") and len(line) == max_bytes + 1):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield size


def parse_record(line: bytes | str, *, where: str, default_id: str) -> Article:
    """Turn one JSONL line into an article; raises :class:`MalformedRecordError`."""
    record = _load_object(line, where)
    text = record.get("text")
    if text is None:
        raise MalformedRecordError(where, '"text" is null' if "text" in record else 'no "text" field')
    if not isinstance(text, str):
        raise MalformedRecordError(where, f'"text" must be a string, not {_json_type(text)}')
    if not text.strip():
        raise MalformedRecordError(where, '"text" is empty')
    fields = {key: _optional_string(record, key, where) for key in _OPTIONAL_FIELDS}
    title = fields["title"] if fields["title"] is not None and fields["title"].strip() else None
    published = fields["published"]
    if published is not None and not published.strip():
        published = None  # blank, as a blank title: no date (it was stored, and shown as a story's first day)
    elif published is not None:
        try:
            published = published_date(published)
        except ValueError as err:
            raise MalformedRecordError(where, f'"published" is {err}') from None
    return Article(
        id=_record_id(record, where, default_id),
        text=_newlines(text),
        origin=where,
        format="jsonl",
        title=title,
        declared_lang=fields["lang"],
        url=fields["url"],
        published=published,
        source=fields["source"],
    )


def _load_object(line: bytes | str, where: str) -> dict:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as err:
            raise MalformedRecordError(
                where,
                f"not valid UTF-8 (invalid byte 0x{line[err.start]:02x} at offset {err.start}); JSONL must be UTF-8",
            ) from None
    line = line.rstrip("\r\n")  # its line break is no part of the record: columns count within it
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        message = err.msg.removesuffix(" at")  # "Invalid control character at" names no place itself
        ends = err.pos >= len(line) or err.msg.startswith("Unterminated string")
        cut = "; the line ends before the record does" if ends else ""
        raise MalformedRecordError(where, f"invalid JSON ({message} at column {err.colno}{cut})") from None
    except RecursionError:
        raise MalformedRecordError(where, "invalid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise MalformedRecordError(where, f"expected a JSON object, got {_json_type(record)}")
    for key, value in record.items():
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            raise MalformedRecordError(
                where,
                f'"{key}" holds an unpaired surrogate \\u{ord(found.group()):04x} at character {found.start()} '
                "(a \\u escape that is not valid Unicode text)",
            )
    return record


def _record_id(record: dict, where: str, default_id: str) -> str:
    value = record.get("id")
    if value is None:
        return default_id
    # bool is an int subclass, but true/false as an id is a mistake worth reporting.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise MalformedRecordError(where, f'"id" must be a string or an integer, not {_json_type(value)}')
    if isinstance(value, str) and not value.strip():
        raise MalformedRecordError(where, '"id" is empty')
    return str(value)


def _optional_string(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise MalformedRecordError(where, f'"{key}" must be a string or null, not {_json_type(value)}')
    return value


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _json_type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
