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

__all__ = [
    "PARAGRAPH_CHARS",
    "LEAD_CHARS",
    "rows_reaching",
    "document_texts",
    "document_embedding",
    "lead_text",
    "opening_space",
    "opening_vector",
]

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


def opening_space(space: str) -> str:
    """The vector space of the articles' openings (:func:`opening_vector`) in ``space``."""
    return f"opening-{space}"


def rows_reaching(lengths: Sequence[int], chars: int) -> int:
    """How many rows of these lengths, from the first, it takes to reach ``chars`` characters (all
    of them when they are shorter)."""
    return min(int(np.searchsorted(np.cumsum(lengths), chars)) + 1, len(lengths))


def opening_vector(embedding: Embedding, title: str | None, paragraphs: Sequence[str]) -> np.ndarray | None:
    """The mean of an article's first rows (title, then paragraphs) up to :data:`LEAD_CHARS`,
    weighted as the document vector is; None when those rows are all the article has (the
    document vector is then the same) or the rows are not those of ``title`` and ``paragraphs``.

    Why: a long article's document vector is the mean of all its paragraphs, and a query that
    restates its opening (a translation's first sentences) can rank it below twenty shorter
    articles: a 100-paragraph talk whose second paragraph matched a Russian query at 0.80 had
    a document cosine of 0.23, 24th in its index. The opening costs no embedding (the rows are
    the line judge's) and gives search a second way in."""
    texts = document_texts(title, paragraphs)
    rows = np.asarray(embedding.paragraphs, dtype=np.float32)
    if len(texts) != len(rows) or not len(rows):
        return None
    lengths = [len(t) for t in texts]
    n = rows_reaching(lengths, LEAD_CHARS)
    if n >= len(rows):
        return None
    return pool_rows(rows[:n], lengths[:n], [0] * n, 1)[0]
