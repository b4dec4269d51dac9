"""Stories: the same event told by many articles, in many languages, grown one article at a time.

    types     ArticleView, StoryView, Evidence, Assignment: what the clusterer reads and writes
    memory    StoryMemory (the seam to a store), InMemoryStories, article_view
    keys      entity_keys: the names, places, figures and dates a store indexes for lookups
    features  FEATURES: the judge's evidence for one (article, story) pair
    judge     StoryJudge: boosted trees + threshold (samestory/data/story_judge.json)
    cluster   StoryClusterer: candidates → features → judge → join or new, with evidence
    summary   story_summary: representative title, languages, top entities, first/last seen
    rebuild   rebuild_stories: replay stored articles from their stored vectors, ids carried over

The clusterer runs the same over the in-memory seam (evaluation, tests, benchmark) and over the
corpus store; it reads articles prepared by ``samestory.pipeline.corpus_steps``.
"""

from __future__ import annotations

from .cluster import Candidate, StoryClusterer, StoryConfig
from .features import FEATURES
from .judge import Judge, StoryJudge
from .keys import entity_keys
from .memory import InMemoryStories, StoryMemory, article_view
from .rebuild import Rebuilt, carry_ids, duplicate_links, rebuild_stories, replay_order
from .summary import StorySummary, story_summary
from .types import DUPLICATE, JOINED, MERGED, NEW, ArticleView, Assignment, Evidence, StoryView, Vectors

__all__ = [
    "ArticleView",
    "StoryView",
    "Vectors",
    "Evidence",
    "Assignment",
    "JOINED",
    "NEW",
    "DUPLICATE",
    "MERGED",
    "StoryMemory",
    "InMemoryStories",
    "article_view",
    "entity_keys",
    "FEATURES",
    "Judge",
    "StoryJudge",
    "StoryConfig",
    "Candidate",
    "StoryClusterer",
    "StorySummary",
    "story_summary",
    "Rebuilt",
    "rebuild_stories",
    "replay_order",
    "duplicate_links",
    "carry_ids",
]
