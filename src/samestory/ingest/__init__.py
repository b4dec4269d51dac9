"""Readers: turn files, folders and stdin into :class:`~samestory.types.Article` records.

:func:`read` is the one entry point. It never raises for a bad input: each problem comes out of
the iterator as an :class:`~samestory.errors.InputError` in the place of the article(s) it
concerns, so one bad file or line never stops the others and the caller can count and print it.

Formats, by extension (case-insensitive):

    .txt .text .md            one article per file; a headline-like first line becomes the title
    .jsonl .ndjson            one article per line (see :mod:`samestory.ingest.jsonl`)
    .html .htm (+ .gz)        one article per page, main text extracted by trafilatura
    .warc .warc.gz            a web crawl: one article per HTML or text page in it (see
                              :mod:`samestory.ingest.warc`); other records are skipped and counted

A file named explicitly with any other extension, and stdin ("-"), are sniffed: HTML when the
input starts with "<" and has an html/body/article/p tag, JSONL when its first line and most
lines are JSON objects, else text.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, MissingInputError, NoArticleError
from ..types import Article
from .encoding import decode, too_large
from .html import extract_html, read_html_file
from .jsonl import iter_jsonl, read_jsonl
from .plaintext import read_text_file, text_article
from .warc import WarcStats, read_warc, skipped_note
from .warc_framing import looks_like_warc

__all__ = [
    "read",
    "files_of",
    "read_file",
    "count_records",
    "skip_reason",
    "extract_html",
    "decode",
    "sniff",
    "format_of",
    "read_warc",
    "WarcStats",
    "skipped_note",
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "DOCUMENTATION_NAMES",
]

#: Largest single article (a text or HTML file, or one JSONL record): ten times the longest
#: news pages we have seen; anything bigger is a dump or a mistake, not one story.
DEFAULT_MAX_BYTES = 10_000_000
#: The source name that means standard input.
STDIN = "-"
#: How much of an unnamed input is looked at to decide its format.
SNIFF_BYTES = 64 * 1024

# Longest extensions first, so ".html.gz" wins over a shorter match.
_EXTENSIONS = (
    (".html.gz", "html"),
    (".warc.gz", "warc"),
    (".htm.gz", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".warc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".txt", "text"),
    (".text", "text"),
    (".md", "text"),
)
_HTML_TAG = re.compile(r"<(?:html|body|article|p)\b", re.I)
#: File names (before the first dot, any case) that document a folder rather than hold an
#: article: a corpus folder often carries a README.md, which is text but no news story. Skipped
#: (and listed) in folder walks only; named explicitly, such a file is read.
DOCUMENTATION_NAMES = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "contributing", "notice", "authors"}
)

Source = str | os.PathLike[str]


def read(
    sources: Iterable[Source] | Source,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skipped: list[str] | None = None,
    warc_stats: WarcStats | None = None,
) -> Iterator[Article | InputError]:
    """Yield the articles in ``sources``, and an :class:`InputError` for each problem.

    ``sources`` are file paths, folders, or ``"-"`` for stdin (a file really named "-" is
    "./-"). Folders are walked recursively in sorted path order, skipping hidden files and
    folders. ``max_bytes`` limits one article (a text/HTML file, one JSONL record or one page in
    a WARC); larger ones yield :class:`~samestory.errors.TooLargeError`. JSONL and WARC files may
    be any size.

    ``skipped``, when given, receives the path of every file found in a folder that was not read
    because its extension is not a known one or it is a folder's documentation (README, LICENSE
    ...: :data:`DOCUMENTATION_NAMES`); hidden files are not listed. The caller can so report
    "N files skipped" instead of dropping them silently.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        yield from _read_source(source, _Options(max_bytes, skipped, warc_stats))


def count_records(sources: Iterable[Source] | Source) -> int | None:
    """How many records :func:`read` will yield from ``sources`` (one per text or HTML file, one
    per non-blank JSONL line), for a progress bar's time left; None when it cannot be known
    cheaply (stdin, a WARC file, an unreadable folder). A fast pass: nothing is decoded."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    total = 0
    for source in sources:
        if os.fspath(source) == STDIN:
            return None
        path = Path(source)
        if path.is_dir():
            files, errors = _walk(path)
            if errors:
                return None
            files = [f for f in files if format_of(f.name) and not _is_documentation(f.name) and _regular(f)]
        else:
            files = [path]
        for file in files:
            fmt = format_of(file.name)
            if fmt == "warc" or fmt is None or not _regular(file):
                return None
            total += _count_lines(file) if fmt == "jsonl" else 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 0


def format_of(name: str) -> str | None:
    """The format ("text", "jsonl", "html" or "warc") a file name's extension says, or None."""
    lower = name.lower()
    for extension, fmt in _EXTENSIONS:
        if lower.endswith(extension):
            return fmt
    return None


