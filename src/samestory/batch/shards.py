"""Cutting a batch run's inputs into shards, and reading one shard.

A shard is the unit of parallel work, of retry and of resumption: a worker reads it, runs the
pipeline's steps on it and writes one file. How inputs are cut:

- JSONL: runs of ``records`` lines, found by one pass over the bytes (no JSON is parsed); a
  shard seeks to its byte offset and keeps the file's line numbers, so ids and messages are
  those ``samestory add`` gives (``file:line``);
- WARC / WARC.gz: one shard per file (a gzipped WARC cannot be entered in the middle; crawls come
  as many files of ~1 GB, which is the parallelism);
- Parquet: one shard per row group; each row is read as a JSONL record (``id``, ``text``,
  ``title``, ``lang``, ``url``, ``published``, ``source``), named ``file#row``;
- text and HTML files: groups of ``files`` files, ids as ``add`` gives them.

The plan depends only on the inputs and the sizes asked for, never on the engine or the number
of workers, so every engine makes the same shards, and a re-run the same ones.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MalformedRecordError
from ..ingest import DEFAULT_MAX_BYTES, WarcStats, files_of, format_of, read_file
from ..ingest.jsonl import iter_jsonl, parse_record
from ..types import Article

__all__ = ["Shard", "shard_name", "plan_shards", "read_shard", "RECORDS_PER_SHARD", "FILES_PER_SHARD"]

#: JSONL lines (and Parquet rows at most) per shard: a few minutes of one worker's time, so a
#: lost worker costs little and a progress bar moves, yet the per-shard overhead is negligible.
RECORDS_PER_SHARD = 200
#: Text or HTML files per shard.
FILES_PER_SHARD = 100


def shard_name(index: int) -> str:
    """The name of shard ``index``'s files (``articles/<name>.parquet``, ``errors/<name>.parquet``)."""
    return f"shard-{index:05d}"


@dataclass(frozen=True)
class Shard:
    """One unit of work. ``kind``: "jsonl" (``files[0]`` from byte ``offset``, ``lines`` lines
    from line ``first_line``), "warc" (``files[0]``), "parquet" (row group ``group`` of
    ``files[0]``) or "files" (each of ``files``). ``wheres`` and ``stems`` name each file as
    :func:`samestory.ingest.files_of` does."""

    index: int
    kind: str
    files: tuple[str, ...]
    wheres: tuple[str, ...]
    stems: tuple[str, ...]
    offset: int = 0
    first_line: int = 1
    lines: int | None = None
    group: int = 0

    @property
    def name(self) -> str:
        return shard_name(self.index)

    def describe(self) -> str:
        where = self.wheres[0]
        if self.kind == "jsonl":
            end = f"{self.first_line + self.lines - 1}" if self.lines else "end"
            return f"{where}:{self.first_line}-{end}"
        if self.kind == "parquet":
            return f"{where} row group {self.group}"
        if self.kind == "files" and len(self.files) > 1:
            return f"{where} and {len(self.files) - 1} more files"
        return where


