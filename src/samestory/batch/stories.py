"""Stories at scale: cluster blocks of the stream in parallel, then merge across their borders.

The online clusterer (:mod:`samestory.stories`) decides each article against the stories that
came before it. One process replaying a month of crawl would hold every article's vectors, so
the stream is cut instead:

1. **order**: arrival order, as ``add`` and ``stories --rebuild`` replay it (by publication
   time when every article has a date, else input order);
2. **blocks**: consecutive runs of ``block_size`` articles, each with a *halo*: the articles just
   before it (those within the clusterer's time window, ``StoryConfig.window_days``, when dated;
   the previous ``halo`` articles when not). A block task replays halo then block into a fresh
   memory (:func:`samestory.stories.rebuild_stories`, copies joining their leader's story as
   online), so an article at the start of a block still meets the stories of the days before;
   each task holds only its block and halo, whatever the corpus size;
3. **merge**: a halo article belongs to a story in its home block and to one in the block that
   replayed it as halo. Each block story that holds halo articles is linked to the home story
   holding most of them (union-find over block stories), so a story running across a border is
   one story. A block story is linked to one home story only: if it gathered halo articles of
   two home stories, the block's view does not get to merge them (a merge is decided where the
   articles are members, not where they are context).

With one block (a batch smaller than ``block_size``) the result is the rebuild's, exactly.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..resources import Resources
from ..store.index import UsearchIndex
from ..stories import StoryConfig, StoryJudge, rebuild_stories
from ..stories.cluster import day_of
from ..stories.memory import article_view
from .dedup import Position, fetch_rows
from .prepare import peak_mb
from .records import ARTICLE_SCHEMA, read_rows, write_table
from .records import row_article as _row_article

__all__ = ["Block", "BlockDone", "StoryBlockJob", "plan_blocks", "merge_blocks", "BLOCK_SIZE", "HALO"]

#: Articles per block: its views (document and paragraph vectors) take ~0.1 MB an article, so a
#: block task stays under ~1 GB.
BLOCK_SIZE = 5_000
#: Undated streams: the articles before a block that it replays as context.
HALO = 1_000
#: Above this many views, the block's memory uses the ANN index rather than exact search.
EXACT_UP_TO = 20_000
_SHIFT = 24  # a view's key: shard << 24 | row (a shard holds far fewer than 16M rows)


def view_key(pos: Position) -> int:
    return (pos[0] << _SHIFT) | pos[1]


def key_position(key: int) -> Position:
    return key >> _SHIFT, key & ((1 << _SHIFT) - 1)


@dataclass(frozen=True)
class Block:
    """One block task: its articles and its halo (in replay order), the copy links among them
    (article → the earlier article it copies), and ``tail``: its members that a later block
    replays as halo (their stories are what the merge reads)."""

    index: int
    members: tuple[Position, ...]
    halo: tuple[Position, ...] = ()
    links: tuple[tuple[Position, Position], ...] = ()
    tail: tuple[Position, ...] = ()

    @property
    def name(self) -> str:
        return f"block-{self.index:05d}"


@dataclass(frozen=True)
class BlockDone:
    """A block's result: the block-local stories of its halo and its tail (every member's is in
    its file), how many members, the time, and vectors computed in another model's space."""

    index: int
    stories: dict[Position, int]
    members: int
    seconds: float
    embedded: int = 0
    peak_mb: float = 0.0