def sniff(head: bytes, *, complete: bool = True) -> str:
    """Guess the format of an input from its first bytes: "html", "jsonl" or "text".

    ``complete`` says whether ``head`` is the whole input; when it is not, a last line that may
    be cut short is not judged. JSONL needs its first line and at least half of its lines to be
    JSON objects (not all of them, so that one malformed record is still reported by its line
    number instead of turning the whole input into one text article).
    """
    text = _peek_text(head)
    stripped = text.lstrip()
    if stripped.startswith("<") and _HTML_TAG.search(stripped):
        return "html"
    lines = text.split("\n")
    partial = "" if complete or text.endswith("\n") else lines.pop()
    verdicts = [_is_json_object(line) for line in lines if line.strip()]
    if verdicts:
        return "jsonl" if verdicts[0] and 2 * sum(verdicts) >= len(verdicts) else "text"
    return "jsonl" if partial.lstrip().startswith("{") else "text"


@dataclass(frozen=True)
class _Options:
    """What one :func:`read` call passes down to every reader."""

    max_bytes: int
    skipped: list[str] | None
    warc_stats: WarcStats | None


def _read_source(source: Source, options: _Options) -> Iterator[Article | InputError]:
    where = os.fspath(source)
    if where == STDIN:
        stream = sys.stdin.buffer  # looked up now, not at import, so tests can replace stdin
        yield from _guarded("<stdin>", _read_stdin(stream, options))
        return
    path = Path(source)
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        yield _os_error(where, err)
        return
    if stat.S_ISDIR(mode):
        yield from _read_folder(path, where, options)
    else:  # a file, or a pipe named on purpose (``<(command)``): read, size-bounded
        yield from _read_file(path, where, _stem(path.name), options)


def _read_folder(folder: Path, where: str, options: _Options) -> Iterator[Article | InputError]:
    for found in _folder_files(folder, where, options.skipped):
        if isinstance(found, InputError):
            yield found
        else:
            yield from _read_file(*found, options)


