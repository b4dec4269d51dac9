"""What the line judge (:mod:`.judge`) reads of each unit: its look, the rules' verdicts, and its
relation to its own article (shared words; sentence-vector similarity to the article, the title
and its neighbours), and the fail-safes that bound what the judge may decide
(:func:`decision_masks`).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..embed.documents import PARAGRAPH_CHARS
from ..text.tokens import SENTENCE_END, WIDE_RUN, WORD
from ..types import Reason

__all__ = [
    "COMPUTED",
    "EMBED_CHARS",
    "FEATURES",
    "FINAL_RULES",
    "OVERRULE_MAX_WORDS",
    "PROSE_MEDIAN_CHARS",
    "PROSE_SENTENCE_MIN_WORDS",
    "TEXT_BUCKETS",
    "decision_masks",
    "line_features",
    "normalised",
    "overrulable",
    "text_grams",
    "unit_vectors_input",
]

#: characters of a unit the sentence encoder reads: the same rows as the article's vectors
EMBED_CHARS = PARAGRAPH_CHARS
_RULES = (
    Reason.STRAY_FRAGMENT,
    Reason.NUMBER_OR_ID,
    Reason.NAVIGATION,
    Reason.PROMPT,
    Reason.DUPLICATE,
    Reason.COUNTER,
    Reason.CREDIT,
    Reason.FOREIGN_LANGUAGE,
)
FEATURES = (
    "log_chars",
    "words",
    "sentence_end",
    "capitalised_share",
    "short_word_share",
    "upper_share",
    "digit_share",
    "contact",
    "starts_with_symbol",
    "separators",
    "all_caps",
    "comma",
    *(f"rule:{r.value}" for r in _RULES),
    "cos_article",
    "cos_title",
    "cos_next",
    "cos_previous",
    "cos_max_other",
    "log_units",
    "log_median_chars",
    "similar_share",
    "long_share",
    "words_in_article",
    "words_in_title",
    "words_in_next3",
    "content_words",
    "word_frequency",
    "words_in_next",
    "vector_prior",
    "text_prior",
)
#: the last two features are the model's own stacked logistic regressions (see ``_Model``)
COMPUTED = len(FEATURES) - 2
_COLUMN = {name: k for k, name in enumerate(FEATURES)}
#: hashed word, word-pair and character-trigram buckets of ``text_prior``
TEXT_BUCKETS = 1 << 16
_GRAM_WORD = re.compile(r"\w+")
_LETTERS3 = re.compile(r"[^\W\d_]{3,}")
_CONTACT = re.compile(r"@|https?://|www\.|\.(?:com|org|net)\b")


#: the judge may overrule a rule only on units of at most this many words, and never these rules
OVERRULE_MAX_WORDS = 12
FINAL_RULES = frozenset({Reason.FOREIGN_LANGUAGE, Reason.COUNTER, Reason.CREDIT})


#: a text whose median unit has at least this many characters reads as prose: there a line that
#: is only a number is a stray id ("9407"), not a table cell or a price, and the rule stands
PROSE_MEDIAN_CHARS = 60


#: in prose, the judge never removes a unit of at least this many words that ends like a
#: sentence: a one-sentence paragraph ("Three people were killed.") is body, however short
PROSE_SENTENCE_MIN_WORDS = 4


def overrulable(reason: Reason, words: int, prose: bool) -> bool:
    """Whether the judge may keep a unit a rule removed (see the module's docstring)."""
    if reason in FINAL_RULES or words > OVERRULE_MAX_WORDS:
        return False
    return not (prose and reason is Reason.NUMBER_OR_ID)


def decision_masks(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which units the judge may decide, from their :func:`line_features` rows: (a rule removed
    it and the judge may overrule that, no rule removed it and the judge may remove it).

    The one statement of the fail-safes, for :func:`samestory.cleaner.clean_text` and for the
    threshold choice in ``scripts/train_line_judge.py``: :func:`overrulable`; a heading (every
    word of it occurs in the article, half of them in the next three units) is kept; in prose,
    so is a line of ``PROSE_SENTENCE_MIN_WORDS``+ words that ends like a sentence.
    """
    f = np.atleast_2d(features)
    ruled = f[:, [_COLUMN[f"rule:{r.value}"] for r in _RULES]] > 0
    words = f[:, _COLUMN["words"]]
    prose = f[:, _COLUMN["log_median_chars"]] >= np.log1p(PROSE_MEDIAN_CHARS)
    overrule = np.array(
        [
            bool(hits.any()) and overrulable(_RULES[int(hits.argmax())], int(n), bool(is_prose))
            for hits, n, is_prose in zip(ruled, words, prose)
        ],
        dtype=bool,
    ).reshape(len(f))
    heading = (f[:, _COLUMN["words_in_article"]] >= 1.0) & (f[:, _COLUMN["words_in_next3"]] >= 0.5)
    sentence = prose & (f[:, _COLUMN["sentence_end"]] > 0) & (words >= PROSE_SENTENCE_MIN_WORDS)
    return overrule, ~ruled.any(axis=1) & ~heading & ~sentence


def unit_vectors_input(units: Sequence[str], title: str | None) -> list[str]:
    """What the encoder embeds for :func:`line_features`: each unit cut to ``EMBED_CHARS``, then
    the title (or ``"-"``) last."""
    return [u[:EMBED_CHARS] for u in units] + [title or "-"]


def line_features(
    units: Sequence[str], title: str | None, rules: Sequence[Reason | None], vectors: np.ndarray
) -> np.ndarray:
    """One row of the first ``COMPUTED`` ``FEATURES`` per unit (the priors are the model's).

    ``vectors`` are the encoder's vectors of :func:`unit_vectors_input` (units, then the title).
    """
    n = len(units)
    unit_vecs = normalised(vectors[:n])
    title_vec = normalised(vectors[n : n + 1])[0] if title else np.zeros(vectors.shape[1])
    surface = np.array([_surface(u) for u in units], dtype=np.float64).reshape(n, -1)
    ruled = np.array([[rule is r for r in _RULES] for rule in rules], dtype=np.float64).reshape(n, -1)
    semantic = _semantic(units, unit_vecs, title_vec)
    lexical = _lexical(units, title)
    return np.hstack([surface, ruled, semantic, lexical])


def normalised(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _surface(unit: str) -> list[float]:
    words = WORD.findall(unit)
    chars = max(len(unit), 1)
    return [
        np.log1p(len(unit)),
        min(len(unit.split()), 50),
        bool(SENTENCE_END.search(unit)),
        sum(1 for w in words if w[0].isupper()) / max(len(words), 1),
        sum(1 for w in words if len(w) <= 3) / max(len(words), 1),
        sum(map(str.isupper, unit)) / chars,
        sum(map(str.isdigit, unit)) / chars,
        bool(_CONTACT.search(unit)),
        not unit[:1].isalnum(),
        unit.count("|") + unit.count("»") + unit.count("›"),
        unit.isupper(),
        "," in unit,
    ]


def _semantic(units: Sequence[str], vecs: np.ndarray, title_vec: np.ndarray, block: int = 1024) -> np.ndarray:
    n = len(units)
    lengths = np.array([len(u) for u in units], dtype=np.float64)
    weights = np.minimum(lengths, 500.0)
    total = (vecs * weights[:, None]).sum(axis=0)
    others = total[None, :] - vecs * weights[:, None]  # the article without the unit itself
    cos_article = np.einsum("ij,ij->i", vecs, normalised(others))
    neighbour = np.einsum("ij,ij->i", vecs[:-1], vecs[1:]) if n > 1 else np.zeros(0)
    cos_next = np.append(neighbour, 0.0)
    cos_prev = np.insert(neighbour, 0, 0.0)
    best, similar = np.zeros(n), np.zeros(n)
    for start in range(0, n, block):  # blocks keep a 100,000-line scrape out of an n x n matrix
        sims = vecs[start : start + block] @ vecs.T
        rows = np.arange(sims.shape[0])
        sims[rows, rows + start] = -1.0
        best[start : start + block] = sims.max(axis=1) if n > 1 else 0.0
        similar[start : start + block] = (sims > 0.5).mean(axis=1)
    return np.column_stack(
        [
            cos_article,
            vecs @ title_vec,
            cos_next,
            cos_prev,
            best,
            np.full(n, np.log(n)),
            np.full(n, np.log1p(np.median(lengths))),
            similar,
            np.full(n, (lengths > 200).mean()),
        ]
    )


def _lexical(units: Sequence[str], title: str | None) -> np.ndarray:
    words = [_lexical_words(u) for u in units]
    frequency = Counter(w for ws in words for w in ws)
    title_words = _lexical_words(title or "")
    rows = []
    for i, own in enumerate(words):
        if not own:
            rows.append([0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
            continue
        following = set().union(*words[i + 1 : i + 4])
        after = words[i + 1] if i + 1 < len(words) else set()
        size = len(own)
        rows.append(
            [
                sum(frequency[w] > 1 for w in own) / size,
                len(own & title_words) / size,
                len(own & following) / size,
                min(size, 50),
                sum(frequency[w] - 1 for w in own) / size,
                len(own & after) / size,
            ]
        )
    return np.array(rows, dtype=np.float64).reshape(len(units), 6)


def _lexical_words(text: str) -> set[str]:
    """Lower-cased words of 3+ letters and Han/kana bigrams. Unstemmed: on the held-out half,
    the stemmed ``content_words`` made the judge catch 0.02 less junk."""
    low = text.lower()
    words = {w for w in _LETTERS3.findall(low) if not WIDE_RUN.fullmatch(w)}
    for run in WIDE_RUN.findall(low):
        words.update(run[k : k + 2] for k in range(max(1, len(run) - 1)))
    return words


def text_grams(unit: str) -> np.ndarray:
    """The unit's distinct hashed grams (words, word pairs, character trigrams of its first 300
    characters, lower-cased) as bucket indices for ``text_prior``. CRC-32, so the same on every
    machine and Python (``hash()`` is salted per process)."""
    low = unit.lower()[:300]
    words = _GRAM_WORD.findall(low)
    grams = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    padded = f" {low} "
    grams += [f"c:{padded[k : k + 3]}" for k in range(len(padded) - 2)]
    # distinct grams hashed once: a unit's trigrams and words repeat ("c: th"), and hashing a
    # gram cost a third of the line judge's time outside its model
    return np.array(sorted({zlib.crc32(g.encode("utf-8")) % TEXT_BUCKETS for g in set(grams)}), dtype=np.int64)
