"""Sentence alignment over precomputed vectors: pure numpy, no model inside.

core      the entry points (align_vectors, align), their input checks, one DP over a block
records   AlignConfig, and what comes out: AlignedGroup, Alignment
scores    steps 1-2: margins over the typical cosine, the context bonus, merge length costs
paths     steps 3-4: the monotone DP with merges and skips, its backtrace, the reorder pass
long      documents too long for one DP: anchors, segments, bounded memory
"""

from __future__ import annotations

from .core import AlignConfig, AlignedGroup, Alignment, align, align_vectors, neighbour_texts

__all__ = ["AlignConfig", "AlignedGroup", "Alignment", "align", "align_vectors", "neighbour_texts"]