def files_of(
    sources: Iterable[Source] | Source, *, skipped: list[str] | None = None, also: tuple[str, ...] = ()
) -> Iterator[tuple[Path, str, str] | InputError]:
    """The files :func:`read` would read, in its order, as ``(path, where, stem)`` (``where``
    names it in messages, ``stem`` is its default id), and an error for each source that
    cannot be listed: what a batch run shards (stdin cannot be sharded and is refused here).
    ``also``: more file-name endings taken from folders (a batch reads Parquet, ``add`` does not)."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        where = os.fspath(source)
        if where == STDIN:
            yield InputError("<stdin>", "a batch run reads files, not standard input (save it to a file first)")
            continue
        path = Path(source)
        try:
            mode = os.stat(path).st_mode
        except OSError as err:
            yield _os_error(where, err)
            continue
        if stat.S_ISDIR(mode):
            yield from _folder_files(path, where, skipped, also)
        else:
            yield path, where, _stem(path.name)


def read_file(
    path: Path, where: str, stem: str, *, max_bytes: int = DEFAULT_MAX_BYTES, warc_stats: WarcStats | None = None
) -> Iterator[Article | InputError]:
    """The records of one file as :func:`read` yields them (``path, where, stem`` from :func:`files_of`)."""
    yield from _read_file(path, where, stem, _Options(max_bytes, None, warc_stats))


def _folder_files(
    folder: Path, where: str, skipped: list[str] | None, also: tuple[str, ...] = ()
) -> Iterator[tuple[Path, str, str] | InputError]:
    files, errors = _walk(folder)
    for err in errors:
        yield _os_error(getattr(err, "filename", None) or where, err)
    found = False
    for path in files:
        known = format_of(path.name) is not None or path.name.lower().endswith(also)
        if not known or _is_documentation(path.name) or not _regular(path):
            if skipped is not None:
                skipped.append(str(path))
            continue
        found = True
        yield path, str(path), _stem(path.relative_to(folder).as_posix())
    if not found and not errors:
        kinds = [".txt", ".jsonl", ".html", ".warc", *also]
        yield NoArticleError(where, f"no {', '.join(kinds[:-1])} or {kinds[-1]} files in this folder")


def skip_reason(path: str | os.PathLike[str]) -> str:
    """Why a file found in a folder was skipped (see ``read``'s ``skipped``), for messages."""
    path = Path(path)
    if not _regular(path):
        return "not a regular file (a FIFO, socket or device is never read from a folder)"
    if _is_documentation(path.name):
        return "a folder's documentation (README, LICENSE ...), not an article"
    return "not an article file (.txt, .jsonl, .html, .warc)"


def _regular(path: Path) -> bool:
    """Whether a path found in a folder is a regular file (a symbolic link to one counts): a FIFO
    or a device in a crawl folder would block the read forever or never end. A path whose stat
    fails counts as regular, so that reading it reports the error."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _is_documentation(name: str) -> bool:
    return name.split(".", 1)[0].lower() in DOCUMENTATION_NAMES


def _walk(folder: Path) -> tuple[list[Path], list[OSError]]:
    """Every non-hidden file under ``folder``, sorted by relative path; and the folders that
    could not be listed. Symlinked folders are not followed (they can loop)."""
    files: list[Path] = []
    errors: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root, name) for name in names if not name.startswith("."))
    files.sort(key=lambda p: p.relative_to(folder).parts)
    return files, errors


def _read_file(path: Path, where: str, stem: str, options: _Options) -> Iterator[Article | InputError]:
    max_bytes = options.max_bytes
    fmt = format_of(path.name)
    if fmt == "jsonl":
        items = read_jsonl(path, stem=stem, where=where, max_bytes=max_bytes)
    elif fmt == "text":
        items = _one(read_text_file, path, id=stem, origin=where, max_bytes=max_bytes)
    elif fmt == "html":
        items = _one(read_html_file, path, id=stem, origin=where, max_bytes=max_bytes)
    elif fmt == "warc":
        items = read_warc(path, where=where, max_bytes=max_bytes, stats=options.warc_stats)
    else:
        items = _read_unnamed_file(path, where, stem, options)
    yield from _guarded(where, items)


def _one(reader, *args, **kwargs) -> Iterator[Article]:
    # Defers the call until iteration, so _guarded sees its errors.
    yield reader(*args, **kwargs)


def _read_unnamed_file(path: Path, where: str, stem: str, options: _Options) -> Iterator[Article | InputError]:
    regular = _regular(path)
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
        if looks_like_warc(head):
            if regular:
                yield from read_warc(path, where=where, max_bytes=options.max_bytes, stats=options.warc_stats)
            else:  # a crawl through a pipe (``<(zcat crawl.warc.gz)``): read from a copy, as stdin
                yield from _spooled_warc(head, handle, where, options)
            return
        size = os.fstat(handle.fileno()).st_size if regular else None
        yield from _read_stream(_prefixed(head, handle), where, stem, options.max_bytes, size=size)


def _read_stdin(stream: BinaryIO, options: _Options) -> Iterator[Article | InputError]:
    """Standard input, sniffed; a WARC (a crawler's output piped in) is read as a crawl."""
    head = stream.read(SNIFF_BYTES)
    if looks_like_warc(head):
        yield from _spooled_warc(head, stream, "<stdin>", options)
    else:
        yield from _read_stream(_prefixed(head, stream), "<stdin>", "stdin", options.max_bytes)


def _spooled_warc(head: bytes, stream: BinaryIO, where: str, options: _Options) -> Iterator[Article | InputError]:
    """A crawl that comes through a stream, copied to a temporary file first: FastWARC and the
    check of the crawl's end read a file."""
    with tempfile.NamedTemporaryFile(prefix="samestory-crawl-", suffix=".warc") as spool:
        spool.write(head)
        shutil.copyfileobj(stream, spool)
        spool.flush()
        yield from read_warc(spool.name, where=where, max_bytes=options.max_bytes, stats=options.warc_stats)


def _read_stream(
    stream: BinaryIO, where: str, stem: str, max_bytes: int, size: int | None = None
) -> Iterator[Article | InputError]:
    """Sniff the format of an input with no telling extension, then read it."""
    head = stream.read(SNIFF_BYTES)
    fmt = sniff(head, complete=len(head) < SNIFF_BYTES)
    if fmt == "jsonl":
        yield from iter_jsonl(_prefixed(head, stream), where=where, stem=stem, max_bytes=max_bytes)
        return
    if size is not None and size > max_bytes:
        raise too_large(where, size, max_bytes)
    data = head + stream.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        raise too_large(where, None, max_bytes)
    if fmt == "html":
        yield extract_html(data, where, id=stem)
    else:
        decoded = decode(data, where)
        yield text_article(decoded.text, id=stem, origin=where, warnings=decoded.warnings)


def _guarded(where: str, items: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """Pass ``items`` through, turning a raised input or OS error into a yielded one."""
    try:
        yield from items
    except InputError as err:
        yield err
    except OSError as err:
        yield _os_error(where, err)


def _os_error(where: str, err: OSError) -> InputError:
    if err.errno == errno.ELOOP:
        return InputError(os.fspath(where), "a loop of symbolic links (it never reaches a file)")
    if isinstance(err, FileNotFoundError):
        if os.path.islink(where):
            return MissingInputError(os.fspath(where), f"a broken symbolic link (to {os.readlink(where)})")
        return MissingInputError(os.fspath(where), "no such file or directory")
    return InputError(os.fspath(where), f"cannot read ({err.strerror or err})")


def _stem(relative: str) -> str:
    """The id of a file: its path (relative to the folder read) without the format extension."""
    fmt_ext = next((ext for ext, _ in _EXTENSIONS if relative.lower().endswith(ext)), None)
    if fmt_ext:
        return relative[: -len(fmt_ext)]
    head, _, last = relative.rpartition("/")
    stem = Path(last).stem
    return f"{head}/{stem}" if head else stem


def _peek_text(head: bytes) -> str:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore")
    return head.decode("utf-8", "ignore").lstrip("\ufeff").replace("\r\n", "\n")


def _is_json_object(line: str) -> bool:
    line = line.strip()
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


class _Prefixed(io.RawIOBase):
    """A stream that replays already-read bytes before the rest of another stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _prefixed(head: bytes, rest: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Prefixed(head, rest))
