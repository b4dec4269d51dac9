"""Publication dates as records give them (:func:`published_date`) and days as users type them
(:func:`iso_day`).

A corpus compares ``published`` values as text (a story's first and last seen, the window a
candidate story must fall in, ``stories --since``), which orders ISO 8601 correctly and nothing
else: "yesterday" or "Mon, 05 Mar 2024" stored as given would sort before every real date and
slip through every filter. So a record's date is read when the record is: ISO 8601 is kept
exactly as written (the record's hash, which makes re-adding it a no-op, includes it), an e-mail
style date (RFC 2822, what RSS and HTTP headers carry) and a few unambiguous numeric forms are
rewritten as ISO 8601, and anything else is refused with the value named.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["published_date", "iso_day"]

#: ISO 8601 in its extended form: a year, a month or a day, optionally a time (T or a space),
#: seconds and fraction, and a zone; these sort as text among themselves, so they are kept.
_ISO = re.compile(
    r"\d{4}(?:-\d{2}(?:-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)
#: Year first with slashes or dots, or ISO's basic form (2024/03/05, 2024.03.05, 20240305 and
#: 20240305T143000Z): rewritten in the extended form, the one that sorts with the others.
_NUMERIC = re.compile(r"(\d{4})([/.]?)(\d{2})\2(\d{2})(?:[Tt](\d{2})(\d{2})(\d{2})?([Zz])?)?")

_HINT = "use ISO 8601 (2024-03-05 or 2024-03-05T14:30:00Z) or an e-mail style date (Tue, 05 Mar 2024 14:30:00 GMT)"


def published_date(value: str) -> str:
    """``value`` as an ISO 8601 date or date-time; raises :class:`ValueError` saying why not.
    The extended form is returned exactly as given (surrounding spaces aside).

    >>> published_date("2024-03-05T14:30:00Z")
    '2024-03-05T14:30:00Z'
    >>> published_date("Tue, 05 Mar 2024 14:30:00 GMT")
    '2024-03-05T14:30:00+00:00'
    """
    text = value.strip()
    if _ISO.fullmatch(text):
        _check_iso(text, value)
        return value if value == text else text
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        year, _, month, day, hour, minute, second, zone = numeric.groups()
        rewritten = f"{year}-{month}-{day}"
        if hour is not None:
            rewritten += f"T{hour}:{minute}" + (f":{second}" if second else "") + ("Z" if zone else "")
        _check_iso(rewritten, value)
        return rewritten
    try:
        parsed = parsedate_to_datetime(text)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        raise ValueError(f"not a date: {value!r}; {_HINT}") from None
    return parsed.isoformat()


def _check_iso(text: str, value: str) -> None:
    """A real day and time: 2024-02-30 or 25:00 is no date, whatever its form."""
    padded = text + "-01-01"[len(text) - 4 :] if len(text) < 10 else text  # 2024 and 2024-03 as their first day
    try:
        datetime.fromisoformat(padded.upper().replace(",", ".").replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        raise ValueError(f"not a real date: {value!r}") from None


def iso_day(value: str) -> date:
    """A day typed as YYYY-MM-DD; raises :class:`ValueError` saying why not."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"not a day in the form YYYY-MM-DD: {value!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a real day: {value!r}") from None
