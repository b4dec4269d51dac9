"""Fewer passes of Python's cycle collector while a corpus grows.

Storing an article allocates tens of thousands of short-lived objects (its neighbours' facts
parsed into mentions, their views, candidate rows), nearly all freed by reference counting. The
collector's default pace (a young-generation pass every 700 net allocations, a full pass every
100 of those) makes it walk the surviving objects again and again: in ``add`` of 400
stories-dev articles it spent 0.66-0.79 s of the storing process's ~6 CPU-seconds, 0.39-0.50 s
of it in 6 full passes over its ~88k live objects; the workers spend 0.04 s each. A young pass
every 50,000 allocations costs 0.15-0.20 s there (10,000: 0.37 s; 200,000: 0.10 s), and memory
does not move (cycles are rare, and still collected). In ``bench/bench_corpus.py`` (b), full
passes over the benchmark's own heap (two stores, ~245k objects) fell on the adds of one store
size and not the other (4 passes, 0.55 s, against none), which read as the cost of an add
growing with the store.

The threshold is the process's, so it is set for the run and restored after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["fewer_collections", "YOUNG_THRESHOLD"]

#: Net allocations between two young-generation passes while a corpus is being added to.
YOUNG_THRESHOLD = 50_000


@contextmanager
def fewer_collections(young: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Run the body with the collector's young-generation threshold at least ``young`` (a
    threshold of 0, collection switched off, stays 0); the process's thresholds are restored on
    leaving, whatever happens, unless they were changed meanwhile: a change made during the
    body (the caller's, or the restore of a run in another thread that started after this one)
    is left as it is, so that overlapping runs end at the thresholds the first one found."""
    saved = gc.get_threshold()
    raised = (max(young, saved[0]), *saved[1:]) if saved[0] else saved
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:
            gc.set_threshold(*saved)
