"""An article's text as units: one per non-empty line, a hard-wrapped paragraph as one unit.

Units are what the language step identifies and what the cleaner keeps or removes; both split
with :func:`split_units`, so a unit's index means the same in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import SENTENCE_END

__all__ = ["Unit", "split_units"]

_BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Unit:
    """``line``: the index of the unit's first line among the text's non-empty lines; ``lines``:
    how many lines it spans."""

    line: int
    text: str
    lines: int = 1


def split_units(text: str) -> list[Unit]:
    """The units of ``text``, in order; hard-wrapped paragraphs are joined into one unit."""
    units: list[Unit] = []
    line_no = 0
    for block in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if _hard_wrapped(lines):
            units.append(Unit(line_no, " ".join(lines), len(lines)))
        else:
            units.extend(Unit(line_no + k, ln) for k, ln in enumerate(lines))
        line_no += len(lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    """A paragraph broken at a fixed width (e-mail style): similar long lines, unpunctuated ends."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    lengths = [len(ln) for ln in body]
    similar = min(lengths) >= 40 and max(lengths) - min(lengths) <= 25
    open_ends = sum(1 for ln in body if not SENTENCE_END.search(ln)) >= 0.6 * len(body)
    return similar and open_ends
