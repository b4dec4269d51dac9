"""Matching two articles' facts (:func:`match_facts`), the second half of :mod:`samestory.entities`.

:func:`match_facts` pairs two :class:`Facts`: names by folded keys and fuzzy similarity (Arabic by
consonant skeleton), places by gazetteer id, numbers by value, dates by day and month. A candidate
counts only when it matches a name on the other side, so the ratios mean the same in every pair.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .keys import AR_MIN_SKELETON, AR_SHORT_RATIO, NAME_SIMILARITY, consonants, generic_words, latin_rich, similar
from .types import DateMention, FactMatch, Facts, Mention, Quantity

__all__ = ["match_facts"]

T = TypeVar("T")

#: Mention tuples each memoised function keeps results for (a few KB each).
MEMO_SIZE = 256


def match_facts(a: Facts, b: Facts) -> FactMatch:
    """Shared names, numbers and dates of two articles, and how much of each side is shared."""
    pairs = _name_pairs(a.names, b.names)
    pairs += [(i, -1 - j, s) for i, j, s in _candidate_pairs(a.names, b.candidates)]
    pairs += [(-1 - j, i, s) for i, j, s in _candidate_pairs(b.names, a.candidates)]
    shared_names, ratio_a, ratio_b, n_a, n_b = _name_overlap(a, b, pairs)
    shared_numbers, numbers_overlap = _number_overlap(a.numbers, b.numbers)
    shared_dates, dates_overlap = _date_overlap(a.dates, b.dates)
    return FactMatch(
        shared_names,
        shared_numbers,
        shared_dates,
        ratio_a,
        ratio_b,
        numbers_overlap,
        dates_overlap,
        n_a,
        n_b,
        len(a.numbers),
        len(b.numbers),
        len(a.dates),
        len(b.dates),
    )


def _name_pairs(a: tuple[Mention, ...], b: tuple[Mention, ...]) -> list[tuple[int, int, float]]:
    """(index in a, index in b, similarity) of every matching pair of names, in (a, b) order.

    Two names can only match when a word or key of one is alike a word or key of the other (or
    their gazetteer ids agree), so only such pairs are scored: linear in the matches rather than
    quadratic in the names (two 2,500-sentence reports hold ~1,200 names each)."""
    strings_a, holders_a = _name_strings(a)
    strings_b, holders_b = _name_strings(b)
    if not strings_a or not strings_b:
        return []
    matrix = cdist(strings_a, strings_b, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY * 100 - 1e-6)
    row = {s: i for i, s in enumerate(strings_a)}
    col = {s: j for j, s in enumerate(strings_b)}

    def sim(x: str, y: str) -> float:
        return similar(x, y, float(matrix[row[x], col[y]]))

    out = []
    for i, j in _candidate_mentions(holders_a, holders_b, strings_a, strings_b, matrix):
        ma, mb = a[i], b[j]
        if ma.ref and mb.ref:
            s = 1.0 if ma.ref == mb.ref else 0.0
        else:
            s = _mention_similarity(ma.key.split(), mb.key.split(), sim)
        if s:
            out.append((i, j, s))
    return out


def _strings(m: Mention) -> set[str]:
    return {m.key, *m.key.split()}


def _candidate_mentions(
    holders_a: dict[str, list[int]],
    holders_b: dict[str, list[int]],
    strings_a: list[str],
    strings_b: list[str],
    matrix: np.ndarray,
) -> list[tuple[int, int]]:
    """Sorted (i, j) of the mention pairs sharing an alike string or a gazetteer id."""
    pairs = {
        (i, j)
        for ref in holders_a.keys() & holders_b.keys()
        if ref.startswith("@")
        for i in holders_a[ref]
        for j in holders_b[ref]
    }
    for p, q in zip(*np.nonzero(matrix)):
        pairs.update((i, j) for i in holders_a[strings_a[p]] for j in holders_b[strings_b[q]])
    return sorted(pairs)


def _mention_similarity(ta: list[str], tb: list[str], sim) -> float:
    """Whole keys alike; or a one-word name alike a word of the other; or two multi-word names
    whose last words, or all words of the shorter, are alike. A generic word ("Front", "Hotel")
    never carries a match alone. ``sim(x, y)`` takes x from a, y from b."""
    generic = generic_words()
    full = sim(" ".join(ta), " ".join(tb))
    if full:
        return full
    if len(ta) == 1:
        return 0.0 if ta[0] in generic else max((sim(ta[0], t) for t in tb if t not in generic), default=0.0)
    if len(tb) == 1:
        return 0.0 if tb[0] in generic else max((sim(t, tb[0]) for t in ta if t not in generic), default=0.0)
    last = sim(ta[-1], tb[-1]) if ta[-1] not in generic else 0.0
    if last:
        return last
    if len(ta) <= len(tb):
        shorter, scores = ta, [max(sim(t, u) for u in tb) for t in ta]
    else:
        shorter, scores = tb, [max(sim(u, t) for u in ta) for t in tb]
    return min(scores) if all(scores) and not set(shorter) <= generic else 0.0


def _candidate_pairs(names: tuple[Mention, ...], candidates: tuple[Mention, ...]) -> list[tuple[int, int, float]]:
    """(name index, candidate index, similarity) of each candidate that matches a name: Arabic ones
    by consonant skeleton, the others by key similarity with a name or one of its words. A place
    is left to the gazetteer when the candidates' script is not Latin: it would have found it."""
    out = []
    arabic, others, caseless = _candidate_sides(candidates)
    if arabic:
        for i, rich, skeleton in _skeletons(names):
            for j in arabic.get(skeleton, ()):
                if len(skeleton) >= AR_MIN_SKELETON:
                    out.append((i, j, 1.0))
                elif len(skeleton) == 3 and fuzz.ratio(rich, candidates[j].key) >= AR_SHORT_RATIO * 100:
                    out.append((i, j, AR_SHORT_RATIO))
    pool = _key_strings(names, caseless)
    if others and pool:
        keys = [candidates[j].key for j in others]
        matrix = cdist([s for _, s in pool], keys, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY * 100 - 1e-6)
        for p, q in zip(*matrix.nonzero()):
            score = similar(pool[p][1], keys[q], float(matrix[p, q]))
            if score:
                out.append((pool[p][0], others[q], score))
    return out


