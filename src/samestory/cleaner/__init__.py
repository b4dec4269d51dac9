"""The clean stage: drop the boilerplate around a scraped article, every removal explained.

config     CleanConfig (thresholds) and HTML_CLEAN (for text an HTML extractor produced)
terms      the multilingual vocabulary of page furniture the rules read
rules      rules on a unit alone and against its article
features   what the learned line judge reads of a unit, and its fail-safes
judge      the learned line judge (boosted trees in samestory/data/line_judge.json)
core       clean_text: rules, then the judge
"""

from __future__ import annotations

from .config import HTML_CLEAN, CleanConfig
from .core import clean_text, judge_applies
from .judge import LineJudge
from .rules import rule_verdicts

__all__ = ["CleanConfig", "HTML_CLEAN", "LineJudge", "clean_text", "judge_applies", "rule_verdicts"]
