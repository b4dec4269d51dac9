"""A batch run: inputs → shards → prepared articles → duplicates → stories, on any executor.

    DIR/batch.json                 what was asked (inputs, options, the shard plan) and the report
    DIR/articles/shard-N.parquet   prepared articles with vectors (one file a shard)
    DIR/errors/shard-N.parquet     the shard's rejected records: where and why
    DIR/duplicates.parquet         copies and near-copies: id, of (the article it copies), leader
    DIR/stories/members-N.parquet  id → story (one file a block)
    DIR/stories/stories.parquet    one row a story: size, languages, title, first and last seen
    DIR/stories/blocks/            the block tasks' own results (what a re-run reuses)

Re-running into the same folder with the same inputs and options skips every shard and block
whose file exists, so a finished batch costs only the listing and a half-finished one is
completed; other inputs or options are refused (a new ``--out``, or delete the folder).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..cleaner import CleanConfig
from ..errors import InputError, UsageError
from ..ingest import DEFAULT_MAX_BYTES, skipped_note
from ..pipeline.executors import Executor
from ..progress import Progress
from ..resources import Resources
from .dedup import KeysJob, Position, VerifyJob, fetch_rows, leaders
from .prepare import Prepared, PrepareJob, error_path
from .records import article_file, article_files, read_rows, write_table
from .shards import FILES_PER_SHARD, RECORDS_PER_SHARD, Shard, plan_shards
from .stories import BLOCK_SIZE, HALO, BlockDone, StoryBlockJob, merge_blocks, plan_blocks

__all__ = ["BatchOptions", "BatchReport", "run_batch", "completed_batch", "MANIFEST"]

MANIFEST = "batch.json"
FORMAT = 1
#: Keys per dedup partition: what one partition task holds in memory (~100 bytes a key).
KEYS_PER_PARTITION = 200_000
#: Candidate pairs per verification task.
PAIRS_PER_TASK = 500


@dataclass(frozen=True)
class BatchOptions:
    """How to cut and what to run (part of the batch's identity: a re-run must ask the same)."""

    records_per_shard: int = RECORDS_PER_SHARD
    files_per_shard: int = FILES_PER_SHARD
    block_size: int = BLOCK_SIZE
    halo: int = HALO
    judge: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        for name in ("records_per_shard", "files_per_shard", "block_size", "max_bytes"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.halo < 0:
            raise UsageError(f"halo must be at least 0, got {self.halo}")


@dataclass
class BatchReport:
    engine: str
    workers: int
    shards: int = 0
    shards_reused: int = 0
    articles: int = 0
    rejected: int = 0
    repeats: int = 0
    conflicts: int = 0
    copies: int = 0
    near_copies: int = 0
    blocks: int = 0
    stories: int = 0
    #: tasks run again because their worker died
    retried_tasks: int = 0
    #: the largest peak resident memory a worker reported, per stage (MB)
    peak_mb: dict[str, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    #: files in the folders given that are no article files (listed, as ``add`` lists them)
    skipped: list[str] = field(default_factory=list)
    #: WARC records that hold no page, by reason (a WARC type such as "request", or why an HTTP
    #: response is not one): counted, as ``add`` counts them, never dropped unsaid
    warc_records_skipped: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in vars(self).items() if k != "errors"}
        out["errors"] = [{"where": e.where, "message": str(e)} for e in self.errors]
        out["seconds"] = {k: round(v, 2) for k, v in self.seconds.items()}
        return out

    def summary(self) -> str:
        return (
            f"{self.articles} articles in {self.stories} stories ({self.shards} shards, "
            f"{self.shards_reused} already done; {self.blocks} blocks); {self.rejected} rejected, "
            f"{self.repeats} repeated records, {self.conflicts} id conflicts, {self.copies} copies, "
            f"{self.near_copies} near-copies; {sum(self.seconds.values()):.1f} s on {self.engine} "
            f"with {self.workers} worker(s)"
            + (f", {self.retried_tasks} task(s) retried" if self.retried_tasks else "")
            + (f"; {note}" if (note := skipped_note(self.warc_records_skipped)) else "")
        )


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    executor: Executor,
    *,
    options: BatchOptions = BatchOptions(),
    resources: Resources | None = None,
    quiet: bool = True,
    on_error: Callable[[InputError], None] | None = None,
) -> BatchReport:
    """Run the batch (see the module docstring). ``resources``: models already loaded, used by
    an in-process executor (a remote one loads its own on each worker)."""
    folder = Path(out)
    report = BatchReport(getattr(executor, "name", type(executor).__name__), getattr(executor, "workers", 1))
    started = time.perf_counter()
    shards, unreadable, skipped = plan_shards(
        [os.fspath(i) for i in inputs], records=options.records_per_shard, files=options.files_per_shard, out=folder
    )
    if not shards:  # every input unreadable: that failure, in one line (exit 1, as add's)
        if len(unreadable) == 1:
            raise unreadable[0]
        where = ", ".join(os.fspath(i) for i in inputs)
        raise InputError(where, "nothing to read: " + ("; ".join(str(e) for e in unreadable) or "no article files"))
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is a file; --out names a folder (new, or this batch's own)")
    report.skipped = list(skipped)
    for err in unreadable:
        _reject(report, err, on_error)
    _claim(folder, inputs, shards, options)
    report.shards, report.seconds["plan"] = len(shards), time.perf_counter() - started
    local = resources if getattr(executor, "workers", 1) == 1 and getattr(executor, "name", "") == "local" else None

    _prepare(folder, shards, executor, options, local, report, quiet, on_error)
    dropped, links = _deduplicate(folder, executor, report, quiet)
    _stories(folder, executor, options, local, dropped, links, report, quiet)
    report.retried_tasks = getattr(executor, "lost", 0)
    _write_manifest(folder, inputs, shards, options, report)
    return report


def _prepare(folder, shards, executor, options, local, report, quiet, on_error) -> None:
    start = time.perf_counter()
    job = PrepareJob(str(folder), CleanConfig(judge=options.judge), options.max_bytes, resources=local)
    with Progress("batch: preparing shards", len(shards), quiet=quiet) as bar:
        for shard, result in executor.run(job, shards):
            assert isinstance(result, Prepared)
            report.articles += result.articles
            report.shards_reused += int(result.reused)
            report.warc_records_skipped.update(result.warc_skipped)
            report.peak_mb["prepare"] = max(report.peak_mb.get("prepare", 0.0), round(result.peak_mb, 1))
            for row in read_rows(error_path(folder, shard)):
                bar.clear()
                _reject(report, InputError(row["where"], row["problem"]), on_error)
            bar.advance()
    report.seconds["prepare"] = time.perf_counter() - start


def _deduplicate(folder: Path, executor, report: BatchReport, quiet: bool):
    """Repeats and conflicts (dropped), and each copy's link to the article it copies."""
    start = time.perf_counter()
    dropped, pairs = _group_keys(folder, executor, report.articles, quiet)
    best = _verify(folder, executor, {p for p in pairs if p[0] not in dropped and p[1] not in dropped})
    links = {later: earlier for later, (earlier, _, _) in best.items()}
    report.repeats = sum(1 for kind, _ in dropped.values() if kind == "repeat")
    report.conflicts = len(dropped) - report.repeats
    report.copies = sum(1 for _, kind, _ in best.values() if kind == "copy")
    report.near_copies = len(best) - report.copies
    report.articles -= len(dropped)
    _write_duplicates(folder, best, leaders(links))
    report.errors.extend(_conflicts(folder, dropped))
    report.seconds["dedup"] = time.perf_counter() - start
    return dropped, links


def _group_keys(folder: Path, executor, articles: int, quiet: bool):
    partitions = max(getattr(executor, "workers", 1), math.ceil(articles / KEYS_PER_PARTITION), 1)
    dropped: dict[Position, tuple[str, Position]] = {}
    pairs: set[tuple[Position, Position]] = set()
    with Progress("batch: grouping keys", partitions, quiet=quiet) as bar:
        for _, keyed in executor.run(KeysJob(str(folder), partitions), list(range(partitions))):
            dropped.update({pos: (kind, first) for pos, kind, first in keyed.dropped})
            pairs.update(keyed.pairs)
            bar.advance()
    return dropped, pairs


def _verify(folder: Path, executor, pairs: set[tuple[Position, Position]]):
    """Each article's best verified earlier match: an exact copy first (as ``add``: the earliest
    article with the same content), else the best-scoring near-copy, ties to the earliest."""
    ordered = sorted(pairs)
    chunks = [tuple(ordered[i : i + PAIRS_PER_TASK]) for i in range(0, len(ordered), PAIRS_PER_TASK)]
    best: dict[Position, tuple[Position, str, float]] = {}
    rank: dict[Position, tuple[bool, float, Position]] = {}
    for _, verified in executor.run(VerifyJob(str(folder)), chunks):
        for later, earlier, kind, score in verified:
            mine = (kind == "copy", score, (-earlier[0], -earlier[1]))
            if later not in rank or mine > rank[later]:
                rank[later], best[later] = mine, (earlier, kind, score)
    return best


def _conflicts(folder: Path, dropped: dict[Position, tuple[str, Position]]) -> list[InputError]:
    """An error for each record whose id came back with other text, naming both places."""
    wanted = [pos for pos, (kind, _) in dropped.items() if kind == "conflict"]
    if not wanted:
        return []
    named = fetch_rows(folder, wanted + [dropped[pos][1] for pos in wanted], ["id", "origin"])
    return [
        InputError(
            named[pos]["origin"],
            f"id {named[pos]['id']!r} occurs again with other text or metadata (first at {named[dropped[pos][1]]['origin']}); "
            "not kept",
        )
        for pos in sorted(wanted)
    ]


def _stories(folder, executor, options, local, dropped, links, report, quiet) -> None:
    start = time.perf_counter()
    order = [
        (row["published"], pos)
        for pos, row in _positions(folder, ["published"])
        if pos not in dropped  # repeats and conflicts are not articles of the batch
    ]
    blocks = plan_blocks(order, links, block_size=options.block_size, halo=options.halo)
    del order
    job = StoryBlockJob(str(folder), resources=local)
    done: dict[int, BlockDone] = {}
    with Progress("batch: stories by block", len(blocks), quiet=quiet) as bar:
        for block, result in executor.run(job, blocks):
            done[block.index] = result
            report.peak_mb["stories"] = max(report.peak_mb.get("stories", 0.0), round(result.peak_mb, 1))
            bar.advance()
    report.blocks = len(blocks)
    report.stories = merge_blocks(folder, blocks, done)
    report.seconds["stories"] = time.perf_counter() - start


def _positions(folder: Path, columns: Sequence[str]) -> Iterable[tuple[Position, dict[str, Any]]]:
    for path in article_files(folder):
        shard = int(path.stem.split("-")[1])
        for row_number, row in enumerate(read_rows(path, columns)):
            yield (shard, row_number), row


def _write_duplicates(folder: Path, best, leader_of) -> None:
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("of", pa.string()),
            ("leader", pa.string()),
            ("kind", pa.string()),
            ("score", pa.float64()),
        ]
    )
    names = fetch_rows(folder, {p for later, (earlier, _, _) in best.items() for p in (later, earlier)}, ["id"])
    names.update(fetch_rows(folder, set(leader_of.values()) - set(names), ["id"]))
    rows = [
        {
            "id": names[later]["id"],
            "of": names[earlier]["id"],
            "leader": names[leader_of[later]]["id"],
            "kind": kind,
            "score": score,
        }
        for later, (earlier, kind, score) in sorted(best.items())
    ]
    write_table(folder / "duplicates.parquet", rows, schema)


