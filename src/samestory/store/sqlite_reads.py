"""The read side of :class:`~samestory.store.sqlite.SQLiteStore`: article lookups and queries.

What the corpus asks of stored articles other than their vectors: is this record or id known,
which articles are near-duplicate or shared-fact candidates, the stored articles and search
hits themselves, and the counts kept in ``stats``. Only SELECTs here: these run in a reader
process as well as in the writer, outside any transaction.

The store is one class built in layers, one module each (reads, then
:mod:`.sqlite_vectors`, then :mod:`.sqlite_writes`, then :mod:`.sqlite` that opens the
folder): each layer uses only what it or an earlier one defines, so the type checker sees every
call, and no file holds the whole store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from .postings import PostingSet, band_term, text_term
from .records import StoredArticle, StoredRef, facts_from_json

__all__ = ["ArticleQueries"]


class ArticleQueries:
    """Reads of the ``articles`` table and of the tables keyed by article (no vectors)."""

    db: sqlite3.Connection  # opened by SQLiteStore
    postings: PostingSet  # the key tables' posting lists, made by SQLiteStore

    def rows_in(self, sql: str, keys: Sequence[int]) -> Iterator[Any]:
        """The rows of ``sql`` for ``keys``, whose ``{marks}`` stands for the placeholders of an
        ``IN (...)`` list: run on 500 keys at a time (SQLite's limit on a statement's variables
        is 999 in older builds)."""
        keys = list(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)

    def known_record(self, record_hash: str) -> StoredRef | None:
        return self._ref("record_hash = ?", record_hash)

    def current(self, id: str) -> StoredRef | None:
        return self._ref("id = ? AND current = 1", id)

    def _ref(self, where: str, value: str) -> StoredRef | None:
        row = self.db.execute(f"SELECT key, id, version, record_hash FROM articles WHERE {where}", (value,)).fetchone()
        return StoredRef(*row) if row else None

    def first_with_content(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT min(key) FROM articles WHERE content_hash = ? AND current = 1", (content_hash,)
        ).fetchone()
        return row[0] if row and row[0] is not None else None

    def band_candidates(self, bands: tuple[int, ...]) -> list[int]:
        """Current articles sharing at least one LSH band key, in key order."""
        if not bands:
            return []
        terms = [band_term(band, key) for band, key in enumerate(bands)]
        found = {a for holders in self.postings.bands.holders(terms).values() for a in holders}
        return [k for k in sorted(found) if self.is_current(k)]

    def sharing_facts(
        self, keys: list[tuple[str, str]], *, min_shared: int, max_df: int, limit: int, other_than_space: str
    ) -> list[tuple[int, int]]:
        """(article, shared) of current articles outside a vector space that share at least
        ``min_shared`` of ``keys``, counting only keys held by at most ``max_df`` articles (a key
        everybody has says nothing, and its long list of articles would cost the most); most
        shared first."""
        df = self.fact_df(keys)
        rare = [text_term(*k) for k in keys if 0 < df[k] <= max_df]
        if len(rare) < min_shared:
            return []
        counts: dict[int, int] = {}
        for holders in self.postings.facts.holders(rare).values():
            for article in holders:
                counts[article] = counts.get(article, 0) + 1
        found = sorted(((n, -a) for a, n in counts.items() if n >= min_shared), reverse=True)
        out = []
        for n, negative in found:
            row = self.db.execute("SELECT current, space FROM articles WHERE key = ?", (-negative,)).fetchone()
            if row and row[0] and row[1] != other_than_space:
                out.append((-negative, n))
            if len(out) == limit:
                break
        return out

    def story_key_holders(self, keys: list[str], limit: int) -> dict[str, list[int]]:
        """The clusterer's entity key → the first ``limit`` articles holding it, in the order
        they were entered."""
        terms = {text_term(k): k for k in keys}
        return {terms[t]: found for t, found in self.postings.story.holders(terms, limit).items()}

    def is_current(self, key: int) -> bool:
        row = self.db.execute("SELECT current FROM articles WHERE key = ?", (key,)).fetchone()
        return bool(row and row[0])

    def signature(self, key: int) -> np.ndarray | None:
        row = self.db.execute("SELECT signature FROM signatures WHERE article = ?", (key,)).fetchone()
        return np.frombuffer(row[0], dtype=np.uint32) if row else None

    def leader_of(self, key: int) -> int | None:
        row = self.db.execute("SELECT leader FROM duplicates WHERE article = ?", (key,)).fetchone()
        return row[0] if row else None

    def article(self, key: int, *, facts: bool = True) -> StoredArticle | None:
        row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE key = ?", (key,)).fetchone()
        return _stored(row, facts) if row else None

    def hits(self, keys: list[int], *, texts: bool = True) -> dict[int, dict]:
        """What a search result shows of current articles: id, language, title, vector space,
        story (None before it has one) and, with ``texts``, paragraphs and sentences (what
        ranking many candidates does not need to read)."""
        out: dict[int, dict] = {}
        columns = "a.paragraphs, a.sentences" if texts else "'[]', '[]'"
        rows = self.rows_in(
            f"SELECT a.key, a.id, a.lang, a.title, {columns}, a.space, m.story FROM articles a"
            " LEFT JOIN story_members m ON m.article = a.key WHERE a.current = 1 AND a.key IN ({marks})",
            keys,
        )
        for key, id, lang, title, paragraphs, sentences, space, story in rows:
            out[key] = {
                "id": id,
                "lang": lang,
                "title": title,
                "paragraphs": json.loads(paragraphs),
                "sentences": json.loads(sentences),
                "space": space,
                "story": story,
            }
        return out

    def fact_keys_of(self, keys: list[int]) -> dict[int, set[tuple[str, str]]]:
        """Key → its indexed (kind, key) facts (names, places, days, figures)."""
        out: dict[int, set[tuple[str, str]]] = {k: set() for k in keys}
        if keys:
            marks = ",".join("?" * len(keys))
            for article, kind, key in self.db.execute(
                f"SELECT article, kind, key FROM entity_keys WHERE article IN ({marks})", keys
            ):
                out[article].add((kind, key))
        return out

    def fact_df(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """How many stored articles (current or older versions) hold each fact key (0 for none)."""
        terms = {k: text_term(*k) for k in keys}
        counts = self.postings.facts.counts(terms.values())
        return {k: counts[t] for k, t in terms.items()}

    def article_count(self) -> int:
        """Current articles (a row of ``stats``: no scan)."""
        return self._stat("articles")

    def _stat(self, name: str) -> int:
        row = self.db.execute("SELECT value FROM stats WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def languages(self, keys: list[int]) -> dict[int, str]:
        """Key → language of current articles: a light look before loading whole articles."""
        return dict(self.rows_in("SELECT key, lang FROM articles WHERE current = 1 AND key IN ({marks})", keys))

    def spaces_of(self, keys: list[int]) -> dict[int, str]:
        """Key → the vector space of current articles' own vectors (their model's)."""
        return dict(self.rows_in("SELECT key, space FROM articles WHERE current = 1 AND key IN ({marks})", keys))

    def by_id(self, id: str) -> StoredArticle | None:
        row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ? AND current = 1", (id,)).fetchone()
        return _stored(row) if row else None

    def iter_current(self) -> Iterator[StoredArticle]:
        for row in self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE current = 1 ORDER BY key"):
            yield _stored(row)

    def duplicate_rows(self) -> list[tuple[int, int, int, str, float, dict]]:
        """(article, target, leader, class, score, evidence) of every current duplicate, by target."""
        rows = self.db.execute(
            "SELECT d.article, d.target, d.leader, d.class, d.score, d.evidence FROM duplicates d"
            " JOIN articles a ON a.key = d.article WHERE a.current = 1 ORDER BY d.target, d.article"
        )
        return [(a, t, lead, c, s, json.loads(e)) for a, t, lead, c, s, e in rows]

    def ids(self, keys: list[int]) -> dict[int, str]:
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return dict(self.db.execute(f"SELECT key, id FROM articles WHERE key IN ({marks})", keys).fetchall())

    def counts(self) -> dict[str, int]:
        q = self.db.execute
        return {
            "articles": q("SELECT count(*) FROM articles WHERE current = 1").fetchone()[0],
            "versions": q("SELECT count(*) FROM articles").fetchone()[0],
            "duplicates": q("SELECT count(*) FROM duplicates").fetchone()[0],
        }


_ARTICLE_COLUMNS = (
    "key, id, version, current, origin, format, title, url, published, source, lang, lang_confidence, paragraphs,"
    " sentences, removed, warnings, space, added, facts"
)


def _stored(row: tuple, facts_too: bool = True) -> StoredArticle:
    (
        key,
        id,
        version,
        current,
        origin,
        fmt,
        title,
        url,
        published,
        source,
        lang,
        conf,
        paragraphs,
        sentences,
        removed,
        warnings,
        space,
        added,
        facts,
    ) = row
    return StoredArticle(
        key,
        id,
        version,
        bool(current),
        origin,
        fmt,
        title,
        url,
        published,
        source,
        lang,
        conf,
        tuple(json.loads(paragraphs)),
        tuple(json.loads(sentences)),
        tuple(json.loads(removed)),
        tuple(json.loads(warnings)),
        space,
        added,
        facts_from_json(facts) if facts_too else None,
    )
