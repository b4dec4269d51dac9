"""Plain-text boilerplate removal, in any language, one unit at a time, every removal explained.

Steps of :func:`clean_text` (the language step has run: :func:`samestory.language.identify`):

1. split the text into units: one per non-empty line (a hard-wrapped paragraph is one unit);
2. judge each unit with the rules (:mod:`.rules`): alone (numbers and ids, counters, credit
   lines, navigation, prompts) or against the article (another language, by the language
   step's guess of that unit; a short unpunctuated fragment that shares no word with the
   article; a copy of the title);
3. with an encoder and the line judge (:mod:`.judge`), score every unit against its article:
   the judge removes furniture no rule names and overrules a rule on a short unit it finds
   clearly part of the article;
4. keep everything else: when unsure, keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..text.tokens import content_words
from ..text.units import Unit, split_units
from ..types import Cleaned, LanguageGuess, Reason, Removal
from .config import CleanConfig
from .features import FEATURES, decision_masks, line_features, unit_vectors_input
from .judge import LineJudge
from .rules import Verdict, rule_verdicts

if TYPE_CHECKING:  # pragma: no cover
    from ..embed.base import Embedder

__all__ = ["clean_text", "judge_applies", "judged_verdicts"]


def clean_text(
    text: str,
    language: LanguageGuess,
    *,
    title: str | None = None,
    config: CleanConfig = CleanConfig(),
    embedder: Embedder | None = None,
    judge: LineJudge | None = None,
) -> Cleaned:
    """Clean one article body. ``language`` is the article's, from the language step (its
    ``units`` hold each unit's guess); ``title`` (if known) is never removed and guides the rules.

    With an ``embedder`` and a line ``judge`` (and ``config.judge``), the judge scores every
    unit: it removes furniture no rule names and overrules a rule on a unit it finds clearly
    part of the article. Without them, rules only. The judge's vectors of the title and the kept
    units come back in ``Cleaned.vectors`` (in the embedder's space), so a corpus that needs the
    article's vectors does not embed the same text twice.
    """
    units = split_units(text)
    reasons = rule_verdicts(units, language, title=title, config=config)
    warnings: tuple[str, ...] = ()
    vectors = None
    if embedder is not None and judge is not None and config.judge and units:
        head = units[: config.judge_max_units]
        tail = {i: v for i, v in reasons.items() if i >= len(head)}
        head_reasons = {i: v for i, v in reasons.items() if i < len(head)}
        judged, unit_vectors = judged_verdicts(head, head_reasons, title, embedder, judge, config)
        reasons = {**judged, **tail}
        if len(units) > len(head):
            warnings = (
                f"the line judge read the first {len(head):,} of {len(units):,} lines; the rest were judged "
                "by the rules alone",
            )
        elif unit_vectors is not None:
            vectors = _kept_vectors(unit_vectors, [i for i in range(len(units)) if i not in reasons], title)
    kept = tuple(u.text for i, u in enumerate(units) if i not in reasons)
    removed = tuple(Removal(units[i].line, units[i].text, *reasons[i], lines=units[i].lines) for i in sorted(reasons))
    return Cleaned(title=title, paragraphs=kept, removed=removed, warnings=warnings, vectors=vectors)


def _kept_vectors(unit_vectors: np.ndarray, kept: list[int], title: str | None) -> np.ndarray:
    """The title's row (when there is a title) then the kept units', from the judge's vectors of
    :func:`~.features.unit_vectors_input` (units first, the title last)."""
    rows = ([len(unit_vectors) - 1] if title else []) + kept
    return np.asarray(unit_vectors[rows], dtype=np.float32)


def judged_verdicts(
    units: Sequence[Unit],
    reasons: dict[int, Verdict],
    title: str | None,
    embedder: Embedder,
    judge: LineJudge,
    config: CleanConfig,
) -> tuple[dict[int, Verdict], np.ndarray | None]:
    """The rules' verdicts as the line judge amends them (see :func:`clean_text`), and the
    vectors it read (None when the text is too short for it)."""
    texts = [u.text for u in units]
    if not judge_applies(texts, config):
        return reasons, None  # too little article to tell furniture from it: the rules alone decide
    vectors = embedder.embed_batch(unit_vectors_input(texts, title))
    features = line_features(
        texts, title, [reasons[i][0] if i in reasons else None for i in range(len(units))], vectors
    )
    furniture = judge.probabilities(texts, features, vectors)
    overrule, candidate = decision_masks(features)
    verdicts = {}
    for i, p in enumerate(furniture):
        if i in reasons:
            if not overrule[i] or p >= judge.keep_below:
                verdicts[i] = reasons[i]
        elif candidate[i] and not (i == 0 and title is None) and judge.removes(float(p), len(texts[i])):
            # (an untitled text's first line is its headline)
            verdicts[i] = (Reason.BOILERPLATE, _judge_detail(float(p), features[i]))
    return verdicts, vectors


def judge_applies(texts: Sequence[str], config: CleanConfig) -> bool:
    """Whether a text is long enough for the line judge (``CleanConfig.judge_min_words``)."""
    return len(texts) >= 3 and sum(len(content_words(t)) for t in texts) >= config.judge_min_words


def _judge_detail(p: float, row: np.ndarray) -> str:
    f = dict(zip(FEATURES, row))
    cues = [
        f"shares {f['words_in_article']:.0%} of its words with the article"
        if f["content_words"]
        else "no content words",
        f"sentence-vector similarity to the article {f['cos_article']:.2f}",
    ]
    if not f["sentence_end"]:
        cues.append("no sentence ending")
    return f"scored {p:.2f} as page furniture: " + "; ".join(cues)