def _reject(report: BatchReport, err: InputError, on_error) -> None:
    report.rejected += 1
    report.errors.append(err)
    if on_error is not None:
        on_error(err)


def _identity(inputs, shards: Sequence[Shard], options: BatchOptions) -> str:
    """What a batch folder belongs to: the inputs and the files planned (by their real paths, so
    ``./wire.jsonl``, ``wire.jsonl`` and its absolute path, or a run from another directory, are
    the same batch), their sizes and times, and the options. The planned files' default ids are
    part of it: a link's name gives its records other ids than its target's."""
    real = os.path.realpath
    plan = [(s.kind, [real(f) for f in s.files], s.stems, s.offset, s.lines, s.group) for s in shards]
    stats = sorted({(real(f), os.stat(f).st_size, int(os.stat(f).st_mtime)) for s in shards for f in s.files})
    text = json.dumps([FORMAT, [real(os.fspath(i)) for i in inputs], plan, stats, asdict(options)], default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _claim(folder: Path, inputs, shards, options) -> None:
    """Refuse a folder that holds something else; record what this batch is before any work."""
    identity = _identity(inputs, shards, options)
    manifest = folder / MANIFEST
    if manifest.exists():
        try:
            found = json.loads(manifest.read_text()).get("identity")
        except (OSError, ValueError, AttributeError):
            found = None
        if found != identity:
            raise UsageError(
                f"{folder}: holds a batch of other inputs or options (or inputs changed since); "
                "use another --out, or delete it to start again"
            )
        return
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder}: exists and is not a batch folder (no {MANIFEST}); use an empty or new --out")
    folder.mkdir(parents=True, exist_ok=True)
    _write_json(manifest, {"format": FORMAT, "identity": identity, "state": "running"})


