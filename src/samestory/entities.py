"""Names, numbers and dates of an article, normalised so that two articles in different languages
and scripts can be compared fact by fact. No model: rules, word lists, a small gazetteer and
transliteration (``anyascii``) with fuzzy matching (``rapidfuzz``).

Steps of :func:`extract_facts`:

1. normalise: NFKC (full-width forms), Arabic-Indic and Devanagari digits to ASCII;
2. dates: "28. März", "March 28, 2017", "28 марта", "21 de septiembre", "4月1日", "١٢ أكتوبر";
3. clock times ("23:40" = "23.40 Uhr") and numbers outside dates, read with the language's decimal
   convention and scale words ("4,5 Millionen", "24 ألف", "9億2千万"); percentages marked;
4. names. Cased scripts: runs of capitalised words, split at titles, function words, months and
   (German) common nouns; places found by a gazetteer in 14 languages. A run is a *name* when its
   capitals carry information (a word capitalised mid-sentence; in German, several words), else a
   *candidate*. Arabic, Chinese, Japanese and Hindi text gives candidates (transliterated words
   and n-grams) besides gazetteer places and Latin-script names.

:func:`match_facts` pairs two :class:`Facts`: names by folded keys and fuzzy similarity (Arabic by
consonant skeleton), places by gazetteer id, numbers by value, dates by day and month. A candidate
counts only when it matches a name on the other side, so the ratios mean the same in every pair.

Layout: this module extracts (dates, numbers, names in cased scripts); :mod:`.entities_caseless`
finds candidates in caseless scripts, :mod:`.entities_gazetteer` places, :mod:`.entities_match`
holds name keys, similarity and matching, :mod:`.entities_types` the records and
:mod:`.entities_data` the word lists. The public names are all exported here. Tables derived from
the word lists are built on first use, not at import.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache as _cache
from types import MappingProxyType

from . import entities_data as data
from .entities_caseless import _caseless_candidates
from .entities_gazetteer import _caseless_places, _place, _replacer
from .entities_match import (AR_MIN_SKELETON, AR_SHORT_RATIO, MIN_FUZZY_LEN, NAME_SIMILARITY, match_facts, name_key,
                             name_similarity)
from .entities_types import DateMention, FactMatch, Facts, Mention, Quantity

__all__ = ["Mention", "Quantity", "DateMention", "Facts", "FactMatch", "extract_facts", "match_facts",
           "name_key", "name_similarity", "NAME_SIMILARITY", "MIN_FUZZY_LEN", "AR_MIN_SKELETON", "AR_SHORT_RATIO"]


def extract_facts(text: str, lang: str, title: str | None = None) -> Facts:
    """Names, numbers and dates of one article; ``title`` is read as its first line."""
    text = _ascii_digits(unicodedata.normalize("NFKC", f"{title}\n\n{text}" if title else text))
    lang = (lang or "").lower()[:2]
    taken = bytearray(len(text))               # 1 where a date, time or number was already read
    dates = _dates(text, taken)
    numbers = _numbers(text, lang, taken)
    names, candidates = _names(text, lang)
    return Facts(lang, names, numbers, dates, candidates)


# -- dates -----------------------------------------------------------------------------------------

_LETTER = r"A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u052f\u0600-\u06ff\u0900-\u097f"


def _caseless_keys(table) -> MappingProxyType:
    """``table`` with each key also as upper- then lower-casing returns it: Turkish "MAYIS" comes
    back as "mayis", not "mayıs" (look keys up with :func:`_fold_case`)."""
    out = {}
    for key, value in table.items():
        key = unicodedata.normalize("NFKC", key).lower()
        out.setdefault(key, value)
        out.setdefault(_fold_case(key.upper()), value)
    return MappingProxyType(out)


def _fold_case(word: str) -> str:
    return word.lower().replace("\u0307", "")          # "NİSAN".lower() is "ni̇san" with a combining dot


_YEAR = r"(?:,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})(?!\d))"


@_cache
def _months() -> MappingProxyType:
    """data.MONTHS with caseless keys (built on first use, like the tables below)."""
    return _caseless_keys(data.MONTHS)


@_cache
def _date_patterns() -> tuple[re.Pattern, ...]:
    month = "|".join(re.escape(m) for m in sorted(_months(), key=len, reverse=True))
    return (
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|er|º|ª|st|nd|rd|th)?\s*(?:de\s+|of\s+)?(?P<m>{month})"
                   rf"(?![{_LETTER}]){_YEAR}?", re.I),                                  # 28. März 2017
        re.compile(rf"(?<![{_LETTER}])(?=\S{{3,}}\s+\d)(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                   rf"(?![\d{_LETTER}]){_YEAR}?", re.I),                                 # March 28, 2017
        re.compile(rf"(?<![{_LETTER}])(?=\S{{3,}}\s+(?:de\s+|del\s+)?\d)(?P<m>{month}){_YEAR}", re.I),  # März 2017
        re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?"),
        re.compile(r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"),
    )


def _dates(text: str, taken: bytearray) -> tuple[DateMention, ...]:
    found: dict[str, DateMention] = {}
    for pattern in _date_patterns():
        for m in pattern.finditer(text):
            date = None if _overlaps(m.span(), taken) else _date(m)
            if date is not None:
                _take(taken, m.span())
                found.setdefault(date.key, date)
    return tuple(found.values())


def _date(m: re.Match) -> DateMention | None:
    raw = m.group("m")
    if raw == "may":                               # the English verb, never the month
        return None
    month = int(raw) if raw.isdigit() else _months().get(_fold_case(raw), 0)
    day, year = (int(g) if g else None for g in (m.groupdict().get("d"), m.groupdict().get("y")))
    if not 1 <= month <= 12 or not 1 <= (day or 1) <= 31 or not 1000 <= (year or 1000) <= 2100:
        return None
    if day is None and year is None:               # "3月", "in March": too vague to compare
        return None
    key = (f"{year:04d}" if year else "-") + f"-{month:02d}" + (f"-{day:02d}" if day else "")
    return DateMention(m.group(0).strip(), day, month, year, key)


_ascii_digits = _replacer(MappingProxyType({**{chr(base + i): str(i) for base in (0x660, 0x6F0, 0x966)
                                               for i in range(10)}, "\u066b": ".", "\u066c": ",", "\ufeff": ""}))


def _overlaps(span: tuple[int, int], taken: bytearray) -> bool:
    return any(taken[span[0]:span[1]])


def _take(taken: bytearray, span: tuple[int, int]) -> None:
    taken[span[0]:span[1]] = b"\x01" * (span[1] - span[0])


# -- numbers ---------------------------------------------------------------------------------------

_TIMES = (re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"),          # 23:40
          re.compile(r"(?<![\d:.,])([01]?\d|2[0-3])\.([0-5]\d)(?=\s*Uhr)"),           # 23.40 Uhr
          re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]) ?h ?([0-5]\d)(?!\d)"))             # 21h30
_CJK_UNIT = r"(?:[十百千万萬亿億]|兆(?![瓦赫]))"                                        # 兆瓦 is megawatt
_CJK_NUMBER = re.compile(rf"(?:\d+(?:\.\d+)?{_CJK_UNIT}+)+")
_CJK_PIECE = re.compile(r"(\d+(?:\.\d+)?)([十百千万萬亿億兆]+)")
_NUMBER = re.compile(r"(?<![\dA-Za-z\u00c0-\u024f\u0400-\u052f])(?<!\d[.,])"
                     r"(\d{1,3}(?:([,.'\u00a0\u202f\u2009 ])\d{3})(?:\2\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)")


@_cache
def _multipliers() -> MappingProxyType:
    return _caseless_keys(data.MULTIPLIERS)


@_cache
def _after() -> re.Pattern:
    """A scale word or percent sign after a figure."""
    scale = "|".join(re.escape(w) for w in sorted([*_multipliers(), *data.PERCENT_WORDS], key=len, reverse=True))
    return re.compile(rf"\s?-?\s?(?P<w>{scale})(?![{_LETTER}])|(?P<w2>[kK]|bn|mn)(?![{_LETTER}])", re.I)


def _numbers(text: str, lang: str, taken: bytearray) -> tuple[Quantity, ...]:
    found: dict[str, Quantity] = {}

    def add(surface: str, value: float, kind: str, span: tuple[int, int], key: str = "") -> None:
        _take(taken, span)
        key = key or (str(int(value)) if value.is_integer() else f"{value:.6g}")
        old = found.get(key)
        found[key] = Quantity(surface.strip(), value, kind, key) if old is None else \
            Quantity(old.text, old.value, old.kind, key, old.count + 1)

    for pattern in _TIMES:
        for m in pattern.finditer(text):
            if not _overlaps(m.span(), taken):
                h, mi = int(m.group(1)), int(m.group(2))
                add(m.group(), h * 60.0 + mi, "time", m.span(), f"{h:02d}:{mi:02d}")
    for m in _CJK_NUMBER.finditer(text):
        if not _overlaps(m.span(), taken):
            value = sum(float(n) * _product(u) for n, u in _CJK_PIECE.findall(m.group()))
            add(m.group(), value, "number", m.span())
    for m in _NUMBER.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        raw = m.group(1)
        if m.group(2) == " " and lang not in data.COMMA_DECIMAL:      # "1 287" is two numbers in English
            for part in re.finditer(r"\d+", raw):
                add(part.group(), float(part.group()), _plain_kind(part.group()),
                    (m.start() + part.start(), m.start() + part.end()))
            continue
        after = _after().match(text, m.end())
        word = _fold_case(after.group("w") or after.group("w2")) if after else ""
        before = text[max(0, m.start() - 6):m.start()].lower().rstrip()
        percent = word in data.PERCENT_WORDS or before.endswith(("%", "٪", "yüzde", "百分之"))
        factor = 1.0 if percent or not word else 1e3 if word == "k" else \
            1e12 if word.startswith("billion") and lang != "en" else _multipliers().get(word, 1.0)
        end = after.end() if after and (percent or factor != 1.0) else m.end()
        add(text[m.start():end], _parse_number(raw, lang) * factor, "percent" if percent else _plain_kind(raw),
            (m.start(), end))
    return tuple(found.values())


def _plain_kind(raw: str) -> str:
    return "year" if re.fullmatch(r"1\d{3}|20\d\d|2100", raw) else "number"


def _product(units: str) -> float:
    out = 1.0
    for unit in units:
        out *= data.CJK_UNITS[unit]
    return out


def _parse_number(raw: str, lang: str) -> float:
    """One figure in the language's convention: de "1.204" = 1204 and "4,5" = 4.5, en "1,204"."""
    s = re.sub(r"['\u00a0\u202f\u2009 ]", "", raw)
    if "," in s and "." in s:                                          # the last one is the decimal
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        return float(s.replace("." if decimal == "," else ",", "").replace(",", "."))
    for sep in ",.":
        if sep in s:
            parts = s.split(sep)
            thousands = "." if lang in data.COMMA_DECIMAL else ","
            if len(parts) > 2 or (len(parts[1]) == 3 and sep == thousands):
                return float("".join(parts))
            return float(".".join(parts))
    return float(s)


