"""The batch subcommands: ``batch`` and ``add --from-batch``."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError
from ..resources import Resources
from .terminal import error

if TYPE_CHECKING:  # pragma: no cover
    from ..batch.ray_engine import RayExecutor
    from ..pipeline.executors import LocalExecutor

__all__ = ["cmd_batch", "cmd_add_batch"]


def cmd_batch(args: Namespace) -> int:
    from ..batch import BatchOptions, run_batch
    from ..pipeline.executors import LocalExecutor
    from .commands import emit_json

    if args.engine == "local" and args.address:
        raise UsageError("batch: --address is for --engine ray")
    options = BatchOptions(
        records_per_shard=args.records,
        block_size=args.block_size,
        halo=args.halo,
        judge=not args.rules_only,
        max_bytes=int(args.max_mb * 1_000_000),
    )
    executor: LocalExecutor | RayExecutor
    if args.engine == "ray":
        from ..batch.ray_engine import RayExecutor

        executor = RayExecutor(args.workers, threads=args.threads, address=args.address)
        resources = None
    else:
        executor = LocalExecutor()
        resources = Resources(threads=args.threads)

    def report_error(err: InputError) -> None:
        if not args.json:
            error(str(err))

    try:
        report = run_batch(
            args.inputs,
            args.out,
            executor,
            options=options,
            resources=resources,
            quiet=args.quiet,
            on_error=report_error,
        )
    finally:
        executor.close()
    if args.json:
        emit_json({**report.to_dict(), "out": str(args.out)})
    else:
        from ..ingest import skip_reason

        for path in report.skipped:
            error(f"{path}: skipped: {skip_reason(path)}")
        for err in report.errors[report.rejected :]:  # conflicts found across shards
            error(str(err))
        error(f"{args.out}: {report.summary()}")
    return 1 if report.errors else 0


def cmd_add_batch(args: Namespace) -> int:
    from ..corpus import Corpus
    from ..progress import Progress
    from .commands import emit_json

    if args.inputs:
        raise UsageError("add: give either files to read or --from-batch DIR, not both")
    from ..batch import article_files, completed_batch

    folder = completed_batch(args.from_batch)  # a damaged folder is refused before the store is opened
    total = None
    if not args.quiet:
        import pyarrow.parquet as pq

        total = sum(pq.ParquetFile(f).metadata.num_rows for f in article_files(folder))
    with (
        Progress("adding from batch", total, quiet=args.quiet) as bar,
        Corpus(args.db, resources=Resources()) as corpus,
    ):
        report = corpus.add_batch(args.from_batch, update=args.update, batch=args.batch, progress=bar)
    if args.json:
        emit_json(
            {
                **report.to_dict(),
                "db": str(args.db),
                "errors": report.error_list(),
            }
        )
    else:
        for err in report.errors:
            error(str(err))
        error(f"{args.db}: {report.summary()}")
    return 1 if report.errors else 0
