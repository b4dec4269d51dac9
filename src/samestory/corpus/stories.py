"""Stories in a corpus: each article added joins a story or opens one; list, explain, rebuild.

``add`` calls :meth:`CorpusStories.assign` for each article right after storing it, in the same
transaction (a copy or translation found by dedup joins its original's story unscored). The
listing and the per-story view read the store's story tables; ``--rebuild`` re-clusters every
current article from its stored vectors (no re-embedding: vectors computed earlier for a
cross-model comparison are kept) in publication order, then arrival order.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from functools import cached_property
from typing import Any

from ..progress import Progress
from ..resources import Resources
from ..search import SearchResult
from ..store import DuplicateLink, SQLiteStore
from ..store.index import UsearchIndex
from ..store.records import facts_from_json
from ..stories import StoryClusterer, StoryConfig, StoryJudge, carry_ids, entity_keys, rebuild_stories, replay_order
from ..types import Facts
from .story_memory import StoreStories

__all__ = ["CorpusStories", "TOP_ENTITIES", "with_stories"]

#: Up to this many articles, a rebuild searches its vectors exactly; above, with an HNSW index.
EXACT_UP_TO = 20_000
#: Entities shown per story (its most widely held names, places, figures and dates).
TOP_ENTITIES = 8


class CorpusStories:
    """The story side of a corpus on a SQLite store. ``judge``: loaded on first use."""

    def __init__(self, store: SQLiteStore, resources: Resources, judge: StoryJudge | None = None):
        self.store = store
        self.resources = resources
        self._judge = judge
        self._clusterer: StoryClusterer | None = None

    @cached_property
    def memory(self) -> StoreStories:
        return StoreStories(self.store, self.resources.embedder.wide.name)

    def clusterer(self) -> StoryClusterer:
        if self._clusterer is None:
            self._judge = self._judge or StoryJudge.load()
            self._clusterer = StoryClusterer(self.memory, self._judge, self.resources.embedder, StoryConfig())
        return self._clusterer

    # -- writing ----------------------------------------------------------------------------
    def assign(self, key: int, link: DuplicateLink | None) -> int:
        """Put a just-stored article in a story (inside the caller's transaction); its story id."""
        clusterer = self.clusterer()
        self.memory.enter(key)
        if link is not None:
            why = {"class": link.cls, "score": round(float(link.score), 4)}
            return clusterer.assign(key, duplicate_of=link.target, why=why).story
        return clusterer.assign(key).story

    def rebuild(self, *, quiet: bool = True) -> dict[str, Any]:
        """Re-cluster every current article from stored vectors (no re-embedding), in arrival
        order (publication order when every article has a date); a rebuilt story keeps the id most
        of its members had (``stories.carry_ids``). Returns counts. Inside the store's lock."""
        disk = self.memory
        keys = [k for (k,) in self.store.db.execute("SELECT key FROM articles WHERE current = 1 ORDER BY key")]
        links = {a: t for a, t, *_ in self.store.duplicate_rows()}
        previous = dict(self.store.db.execute("SELECT article, story FROM story_members").fetchall())
        with Progress("reading articles", len(keys), quiet=quiet) as bar:
            views = []
            for key in keys:
                views.append(disk.article(key))
                bar.advance()
        self._judge = self._judge or StoryJudge.load()
        views = replay_order(views)
        with Progress("clustering", len(keys), quiet=quiet) as bar:
            rebuilt = rebuild_stories(
                views,
                self._judge,
                embedder=self.resources.embedder,
                duplicates=links,
                index_factory=UsearchIndex if len(keys) > EXACT_UP_TO else None,
                progress=lambda _: bar.advance(),
                leads=disk.leads(),
            )
        next_id = (self.store.db.execute("SELECT max(id) FROM stories").fetchone()[0] or 0) + 1
        ids = carry_ids(previous, rebuilt.stories, next_id)
        with self.store.transaction():
            self.store.clear_story_keys()
            for table in ("story_members", "story_centroids", "story_counts", "stories"):
                self.store.db.execute(f"DELETE FROM {table}")
            for view in views:
                disk.enter_keys(view.key)
                evidence = rebuilt.memory.evidence(view.key)
                assert evidence is not None
                story = ids[rebuilt.stories[view.key]]
                if not self.store.db.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone():
                    disk.create_story(view.key, evidence, story_id=story)
                else:
                    disk.add_member(story, view.key, evidence)
        kept = sum(1 for new in set(ids.values()) if new < next_id)
        return {"articles": len(keys), "stories": len(set(ids.values())), "ids_kept": kept, "seconds": rebuilt.seconds}

    # -- reading ----------------------------------------------------------------------------
    def listing(
        self,
        *,
        lang: str | None = None,
        since: str | None = None,
        min_languages: int = 1,
        limit: int = 50,
        offset: int = 0,
        order: str = "size",
    ) -> list[dict[str, Any]]:
        """Stories, largest (``order="size"``) or most recently seen (``"recent"``) first."""
        where: list[str] = ["s.merged_into IS NULL", "s.members > 0"]
        params: list[Any] = []
        if since:
            where.append("coalesce(s.last_seen, s.updated) >= ?")
            params.append(since)
        if lang:
            where.append("EXISTS (SELECT 1 FROM story_counts c WHERE c.story = s.id AND c.kind = 'lang' AND c.key = ?)")
            params.append(lang.lower())
        if min_languages > 1:
            where.append("(SELECT count(*) FROM story_counts c WHERE c.story = s.id AND c.kind = 'lang') >= ?")
            params.append(min_languages)
        ranking = "s.members DESC, s.id" if order == "size" else "coalesce(s.last_seen, s.updated) DESC, s.id DESC"
        rows = self.store.db.execute(
            f"SELECT s.id FROM stories s WHERE {' AND '.join(where)} ORDER BY {ranking} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [self.summary(story, lang=lang) for (story,) in rows]

    def count(self) -> int:
        return self.store.db.execute(
            "SELECT count(*) FROM stories WHERE merged_into IS NULL AND members > 0"
        ).fetchone()[0]

    def summary(self, story: int, *, lang: str | None = None) -> dict[str, Any]:
        """A story's headline: representative title (in ``lang`` when a member has one in it),
        languages, size, time span, top entities."""
        story = self.memory.live(story)
        row = self.store.db.execute(
            "SELECT members, first_seen, last_seen, updated FROM stories WHERE id = ?", (story,)
        ).fetchone()
        if row is None:
            raise KeyError(story)
        languages = dict(
            self.store.db.execute(
                "SELECT key, n FROM story_counts WHERE story = ? AND kind = 'lang' ORDER BY n DESC, key", (story,)
            ).fetchall()
        )
        keys = [
            k
            for (k,) in self.store.db.execute(
                "SELECT key FROM story_counts WHERE story = ? AND kind = 'entity' AND key NOT LIKE 's:%'"
                " ORDER BY n DESC, key LIMIT ?",
                (story, TOP_ENTITIES * 2),
            )
        ]
        entities = self._labels(story, keys)[:TOP_ENTITIES]
        return {
            "id": story,
            "title": self._title(story, lang),
            "articles": row[0],
            "languages": languages,
            "first_seen": row[1],
            "last_seen": row[2],
            "updated": row[3],
            "entities": entities,
        }

    def detail(self, story: int, *, lang: str | None = None) -> dict[str, Any]:
        """The story with every member and why it joined, and its timeline."""
        out = self.summary(story, lang=lang)
        members = self.store.db.execute(
            "SELECT m.article, m.evidence, a.id, a.lang, a.title, a.published, a.added, a.url FROM story_members m"
            " JOIN articles a ON a.key = m.article WHERE m.story = ? ORDER BY m.seq",
            (out["id"],),
        ).fetchall()
        ids = {key: id for key, _, id, *_ in members}
        articles: list[dict[str, Any]] = []
        timeline: Counter[tuple[str, str]] = Counter()
        for _key, evidence, id, lang_, title, published, added, url in members:
            why = json.loads(evidence)
            if "matched" in why:
                why["matched"] = [ids.get(k) or self._id(k) for k in why["matched"]]
            articles.append(
                {
                    "id": id,
                    "lang": lang_,
                    "title": title,
                    "published": published,
                    "added": added,
                    "url": url,
                    "why": why,
                }
            )
            timeline[((published or added)[:10], lang_)] += 1
        out["size"] = out["articles"]
        out["articles"] = articles
        out["timeline"] = [{"date": d, "lang": lang_, "count": n} for (d, lang_), n in sorted(timeline.items())]
        return out

    def story_of(self, key: int) -> int | None:
        return self.memory.stories_of([key]).get(key)

    def titles(self, stories: list[int]) -> dict[int, str | None]:
        return {s: self._title(s, None) for s in stories}

    def _title(self, story: int, lang: str | None) -> str | None:
        """The first member's title (in ``lang`` when one is), else its first sentence."""
        rows = self.store.db.execute(
            "SELECT a.title, a.lang, a.sentences FROM story_members m JOIN articles a ON a.key = m.article"
            " WHERE m.story = ? ORDER BY m.counted DESC, m.seq LIMIT 50",
            (story,),
        ).fetchall()
        if lang:
            rows = [r for r in rows if r[1] == lang.lower()] or rows
        for title, _, sentences in rows:
            text = title or next(iter(json.loads(sentences)), None)
            if text:
                return text if len(text) <= 160 else text[:157] + "..."
        return None

    def _labels(self, story: int, keys: list[str]) -> list[str]:
        """Entity keys as a reader knows them: a name's surface form from a member's text (the
        keys are folded Latin: "kidruv gur" is "Кедровая Гора"), a figure or date as written;
        a surname already shown in a full name is not repeated."""
        surface: dict[str, str] = {}
        members = self.store.db.execute(
            "SELECT a.facts FROM story_members m JOIN articles a ON a.key = m.article"
            " WHERE m.story = ? AND m.counted = 1 ORDER BY m.seq LIMIT 10",
            (story,),
        ).fetchall()
        for (facts_json,) in members:
            facts = facts_from_json(facts_json)
            if facts is None:
                continue
            for mention in facts.names:
                for key in entity_keys(Facts(facts.lang, (mention,), (), ())):
                    surface.setdefault(key, mention.text)
        out: list[str] = []
        for key in keys:
            label = surface.get(key) or _entity_label(key)
            if not any(label in shown for shown in out):
                out.append(label)
        return out

    def _id(self, key: int) -> str | None:
        row = self.store.db.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None


def with_stories(result: SearchResult, stories: CorpusStories) -> SearchResult:
    """A search result with its stories' representative titles."""
    titles = stories.titles([s.id for s in result.stories])
    ranked = [replace(s, title=titles.get(s.id)) for s in result.stories]
    return replace(result, stories=ranked)


def _entity_label(key: str) -> str:
    """An entity key as a reader sees it ("n:vladimir putin" → "vladimir putin", "d:--03-28" →
    "03-28", "#:4500000" → "4500000", "r:IR" → "IR")."""
    return key.split(":", 1)[1].lstrip("-") if ":" in key else key