def plan_shards(
    sources: Iterable[str],
    *,
    records: int = RECORDS_PER_SHARD,
    files: int = FILES_PER_SHARD,
    out: str | os.PathLike[str] | None = None,
) -> tuple[list[Shard], list[InputError], list[str]]:
    """The shards of ``sources`` (files and folders, walked as ``add`` walks them), the sources
    that cannot be read at all, and the files skipped in folders (not article files, and the
    files of the batch's own folder ``out`` when an input folder holds it: its shards are
    Parquet, and read as input they would change the plan at every run)."""
    own = os.path.realpath(out) if out is not None else None
    shards: list[Shard] = []
    errors: list[InputError] = []
    skipped: list[str] = []
    loose: list[tuple[str, str, str]] = []

    def flush_loose() -> None:
        if loose:
            paths, wheres, stems = zip(*loose)
            shards.append(Shard(len(shards), "files", paths, wheres, stems))
            loose.clear()

    for found in files_of(list(sources), skipped=skipped, also=(".parquet",)):
        if isinstance(found, InputError):
            errors.append(found)
            continue
        path, where, stem = found
        if own is not None and os.path.realpath(path).startswith(own + os.sep):
            skipped.append(str(path))
            continue
        fmt = "parquet" if path.name.lower().endswith(".parquet") else format_of(path.name)
        if fmt in ("jsonl", "warc", "parquet"):
            flush_loose()
            try:
                cut = _jsonl_cuts if fmt == "jsonl" else _parquet_cuts if fmt == "parquet" else _whole
                for spec in cut(path, records):
                    shards.append(Shard(len(shards), fmt, (str(path),), (where,), (stem,), **spec))
            except OSError as err:
                errors.append(InputError(where, f"cannot read ({err.strerror or err})"))
            except Exception as err:  # a Parquet file pyarrow cannot open
                errors.append(InputError(where, f"not a readable Parquet file ({err})"))
            continue
        loose.append((str(path), where, stem))
        if len(loose) >= files:
            flush_loose()
    flush_loose()
    return shards, errors, skipped


def _whole(path: Path, records: int) -> Iterator[dict]:
    yield {}


def _jsonl_cuts(path: Path, records: int) -> Iterator[dict]:
    """Byte offsets of every ``records``-th line (counting blank lines too: cheap and exact)."""
    start, first, count, offset = 0, 1, 0, 0
    with open(path, "rb") as handle:
        for line in handle:
            count += 1
            offset += len(line)
            if count == records:
                yield {"offset": start, "first_line": first, "lines": count}
                start, first, count = offset, first + count, 0
    if count or first == 1:
        yield {"offset": start, "first_line": first, "lines": None}


def _parquet_cuts(path: Path, records: int) -> Iterator[dict]:
    import pyarrow.parquet as pq

    groups = pq.ParquetFile(path).metadata.num_row_groups
    for group in range(max(groups, 1)):
        yield {"group": group}


def read_shard(
    shard: Shard, *, max_bytes: int = DEFAULT_MAX_BYTES, warc_stats: WarcStats | None = None
) -> Iterator[Article | InputError]:
    """The records of one shard, as ``samestory add`` would read them; ``warc_stats`` counts the
    WARC records that hold no page, as ``add`` counts them."""
    if shard.kind == "jsonl":
        yield from _read_jsonl(shard, max_bytes)
    elif shard.kind == "parquet":
        yield from _read_parquet(shard)
    else:
        for path, where, stem in zip(shard.files, shard.wheres, shard.stems):
            yield from read_file(Path(path), where, stem, max_bytes=max_bytes, warc_stats=warc_stats)


def _read_jsonl(shard: Shard, max_bytes: int) -> Iterator[Article | InputError]:
    where = shard.wheres[0]
    try:
        with open(shard.files[0], "rb") as handle:
            handle.seek(shard.offset)
            yield from iter_jsonl(
                handle,
                where=where,
                stem=shard.stems[0],
                max_bytes=max_bytes,
                first_line=shard.first_line,
                lines=shard.lines,
            )
    except OSError as err:
        yield InputError(where, f"cannot read ({err.strerror or err})")


def _read_parquet(shard: Shard) -> Iterator[Article | InputError]:
    import pyarrow.parquet as pq

    where = shard.wheres[0]
    try:
        handle = pq.ParquetFile(shard.files[0])
        if handle.metadata.num_row_groups == 0:
            yield InputError(where, "no rows in this Parquet file")
            return
        first = sum(handle.metadata.row_group(g).num_rows for g in range(shard.group))
        rows = handle.read_row_group(shard.group).to_pylist()
    except Exception as err:
        yield InputError(where, f"cannot read row group {shard.group} ({err})")
        return
    for n, row in enumerate(rows, start=first):
        place = f"{where}#{n}"
        try:
            yield parse_record(json.dumps(row, default=str), where=place, default_id=f"{shard.stems[0]}:{n}")
        except MalformedRecordError as err:
            yield err
