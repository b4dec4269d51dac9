"""An article's vectors: one row per title and kept paragraph, and their length-weighted mean.

The line judge (:mod:`samestory.cleaner`) embeds the same texts to judge the lines, so an article
cleaned with the judge has these rows already; :func:`document_embedding` takes them instead of
embedding again. The rows are also what duplicate and story detection align.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..types import Article, Embedding
from ..vectors import pool_rows
from .base import Embedder

__all__ = ["PARAGRAPH_CHARS", "LEAD_CHARS", "document_texts", "document_embedding", "lead_text"]

#: Characters of a paragraph an encoder reads: a page of long paragraphs stays affordable, and
#: a paragraph's first thousand characters say what it is about.
PARAGRAPH_CHARS = 1000
#: Characters of an article's lead (title, then its first paragraphs) a second model reads when
#: one vector of the gist is enough: a news lead says what the story is.
LEAD_CHARS = 500


def document_texts(title: str | None, paragraphs: Sequence[str]) -> list[str]:
    """What is embedded of an article, in row order: the title (when there is one), then each
    non-blank paragraph, each cut to :data:`PARAGRAPH_CHARS`."""
    texts = ([title] if title else []) + [p for p in paragraphs if p.strip()]
    return [t[:PARAGRAPH_CHARS] for t in texts]


def lead_text(title: str | None, paragraphs: Sequence[str], chars: int = LEAD_CHARS) -> str:
    """The title and the first paragraphs, cut to ``chars`` characters."""
    return "\n".join(([title] if title else []) + [p for p in paragraphs if p.strip()])[:chars]


def article_lead(article: Article) -> str:
    """:func:`lead_text` of an article's cleaned title and paragraphs (its raw title alone when
    it was not cleaned): what a mixed corpus embeds with the wide model beside each article."""
    cleaned = article.cleaned
    return lead_text(cleaned.title if cleaned else article.title, cleaned.paragraphs if cleaned else ())


def lead_targets(items: Sequence[object], space: str) -> list[int]:
    """Positions of the articles among ``items`` embedded in a space other than ``space``: those
    a mixed corpus gives a lead vector in ``space`` (the wide model's)."""
    return [
        i
        for i, a in enumerate(items)
        if isinstance(a, Article) and a.embedding is not None and a.embedding.space != space
    ]


def document_embedding(
    model: Embedder, title: str | None, paragraphs: Sequence[str], vectors: np.ndarray | None = None
) -> Embedding:
    """The article's :class:`~samestory.types.Embedding` in ``model``'s space; ``vectors`` (rows
    of :func:`document_texts`, from the same model) are used instead of embedding when given."""
    texts = document_texts(title, paragraphs)
    if vectors is None or len(vectors) != len(texts):
        vectors = model.embed_batch(texts)
    document = pool_rows(vectors, [len(t) for t in texts], [0] * len(texts), 1)[0]
    return Embedding(model.name, document, np.asarray(vectors, dtype=np.float32))
