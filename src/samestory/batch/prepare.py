"""The map stage: one shard in, one file of prepared articles out.

Each worker runs the pipeline's own steps (:func:`samestory.pipeline.corpus_steps`: language →
clean → sentences → embed → entities), exactly as ``samestory add`` does, and computes the
keys the later stages group by: the record hash (same input twice), the content hash and the
MinHash band keys (copies and near-copies). Rejected records go to the shard's error file with
where and why. A shard whose article file exists is done: it is not run again (a re-run of a
finished batch costs only the listing).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..cleaner import CleanConfig
from ..dedup import band_keys, shingle, signature
from ..errors import InputError
from ..ingest import DEFAULT_MAX_BYTES, WarcStats
from ..ingest.identity import record_hash
from ..pipeline import corpus_steps, run_steps
from ..resources import Resources
from ..types import Article
from .records import ARTICLE_SCHEMA, ERROR_SCHEMA, article_file, article_row, error_row, write_table
from .shards import Shard, read_shard

__all__ = ["PrepareJob", "Prepared", "article_path", "error_path", "peak_mb"]

#: The article file's metadata key for its shard's WARC records without a page (JSON: reason → count).
WARC_SKIPPED_KEY = b"samestory.warc_records_skipped"


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def article_path(out: Path, shard: Shard) -> Path:
    return article_file(out, shard.index)


def error_path(out: Path, shard: Shard) -> Path:
    return out / "errors" / f"{shard.name}.parquet"


@dataclass(frozen=True)
class Prepared:
    """What one shard gave: articles written, records rejected, and whether it was already done."""

    shard: int
    articles: int
    rejected: int
    seconds: float
    reused: bool = False
    #: the worker process's peak resident memory so far (MB): what sizing a worker needs
    peak_mb: float = 0.0
    #: WARC records that hold no page, by reason (as ``add`` reports them); kept in the article
    #: file's metadata, so a re-run that reuses the shard reports them too
    warc_skipped: dict[str, int] = field(default_factory=dict)


@dataclass
class PrepareJob:
    """Shard → ``articles/shard-N.parquet`` and ``errors/shard-N.parquet``. ``threads`` caps each
    worker's model threads (one per worker: the engine parallelises across workers);
    ``resources``: models already loaded (the local engine passes the caller's), else loaded
    in :meth:`setup` on the worker."""

    out: str
    config: CleanConfig = field(default_factory=CleanConfig)
    max_bytes: int = DEFAULT_MAX_BYTES
    threads: int | None = 1
    resources: Resources | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._steps: list[Any] | None = None

    def without_resources(self) -> PrepareJob:
        """The copy that travels to a remote worker (models load there)."""
        return PrepareJob(self.out, self.config, self.max_bytes, self.threads)

    def setup(self) -> None:
        if self.resources is None:
            self.resources = Resources(threads=self.threads)
        self._steps = corpus_steps(self.resources, self.config)

    def __call__(self, shard: Shard) -> Prepared:
        out = Path(self.out)
        done = article_path(out, shard)
        if done.exists():
            kept = error_path(out, shard)
            try:
                rejected = pq.ParquetFile(kept).metadata.num_rows if kept.exists() else 0
                handle = pq.ParquetFile(done)
                skipped = _warc_skipped(handle.schema_arrow.metadata)
                return Prepared(shard.index, handle.metadata.num_rows, rejected, 0.0, reused=True, warc_skipped=skipped)
            except (OSError, pa.ArrowException, ValueError, TypeError, AttributeError):
                # damaged since it was written whole (its rows, or the skip counts in its metadata): prepared again
                done.unlink()
                kept.unlink(missing_ok=True)
        if self._steps is None:
            self.setup()
        assert self._steps is not None
        start = time.perf_counter()
        rows: list[dict[str, Any]] = []
        errors: list[dict[str, str]] = []
        warc = WarcStats()
        for item in run_steps(read_shard(shard, max_bytes=self.max_bytes, warc_stats=warc), self._steps):
            if isinstance(item, InputError):
                errors.append(error_row(item))
            else:
                rows.append(_row(item))
        skipped = dict(sorted(warc.skipped.items()))
        # errors first: the article file is the shard's "done" mark, so it is written last
        write_table(error_path(out, shard), errors, ERROR_SCHEMA)
        schema = ARTICLE_SCHEMA.with_metadata({WARC_SKIPPED_KEY: json.dumps(skipped)}) if skipped else ARTICLE_SCHEMA
        write_table(done, rows, schema)
        seconds = time.perf_counter() - start
        return Prepared(shard.index, len(rows), len(errors), seconds, peak_mb=peak_mb(), warc_skipped=skipped)


def _warc_skipped(metadata: dict[bytes, bytes] | None) -> dict[str, int]:
    """The WARC skip counts an article file's metadata holds (none: a shard without such records)."""
    text = (metadata or {}).get(WARC_SKIPPED_KEY)
    return {str(k): int(v) for k, v in json.loads(text).items()} if text else {}


def _row(article: Article) -> dict[str, Any]:
    assert article.cleaned is not None
    shingles = shingle(article.cleaned.paragraphs, article.cleaned.title or "")
    bands = band_keys(signature(shingles.hashes)) if len(shingles) else []
    return article_row(article, record_hash(article), shingles.digest, bands)
