"""samestory: find the same news story across languages.

Public API (exactly ``__all__``)::

    samestory.compare(a, b) -> Comparison                 # same story? graded 1-4, with the evidence
    samestory.clean(text, title=None) -> Cleaned          # drop boilerplate, every removal explained
    samestory.read(paths) -> Iterator[Article | InputError]
    samestory.prepare(article) -> Article                 # language → clean → sentences
    samestory.detect_language(text) -> LanguageGuess
    samestory.split_sentences(paragraphs, lang) -> list[str]

Each function takes ``resources=`` (a :class:`Resources`: models loaded once, lazily; pass your
own to control threads or to inject a model). Importing the package does no work: every name
but the records and errors is imported on first use.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING

from .errors import (
    BinaryInputError,
    DataError,
    DecodeError,
    EmptyInputError,
    InputError,
    MalformedRecordError,
    MissingInputError,
    ModelError,
    NoArticleError,
    ProcessingError,
    SamestoryError,
    StoreError,
    TooLargeError,
    UsageError,
)
from .types import UNKNOWN, Article, Cleaned, LanguageGuess, Reason, Removal

if _TYPE_CHECKING:  # pragma: no cover
    from .api import clean, compare, detect_language, prepare
    from .cleaner import CleanConfig
    from .comparison import Comparison
    from .ingest import read
    from .resources import Resources
    from .text.sentences import split_sentences

__version__ = "0.1.0"

#: Names imported on first use: name -> module.
_LAZY = {
    "compare": ".api",
    "clean": ".api",
    "prepare": ".api",
    "detect_language": ".api",
    "read": ".ingest",
    "split_sentences": ".text.sentences",
    "Comparison": ".comparison",
    "CleanConfig": ".cleaner",
    "Corpus": ".corpus",
    "Resources": ".resources",
}

__all__ = [
    "__version__",
    "compare",
    "Comparison",
    "clean",
    "prepare",
    "read",
    "detect_language",
    "split_sentences",
    "Article",
    "Cleaned",
    "Removal",
    "Reason",
    "LanguageGuess",
    "UNKNOWN",
    "CleanConfig",
    "Resources",
    "Corpus",
    "SamestoryError",
    "UsageError",
    "InputError",
    "MissingInputError",
    "EmptyInputError",
    "DecodeError",
    "BinaryInputError",
    "TooLargeError",
    "MalformedRecordError",
    "NoArticleError",
    "ProcessingError",
    "ModelError",
    "StoreError",
    "DataError",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(_import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'samestory' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
