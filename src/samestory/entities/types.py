"""What :mod:`samestory.entities` extracts and matches: frozen records of names, figures and dates
(:class:`Facts`, defined with the other records in :mod:`samestory.types` so an article can carry
them) and of what two articles share (:class:`FactMatch`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..types import DateMention, Facts, Mention, Quantity

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
