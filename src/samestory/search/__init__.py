"""Search a corpus in any language (:func:`search`): articles and stories ranked, each article with
the sentence that matches best.

    engine  search, search_candidates, the result records
    fusion  candidates from each vector space, their features, the learned ranker
"""

from __future__ import annotations

from .engine import ArticleHit, SearchResult, SearchStore, StoryHit, search, search_candidates
from .fusion import FEATURES, Fusion

__all__ = ["search", "search_candidates", "SearchResult", "ArticleHit", "StoryHit", "SearchStore", "Fusion", "FEATURES"]
