"""What :mod:`samestory.entities` extracts and matches: frozen records of names, figures and dates
(:class:`Facts`) and of what two articles share (:class:`FactMatch`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Mention", "Quantity", "DateMention", "Facts", "FactMatch", "NameHit"]


class NameHit(NamedTuple):
    """One occurrence of a name, place or candidate as an extractor finds it, before aggregation
    into :class:`Mention`: its surface, folded key, whether it is sure to be a name (else a
    candidate), its gazetteer id and the script its key was made from."""

    surface: str
    key: str
    sure: bool
    ref: str
    script: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name, place or candidate: its first surface form, the folded Latin ``key`` matching uses
    (for ``script`` "arabic": its spelling in Latin letters), how often it occurs, and for a place
    or organisation from the gazetteer its id in ``ref`` ("IR", "c:MOW", "o:UN")."""

    text: str
    key: str
    kind: str = "name"  # "name", "place", "org" (both from the gazetteer) or "candidate"
    count: int = 1
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
class FactMatch:
    """Shared facts of two articles (surface in A, surface in B, similarity / value / date key)
    and overlaps 0-1. ``names_a_in_b`` is the share of A's names found in B; A's names are
    ``names_a``: its :attr:`Facts.names` plus one for each B name that only A's candidates
    matched. Numbers and dates: Jaccard over distinct keys."""

    shared_names: list[tuple[str, str, float]]
    shared_numbers: list[tuple[str, str, float]]
    shared_dates: list[tuple[str, str, str]]
    names_a_in_b: float
    names_b_in_a: float
    numbers_overlap: float
    dates_overlap: float
    names_a: int = 0
    names_b: int = 0
    numbers_a: int = 0  # distinct figures on each side
    numbers_b: int = 0
    dates_a: int = 0
    dates_b: int = 0

    def features(self) -> dict[str, float]:
        """What a learned scorer reads, symmetric in A and B. An overlap is 0 both when the sides
        disagree and when neither has anything: the ``*_fewest`` counts tell the two apart."""
        return {
            "names_min": min(self.names_a_in_b, self.names_b_in_a),
            "names_max": max(self.names_a_in_b, self.names_b_in_a),
            "names_shared": float(len(self.shared_names)),
            "names_fewest": float(min(self.names_a, self.names_b)),
            "numbers_overlap": self.numbers_overlap,
            "numbers_shared": float(len(self.shared_numbers)),
            "numbers_fewest": float(min(self.numbers_a, self.numbers_b)),
            "dates_overlap": self.dates_overlap,
            "dates_shared": float(len(self.shared_dates)),
            "dates_fewest": float(min(self.dates_a, self.dates_b)),
        }