def _write_manifest(folder: Path, inputs, shards, options, report: BatchReport) -> None:
    _write_json(
        folder / MANIFEST,
        {
            "format": FORMAT,
            "identity": _identity(inputs, shards, options),
            "state": "complete",
            "inputs": [os.fspath(i) for i in inputs],
            "options": asdict(options),
            "shards": [s.describe() for s in shards],
            "report": {k: v for k, v in report.to_dict().items() if k != "errors"},
        },
    )


def _write_json(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    os.replace(partial, path)


def completed_batch(folder: str | os.PathLike[str]) -> Path:
    """``folder`` when it holds a finished batch; else a clear error (what to do about it)."""
    path = Path(folder)
    manifest = path / MANIFEST
    try:
        plan = json.loads(manifest.read_text())
        state = plan.get("state")
    except FileNotFoundError:
        raise UsageError(f"{path}: not a batch folder (no {MANIFEST}); make one with `samestory batch`") from None
    except (OSError, ValueError, AttributeError) as err:
        raise UsageError(f"{manifest}: unreadable ({err})") from None
    if state != "complete":
        raise UsageError(f"{path}: the batch did not finish; run the same `samestory batch` again to complete it")
    _check_shards(path, plan.get("shards") or [])
    return path


def _check_shards(folder: Path, shards: Sequence[object]) -> None:
    """Every shard's article file is there and readable (its footer), before anything is added
    from the folder: a missing or damaged one would otherwise be skipped, or fail half-way."""
    for index in range(len(shards)):
        path = article_file(folder, index)
        try:
            pq.ParquetFile(path)
        except FileNotFoundError:
            problem = "is missing"
        except (OSError, pa.ArrowException) as err:
            problem = f"cannot be read ({str(err).splitlines()[0]})"
        else:
            continue
        raise InputError(
            str(path), f"{problem}: the batch folder is damaged; run the same `samestory batch` again to redo it"
        )
