"""The learned line judge: how likely each line of a scrape is page furniture, not article.

The rules in :mod:`samestory.clean` catch what has a recognisable form (a cookie banner, a view
counter, a "Source:" line). Most scraped junk has none: related-article titles, menu entries,
product categories, "Get the app". What gives such a line away is its relation to the article
around it: it shares few words with the text, it means something else than the text
(multilingual sentence vectors), it neither ends like a sentence nor announces the paragraph
after it. The judge turns these relations, the line's look and the rules' verdicts into
features (:func:`line_features`) and scores them with gradient-boosted trees stored as JSON
(``samestory/data/line_judge.json``, trained by ``scripts/train_line_judge.py``).

It also protects the body: a rule's verdict on a short unit stands only when the judge does not
find the unit clearly part of the article (``keep_below``), which is how a bare number in a price
list or a "Contact us" heading in a how-to survives while "9407" under a news story does not.
Long units (a cookie banner), text in another language than the article, view counters and
credit lines are outside what the judge learned or what the issue leaves to judgement (WCXB's
junk is short and in the page's language; its gold bodies keep forum view counts and photo
credits, which news users want gone): there the rules have the last word (:func:`overrulable`).
So does the bare-number rule in prose (WCXB's bodies are full of numbers in lists and tables).

The shipped file holds two models, each trained on one half of the WCXB plain-text simulation
(pages with even ids, pages with odd ids); the product averages them, ``samestory eval clean``
judges every page with the model that did not see it.
"""
from __future__ import annotations

import base64
import functools
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from .clean_terms import SENTENCE_END, WORD
from .errors import ModelError
from .scorer import TreeEnsemble
from .types import Reason

__all__ = ["COMPUTED", "FEATURES", "FINAL_RULES", "OVERRULE_MAX_WORDS", "PROSE_MEDIAN_CHARS",
           "PROSE_SENTENCE_MIN_WORDS", "TEXT_BUCKETS",
           "LineJudge", "content_words", "decision_masks", "decode_weights", "default_line_judge", "encode_weights",
           "line_features", "overrulable", "text_grams", "unit_vectors_input"]

#: characters of a unit the sentence encoder reads (a page of long paragraphs stays affordable)
EMBED_CHARS = 1000
_RULES = (Reason.STRAY_FRAGMENT, Reason.NUMBER_OR_ID, Reason.NAVIGATION, Reason.PROMPT,
          Reason.DUPLICATE, Reason.COUNTER, Reason.CREDIT, Reason.FOREIGN_LANGUAGE)
