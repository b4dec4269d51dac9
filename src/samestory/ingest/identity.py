"""The identity of a record as read: what makes re-adding the same input a no-op."""

from __future__ import annotations

import json

import xxhash

from ..types import Article

__all__ = ["record_hash"]


def record_hash(article: Article) -> str:
    """A hash of the record as read (id, text and metadata): the same input gives the same hash,
    so adding it again is recognised before any work is done (by ``add`` and by a batch run)."""
    fields = [
        article.id,
        article.title,
        article.text,
        article.url,
        article.published,
        article.source,
        article.declared_lang,
        article.format,
    ]
    return xxhash.xxh3_128_hexdigest(json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass"))
