"""MinHash signatures and LSH band keys, in numpy, for a store that finds candidates by key.

A signature keeps, for each of ``num_perm`` hash functions, the smallest hash of the body's
shingles; two signatures agree at one position with probability equal to the Jaccard
similarity of the two shingle sets. Cutting the signature into ``bands`` of ``rows`` and
hashing each band gives keys that two bodies share in at least one band with probability
``1 - (1 - J**rows)**bands`` (:func:`candidate_probability`): a store keeps them (table
``bands``) and finds the articles sharing one in posting lists (``samestory.store.postings``).

Hash functions: ``h_i(x) = (a_i * x + b_i) mod 2**64 >> 32`` (Dietzfelbinger's
multiply-add-shift, ``a_i`` odd) over the shingles' 64-bit hashes, which are already well
mixed (:mod:`.shingles`). ``a_i, b_i`` come from splitmix64 of the seed, computed with numpy
integer arithmetic: the same on every machine and numpy version (``numpy.random`` streams are
not promised stable across versions). Values are uint32: a 128-permutation signature is 512 bytes.

Why not datasketch: measured on 1,000 documents of 500 words (``/tmp/dedup/bench.py 1000``,
2 cores shared with other jobs, so absolute numbers drift ~2x between runs; compare within a
run), 128 permutations, signature only: this module 8,000 docs/s vs ``MinHash.bulk`` with
xxh32 5,600-6,400 (a quieter run), 5,000 vs 4,400 (a loaded one); with tokenising and
shingling included both are ~950 docs/s, so speed does not decide. What does: this works on
the same uint64 shingle hashes that verification reads (datasketch wants byte strings), needs
no permutation objects kept alive (``MinHash(...)`` rebuilds them per call) and no ``scheme=``
bookkeeping (datasketch 2.0 changed its default scheme and its values with it). Estimates are
as good: over 400 pairs, estimate minus exact Jaccard had bias -0.003 and RMSE 0.036 here,
-0.004 and 0.037 with datasketch (sampling theory at J = 0.5: 0.044). The whole per-article
path (shingle with a title check, signature, 42 band keys) ran at ~600 docs/s on the loaded
machine: nothing next to embedding.

Band keys are xxh64 of each band's little-endian bytes, seeded with the band number, as
*signed* 64-bit ints: SQLite's INTEGER is signed, and a Python int above 2**63 - 1 does not fit.
"""

from __future__ import annotations

import numpy as np
import xxhash

from ..errors import UsageError

__all__ = ["NUM_PERM", "BANDS", "ROWS", "SEED", "signature", "band_keys", "estimate_jaccard", "candidate_probability"]

#: Hash functions per signature: 128 estimate a Jaccard of 0.5 within +-0.044 (one standard
#: deviation) and leave room for 42 bands of 3. Measured (``/tmp/dedup/bench.py``, 500-word
#: documents): see the module docstring.
NUM_PERM = 128
#: LSH bands and rows per band (126 of the 128 values; the S-curve's midpoint is J ~ 0.29).
#: Measured on dev with word 4-grams (``/tmp/dedup/sweep.py 4 4``, ``/tmp/dedup/eval_copies.py``):
#: share of pairs that became candidates, for 42x3 / 32x4 / 64x2 --
#: copies, boilerplate, edited words, cut tails 1.000 / 0.995+ / 1.000; all edits at once
#: 0.981 / 0.800 / 1.000; SemEval "very similar" pairs (different outlets, each candidate one
#: exact check) 0.046 / 0.021 / 0.146; random pairs 0 / 0 / 0. 64x2 finds everything but makes
#: 3x the chance candidates, and a site's shared boilerplate (J ~ 0.1 between its articles)
#: would make ~47% of its article pairs candidates (42x3: 4%).
BANDS = 42
ROWS = 3
#: Seed of the hash functions: part of the stored format (a change invalidates every signature).
SEED = 20260101

_BLOCK = 4096  # shingles per block: memory stays num_perm * _BLOCK * 8 bytes for any body
_GOLDEN = np.uint64(0x9E37_79B9_7F4A_7C15)


def signature(shingles: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """The MinHash signature (uint32, shape ``(num_perm,)``) of a set of 64-bit shingle hashes
    (:attr:`.Shingles.hashes`; repeats are harmless). An empty set has no signature."""
    x = np.asarray(shingles, dtype=np.uint64)
    if x.ndim != 1 or len(x) == 0:
        raise UsageError("signature needs a non-empty 1-D array of shingle hashes; skip a body with no shingles")
    if num_perm < 1:
        raise UsageError(f"num_perm must be at least 1, got {num_perm}")
    a, b = _parameters(num_perm, seed)
    sig = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(x), _BLOCK):
        block = x[None, start : start + _BLOCK]
        sig = np.minimum(sig, _min_hash(a, b, block))
    return (sig >> np.uint64(32)).astype(np.uint32)


def _min_hash(a: np.ndarray, b: np.ndarray, block: np.ndarray) -> np.ndarray:
    # The top 32 bits are taken after the minimum: min of (v >> 32) == (min v) >> 32.
    return (a[:, None] * block + b[:, None]).min(axis=1)


def _parameters(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``a`` (odd) and ``b`` of each hash function, from splitmix64 of ``seed``."""
    counter = np.arange(1, 2 * num_perm + 1, dtype=np.uint64) * _GOLDEN + np.uint64(seed % 2**64)
    z = (counter ^ (counter >> np.uint64(30))) * np.uint64(0xBF58_476D_1CE4_E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D0_49BB_1331_11EB)
    z = z ^ (z >> np.uint64(31))
    return z[0::2] | np.uint64(1), z[1::2]


def band_keys(sig: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> list[int]:
    """One signed 64-bit key per band: xxh64 of the band's rows (little-endian uint32), seeded
    with the band's number, so equal rows in different bands give different keys."""
    if bands < 1 or rows < 1:
        raise UsageError(f"bands and rows must be at least 1, got {bands} and {rows}")
    if bands * rows > len(sig):
        raise UsageError(f"{bands} bands of {rows} rows need {bands * rows} values; the signature has {len(sig)}")
    raw = np.asarray(sig, dtype="<u4").tobytes()
    width = 4 * rows
    keys = (xxhash.xxh64_intdigest(raw[i * width : (i + 1) * width], i) for i in range(bands))
    return [k - 2**64 if k >= 2**63 else k for k in keys]


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of positions where two signatures agree: an unbiased estimate of Jaccard."""
    if len(a) != len(b):
        raise UsageError(f"signatures of {len(a)} and {len(b)} values cannot be compared")
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def candidate_probability(jaccard: float, bands: int = BANDS, rows: int = ROWS) -> float:
    """Probability that two bodies of this Jaccard similarity share at least one band key."""
    return 1.0 - (1.0 - jaccard**rows) ** bands
