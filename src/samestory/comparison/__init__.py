"""The compare stage: two prepared articles → same story or not, graded, with the evidence.

evidence     document views, one-model embedding of a pair, the scorer's features
scorer       boosted trees per SemEval-2022 Task 8 target (samestory/data/scorer.json)
verdict      Comparison and compare_articles: verdict, warnings, what people are shown
"""

from __future__ import annotations

from .evidence import FEATURES
from .scorer import DIMENSIONS, TARGETS, Scorer, similarity_from_overall
from .verdict import Comparison, compare_articles, pair_evidence

__all__ = [
    "Comparison",
    "compare_articles",
    "pair_evidence",
    "FEATURES",
    "DIMENSIONS",
    "TARGETS",
    "Scorer",
    "similarity_from_overall",
]
