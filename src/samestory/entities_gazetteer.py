"""The gazetteer of :mod:`samestory.entities`: countries, cities and organisations of
``entities_data.GAZETTEER`` looked up in cased text (inflected forms too), in Chinese, Japanese,
Arabic and Hindi text; and the Arabic spelling helpers the caseless candidates share. The tables
are built on first use (:func:`_gazetteer`), not at import."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from anyascii import anyascii

from . import entities_data as data
from .entities_match import name_key

_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _replacer(table):
    """A function that replaces every character that is a key of ``table`` by its value."""
    pattern = re.compile("[" + "".join(map(re.escape, table)) + "]")
    return lambda text: pattern.sub(lambda m: table[m.group()], text)


def _gkey(form: str) -> str:
    return " ".join(_ASCII_WORD.findall(anyascii(form).lower()))


def _ar_norm(s: str) -> str:
    return _ar_letters(re.sub(r"[\u064b-\u065f\u0670]", "", s))


_ar_letters = _replacer(MappingProxyType(dict(zip("أإآةى", "اااهي"))))
_ar_latin = _replacer(data.AR_LETTERS)


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    latin: MappingProxyType            # lang -> {ascii key -> id}
    acronyms: MappingProxyType         # "USA", "ООН" -> id (case-sensitive)
    arabic: MappingProxyType           # normalised form, with and without the article -> id
    hindi: MappingProxyType
    cjk: MappingProxyType              # Chinese and Japanese forms -> id
    cjk_pattern: re.Pattern


@cache
def _gazetteer() -> _Gazetteer:
    """The read-only gazetteer tables, built on first use: ~3 ms for 135 rows, mostly compiling the
    Chinese/Japanese pattern."""
    latin: dict[str, dict[str, str]] = {lang: {} for lang in data.GAZETTEER_LANGS}
    acronyms, arabic, hindi, cjk = {}, {}, {}, {}
    for row in data.GAZETTEER.strip().splitlines():
        ref, *cells = row.split("|")
        for lang, cell in zip(data.GAZETTEER_LANGS, cells):
            for form in filter(None, unicodedata.normalize("NFKC", cell).split("/")):
                if lang == "ar":
                    norm = _ar_norm(form)
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
    return _Gazetteer(frozen, *(MappingProxyType(t) for t in (acronyms, arabic, hindi, cjk)), pattern)


def _place(word: str, lang: str) -> str:
    """The gazetteer id of a capitalised word or phrase in ``lang`` (or English), inflected or not."""
    gaz = _gazetteer()
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
                base = key[:-len(ending)]
                yield from (base, base + "a", base + "ya", base + "iya", base + "ia")


def _caseless_places(text: str, caseless: dict[str, list[re.Match]]):
    gaz = _gazetteer()
    for m in gaz.cjk_pattern.finditer(text):
        kata = re.fullmatch(r"[\u30a1-\u30fc]+", m.group())
        if not kata or not (_is_kata(text, m.start() - 1) or _is_kata(text, m.end())):   # not "タイ" in "タイヤ"
            yield (m.group(), name_key(m.group()), True, gaz.cjk[m.group()], "cjk")
    for script, table in (("ar", gaz.arabic), ("deva", gaz.hindi)):
        words = caseless[script]
        for i in range(len(words)):
            for span in (3, 2, 1):
                phrase = " ".join(w.group() for w in words[i:i + span])
                variants = _ar_variants(_ar_norm(phrase)) if script == "ar" else [phrase]
                ref = next((table[v] for v in variants if v in table), "")
                if ref:
                    yield (phrase, name_key(phrase), True, ref, script)
                    break


def _is_kata(text: str, i: int) -> bool:
    return 0 <= i < len(text) and "\u30a1" <= text[i] <= "\u30fc"


def _ar_variants(word: str) -> list[str]:
    """An Arabic word as written and without its clitic prefixes (و ف ب ل ك, the article ال)."""
    out = [word]
    for prefix in data.AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            out.append(word[len(prefix):])
            if out[-1].startswith("ال") and len(out[-1]) > 3:
                out.append(out[-1][2:])
    return out