# -- names in cased scripts ------------------------------------------------------------------------

_CASED = r"A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u052f"
_TOKEN = re.compile(rf"(?P<cased>[{_CASED}]+(?:[-'’][{_CASED}]+)*)"
                    r"|(?P<ar>[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff][\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]*)"
                    r"|(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
                    r"|(?P<kata>[\u30a1-\u30fa\u30fc]{2,})"
                    r"|(?P<deva>[\u0900-\u0963\u0971-\u097f]+)")
_SKIP_BACK = " \t\u00a0\"'“”„«»‹›‘’()[]「」『』—–-*•"
_SENTENCE_END = ".!?…:;\r|>›·"
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ibn|bin|abu)[-'’][A-Z]")   # al-Nusra
_HEADLINE_END = re.compile(r"[.!?…:\"'»”)]\s*$")
_DE_ADJECTIVE = re.compile(r"isch(?:e[nmrs]?)?$")
_EN_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)$")
_APOSTROPHE = re.compile(r"['’]")
_CASED_WORD = re.compile(rf"[{_CASED}]+")


@_cache
def _stop() -> MappingProxyType:
    """Stop words by language, as sets."""
    return MappingProxyType({lang: frozenset(words.split()) for lang, words in data.STOPWORDS.items()})


@_cache
def _stop_any() -> frozenset[str]:
    return frozenset().union(*_stop().values())


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    initial: bool                  # first word of a sentence, or on a line whose capitals say nothing


