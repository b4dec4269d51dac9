"""Plain-text reader: one article per file, the first line as title when it looks like one."""

from __future__ import annotations

import os

from ..types import Article
from .encoding import decode, read_bytes

__all__ = ["read_text_file", "text_article", "split_headline", "looks_like_headline"]

#: A headline is short: the longest real ones seen in news run ~150 characters and ~25 words.
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
#: A line ending like this is a sentence or a lead-in ("Source:"), not a headline.
_SENTENCE_ENDINGS = (".", ",", ";", ":")


def read_text_file(path: str | os.PathLike[str], *, id: str, origin: str, max_bytes: int) -> Article:
    """Read one text file as one article. Raises an :class:`~samestory.errors.InputError`
    subclass for an unusable file; ``OSError`` passes through."""
    decoded = decode(read_bytes(path, origin, max_bytes), origin)
    return text_article(decoded.text, id=id, origin=origin, warnings=decoded.warnings)


def text_article(text: str, *, id: str, origin: str, warnings: tuple[str, ...] = ()) -> Article:
    """Make an article from decoded text, splitting off a headline when there is one."""
    title, body = split_headline(text)
    return Article(id=id, text=body, title=title, origin=origin, warnings=warnings)


def split_headline(text: str) -> tuple[str | None, str]:
    """Return ``(title, body)``: the first non-empty line is the title when it looks like a
    headline and more text follows; otherwise ``(None, text)``. The body's lines are kept as
    they are (no reflowing), only blank lines around it are dropped."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    first, rest = first.strip(), rest.strip()
    if rest and looks_like_headline(first):
        return first, rest
    return None, stripped


def looks_like_headline(line: str) -> bool:
    """Short, and not ending like a sentence or a lead-in (``?`` and ``!`` are fine)."""
    line = line.strip()
    return (
        bool(line)
        and len(line) <= MAX_HEADLINE_CHARS
        and len(line.split()) <= MAX_HEADLINE_WORDS
        and not line.endswith(_SENTENCE_ENDINGS)
    )
