"""Reading evaluation files: one JSONL reader for every instrument, errors that name file:line."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError

_SURROGATE = re.compile("[\ud800-\udfff]")

__all__ = ["read_records", "text_field", "sentences_field", "number_field", "key_field", "wmt_document"]


def read_records(path: Path, expected: str, limit: int | None = None) -> Iterator[tuple[str, dict]]:
    """("path:line", record) for the non-empty lines of a JSONL file, at most ``limit``.

    ``expected`` names the format for messages ("wmt21-docs JSONL"). A missing file, a line that
    is not a JSON object, or a file without records raises :class:`DataError`.
    """
    path = Path(path)
    if path.is_dir():
        raise DataError(f"{path}: is a folder ({expected} expected)")
    if not path.is_file():
        raise DataError(f"{path}: no such file ({expected} expected)")
    count = 0
    with path.open(encoding="utf-8") as handle:
        for number, line in _lines(handle, path, expected):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                record = json.loads(line)
            except ValueError as err:
                raise DataError(f"{path}:{number}: not JSON ({err}; {expected} expected)") from None
            if not isinstance(record, dict):
                raise DataError(f"{path}:{number}: not a JSON object ({expected} expected)")
            count += 1
            yield f"{path}:{number}", record
    if count == 0:
        raise DataError(f"{path}: no records ({expected} expected)")


def _lines(handle, path: Path, expected: str) -> Iterator[tuple[int, str]]:
    number = 0
    try:
        for number, line in enumerate(handle, 1):
            yield number, line
    except UnicodeDecodeError:
        # decoded a buffer at a time: the bad byte is somewhere after the last whole line read
        raise DataError(f"{path}: not UTF-8 text after line {number} ({expected} expected)") from None


# What a record's fields must be: each check names the record and the field, so a wrong type is
# one line about the file, not a failure deep in an instrument, nor a silent wrong figure.


def text_field(record: dict, key: str, where: str, *, empty: bool = False) -> str:
    """A string field; ``empty``: null and "" are allowed (read as "")."""
    value = record.get(key)
    if value is None and empty and key in record:
        return ""
    if not isinstance(value, str):
        raise DataError(f"{where}: {_what(record, key, value)} (a string expected)")
    if not value.strip() and not empty:
        raise DataError(f'{where}: "{key}" is empty')
    lone = _SURROGATE.search(value)
    if lone:  # a JSON escape can write one; no model can read it
        raise DataError(
            f'{where}: "{key}" holds an unpaired surrogate \\u{ord(lone.group()):04x} (not valid Unicode text)'
        )
    return value


def key_field(record: dict, key: str, where: str) -> str:
    """An id-like field: a string or a whole number, never null."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or (isinstance(value, str) and not value.strip()):
        raise DataError(f"{where}: {_what(record, key, value)} (a string or a whole number expected)")
    return str(value)


def sentences_field(record: dict, key: str, where: str) -> list[str]:
    """A non-empty list of strings."""
    value = record.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
        raise DataError(f"{where}: {_what(record, key, value)} (a non-empty list of strings expected)")
    return value


def number_field(record: dict, key: str, where: str) -> float:
    """A finite number."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DataError(f"{where}: {_what(record, key, value)} (a finite number expected)")
    return float(value)


def _what(record: dict, key: str, value: Any) -> str:
    if key not in record:
        return f'no "{key}"'
    shown = json.dumps(value, ensure_ascii=False)
    return f'"{key}" is {shown[:40] + "…" if len(shown) > 40 else shown}'


def wmt_document(doc: dict, where: str, *, also: tuple[str, ...] = ()) -> dict:
    """A wmt21-docs record with its fields checked (and the ``also`` fields present)."""
    missing = {"doc_id", "lang1", "lang2", "sentences1", "sentences2", *also} - doc.keys()
    if missing:
        raise DataError(f"{where}: missing fields {sorted(missing)} (wmt21-docs format expected)")
    key_field(doc, "doc_id", where)
    for n in ("1", "2"):
        text_field(doc, f"lang{n}", where)
        sentences_field(doc, f"sentences{n}", where)
    return doc