def _names(text: str, lang: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    cased: list[_Tok] = []
    caseless: dict[str, list[re.Match]] = {"ar": [], "han": [], "kata": [], "deva": []}
    uncertain = _uncertain_lines(text, lang)
    for m in _TOKEN.finditer(text):
        word = _clean_token(m.group()) if m.lastgroup == "cased" else ""
        if word:
            initial = _is_initial(text, m.start()) or text.rfind("\n", 0, m.start()) in uncertain
            cased.append(_Tok(word, word.lower(), m.start(), m.end(), initial))
        elif m.lastgroup != "cased":
            caseless[m.lastgroup].append(m)
    lower_seen = {p for t in cased if t.text.islower() for p in (t.low, *t.low.split("-"))}
    found: list[tuple[str, str, bool, str, str]] = []        # (surface, key, sure, ref, script)
    for run in _runs(cased, text):
        found.extend(_run_names(run, lang, lower_seen))
    found.extend(_caseless_places(text, caseless))
    found.extend(_caseless_candidates(text, lang, caseless))
    return _aggregate(found)


def _clean_token(word: str) -> str:
    """Without elisions and clitics: "d'Arrebeta" -> "Arrebeta", "Putin's", "İran'ın"."""
    parts = _APOSTROPHE.split(word)
    while len(parts) > 1 and parts[0].islower() and len(parts[0]) <= 4:
        parts.pop(0)
    while len(parts) > 1 and parts[-1].islower() and len(parts[-1]) <= 5:
        parts.pop()
    return "'".join(parts)


def _is_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def _uncertain_lines(text: str, lang: str) -> set[int]:
    """Lines (by the offset of the newline before them) whose capitals say nothing: title case
    (headlines, breadcrumbs, share buttons) or another language (a German cookie banner on a
    French page capitalises its nouns). Their words all count as sentence-initial."""
    out: set[int] = set()
    pos = -1
    own = _stop().get(lang, frozenset())
    for line in text.split("\n"):
        words = _CASED_WORD.findall(line)
        long = [w for w in words if len(w) >= 4]
        title_case = (long and len(line.split()) <= 15 and not _HEADLINE_END.search(line)
                      and sum(map(len, long)) >= 0.5 * len(line.replace(" ", ""))
                      and sum(w[0].isupper() for w in long) >= 0.6 * len(long))
        if title_case or (len(words) >= 8 and _foreign([w.lower() for w in words], own)):
            out.add(pos)
        pos += len(line) + 1
    return out


def _foreign(words: list[str], own: frozenset[str]) -> bool:
    mine = sum(w in own for w in words)
    other = max(sum(w in stop for w in words) for stop in _stop().values() if stop is not own)
    return other >= 3 and other > 2 * mine


def _runs(tokens: list[_Tok], text: str) -> list[list[_Tok]]:
    """Runs of capitalised words one space apart; a lower-case particle ("de", "van") may sit inside
    a run when a capitalised word follows it."""
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    for i, tok in enumerate(tokens):
        capital = tok.text[0].isupper() or bool(_PARTICLE_NAME.match(tok.text))
        particle = (not capital and bool(run) and tok.low in data.NAME_PARTICLES and i + 1 < len(tokens)
                    and tokens[i + 1].text[0].isupper() and _adjacent(text, tok, tokens[i + 1]))
        if (capital or particle) and run and _adjacent(text, run[-1], tok):
            run.append(tok)
            continue
        if run:
            runs.append(run)
        run = [tok] if capital else []
    return runs + [run] if run else runs


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end:b.start]
    return 0 < len(gap) <= 2 and not gap.strip(" \t\u00a0")


