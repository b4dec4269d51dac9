"""The models a process uses, created lazily and passed explicitly to the stages that need them.

Nothing loads at import time. :func:`default_models` is the one process-wide instance behind the
convenience functions (``samestory.clean``, ``samestory.compare``): a second call in the same
process reuses loaded models instead of paying their start-up again.
"""
from __future__ import annotations

import functools

from .language import FastTextDetector, LanguageDetector

__all__ = ["Models", "default_models"]


class Models:
    """Holds one instance of each model; each is built on first access."""

    def __init__(self, *, language: LanguageDetector | None = None):
        self._language = language

    @property
    def language(self) -> LanguageDetector:
        if self._language is None:
            self._language = FastTextDetector()
        return self._language


@functools.lru_cache(maxsize=1)
def default_models() -> Models:
    """The process-wide :class:`Models` used when a caller passes none."""
    return Models()