BLOCK_SCHEMA = pa.schema(
    [
        ("shard", pa.int32()),
        ("row", pa.int32()),
        ("id", pa.string()),
        ("local_story", pa.int64()),
        ("lang", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("halo", pa.bool_()),
    ]
)


def block_path(out: Path, block: Block) -> Path:
    return out / "stories" / "blocks" / f"{block.name}.parquet"


def plan_blocks(
    order: list[tuple[str | None, Position]],
    links: dict[Position, Position],
    *,
    block_size: int = BLOCK_SIZE,
    halo: int = HALO,
    window_days: float | None = StoryConfig().window_days,
) -> list[Block]:
    """Cut the stream (``order``: each article's publication date or None, and its position, in
    input order) into blocks with halos; see the module docstring."""
    dated = bool(order) and all(day_of(p) is not None for p, _ in order)
    if dated:
        order = sorted(order, key=lambda item: (item[0] or "", item[1]))
    positions = [pos for _, pos in order]
    days = [day_of(p) or date.min for p, _ in order] if dated else []
    blocks = []
    for index, start in enumerate(range(0, len(positions), block_size)):
        members = tuple(positions[start : start + block_size])
        first = start
        if dated and window_days is not None:
            begin = days[start]
            while first > 0 and (begin - days[first - 1]).days <= window_days and start - first < block_size:
                first -= 1
        elif not dated:
            first = max(0, start - halo)
        context = tuple(positions[first:start])
        inside = set(members) | set(context)
        block_links = tuple((a, b) for a in members if (b := links.get(a)) is not None and b in inside)
        blocks.append(Block(index, members, context, block_links))
    used = {pos for block in blocks for pos in block.halo}
    return [replace(b, tail=tuple(p for p in b.members if p in used)) for b in blocks]


@dataclass
class StoryBlockJob:
    """Task: a :class:`Block`. Replays it, writes its members' block-local stories to
    ``stories/blocks/block-N.parquet`` and returns those of its halo and tail."""

    out: str
    threads: int | None = 1
    config: StoryConfig = field(default_factory=StoryConfig)
    resources: Resources | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._judge: StoryJudge | None = None

    def without_resources(self) -> StoryBlockJob:
        return StoryBlockJob(self.out, self.threads, self.config)

    def setup(self) -> None:
        if self.resources is None:
            self.resources = Resources(threads=self.threads)
        self._judge = StoryJudge.load()

    def __call__(self, block: Block) -> BlockDone:
        out = Path(self.out)
        if block_path(out, block).exists():  # done by an earlier run of this batch
            return _reused(out, block)
        if self._judge is None:
            self.setup()
        assert self._judge is not None and self.resources is not None
        start = time.perf_counter()
        replay = list(block.halo) + list(block.members)
        rows = fetch_rows(out, replay, ARTICLE_SCHEMA.names)
        views = [article_view(_row_article(rows[pos]), view_key(pos)) for pos in replay]
        rebuilt = rebuild_stories(
            views,
            self._judge,
            embedder=self.resources.embedder,
            config=self.config,
            duplicates={view_key(a): view_key(b) for a, b in block.links},
            index_factory=UsearchIndex if len(views) > EXACT_UP_TO else None,
        )
        stories = {key_position(key): story for key, story in rebuilt.stories.items()}
        written = [
            {
                "shard": pos[0],
                "row": pos[1],
                "id": rows[pos]["id"],
                "local_story": stories[pos],
                "lang": rows[pos]["lang"],
                "title": rows[pos]["clean_title"] or rows[pos]["title"],
                "published": rows[pos]["published"],
                "halo": n < len(block.halo),
            }
            for n, pos in enumerate(replay)
        ]
        write_table(block_path(out, block), written, BLOCK_SCHEMA)
        kept = {pos: stories[pos] for pos in (*block.halo, *block.tail)}
        seconds = time.perf_counter() - start
        return BlockDone(block.index, kept, len(block.members), seconds, rebuilt.embedded, peak_mb())


def _reused(out: Path, block: Block) -> BlockDone:
    wanted = {*block.halo, *block.tail}
    stories, members = {}, 0
    for row in read_rows(block_path(out, block), ["shard", "row", "local_story", "halo"]):
        members += not row["halo"]
        if (row["shard"], row["row"]) in wanted:
            stories[(row["shard"], row["row"])] = row["local_story"]
    return BlockDone(block.index, stories, members, 0.0)


def merge_blocks(out: Path, blocks: list[Block], done: dict[int, BlockDone]) -> int:
    """Link stories across block borders, number them (1, 2 … in order of each story's first
    article) and write ``stories/members-N.parquet`` (per block: ``id`` → ``story``) and
    ``stories/stories.parquet`` (one row a story). Reads one block file at a time; holds one
    entry per story. Returns the number of stories."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    home = {pos: block.index for block in blocks for pos in block.tail}
    for block in blocks:
        votes: dict[int, Counter] = {}
        for pos in block.halo:
            mine = done[block.index].stories[pos]
            votes.setdefault(mine, Counter())[(home[pos], done[home[pos]].stories[pos])] += 1
        for local, counter in votes.items():
            target = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            a, b = find((block.index, local)), find(target)
            if a != b:
                parent[max(a, b)] = min(a, b)
    numbers: dict[tuple[int, int], int] = {}
    summary: dict[int, dict[str, Any]] = {}
    for block in blocks:
        members = []
        for row in read_rows(block_path(out, block)):
            if row["halo"]:
                continue
            story = numbers.setdefault(find((block.index, row["local_story"])), len(numbers) + 1)
            members.append({"id": row["id"], "story": story})
            _summarise(summary.setdefault(story, {"story": story, "size": 0, "languages": []}), row)
        write_table(out / "stories" / f"members-{block.index:05d}.parquet", members, MEMBER_SCHEMA)
    write_table(out / "stories" / "stories.parquet", [summary[s] for s in sorted(summary)], STORY_SCHEMA)
    return len(summary)


def _summarise(story: dict[str, Any], row: dict[str, Any]) -> None:
    story["size"] += 1
    if row["lang"] not in story["languages"]:
        story["languages"].append(row["lang"])
    story.setdefault("title", row["title"])
    published = row["published"]
    if published:
        story["first_seen"] = min(story.get("first_seen") or published, published)
        story["last_seen"] = max(story.get("last_seen") or published, published)


MEMBER_SCHEMA = pa.schema([("id", pa.string()), ("story", pa.int64())])
STORY_SCHEMA = pa.schema(
    [
        ("story", pa.int64()),
        ("size", pa.int64()),
        ("languages", pa.list_(pa.string())),
        ("title", pa.string()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
    ]
)