FEATURES = (
    "log_chars", "words", "sentence_end", "capitalised_share", "short_word_share", "upper_share",
    "digit_share", "contact", "starts_with_symbol", "separators", "all_caps", "comma",
    *(f"rule:{r.value}" for r in _RULES),
    "cos_article", "cos_title", "cos_next", "cos_previous", "cos_max_other", "log_units",
    "log_median_chars", "similar_share", "long_share",
    "words_in_article", "words_in_title", "words_in_next3", "content_words", "word_frequency",
    "words_in_next", "vector_prior", "text_prior",
)
#: the last two features are the model's own stacked logistic regressions (see ``_Model``)
COMPUTED = len(FEATURES) - 2
_COLUMN = {name: k for k, name in enumerate(FEATURES)}
#: hashed word, word-pair and character-trigram buckets of ``text_prior``
TEXT_BUCKETS = 1 << 16
_WIDE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
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

    The one statement of the fail-safes, for :func:`samestory.clean.clean_text` and for the
    threshold choice in ``scripts/train_line_judge.py``: :func:`overrulable`; a heading (every
    word of it occurs in the article, half of them in the next three units) is kept; in prose,
    so is a line of ``PROSE_SENTENCE_MIN_WORDS``+ words that ends like a sentence.
    """
    f = np.atleast_2d(features)
    ruled = f[:, [_COLUMN[f"rule:{r.value}"] for r in _RULES]] > 0
    words = f[:, _COLUMN["words"]]
    prose = f[:, _COLUMN["log_median_chars"]] >= np.log1p(PROSE_MEDIAN_CHARS)
    overrule = np.array([bool(hits.any()) and overrulable(_RULES[int(hits.argmax())], int(n), bool(is_prose))
                         for hits, n, is_prose in zip(ruled, words, prose)], dtype=bool).reshape(len(f))
    heading = (f[:, _COLUMN["words_in_article"]] >= 1.0) & (f[:, _COLUMN["words_in_next3"]] >= 0.5)
    sentence = prose & (f[:, _COLUMN["sentence_end"]] > 0) & (words >= PROSE_SENTENCE_MIN_WORDS)
    return overrule, ~ruled.any(axis=1) & ~heading & ~sentence


def unit_vectors_input(units: Sequence[str], title: str | None) -> list[str]:
    """What the encoder embeds for :func:`line_features`: each unit cut to ``EMBED_CHARS``, then
    the title (or ``"-"``) last."""
    return [u[:EMBED_CHARS] for u in units] + [title or "-"]


def line_features(units: Sequence[str], title: str | None, rules: Sequence[Reason | None],
                  vectors: np.ndarray) -> np.ndarray:
    """One row of the first ``COMPUTED`` ``FEATURES`` per unit (the priors are the model's).

    ``vectors`` are the encoder's vectors of :func:`unit_vectors_input` (units, then the title).
    """
    n = len(units)
    unit_vecs = _normalised(vectors[:n])
    title_vec = _normalised(vectors[n:n + 1])[0] if title else np.zeros(vectors.shape[1])
    surface = np.array([_surface(u) for u in units], dtype=np.float64).reshape(n, -1)
    ruled = np.array([[rule is r for r in _RULES] for rule in rules], dtype=np.float64).reshape(n, -1)
    semantic = _semantic(units, unit_vecs, title_vec)
    lexical = _lexical(units, title)
    return np.hstack([surface, ruled, semantic, lexical])


def _normalised(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _surface(unit: str) -> list[float]:
    words = WORD.findall(unit)
    chars = max(len(unit), 1)
    return [np.log1p(len(unit)), min(len(unit.split()), 50), bool(SENTENCE_END.search(unit)),
            sum(1 for w in words if w[0].isupper()) / max(len(words), 1),
            sum(1 for w in words if len(w) <= 3) / max(len(words), 1),
            sum(c.isupper() for c in unit) / chars, sum(c.isdigit() for c in unit) / chars,
            bool(_CONTACT.search(unit)), not unit[:1].isalnum(),
            unit.count("|") + unit.count("»") + unit.count("›"), unit.isupper(), "," in unit]


def _semantic(units: Sequence[str], vecs: np.ndarray, title_vec: np.ndarray, block: int = 1024) -> np.ndarray:
    n = len(units)
    lengths = np.array([len(u) for u in units], dtype=np.float64)
    weights = np.minimum(lengths, 500.0)
    total = (vecs * weights[:, None]).sum(axis=0)
    others = total[None, :] - vecs * weights[:, None]   # the article without the unit itself
    cos_article = np.einsum("ij,ij->i", vecs, _normalised(others))
    neighbour = np.einsum("ij,ij->i", vecs[:-1], vecs[1:]) if n > 1 else np.zeros(0)
    cos_next = np.append(neighbour, 0.0)
    cos_prev = np.insert(neighbour, 0, 0.0)
    best, similar = np.zeros(n), np.zeros(n)
    for start in range(0, n, block):   # blocks keep a 100,000-line scrape out of an n x n matrix
        sims = vecs[start:start + block] @ vecs.T
        rows = np.arange(sims.shape[0])
        sims[rows, rows + start] = -1.0
        best[start:start + block] = sims.max(axis=1) if n > 1 else 0.0
        similar[start:start + block] = (sims > 0.5).mean(axis=1)
    return np.column_stack([
        cos_article, vecs @ title_vec, cos_next, cos_prev, best,
        np.full(n, np.log(n)), np.full(n, np.log1p(np.median(lengths))), similar,
        np.full(n, (lengths > 200).mean())])


def _lexical(units: Sequence[str], title: str | None) -> np.ndarray:
    words = [_lexical_words(u) for u in units]
    frequency = Counter(w for ws in words for w in ws)
    title_words = _lexical_words(title or "")
    rows = []
    for i, own in enumerate(words):
        if not own:
            rows.append([0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
            continue
        following = set().union(*words[i + 1:i + 4])
        after = words[i + 1] if i + 1 < len(words) else set()
        size = len(own)
        rows.append([sum(frequency[w] > 1 for w in own) / size, len(own & title_words) / size,
                     len(own & following) / size, min(size, 50),
                     sum(frequency[w] - 1 for w in own) / size, len(own & after) / size])
    return np.array(rows, dtype=np.float64).reshape(len(units), 6)


def _lexical_words(text: str) -> set[str]:
    """Lower-cased words of 3+ letters and Han/kana bigrams. Unstemmed: on the held-out half,
    the stemmed ``content_words`` made the judge catch 0.02 less junk."""
    low = text.lower()
    words = {w for w in _LETTERS3.findall(low) if not _WIDE_RUN.fullmatch(w)}
    for run in _WIDE_RUN.findall(low):
        words.update(run[k:k + 2] for k in range(max(1, len(run) - 1)))
    return words


def content_words(text: str) -> list[str]:
    """Comparable content words: letters-only tokens of 4+ characters cut to a 5-letter stem
    (so "Syria"/"Syrian" and "Chromebook"/"Chromebooks" meet), and Han/kana bigrams."""
    low = text.lower()
    words = [w[:5] for w in WORD.findall(low) if len(w) >= 4 and not _WIDE_RUN.fullmatch(w)]
    for run in _WIDE_RUN.findall(low):
        words.extend(run[k:k + 2] for k in range(max(1, len(run) - 1)))
    return words


def text_grams(unit: str) -> np.ndarray:
    """The unit's distinct hashed grams (words, word pairs, character trigrams of its first 300
    characters, lower-cased) as bucket indices for ``text_prior``. CRC-32, so the same on every
    machine and Python (``hash()`` is salted per process)."""
    low = unit.lower()[:300]
    words = _GRAM_WORD.findall(low)
    grams = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    padded = f" {low} "
    grams += [f"c:{padded[k:k + 3]}" for k in range(len(padded) - 2)]
    return np.array(sorted({zlib.crc32(g.encode("utf-8")) % TEXT_BUCKETS for g in grams}), dtype=np.int64)


@dataclass(frozen=True)
class _Model:
    vector_weights: np.ndarray   # logistic regression over the unit's sentence vector
    vector_bias: float
    text_weights: np.ndarray     # logistic regression over the unit's hashed grams
    text_bias: float
    trees: TreeEnsemble          # log-odds of "furniture" from FEATURES

    def log_odds(self, units: Sequence[str], features: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        vector_prior = _normalised(vectors) @ self.vector_weights + self.vector_bias
        text_prior = np.array([_text_score(self.text_weights, text_grams(u)) for u in units]) + self.text_bias
        return self.trees.predict(np.column_stack([features, vector_prior, text_prior]))


def _text_score(weights: np.ndarray, grams: np.ndarray) -> float:
    """The grams' weights summed, the unit's gram vector L2-normalised (binary, so 1/sqrt(n))."""
    return float(weights[grams].sum() / np.sqrt(max(len(grams), 1)))


def encode_weights(w: np.ndarray) -> str:
    """float16 little-endian bytes in base64: 65,536 weights in 175 KB of JSON."""
    return base64.b64encode(np.asarray(w, dtype="<f2").tobytes()).decode("ascii")


def decode_weights(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float64)


@dataclass(frozen=True)
class LineJudge:
    """Scores units and decides.

    A unit no rule claims is removed when its odds of being furniture, per character it
    holds, reach ``remove_at``: a wrong removal costs what it deletes, so a 12-character menu
    entry needs less certainty than a 200-character sentence (on the held-out halves this
    caught 0.013 more junk at the same body loss than one probability threshold). An
    :func:`overrulable` rule verdict is overruled below probability ``keep_below``.
    """

    models: dict[str, _Model]
    remove_at: float
    keep_below: float
    report: dict

    def removes(self, furniture: float, chars: int) -> bool:
        """Whether a unit no rule claims goes, given its P(furniture) and length."""
        return furniture / max(1.0 - furniture, 1e-9) >= self.remove_at * max(chars, 1)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "LineJudge":
        try:
            text = Path(path).read_text("utf-8") if path else \
                resources.files("samestory.data").joinpath("line_judge.json").read_text("utf-8")
            d = json.loads(text)
            if tuple(d["features"]) != FEATURES:
                raise ValueError("its features are not this version's")
            models = {name: _Model(np.asarray(m["vector_weights"], dtype=np.float64), float(m["vector_bias"]),
                                   decode_weights(m["text_weights"]), float(m["text_bias"]),
                                   TreeEnsemble.from_dict(m["trees"])) for name, m in d["models"].items()}
            return cls(models, float(d["remove_at"]), float(d["keep_below"]), d.get("report", {}))
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise ModelError(f"{path or 'samestory/data/line_judge.json'}: cannot load the line judge ({err}); "
                             "re-run scripts/train_line_judge.py") from None

    def only(self, name: str) -> "LineJudge":
        """The judge reduced to one of its models (evaluation: the model that did not see a page)."""
        if name not in self.models:
            raise ModelError(f"the line judge has no model {name!r} (it has {', '.join(self.models)})")
        return replace(self, models={name: self.models[name]})

    def probabilities(self, units: Sequence[str], features: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        """P(furniture) per unit: the models' mean log-odds through the logistic function."""
        if len(features) == 0:
            return np.zeros(0)
        odds = np.mean([m.log_odds(units, features, vectors[:len(features)]) for m in self.models.values()], axis=0)
        return 1.0 / (1.0 + np.exp(-odds))


@functools.lru_cache(maxsize=1)
def default_line_judge() -> LineJudge:
    """The shipped judge, loaded once per process."""
    return LineJudge.load()
