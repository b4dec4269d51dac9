"""samestory: find the same news story across languages.

Public API (exactly ``__all__``)::

    samestory.clean(text, title=None) -> Cleaned          # drop boilerplate, every removal explained
    samestory.read(paths) -> Iterator[Article | InputError]
    samestory.prepare(article) -> Article                 # clean → language → sentences
    samestory.detect_language(text) -> LanguageGuess
    samestory.split_sentences(paragraphs, lang) -> list[str]
"""
from __future__ import annotations

from .clean import CleanConfig
from .errors import (BinaryInputError, DataError, DecodeError, EmptyInputError, InputError,
                     MalformedRecordError, MissingInputError, ModelError, NoArticleError,
                     SamestoryError, TooLargeError, UsageError)
from .ingest import read
from .models import Models
from .models import default_models as _default_models
from .segment import split_sentences
from .types import UNKNOWN, Article, Cleaned, LanguageGuess, Reason, Removal

__version__ = "0.1.0"

__all__ = [
    "__version__", "clean", "prepare", "read", "detect_language", "split_sentences",
    "Article", "Cleaned", "Removal", "Reason", "LanguageGuess", "UNKNOWN", "CleanConfig", "Models",
    "SamestoryError", "UsageError", "InputError", "MissingInputError", "EmptyInputError", "DecodeError",
    "BinaryInputError", "TooLargeError", "MalformedRecordError", "NoArticleError", "ModelError", "DataError",
]


def clean(text: str, title: str | None = None, *, models: Models | None = None,
          config: CleanConfig = CleanConfig()) -> Cleaned:
    """Remove boilerplate lines from one article's text; ``Cleaned.removed`` says what and why."""
    from .clean import clean_text

    return clean_text(text, (models or _default_models()).language, title=title, config=config)


def prepare(article: Article, *, models: Models | None = None) -> Article:
    """Run clean → language → sentences on one article."""
    from .pipeline import prepare as _prepare

    return _prepare(article, models or _default_models())


def detect_language(text: str, *, models: Models | None = None) -> LanguageGuess:
    """The language of ``text`` (whole text, no truncation), or ``UNKNOWN`` when short or mixed."""
    return (models or _default_models()).language.detect(text)
