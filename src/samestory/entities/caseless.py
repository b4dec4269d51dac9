"""Candidate names in caseless scripts for :mod:`samestory.entities`: Arabic words and n-grams
spelt in Latin letters, Hindi words and pairs, Chinese character n-grams as pinyin, katakana and
quoted kana words as romaji. They count only when they match a name on the other side."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from anyascii import anyascii

from . import data
from .keys import ar_latin, ar_norm, ar_variants, consonants, fold_token, name_key
from .types import NameHit

__all__ = ["caseless_candidates"]

_QUOTED_KANA = re.compile(r"「([\u3041-\u3096\u30a1-\u30fa\u30fc]{2,})」")
_DEVA_CONSONANT = re.compile(r"[\u0915-\u0939\u0958-\u095f]")


def caseless_candidates(text: str, lang: str, caseless: dict[str, list[re.Match]]) -> Iterator[NameHit]:
    """Arabic words and 2-3 word n-grams (as Latin spellings), Hindi words and word pairs, Chinese
    character 2-5-grams (not in Japanese: kanji names are not read the Chinese way), katakana
    words and kana words in 「」 quotes."""
    for grams in _ngrams(text, caseless["ar"], 3):
        for variant in ar_variants(grams[0]):
            rich = re.sub(r"[^a-z]", "", ar_latin(ar_norm(" ".join([variant, *grams[1:]]))))
            if len(consonants(rich)) >= 3:
                yield NameHit(" ".join(grams), rich, False, "", "arabic")
    for grams in _ngrams(text, caseless["deva"], 2):
        if not any(g in data.HI_STOPWORDS for g in grams):
            yield NameHit(" ".join(grams), name_key(" ".join(map(_devanagari, grams))), False, "", "deva")
    runs = [] if lang == "ja" else [m.group() for m in caseless["han"]]
    pinyin = {ch: anyascii(ch).lower() for ch in set("".join(runs))}  # one syllable per character
    grams = dict.fromkeys(run[i : i + n] for run in runs for n in range(2, 6) for i in range(len(run) - n + 1))
    yield from (NameHit(gram, fold_token("".join(pinyin[ch] for ch in gram)), False, "", "han") for gram in grams)
    for word in [m.group() for m in caseless["kata"]] + _QUOTED_KANA.findall(text):
        yield from (NameHit(word, name_key(reading), False, "", "kana") for reading in _romaji(word))


def _ngrams(text: str, words: list[re.Match], n: int):
    """Runs of 1..n words separated by white space only."""
    for i, word in enumerate(words):
        grams = [word.group()]
        yield grams[:]
        for prev, nxt in zip(islice(words, i, None), islice(words, i + 1, i + n)):
            if not text[prev.end() : nxt.start()].isspace():
                break
            grams.append(nxt.group())
            yield grams[:]


def _romaji(kana: str) -> tuple[str, ...]:
    """Readings of a katakana word: as written; without the vowels Japanese adds after consonants
    ("asutana" -> "astana"); each also with l for r ("zerensuki" -> "zelenski")."""
    s = anyascii(kana).lower().replace("chi", "ti").replace("shi", "si")
    bare = re.sub(r"(?<=[bdfghkmnprstvz])[uo](?=[bcdfghjkmnprstvz]|$)", "", s)
    return tuple(dict.fromkeys((s, bare, s.replace("r", "l"), bare.replace("r", "l"))))


def _devanagari(word: str) -> str:
    """Devanagari in Latin letters with the inherent vowel anyascii leaves out ("असद" -> "asad"),
    but not at the end of the word, where Hindi drops it."""
    out = []
    for i, ch in enumerate(word):
        out.append(anyascii(ch))
        nxt = word[i + 1 : i + 2].replace("\u093c", "") or word[i + 2 : i + 3]
        if _DEVA_CONSONANT.match(ch) and nxt and (_DEVA_CONSONANT.match(nxt) or nxt in "\u0902\u0903"):
            out.append("a")
    return "".join(out)
