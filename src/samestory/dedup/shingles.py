"""Shingles: the set of token n-grams of a body, each as a stable 64-bit hash.

Two versions of one article share most of their n-grams; two articles about one event written
by different people share few (they agree on names and numbers, rarely on four words in a row).
A document written mostly in an unspaced script (:data:`~.normalise.UNSPACED`) is shingled by
character n-grams, any other by word n-grams; a Latin name inside Japanese text is one token
either way.

An n-gram's hash is built from its tokens' xxh64 hashes by a polynomial over 64-bit words,
vectorised in numpy (one xxh64 call per token instead of one per n-gram and no string joins),
then finalised with splitmix64's mixer so that every bit of the hash depends on every token.
The values are the same in every process and on every machine (no salted ``hash()``).

Sizes, measured on dev (``/tmp/dedup/sweep.py N N`` and ``/tmp/dedup/eval_copies.py`` with
``WORD_N=N``; stories/dev.jsonl bases, 1,632 spaced + 75 unspaced, edited five ways; SemEval dev
pairs and 20,000 random pairs as negatives): with verification by coverage (:mod:`.verify`)
every n from 3 to 6 separates the classes (negatives' coverage stays below ~0.69 for all), so n
is chosen for candidate recall under LSH (42 bands x 3 rows): word 4-grams found 98.1% of the
hardest near-copies (boilerplate + 3-5% edited words + 20-40% cut tail, all at once) as
candidates, 5-grams 94.7% (an edit destroys every n-gram that spans it: 5% edited words cut
~19% of the 4-grams, ~23% of the 5-grams). The price of 4: more chance candidates among
same-story articles of different outlets (2.1% of SemEval "very similar" pairs vs 0.4%), each
one exact check. Characters: 5 (a word of Japanese or Chinese is ~2 characters, so 5 span 2-3
words); as candidates 4 found 75 and 5 found 74 of the 75 hardest Japanese variants; 5 keeps more distance from
unrelated texts (random Japanese pairs: containment at most 0.054 vs 0.086), and dev has no
same-story unspaced pairs to argue for a shorter n.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from ..text.tokens import content_words
from .normalise import hash_tokens, title_fits_body, tokenise, word_count

__all__ = ["WORD_N", "CHAR_N", "Shingles", "shingle", "ngram_hashes", "ngram_sequence"]

#: Words per shingle in spaced scripts (see the module docstring and the measurement there).
WORD_N = 4
#: Characters per shingle in unspaced scripts (module docstring).
CHAR_N = 5

_TOKEN_SEED = 0x5A3E_0001  # part of the stored format: changing it changes every shingle
_POLY = np.uint64(0x9E37_79B9_7F4A_7C15)  # odd 64-bit multiplier of the n-gram polynomial


@dataclass(frozen=True, slots=True, eq=False)
class Shingles:
    """One body's shingles and what verification needs besides them.

    ``sequence``: the uint64 n-gram hashes in text order (repeats kept), for coverage;
    ``hashes``: the same, sorted and unique (the set); ``n``: tokens per n-gram; ``tokens``:
    how many tokens the body has; ``words``: length in words
    (:func:`~.normalise.word_count`); ``unspaced``: shingled by characters; ``digest``: the
    content hash (:func:`~.normalise.content_hash`), None when the body is not to be grouped by
    hash; ``title_words``: the title's content words; ``title_fits``:
    :func:`~.normalise.title_fits_body`.
    """

    sequence: np.ndarray
    hashes: np.ndarray
    n: int
    tokens: int
    words: float
    unspaced: bool
    digest: str | None
    title_words: frozenset[str] = frozenset()
    title_fits: bool = True

    def __len__(self) -> int:
        return len(self.hashes)


def shingle(paragraphs: Sequence[str], title: str = "") -> Shingles:
    """Shingle a cleaned body given as paragraphs (tokenised once for hash and shingles); the
    title only decides whether the body may be grouped (:mod:`.normalise`)."""
    tokens = tokenise(paragraphs)
    words = word_count(tokens)
    unspaced = words < len(tokens) * 0.75  # more than half the tokens are characters
    n = CHAR_N if unspaced else WORD_N
    sequence = ngram_sequence(tokens, n)
    fits = title_fits_body(title, paragraphs)
    digest = hash_tokens(tokens) if fits else None
    title_words = frozenset(content_words(title))
    return Shingles(sequence, np.unique(sequence), n, len(tokens), words, unspaced, digest, title_words, fits)


def ngram_hashes(tokens: Sequence[str], n: int) -> np.ndarray:
    """Sorted unique uint64 hashes of the token n-grams (the shingle set)."""
    return np.unique(ngram_sequence(tokens, n))


def ngram_sequence(tokens: Sequence[str], n: int) -> np.ndarray:
    """The uint64 hash of the n-gram starting at each token, in text order; a text shorter than
    ``n`` tokens is one n-gram of all its tokens, and no token gives no hash."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    t = np.fromiter(
        (xxhash.xxh64_intdigest(tok.encode("utf-8"), _TOKEN_SEED) for tok in tokens), np.uint64, len(tokens)
    )
    m = max(1, len(t) - n + 1)
    h = t[:m].copy()
    for k in range(1, min(n, len(t))):
        h = h * _POLY + t[k : k + m]  # wraps modulo 2**64 (numpy arrays do not warn)
    return _mix(h)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every output bit depends on every input bit."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58_476D_1CE4_E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D0_49BB_1331_11EB)
    return x ^ (x >> np.uint64(31))
