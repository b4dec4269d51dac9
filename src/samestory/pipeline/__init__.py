"""The pipeline: steps over a stream of records, and the executors that run them.

steps      Step protocol; IdentifyLanguage, Clean, SplitSentences; run_steps; prepare (one article)
"""

from __future__ import annotations

from .steps import ArticleStep, Clean, IdentifyLanguage, Item, SplitSentences, Step, prepare, prepare_steps, run_steps

__all__ = [
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
