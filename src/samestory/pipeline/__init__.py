"""The pipeline: steps over a stream of records, and the executors that run them.

steps      Step protocol; IdentifyLanguage, Clean, SplitSentences, Embed, ExtractFacts;
           run_steps; prepare (one article)
executors  the Executor seam and LocalExecutor (the Ray executor lives in samestory.batch)
pool       PreparePool: the corpus steps in worker processes, results in submission order
"""

from __future__ import annotations

from .steps import (
    ArticleStep,
    Clean,
    Embed,
    ExtractFacts,
    IdentifyLanguage,
    Item,
    SplitSentences,
    Step,
    corpus_steps,
    prepare,
    prepare_steps,
    run_steps,
)

__all__ = [
    "Item",
    "Step",
    "ArticleStep",
    "IdentifyLanguage",
    "Clean",
    "SplitSentences",
    "Embed",
    "ExtractFacts",
    "prepare_steps",
    "corpus_steps",
    "run_steps",
    "prepare",
]
