"""The stories file and its articles, for ``samestory eval stories`` (:mod:`.stories_eval`).

A stories file holds one JSON record a line (``id, story, lang, title, text``): :func:`load_stories`
reads it into :class:`StoryRecord` objects, :func:`prepare_stories` runs each through the
pipeline's own steps as a corpus would. :func:`copy_key` says when two prepared articles are
copies: the clusterer runs and the gold view with copies merged both need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, InputError
from ..pipeline import corpus_steps, run_steps
from ..progress import Progress
from ..resources import Resources
from ..types import Article
from .data import key_field, read_records, text_field

__all__ = ["StoryRecord", "load_stories", "prepare_stories", "preparation_digest", "copy_key"]


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """One line of a stories file."""

    id: str
    story: str
    lang: str
    title: str | None
    text: str

    @property
    def group(self) -> str:
        """The kind of gold story: the WMT direction ("en-is") or "semeval"."""
        parts = self.story.split(":")
        return parts[1] if parts[0] == "wmt" and len(parts) > 2 else parts[0]

    def article(self, where: str) -> Article:
        return Article(
            id=self.id, text=self.text, title=self.title, declared_lang=self.lang, origin=where, format="jsonl"
        )


def load_stories(path: Path, limit: int | None = None) -> list[StoryRecord]:
    """The records of a stories file. Ids must be unique: the records are added to a corpus,
    where an id names one article."""
    out = []
    seen: dict[str, str] = {}
    for where, r in read_records(Path(path), "stories JSONL", limit):
        title = text_field(r, "title", where, empty=True) or None if r.get("title") is not None else None
        record = StoryRecord(
            key_field(r, "id", where),
            key_field(r, "story", where),
            text_field(r, "lang", where),
            title,
            text_field(r, "text", where),
        )
        if record.id in seen:
            raise DataError(f"{where}: id {record.id!r} occurs again (first at {seen[record.id]})")
        seen[record.id] = where
        out.append(record)
    return out


def preparation_digest(path: Path) -> str:
    """A key for prepared articles kept between runs (benchmarks, training scripts): the data
    file and the code that prepares them (a changed cleaner, embedder, sentence splitter or fact
    extractor prepares them again; a key of record ids alone served facts of older code)."""
    import hashlib

    package = Path(__file__).resolve().parent.parent
    sources = sorted(
        p for part in ("cleaner", "entities", "embed", "pipeline", "text") for p in (package / part).glob("*.py")
    )
    digest = hashlib.sha1(Path(path).read_bytes())
    for p in [*sources, package / "language.py", package / "data" / "line_judge.json"]:
        digest.update(p.read_bytes())
    return digest.hexdigest()[:12]


def prepare_stories(
    records: Sequence[StoryRecord],
    resources: Resources,
    *,
    quiet: bool = False,
    where: str = "",
    errors: list[InputError] | None = None,
) -> list[Article | None]:
    """Each record through ``corpus_steps``; None where the pipeline could not prepare it (its
    error appended to ``errors`` when given, naming the record)."""
    articles = [r.article(f"{where}:{i + 1}") for i, r in enumerate(records)]
    out: list[Article | None] = []
    with Progress("prepare", len(articles), quiet=quiet) as bar:
        for item in run_steps(articles, corpus_steps(resources)):
            if isinstance(item, InputError):
                out.append(None)
                if errors is not None:
                    errors.append(item)
            else:
                out.append(item)
            bar.advance()
    return out


def copy_key(article: Article) -> str:
    """What makes two prepared articles copies here: the same cleaned title and text, case and
    spacing aside. The stand-in for the corpus's dedup stage (which also finds near-copies and
    translations); a body shared under different titles is not a copy (research brief §4: those
    are scrape junk, a cookie banner scraped as the body of unrelated pages)."""
    assert article.cleaned is not None
    return " ".join(f"{article.cleaned.title or ''}\n{article.cleaned.text}".casefold().split())
