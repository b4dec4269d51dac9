"""The corpus subcommands: add, check, duplicates, export."""

from __future__ import annotations

from argparse import Namespace

from ..errors import InputError, UsageError
from ..resources import Resources
from .terminal import error, say

__all__ = ["cmd_add", "cmd_check", "cmd_duplicates", "cmd_export", "cmd_serve"]


def cmd_add(args: Namespace) -> int:
    if args.from_batch:
        from .batch_commands import cmd_add_batch

        return cmd_add_batch(args)
    if not args.inputs:
        raise UsageError("add: name the files or folders to add, or --from-batch DIR (see --help)")
    from ..cleaner import CleanConfig
    from ..corpus import Corpus
    from ..ingest import count_records, skip_reason
    from ..progress import Progress
    from .commands import emit_json

    total = None if args.quiet else count_records(args.inputs)
    with Progress("adding", total, quiet=args.quiet) as bar:

        def report_error(err: InputError) -> None:
            if not args.json:
                bar.clear()
                error(str(err))

        with Corpus(args.db, resources=Resources(threads=args.threads)) as corpus:
            report = corpus.add(
                args.inputs,
                config=CleanConfig(judge=not args.rules_only),
                update=args.update,
                strict=args.strict,
                max_bytes=int(args.max_mb * 1_000_000),
                batch=args.batch,
                progress=bar,
                on_error=report_error,
                workers=default_workers() if args.workers is None else args.workers,
            )
    if args.json:
        emit_json(
            {
                **report.to_dict(),
                "db": str(args.db),
                "errors": report.error_list(),
                "skipped_files": report.skipped,
            }
        )
    else:
        for path in report.skipped:
            error(f"{path}: skipped: {skip_reason(path)}")
        error(f"{args.db}: {report.summary()}")
    return 1 if report.errors else 0


#: Most preparing workers ``add`` starts by itself: past ~3, the parent (storing an article costs
#: about a third of preparing one) is the bottleneck, and each worker holds ~200 MB of models.
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """Preparing processes when ``--workers`` is not given: one per core the process may use, at
    most :data:`MAX_DEFAULT_WORKERS`."""
    from ..embed.base import available_cores

    return min(available_cores(), MAX_DEFAULT_WORKERS)


def cmd_check(args: Namespace) -> int:
    from ..corpus.upkeep import check_store
    from ..store import SQLiteStore
    from .commands import emit_json

    with SQLiteStore(args.db, create=False) as store:
        if args.repair:
            store.lock()
        report = check_store(store, repair=args.repair)
    if args.json:
        emit_json({**report.to_dict(), "db": str(args.db)})
    else:
        for line in report.repaired:
            say(f"repaired: {line}")
        for problem in report.problems:
            say(f"problem: {problem}")
        counts = report.counts
        verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        say(
            f"{args.db}: {verdict}: {counts['articles']} articles ({counts['versions']} versions), "
            f"{counts['duplicates']} duplicates"
        )
    return 0 if report.ok else 1


def cmd_duplicates(args: Namespace) -> int:
    from ..corpus.upkeep import duplicate_groups
    from ..store import SQLiteStore
    from .commands import emit_json

    with SQLiteStore(args.db, create=False) as store:
        groups = duplicate_groups(store)
    if args.json:
        emit_json({"groups": groups, "db": str(args.db)})
        return 0
    for group in groups:
        plural = {"copy": "copies", "near-copy": "near-copies", "translation": "translations"}[group["class"]]
        say(f"{group['target']}: its {plural}")
        for member in group["members"]:
            say(f"    {member['id']}  ({_evidence(group['class'], member)})")
    say(f"{len(groups)} group(s)")
    return 0


def cmd_export(args: Namespace) -> int:
    from ..corpus.upkeep import write_export
    from ..store import SQLiteStore
    from .commands import emit_json

    if args.json and not args.out:
        raise UsageError("export --json needs --out FILE: without it the articles themselves are written to stdout")
    with SQLiteStore(args.db, create=False) as store:
        n = write_export(store, args.format, args.out)
    if args.json:
        emit_json({"out": args.out, "format": args.format, "articles": n, "db": str(args.db)})
    elif args.out and not args.quiet:
        error(f"{args.out}: {n} article(s) exported")
    return 0


def cmd_serve(args: Namespace) -> int:
    try:
        from ..serve import run
    except ImportError as err:
        raise UsageError(
            f"serve needs the [serve] extra ({err.name} is missing): pip install 'samestory[serve]'"
        ) from None

    _open_for_serving(args.db)
    run(args.db, host=args.host, port=args.port, token=args.token)
    return 0


def _open_for_serving(db: str) -> None:
    """Open (or start) the store before the server does: a file, a folder of other files or a
    store from a newer version is one line here, where the server's startup would print a
    traceback. A missing store is started empty (clients add to it), and said so: a mistyped
    --db would otherwise serve an empty corpus without a word."""
    from pathlib import Path

    from ..store import SQLiteStore

    folder = Path(db)
    new = not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))
    with SQLiteStore(db, create=True):
        pass
    if new:
        error(f"{db}: no store here yet; serving a new, empty one")


def _evidence(cls: str, member: dict) -> str:
    """The numbers that decided, in words."""
    e = member["evidence"]
    if cls == "copy":
        return "the same cleaned body"
    if cls == "near-copy":
        return f"{e['coverage']:.0%} of the shorter body in shared word runs, length ratio {e['length_ratio']:.2f}"
    return (
        f"{e['coverage']:.0%} of the shorter side aligned ({e['groups']} passages), "
        f"document similarity {e['doc_cos']:.2f}"
    )