def _by_identity(fn: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``fn`` on the identity of its first argument (a tuple of mentions: hashing one
    by value costs as much as the work saved), the most recent :data:`MEMO_SIZE` of them (what
    repeats is the new article's side, against each of its ~8 candidates, and the stored
    members of the stories it is compared with, whose views the story memory keeps); the entry
    keeps the tuple alive, so its id cannot be reused while the entry stands."""
    memo: OrderedDict[tuple, tuple[object, T]] = OrderedDict()

    def memoised(first, *rest):
        key = (id(first), *rest)
        hit = memo.get(key)
        if hit is not None and hit[0] is first:
            memo.move_to_end(key)
            return hit[1]
        value = fn(first, *rest)
        memo[key] = (first, value)
        if len(memo) > MEMO_SIZE:
            memo.popitem(last=False)
        return value

    return memoised


# The four below are memoised on one article's mentions: the clusterer matches a new article
# with ~8 stored ones, so each side's forms recur (they were a tenth of the cost of an add).
@_by_identity
def _name_strings(mentions: tuple[Mention, ...]) -> tuple[list[str], dict[str, list[int]]]:
    """The sorted distinct keys and key words of the names, and which names hold each (and each
    gazetteer id, as "@id")."""
    holders: dict[str, list[int]] = defaultdict(list)
    strings: set[str] = set()
    for i, m in enumerate(mentions):
        for text in _strings(m):
            holders[text].append(i)
            strings.add(text)
        if m.ref:
            holders["@" + m.ref].append(i)
    return sorted(strings), dict(holders)


@_by_identity
def _candidate_sides(candidates: tuple[Mention, ...]) -> tuple[dict[str, list[int]], list[int], bool]:
    """Arabic candidates by consonant skeleton; the indexes of the others; whether any of those is
    in a script without case."""
    arabic: dict[str, list[int]] = {}
    others: list[int] = []
    caseless = False
    for j, c in enumerate(candidates):  # one pass: a store re-reads each member's facts per batch
        if c.script == "arabic":
            arabic.setdefault(consonants(c.key), []).append(j)
        else:
            others.append(j)
            caseless = caseless or c.script != "latin"
    return arabic, others, caseless


@_by_identity
def _skeletons(names: tuple[Mention, ...]) -> tuple[tuple[int, str, str], ...]:
    """(name index, Arabic-style spelling, consonant skeleton) of each name, its words and word
    pairs (names from the gazetteer are matched by id instead)."""
    out = []
    for i, name in enumerate(names):
        if name.ref:
            continue
        words = name.text.split()
        for form in dict.fromkeys([name.text, *words, *map(" ".join, zip(words, words[1:]))]):
            rich = latin_rich(form)
            out.append((i, rich, consonants(rich)))
    return tuple(out)


@_by_identity
def _key_strings(names: tuple[Mention, ...], caseless: bool) -> tuple[tuple[int, str], ...]:
    """(name index, key or key word) of the names a candidate is compared with."""
    generic = generic_words()
    return tuple(
        (i, s)
        for i, n in enumerate(names)
        if not (n.ref and caseless)
        for s in dict.fromkeys([n.key, *n.key.split()])
        if s not in generic
    )


def _name_overlap(a: Facts, b: Facts, pairs: list[tuple[int, int, float]]):
    """Shared names (the best partner of every matched item) and the two overlap ratios. Indexes
    below zero are candidates (-1 the first). Candidates add to their side one name for each name
    of the other side that they, and no sure name, matched."""

    def label(facts: Facts, k: int) -> str:
        return facts.names[k].text if k >= 0 else facts.candidates[-1 - k].text

    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    for i, j, s in pairs:
        for slot in ((0, i), (1, j)):
            if s > best.get(slot, (0.0,))[0]:
                best[slot] = (s, i, j)
    top: dict[tuple[str, str], float] = {}
    for s, i, j in best.values():
        pair = (label(a, i), label(b, j))
        top[pair] = max(top.get(pair, 0.0), round(s, 3))
    shared = sorted(((x, y, s) for (x, y), s in top.items()), key=lambda t: (-t[2], t[0], t[1]))
    sure = [(i, j) for i, j, _ in pairs if i >= 0 and j >= 0]
    a_extra = {j for i, j, _ in pairs if i < 0} - {j for _, j in sure}
    b_extra = {i for i, j, _ in pairs if j < 0} - {i for i, _ in sure}
    n_a, n_b = len(a.names) + len(a_extra), len(b.names) + len(b_extra)
    found_a = len({i for i, _, _ in pairs if i >= 0}) + len(a_extra)
    found_b = len({j for _, j, _ in pairs if j >= 0}) + len(b_extra)
    return shared, found_a / n_a if n_a else 0.0, found_b / n_b if n_b else 0.0, n_a, n_b


def _number_overlap(a: tuple[Quantity, ...], b: tuple[Quantity, ...]):
    by_key = {q.key: q for q in b}
    shared = [(q.text, by_key[q.key].text, q.value) for q in a if q.key in by_key]
    union = len({q.key for q in a} | set(by_key))
    return shared, len(shared) / union if union else 0.0


def _date_overlap(a: tuple[DateMention, ...], b: tuple[DateMention, ...]):
    """Dates pair up one to one when day and month agree and neither year contradicts."""
    shared, used = [], set()
    for da in a:
        for j, db in enumerate(b):
            if (
                j not in used
                and (da.month, da.day) == (db.month, db.day)
                and (da.year is None or db.year is None or da.year == db.year)
            ):
                shared.append((da.text, db.text, da.key if da.year else db.key))
                used.add(j)
                break
    union = len(a) + len(b) - len(shared)
    return shared, len(shared) / union if union else 0.0