def _run_names(run: list[_Tok], lang: str, lower_seen: set[str]):
    """Gazetteer places first (also inside compounds: "Tehran-Moscow", "Syrien-Gespräche", whose
    other parts are dropped), then the chunks between non-name words."""
    chunk: list[_Tok] = []
    i = 0
    while i < len(run):
        tok = run[i]
        span, ref = _place_span(run, i, lang)
        parts = tok.text.split("-")
        part_refs = [_place(p, lang) for p in parts] if not ref and len(parts) > 1 else []
        if tok.text.islower() and not ref:            # a particle: inside a name, never first
            chunk += [tok] if chunk else []
        elif ref or any(part_refs) or _non_name(tok, lang, lower_seen):
            yield from _chunk_name(chunk, lang)
            chunk = []
            places = [(" ".join(t.text for t in run[i:i + span]), ref)] if ref else zip(parts, part_refs)
            yield from ((p, name_key(p), True, r, "latin") for p, r in places if r)
        else:
            chunk.append(tok)
        i += span or 1
    yield from _chunk_name(chunk, lang)


def _non_name(tok: _Tok, lang: str, lower_seen: set[str]) -> bool:
    low = tok.low
    if len(low) == 1 or low in data.TITLES or low in _months() or low in data.WEEKDAYS:
        return True
    stop = _stop()
    if low in (_stop_any() if tok.initial else stop.get(lang, stop["en"])):
        return True
    if (tok.initial or lang == "de") and low in lower_seen:   # "Both"/"both", "Cooperation"/"cooperation"
        return True
    if lang == "de":
        return low in data.DE_COMMON_NOUNS or _DE_ADJECTIVE.search(low) is not None or (
            len(low) >= 6 and low.endswith(data.DE_NOUN_SUFFIXES) and "-" not in low)
    return False


