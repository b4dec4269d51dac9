"""Reading evaluation files: one JSONL reader for every instrument, errors that name file:line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import DataError

__all__ = ["read_records"]


def read_records(path: Path, expected: str, limit: int | None = None) -> Iterator[tuple[str, dict]]:
    """("path:line", record) for the non-empty lines of a JSONL file, at most ``limit``.

    ``expected`` names the format for messages ("wmt21-docs JSONL"). A missing file, a line that
    is not a JSON object, or a file without records raises :class:`DataError`.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file ({expected} expected)")
    count = 0
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
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
