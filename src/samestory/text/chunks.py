"""Paragraphs grouped into chunks of bounded length: the one chunker of the project.

A document is embedded chunk by chunk and its vector is the length-weighted mean of the chunks'
(:func:`samestory.vectors.pool_rows`), so no part of a long article is cut off.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UsageError

__all__ = ["CHUNK_CHARS", "chunk_paragraphs", "document_chunks"]

#: Characters per chunk for document vectors: a few paragraphs, well inside the encoders' inputs.
CHUNK_CHARS = 600


def chunk_paragraphs(paragraphs: Sequence[str], max_chars: int, sep: str = "\n\n") -> list[str]:
    """Group consecutive paragraphs into chunks of at most ``max_chars`` characters (``sep``
    included) without splitting a paragraph; a paragraph longer than that is a chunk alone.
    Blank paragraphs are skipped."""
    if max_chars < 1:
        raise UsageError(f"max_chars must be at least 1, got {max_chars}")
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for para in (p.strip() for p in paragraphs):
        if not para:
            continue
        grown = size + len(sep) + len(para) if current else len(para)
        if current and grown > max_chars:
            chunks.append(sep.join(current))
            current, grown = [], len(para)
        current.append(para)
        size = grown
    if current:
        chunks.append(sep.join(current))
    return chunks


def document_chunks(paragraphs: Sequence[str], max_chars: int = CHUNK_CHARS) -> list[str]:
    """:func:`chunk_paragraphs` with at least one chunk (a blank one for an empty document)."""
    return chunk_paragraphs(paragraphs, max_chars) or [" "]