def _chunk_name(chunk: list[_Tok], lang: str):
    """A chunk without trailing particles and leading demonyms ("Iranian President") is a name,
    sure when a word is capitalised mid-sentence; in German, single nouns stay candidates."""
    while chunk and chunk[-1].text.islower():
        chunk = chunk[:-1]
    while chunk and _demonym(chunk[0].low, lang) and (len(chunk) == 1 or chunk[1].low in data.TITLES):
        chunk = chunk[1:]
    surface = " ".join(t.text for t in chunk)
    key = name_key(surface)
    if key:
        acronym = len(chunk) == 1 and chunk[0].text.isupper() and len(chunk[0].text) <= 6
        german_noun = lang == "de" and len(chunk) == 1 and not acronym and not _PARTICLE_NAME.match(surface)
        yield (surface, key, not german_noun and (acronym or any(not t.initial for t in chunk)), "", "latin")


def _demonym(low: str, lang: str) -> bool:
    if lang == "de":
        return _DE_ADJECTIVE.search(low) is not None
    return low in data.EN_DEMONYMS or (len(low) >= 6 and _EN_DEMONYM.search(low) is not None)


# -- gazetteer (the tables and lookups are in entities_gazetteer) ------------------------------------

def _place_span(run: list[_Tok], i: int, lang: str) -> tuple[int, str]:
    for span in (3, 2, 1):
        ref = _place(" ".join(t.text for t in run[i:i + span]), lang) if i + span <= len(run) else ""
        if ref:
            return span, ref
    return 0, ""


# -- aggregation -----------------------------------------------------------------------------------

def _aggregate(found) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """One mention per place id or key, sure when any occurrence is. A single word that is a word
    of a sure multi-word name ("Putin" of "Wladimir Putin") counts as that name."""
    groups: dict[str, list] = {}             # id -> [surface, key, sure, ref, script, count]
    for surface, key, sure, ref, script in found:
        if key:
            gid = f"@{ref}" if ref else f"{script}:{key}"
            group = groups.setdefault(gid, [surface, key, sure, ref, script, 0])
            group[2] = group[2] or sure
            group[5] += 1
    hosts = [g for g in groups.values() if g[2] and not g[3] and g[4] == "latin" and " " in g[1]]
    merged = set()
    for gid, group in groups.items():
        host = _host(group[1], hosts) if not group[3] and group[4] == "latin" and " " not in group[1] else None
        if host is not None:
            host[5] += group[5]
            merged.add(gid)
    names, candidates = [], []
    for gid, (surface, key, sure, ref, script, count) in groups.items():
        if gid not in merged:
            kind = ("org" if ref.startswith("o:") else "place") if ref else "name" if sure else "candidate"
            (names if sure else candidates).append(Mention(surface, key, kind, count, ref, script))
    return tuple(names), tuple(candidates)


def _host(word: str, hosts: list[list]) -> list | None:
    found = [h for h in hosts if h[1].split()[-1] == word] or [h for h in hosts if word in h[1].split()]
    return max(found, key=lambda h: h[5]) if found else None


