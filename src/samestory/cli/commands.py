"""One function per subcommand: read the inputs, call the library, print JSON or text.

The CLI process holds one :class:`~samestory.resources.Resources` per command, built here and
passed down; models load on first use.
"""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

from ..errors import InputError, UsageError
from ..resources import Resources
from ..types import Article
from .terminal import error, json_text, say

__all__ = [
    "cmd_clean",
    "cmd_compare",
    "cmd_eval_pairs",
    "cmd_eval_link",
    "cmd_eval_align",
    "cmd_eval_clean",
    "emit_json",
    "error",
    "version",
]


# -- clean ----------------------------------------------------------------------------------


def cmd_clean(args: Namespace) -> int:
    from ..cleaner import CleanConfig
    from ..ingest import read, skip_reason
    from ..pipeline import prepare_steps, run_steps
    from ..progress import Progress
    from .render import clean_json, cleaned_text

    resources = Resources()
    articles: list[Article] = []
    errors: list[InputError] = []
    skipped: list[str] = []
    # Several articles need a header each: several inputs, a folder, or a JSONL file.
    many = len(args.inputs) > 1 or any(os.path.isdir(p) for p in args.inputs)
    steps = prepare_steps(resources, CleanConfig(judge=not args.rules_only))
    items = read(args.inputs, max_bytes=int(args.max_mb * 1_000_000), skipped=skipped)
    with Progress("cleaning", quiet=args.quiet) as bar:
        for item in run_steps(items, steps):
            bar.clear()
            if isinstance(item, InputError):
                errors.append(item)
                if not args.json:
                    error(str(item))
                continue
            articles.append(item)
            if not args.json:
                for warning in _warnings(item):
                    error(f"{item.origin}: warning: {warning}")
                say(cleaned_text(item, explain=args.explain, many=many or item.format == "jsonl"))
            bar.advance()
    for path in skipped:
        if not args.json:
            error(f"{path}: skipped: {skip_reason(path)}")
    if args.json:
        emit_json(clean_json(articles, errors, skipped))
        for err in errors:
            error(str(err))
    elif errors and articles:
        error(f"cleaned {len(articles)} article(s); {len(errors)} input(s) had errors (above)")
    return 1 if errors else 0


# -- compare --------------------------------------------------------------------------------


def cmd_compare(args: Namespace) -> int:
    from ..comparison import compare_articles
    from ..pipeline import prepare

    if args.a == args.b == "-":
        raise UsageError("compare: only one side can be read from stdin (-); give the other as a file")
    for path in (args.a, args.b):
        if os.path.isdir(path):
            raise UsageError(f"{path}: is a folder; compare takes one article file per side")
    # one view for the whole comparison: each distinct text is embedded once (the line judge's
    # vectors serve the comparison too)
    resources = (Resources() if not args.model else _own_model(args.model)).memoised()
    a, b = (prepare(_one_article(path, args.max_mb), resources) for path in (args.a, args.b))
    result = compare_articles(a, b, resources.embedder, resources.scorer)
    if args.json:
        emit_json(result.to_dict())
    else:
        from .render import render_comparison

        for article in (a, b):
            for warning in _warnings(article):
                error(f"{article.origin}: warning: {warning}")
        say(render_comparison(result, a.origin, b.origin))
    return 0


def _warnings(article: Article) -> tuple[str, ...]:
    """What reading and cleaning an article noticed and worked around."""
    return article.warnings + (article.cleaned.warnings if article.cleaned else ())


def _own_model(folder: str) -> Resources:
    from ..embed.router import RoutedEmbedder
    from ..embed.st import SentenceTransformerEmbedder

    own = SentenceTransformerEmbedder(folder)
    return Resources(embedder=RoutedEmbedder(own, own, fast_languages=()))


def _one_article(path: str, max_mb: float) -> Article:
    from ..ingest import read

    items = list(read([path], max_bytes=int(max_mb * 1_000_000)))
    errors = [i for i in items if isinstance(i, InputError)]
    if errors:
        raise errors[0]
    if len(items) != 1:
        raise UsageError(f"{path}: holds {len(items)} articles; compare takes one article per side")
    article = items[0]
    assert isinstance(article, Article)
    return article


# -- eval -----------------------------------------------------------------------------------


def cmd_eval_pairs(args: Namespace) -> int:
    from ..evaluation.pairs_eval import evaluate_pairs, render_pairs_report

    report = evaluate_pairs(Path(args.file), Resources(), quiet=args.quiet, limit=args.limit)
    emit_json(report) if args.json else say(render_pairs_report(report))
    return 0


def cmd_eval_link(args: Namespace) -> int:
    from ..evaluation.link_eval import evaluate_link, render_link_report

    report = evaluate_link(Path(args.file), Resources(), quiet=args.quiet, limit=args.limit)
    emit_json(report) if args.json else say(render_link_report(report))
    return 0


def cmd_eval_align(args: Namespace) -> int:
    from ..evaluation.align_eval import evaluate_align, render_align_report, router_embed

    if not 0 <= args.drop < 1:
        raise UsageError(f"--drop must be in [0, 1), got {args.drop}")
    report = evaluate_align(
        Path(args.file),
        router_embed(Resources().embedder),
        drop=args.drop,
        seed=args.seed,
        limit=args.limit,
        quiet=args.quiet,
    )
    emit_json(report) if args.json else say(render_align_report(report))
    return 0


def cmd_eval_clean(args: Namespace) -> int:
    from ..evaluation.clean_eval import evaluate_clean, render_clean_report

    report = evaluate_clean(
        _data_dir(args.data) / "extraction", Resources(), limit=args.limit, seed=args.seed, quiet=args.quiet
    )
    emit_json(report) if args.json else say(render_clean_report(report))
    return 0


def _data_dir(flag: str | None) -> Path:
    """The evaluation data folder: --data, else $SAMESTORY_DATA, else ../shared/data (the layout
    of a development checkout). The product itself never reads it."""
    if flag:
        if not Path(flag).is_dir():
            raise UsageError(f"{flag}: no such data folder")
        return Path(flag)
    for candidate in (os.environ.get("SAMESTORY_DATA"), "../shared/data"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise UsageError("no evaluation data: pass --data DIR or set SAMESTORY_DATA")


# -- helpers --------------------------------------------------------------------------------


def emit_json(obj: object) -> None:
    sys.stdout.write(json_text(obj) + "\n")


def version() -> str:
    from .. import __version__

    return f"samestory {__version__}"
