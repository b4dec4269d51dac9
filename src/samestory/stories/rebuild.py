"""Rebuild: cluster stored articles again from their stored vectors and facts, no re-embedding.

Why a rebuild at all: an online clusterer decides each article once, with what it knew then;
a better judge, another threshold or a repaired store deserve the whole stream decided again
(``samestory stories --rebuild``). Why into a fresh memory rather than in place: replaying
article by article must show each one only what had arrived before it, as the online pass did.
A store that kept every article indexed would offer later arrivals as neighbours and count
them in key rarities, so the replayed decisions would not be the online ones.

The caller (a store) reads its articles' views in arrival order (:func:`replay_order` sorts by
``published`` when every article has a date), passes the duplicate links it recorded
(:func:`duplicate_links`: a copy joins its leader's story unscored, as it did online), and
writes back what :func:`rebuild_stories` returns. Vectors computed earlier in another model's
space travel in the views (:attr:`ArticleView.vectors`), so an is↔en comparison made once is
not embedded again; without an ``embedder`` a cross-model candidate still missing them is
compared on facts alone. :func:`carry_ids` keeps story ids stable across the rebuild: a new
story takes the old id most of its members had, the larger story winning a contested id (the
research brief's rule: on a split the larger part keeps the id); the rest get fresh ids.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .cluster import Encoders, StoryClusterer, StoryConfig
from .judge import Judge
from .memory import InMemoryStories, StoryMemory
from .types import DUPLICATE, ArticleView, Assignment

__all__ = ["Rebuilt", "rebuild_stories", "replay_order", "duplicate_links", "carry_ids"]


@dataclass(frozen=True)
class Rebuilt:
    """The outcome of a rebuild. ``memory``: the replayed stories (each article's evidence via
    ``memory.evidence(key)``, merges via ``memory.merges()``); ``assignments``: each article's
    decision as it was made; ``stories``: article key → its final story in ``memory``'s ids
    (after any merge); ``seconds``: the replay's time; ``embedded``: vectors it computed in
    another model's space (0 when the views carried them all)."""

    memory: InMemoryStories
    assignments: Mapping[int, Assignment]
    stories: Mapping[int, int]
    seconds: float
    embedded: int


def replay_order(views: Iterable[ArticleView]) -> list[ArticleView]:
    """Arrival order: by ``published`` when every article has one (ties by key), else by key
    (the order they were stored in)."""
    views = list(views)
    if views and all(v.published for v in views):
        return sorted(views, key=lambda v: (v.published or "", v.key))
    return sorted(views, key=lambda v: v.key)


def duplicate_links(memory: StoryMemory, keys: Sequence[int]) -> dict[int, int]:
    """article key → the stored article it joined as a duplicate, for those of ``keys`` that
    did (read from their evidence, so any StoryMemory can answer)."""
    out = {}
    for key in keys:
        evidence = memory.evidence(key)
        if evidence is not None and evidence.kind == DUPLICATE and evidence.matched:
            out[key] = evidence.matched[0]
    return out


def rebuild_stories(
    articles: Iterable[ArticleView],
    judge: Judge,
    *,
    embedder: Encoders | None = None,
    config: StoryConfig = StoryConfig(),
    duplicates: Mapping[int, int] | None = None,
    index_factory: Callable | None = None,
    progress: Callable[[int], None] | None = None,
    leads: Mapping[int, tuple[str, np.ndarray]] | None = None,
) -> Rebuilt:
    """Replay ``articles`` (views, in arrival order: see :func:`replay_order`) into a fresh
    :class:`InMemoryStories` and assign each as the online clusterer does. ``duplicates``:
    article → the earlier article it copies (:func:`duplicate_links`); a link to an article not
    replayed before it is ignored and the copy is scored like any article. ``index_factory``:
    the vector index per space (exact search by default; ``samestory.store.index.UsearchIndex``
    for a large store). ``progress(n)`` is called after each article. ``leads``: the articles'
    lead vectors in another model's space, as the corpus keeps them (the clusterer's lead path,
    :meth:`StoryClusterer._by_lead <samestory.stories.cluster.StoryClusterer._by_lead>`)."""
    memory = InMemoryStories(index_factory, leads)
    clusterer = StoryClusterer(memory, judge, embedder, config)
    links = dict(duplicates or {})
    assignments: dict[int, Assignment] = {}
    start = time.perf_counter()
    for n, view in enumerate(articles, 1):
        key = memory.add_article(replace(view, story=None))
        leader = links.get(key)
        if leader is not None and leader in assignments:
            why = {"kind": "duplicate", "of": leader, "how": "linked before the rebuild"}
            assignments[key] = clusterer.assign(key, duplicate_of=leader, why=why)
        else:
            assignments[key] = clusterer.assign(key)
        if progress is not None:
            progress(n)
    seconds = time.perf_counter() - start
    return Rebuilt(memory, assignments, memory.stories_of(list(assignments)), seconds, clusterer.embedded)


def carry_ids(previous: Mapping[int, int], rebuilt: Mapping[int, int], next_id: int) -> dict[int, int]:
    """Stable ids for rebuilt stories: rebuilt story → the id to show.

    ``previous``: article key → its story id before the rebuild; ``rebuilt``: article key → its
    story in the rebuild; ``next_id``: the first id never used (ids are never reused). Each
    rebuilt story claims the old id most of its members had; when several claim one id, the
    one holding most of that id's members wins it (ties: the one with the oldest member), and
    the others get fresh ids in order of their oldest member."""
    members: dict[int, list[int]] = {}
    for key, story in sorted(rebuilt.items()):
        members.setdefault(story, []).append(key)
    claims: dict[int, list[tuple[int, int, int]]] = {}  # old id → (held, -oldest member, story)
    for story, keys in members.items():
        old = Counter(previous[k] for k in keys if k in previous)
        if old:
            best, held = min(old.items(), key=lambda kv: (-kv[1], kv[0]))
            claims.setdefault(best, []).append((held, -keys[0], story))
    out: dict[int, int] = {}
    for old_id, rivals in claims.items():
        out[max(rivals)[2]] = old_id
    for story in sorted((s for s in members if s not in out), key=lambda s: members[s][0]):
        out[story] = next_id
        next_id += 1
    return out
