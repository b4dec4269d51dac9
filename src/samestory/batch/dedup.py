"""Record repeats, id conflicts, copies and near-copies across shards, without one process
holding every key.

Keys are partitioned by hash (``partitions`` of them): partition ``p`` reads only the key columns
of every shard (a few bytes an article, Parquet column pruning) and keeps the keys that fall in
it, so each partition holds about 1/P of the corpus's keys:

- record hash and id: a record seen before (same hash) is a repeat, counted as already present as
  ``add`` counts it; an id seen before with another hash is a conflict, and the later record is
  not kept (``add`` without ``--update``);
- content hash and MinHash band keys: articles sharing one are candidate copies of the earliest
  article in the same language holding that key (signatures → buckets → candidate pairs).

Candidates are then verified in parallel on both bodies' shingles
(:func:`samestory.dedup.classify_pair`, the same test as ``add``), and each article keeps its
best verified earlier match; the group's leader is the earliest article reached by following
those links. Translations are not looked for here: the story stage puts them in one story, and
``samestory add --from-batch`` finds them in the store as ``add`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import xxhash

from ..dedup import classify_pair, shingle
from .records import article_file, article_files

__all__ = ["Position", "KeysJob", "Keyed", "VerifyJob", "fetch_rows", "leaders", "partition_of", "shard_of_file"]

#: An article's place in a batch: (shard index, row in the shard's file); orders by input.
Position = tuple[int, int]


def shard_of_file(path: Path) -> int:
    return int(path.stem.split("-")[1])


@dataclass(frozen=True)
class Keyed:
    """A partition's findings: repeats and conflicts (position, kind, the earlier position), and
    candidate copy pairs (later, earlier)."""

    partition: int
    dropped: tuple[tuple[Position, str, Position], ...]
    pairs: tuple[tuple[Position, Position], ...]


@dataclass
class KeysJob:
    """Task: a partition number. Reads the key columns of every article shard in ``out``."""

    out: str
    partitions: int

    def setup(self) -> None:
        pass

    def __call__(self, partition: int) -> Keyed:
        records: dict[str, Position] = {}
        ids: dict[str, tuple[str, Position]] = {}
        buckets: dict[tuple[str, int | str], Position] = {}
        dropped: list[tuple[Position, str, Position]] = []
        pairs: set[tuple[Position, Position]] = set()
        columns = ["id", "record_hash", "lang", "content_hash", "bands"]
        for pos, row in _rows(Path(self.out), columns):
            if partition_of(row["id"], self.partitions) == partition:
                first = records.get(row["record_hash"])
                earlier = ids.get(row["id"])
                if first is not None:
                    dropped.append((pos, "repeat", first))
                    continue
                records[row["record_hash"]] = pos
                if earlier is not None and earlier[0] != row["record_hash"]:
                    dropped.append((pos, "conflict", earlier[1]))
                    continue
                ids[row["id"]] = (row["record_hash"], pos)
            for key in _dedup_keys(row):
                if partition_of(key, self.partitions) == partition:
                    leader = buckets.setdefault((row["lang"], key), pos)
                    if leader != pos:
                        pairs.add((pos, leader))
        return Keyed(partition, tuple(dropped), tuple(sorted(pairs)))


def partition_of(key: str | int, partitions: int) -> int:
    """The partition a key belongs to (band keys are already hashes; strings are hashed)."""
    if isinstance(key, int):
        return key % partitions
    return xxhash.xxh64_intdigest(key.encode("utf-8", "surrogatepass")) % partitions


def _dedup_keys(row: dict[str, Any]) -> Iterator[int | str]:
    if row["content_hash"]:
        yield row["content_hash"]
    yield from row["bands"] or ()


def _rows(out: Path, columns: Sequence[str]) -> Iterator[tuple[Position, dict[str, Any]]]:
    for path in article_files(out):
        shard = shard_of_file(path)
        row_number = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=4096, columns=list(columns)):
            for row in batch.to_pylist():
                yield (shard, row_number), row
                row_number += 1


@dataclass
class VerifyJob:
    """Task: a list of candidate pairs (later, earlier). Result: the verified ones, as
    (later, earlier, kind, score)."""

    out: str

    def setup(self) -> None:
        pass

    def __call__(self, pairs: Sequence[tuple[Position, Position]]) -> list[tuple[Position, Position, str, float]]:
        wanted = {p for pair in pairs for p in pair}
        rows = fetch_rows(Path(self.out), wanted, ["clean_title", "paragraphs", "lang"])
        shingles = {pos: shingle(row["paragraphs"], row["clean_title"] or "") for pos, row in rows.items()}
        verified = []
        for later, earlier in pairs:
            if rows[later]["lang"] != rows[earlier]["lang"]:
                continue
            verdict = classify_pair(shingles[later], shingles[earlier])
            if verdict is not None:
                verified.append((later, earlier, verdict.kind.value, float(verdict.score)))
        return verified


def fetch_rows(out: Path, positions: Iterable[Position], columns: Sequence[str]) -> dict[Position, dict[str, Any]]:
    """The given rows of the article shards (each shard file read once, only ``columns``)."""
    by_shard: dict[int, list[int]] = {}
    for shard, row in positions:
        by_shard.setdefault(shard, []).append(row)
    found: dict[Position, dict[str, Any]] = {}
    for shard, rows in sorted(by_shard.items()):
        table = pq.read_table(article_file(out, shard), columns=list(columns))
        for row, values in zip(rows, table.take(rows).to_pylist()):
            found[(shard, row)] = values
    return found


def leaders(links: dict[Position, Position]) -> dict[Position, Position]:
    """Each linked article's leader: the earliest article reached by following links (each
    link goes to an earlier position, so every chain ends)."""
    out: dict[Position, Position] = {}
    for pos in sorted(links):
        target = links[pos]
        out[pos] = out.get(target, target)
    return out
