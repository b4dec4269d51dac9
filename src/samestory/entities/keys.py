"""Spellings made comparable: name keys in Latin letters for any script, fuzzy name similarity,
Arabic spelling helpers and caseless word tables. Shared by the extracting and matching modules
of :mod:`samestory.entities`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TypeVar

from anyascii import anyascii
from rapidfuzz import fuzz

from ..text.calendar import MONTHS
from . import data

T = TypeVar("T")

__all__ = [
    "NAME_SIMILARITY",
    "MIN_FUZZY_LEN",
    "AR_MIN_SKELETON",
    "AR_SHORT_RATIO",
    "name_key",
    "fold_token",
    "generic_words",
    "name_similarity",
    "similar",
    "consonants",
    "latin_rich",
    "replacer",
    "ar_norm",
    "ar_latin",
    "ar_variants",
    "caseless_keys",
    "fold_case",
    "months",
]

#: Two name keys of MIN_FUZZY_LEN+ letters match at this rapidfuzz ratio (0-1). Chosen on the
#: hand-made pairs in tests/test_entities.py (SAME, DIFFERENT): same names whose keys differ score
#: >= 0.889 (Gorbachev/Gorbatschow), different names with keys of 5+ letters <= 0.857
#: (Hamburg/Homburg; Austria/Australia 0.833).
NAME_SIMILARITY = 0.86
#: Keys shorter than this must be equal: "Iran"/"Irak" (0.75) and "Mali"/"Malta" never match.
MIN_FUZZY_LEN = 5
#: An Arabic candidate matches a Latin name whose consonant skeleton it shares, when the skeleton
#: has this many letters ("Leila Haddad" = l-l-h-d-d) ...
AR_MIN_SKELETON = 4
#: ... or 3 letters and the long-vowel spelling agrees this well too ("بوتين" = "butin" = "Putin").
AR_SHORT_RATIO = 0.8

_LATIN_WORD = re.compile(r"[a-z]+")


# name_key, fold_token, ar_norm and ar_variants are memoised: the same words recur in every
# article (extracting facts calls them ~150 times an article) and they are pure.
@lru_cache(maxsize=1 << 14)
def name_key(surface: str) -> str:
    """The folded Latin key of a name in any script: "al-Nosra-Front" and "al-Nusra Front" ->
    "nusr frunt", "Рухани", "Rouhani" and "Rohani" -> "ruhan", "Syrien" and "Сирия" -> "sir"."""
    words = _LATIN_WORD.findall(anyascii(surface).lower().replace("'", "").replace("`", ""))
    if len(words) > 1:
        words = [w for w in words if w not in ("al", "el")]
    return " ".join(filter(None, map(fold_token, words)))


@lru_cache(maxsize=1 << 14)
def fold_token(word: str) -> str:
    """Spelling variants folded (data.KEY_FOLDS, c/k, double letters), one inflection ending cut,
    o/u and e/i merged, final vowels cut."""
    for a, b in data.KEY_FOLDS:
        word = word.replace(a, b)
    word = _DOUBLE.sub(r"\1", _HARD_C.sub("k", word))
    if word.endswith(data.KEY_ENDINGS):
        cut = next(
            (len(e) for e in data.KEY_ENDINGS if word.endswith(e) and len(word) - len(e) >= (3 if e == "ien" else 4)), 0
        )
        word = word[: len(word) - cut]
    word = _DOUBLE.sub(r"\1", word.replace("o", "u").replace("e", "i"))
    stripped = word.rstrip("aiu")
    return stripped if len(stripped) >= 3 else word


_DOUBLE = re.compile(r"(.)\1+")
_HARD_C = re.compile(r"c(?!h)")


@cache
def generic_words() -> frozenset[str]:
    """data.GENERIC_NAME_WORDS as keys (built on first use, not at import)."""
    return frozenset(map(fold_token, data.GENERIC_NAME_WORDS))


def name_similarity(a: str, b: str) -> float:
    """Similarity 0-1 of two names in any scripts, 0 when they do not match."""
    return similar(name_key(a), name_key(b))


def similar(a: str, b: str, ratio: float | None = None) -> float:
    if a == b:
        return 1.0 if a else 0.0
    if min(len(a), len(b)) < MIN_FUZZY_LEN:
        return 0.0
    r = (fuzz.ratio(a, b) if ratio is None else ratio) / 100
    return r if r >= NAME_SIMILARITY else 0.0


# Both are memoised: a story assignment matches one article's names against ~8 others', and the
# same few hundred names recur (a quarter of the clusterer's time went to recomputing them).
@lru_cache(maxsize=1 << 14)
def consonants(rich: str) -> str:
    return _SHORT_VOWELS.sub("", rich)


_SHORT_VOWELS = re.compile(r"[aiu]")


@lru_cache(maxsize=1 << 14)
def latin_rich(surface: str) -> str:
    """A Latin name spelt the way Arabic script writes it: consonants and long-vowel letters."""
    s = re.sub(r"(.)\1", r"\1", re.sub(r"[^a-z]", "", anyascii(surface).lower()))
    for a, b in data.AR_LATIN_FOLDS:
        s = s.replace(a, b)
    return s


# -- Arabic spelling ---


def replacer(table):
    """A function that replaces every character that is a key of ``table`` by its value (one
    ``str.translate``: a regex substitution with a callback cost a hundred times more)."""
    if any(len(k) != 1 for k in table):
        raise ValueError("replacer: every key must be one character")
    translation = str.maketrans(dict(table))
    return lambda text: text.translate(translation)


@lru_cache(maxsize=1 << 14)
def ar_norm(s: str) -> str:
    return _AR_LETTERS(re.sub(r"[\u064b-\u065f\u0670]", "", s))


_AR_LETTERS = replacer(MappingProxyType(dict(zip("أإآةى", "اااهي"))))
ar_latin = replacer(data.AR_LETTERS)


@lru_cache(maxsize=1 << 14)
def ar_variants(word: str) -> tuple[str, ...]:
    """An Arabic word as written and without its clitic prefixes (و ف ب ل ك, the article ال)."""
    out = [word]
    for prefix in data.AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            out.append(word[len(prefix) :])
            if out[-1].startswith("ال") and len(out[-1]) > 3:
                out.append(out[-1][2:])
    return tuple(out)


# -- caseless tables ---


def caseless_keys(table: Mapping[str, T]) -> MappingProxyType[str, T]:
    """``table`` with each key also as upper- then lower-casing returns it: Turkish "MAYIS" comes
    back as "mayis", not "mayıs" (look keys up with :func:`fold_case`)."""
    out: dict[str, T] = {}
    for key, value in table.items():
        key = unicodedata.normalize("NFKC", key).lower()
        out.setdefault(key, value)
        out.setdefault(fold_case(key.upper()), value)
    return MappingProxyType(out)


def fold_case(word: str) -> str:
    return word.lower().replace("\u0307", "")  # "NİSAN".lower() is "ni̇san" with a combining dot


@cache
def months() -> MappingProxyType:
    """The month table (text.calendar.MONTHS) with caseless keys (built on first use, like the tables below)."""
    return caseless_keys(MONTHS)
