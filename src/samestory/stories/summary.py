"""How a story is shown: a representative title, its languages, top entities, first/last seen.

The title is the headline of the member nearest the story's centroid (the "cluster
representative" of van Rijsbergen; research brief §3), in the space most members share; asked
for a preferred language, the nearest member *in that language* when the story has one. The
member nearest the centre is the one most members resemble, so a one-off angle or a junk
headline ("Live updates") rarely wins. Entities are counted per member (a name repeated ten
times in one article counts once), grouped by gazetteer id or folded key so "Putin" and
"Путин" add up, and shown in their most frequent surface form.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from .memory import StoryMemory
from .types import ArticleView, StoryView

__all__ = ["StorySummary", "story_summary"]

#: Members read to build a summary (a story of thousands is summarised from its first ones).
MAX_MEMBERS = 200
#: Entities listed.
TOP_ENTITIES = 8


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What ``samestory story ID`` shows first."""

    id: int
    title: str | None
    title_member: int | None
    size: int
    languages: tuple[tuple[str, int], ...]
    entities: tuple[tuple[str, int], ...]
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_member": self.title_member,
            "size": self.size,
            "languages": dict(self.languages),
            "entities": [{"name": n, "members": c} for n, c in self.entities],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


def story_summary(memory: StoryMemory, story_id: int, *, lang: str | None = None) -> StorySummary:
    """The summary of one story; ``lang`` prefers a title in that language when a member has one."""
    story = memory.story(story_id)
    members = [memory.article(k) for k in story.members[:MAX_MEMBERS]]
    title_member = representative(story, members, lang)
    return StorySummary(
        id=story.id,
        title=title_member.title if title_member is not None else None,
        title_member=title_member.key if title_member is not None else None,
        size=story.size,
        languages=tuple(sorted(story.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        entities=top_entities(members),
        first_seen=story.first_seen,
        last_seen=story.last_seen,
    )


def representative(story: StoryView, members: list[ArticleView], lang: str | None = None) -> ArticleView | None:
    """The titled member nearest the centroid (among ``lang`` members when there are any)."""
    titled = [m for m in members if m.title]
    if lang is not None and any(m.lang == lang for m in titled):
        titled = [m for m in titled if m.lang == lang]
    if not titled:
        return None
    spaces = Counter(s for m in titled for s in m.vectors if s in story.centroids)
    if not spaces:
        return titled[0]
    space = max(spaces, key=lambda s: (spaces[s], story.weights.get(s, 0), s))
    centroid = story.centroids[space]
    in_space = [m for m in titled if space in m.vectors]
    return max(in_space, key=lambda m: (float(np.dot(m.vectors[space].document, centroid)), -m.key))


def top_entities(members: list[ArticleView]) -> tuple[tuple[str, int], ...]:
    """The names and places most members mention: (surface form, members), most first."""
    held: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    for m in members:
        if m.facts is None:
            continue
        seen: set[str] = set()
        for mention in m.facts.names:
            group = mention.ref or mention.key
            if not group or group in seen:
                continue
            seen.add(group)
            held[group] += 1
            surfaces.setdefault(group, Counter())[mention.text] += mention.count
    ranked = sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTITIES]
    return tuple((surfaces[g].most_common(1)[0][0], n) for g, n in ranked)
