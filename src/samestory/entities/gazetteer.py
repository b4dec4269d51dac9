"""The gazetteer of :mod:`samestory.entities`: countries, cities and organisations of
``places.GAZETTEER`` looked up in cased text (inflected forms too) and in Chinese, Japanese, Arabic
and Hindi text. The tables are built on first use (:func:`gazetteer`), not at import."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from anyascii import anyascii

from . import data, places
from .keys import ar_norm, ar_variants, name_key
from .types import NameHit

__all__ = ["gazetteer", "place", "caseless_places"]

_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _gkey(form: str) -> str:
    return " ".join(_ASCII_WORD.findall(anyascii(form).lower()))


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    latin: MappingProxyType  # lang -> {ascii key -> id}
    acronyms: MappingProxyType  # "USA", "ООН" -> id (case-sensitive)
    arabic: MappingProxyType  # normalised form, with and without the article -> id
    hindi: MappingProxyType
    cjk: MappingProxyType  # Chinese and Japanese forms -> id
    cjk_pattern: re.Pattern


@cache
def gazetteer() -> _Gazetteer:
    """The read-only gazetteer tables, built on first use: ~3 ms for 135 rows, mostly compiling the
    Chinese/Japanese pattern."""
    latin: dict[str, dict[str, str]] = {lang: {} for lang in places.GAZETTEER_LANGS}
    acronyms: dict[str, str] = {}
    arabic: dict[str, str] = {}
    hindi: dict[str, str] = {}
    cjk: dict[str, str] = {}
    for row in places.GAZETTEER.strip().splitlines():
        ref, *cells = row.split("|")
        for lang, cell in zip(places.GAZETTEER_LANGS, cells):
            for form in filter(None, unicodedata.normalize("NFKC", cell).split("/")):
                if lang == "ar":
                    norm = ar_norm(form)
                    arabic.setdefault(norm, ref)
                    arabic.setdefault(norm[2:] if norm.startswith("ال") else norm, ref)
                elif lang == "hi" or (lang in ("zh", "ja") and not form.isascii()):
                    (hindi if lang == "hi" else cjk).setdefault(form, ref)
                elif form.replace(".", "").isupper() and len(form) <= 6:
                    acronyms.setdefault(form, ref)
                else:
                    latin[lang].setdefault(_gkey(form), ref)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(cjk, key=len, reverse=True)))
    frozen = MappingProxyType({lang: MappingProxyType(table) for lang, table in latin.items()})
    return _Gazetteer(
        frozen,
        MappingProxyType(acronyms),
        MappingProxyType(arabic),
        MappingProxyType(hindi),
        MappingProxyType(cjk),
        pattern,
    )


def place(word: str, lang: str) -> str:
    """The gazetteer id of a capitalised word or phrase in ``lang`` (or English), inflected or not."""
    gaz = gazetteer()
    if word in gaz.acronyms or not word[:1].isupper():
        return gaz.acronyms.get(word, "")
    tables = [gaz.latin[lang]] if lang in gaz.latin else list(gaz.latin.values())
    tables += [gaz.latin["en"]] if lang != "en" else []
    for key in _inflected(_gkey(word)):
        for table in tables:
            if key in table:
                return table[key]
    return ""


def _inflected(key: str):
    """``key`` and what it may be an inflection of: "rossii" -> "ross", "rossiya", ..."""
    yield key
    if len(key) >= 5 and " " not in key:
        for ending in data.PLACE_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                base = key[: -len(ending)]
                yield from (base, base + "a", base + "ya", base + "iya", base + "ia")


def caseless_places(text: str, caseless: dict[str, list[re.Match]]) -> Iterator[NameHit]:
    gaz = gazetteer()
    for m in gaz.cjk_pattern.finditer(text):
        kata = re.fullmatch(r"[\u30a1-\u30fc]+", m.group())
        if not kata or not (_is_kata(text, m.start() - 1) or _is_kata(text, m.end())):  # not "タイ" in "タイヤ"
            yield NameHit(m.group(), name_key(m.group()), True, gaz.cjk[m.group()], "cjk")
    for script, table in (("ar", gaz.arabic), ("deva", gaz.hindi)):
        words = caseless[script]
        for i in range(len(words)):
            for span in (3, 2, 1):
                phrase = " ".join(w.group() for w in words[i : i + span])
                variants = ar_variants(ar_norm(phrase)) if script == "ar" else [phrase]
                ref = next((table[v] for v in variants if v in table), "")
                if ref:
                    yield NameHit(phrase, name_key(phrase), True, ref, script)
                    break


def _is_kata(text: str, i: int) -> bool:
    return 0 <= i < len(text) and "\u30a1" <= text[i] <= "\u30fc"
