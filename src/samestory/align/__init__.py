"""Sentence alignment over precomputed vectors: pure numpy, no model inside.

core    the scores, the monotone DP with merges and skips, the reorder pass
long    documents too long for one DP: anchors, segments, bounded memory
"""

from __future__ import annotations

from .core import AlignConfig, AlignedGroup, Alignment, align, align_vectors, neighbour_texts

__all__ = ["AlignConfig", "AlignedGroup", "Alignment", "align", "align_vectors", "neighbour_texts"]
