"""Near-duplicate detection for the corpus: pure functions, no store, no model inside.

    normalise     the normalised body (NFKC, case-folded, punctuation gone) and its content hash
    shingles      word 4-grams (character 5-grams in unspaced scripts) as stable 64-bit hashes
    minhash       MinHash signatures and LSH band keys (signed 64-bit, for an indexed SQL table)
    verify        copy / near-copy / none for a within-language candidate pair, with evidence
    translation   translation / none for a cross-language pair, from vectors (no model here)

A store keeps per article its content hash (:attr:`Shingles.digest`, the same as
:func:`content_hash`), :func:`signature` and :func:`band_keys`; a new article's candidates are
the articles sharing its hash or a band key, and each candidate is verified here from both
bodies' exact shingles (:func:`classify_pair`: rebuild the stored side with :func:`shingle`
from its cleaned paragraphs and title) or, across languages, from the two articles' sentence
or paragraph vectors in one model's space (:func:`translation_evidence` with
:meth:`TranslationThresholds.for_space`). Changing :data:`SCHEME` means the stored hashes,
signatures and keys must be rebuilt.
"""

from __future__ import annotations

from .minhash import BANDS, NUM_PERM, ROWS, SEED, band_keys, candidate_probability, estimate_jaccard, signature
from .normalise import MIN_WORDS, TITLE_WORDS, content_hash, normalise, title_fits_body, tokenise, word_count
from .shingles import CHAR_N, WORD_N, Shingles, shingle
from .translation import (
    TranslationEvidence,
    TranslationThresholds,
    classify_translation,
    link_margins,
    sentence_coverage,
    translation_evidence,
)
from .verify import CopyEvidence, CopyThresholds, DuplicateKind, classify_pair, copy_evidence, coverage

__all__ = [
    "SCHEME",
    # normalise
    "MIN_WORDS",
    "TITLE_WORDS",
    "normalise",
    "tokenise",
    "word_count",
    "title_fits_body",
    "content_hash",
    # shingles
    "WORD_N",
    "CHAR_N",
    "Shingles",
    "shingle",
    # minhash
    "NUM_PERM",
    "BANDS",
    "ROWS",
    "SEED",
    "signature",
    "band_keys",
    "estimate_jaccard",
    "candidate_probability",
    # verify
    "DuplicateKind",
    "CopyThresholds",
    "CopyEvidence",
    "copy_evidence",
    "classify_pair",
    "coverage",
    # translation
    "TranslationThresholds",
    "TranslationEvidence",
    "translation_evidence",
    "classify_translation",
    "sentence_coverage",
    "link_margins",
]

#: Everything that shapes a stored hash, signature or band key. A store records it and rebuilds
#: its dedup tables when it differs (a signature from another scheme matches nothing).
SCHEME = f"dedup-1:nfkc-casefold:m{MIN_WORDS}t{TITLE_WORDS}:w{WORD_N}c{CHAR_N}:xxh64:ms{NUM_PERM}s{SEED}:b{BANDS}r{ROWS}:blake2b128"
