"""Facts of one article (:func:`extract_facts`): dates and numbers here, names in :mod:`.names`."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from types import MappingProxyType

from . import data
from .keys import caseless_keys, fold_case, months, replacer
from .names import find_names
from .types import DateMention, Facts, Quantity

__all__ = ["extract_facts", "fact_keys"]


def extract_facts(text: str, lang: str, title: str | None = None) -> Facts:
    """Names, numbers and dates of one article; ``title`` is read as its first line."""
    text = _ascii_digits(unicodedata.normalize("NFKC", f"{title}\n\n{text}" if title else text))
    lang = (lang or "").lower()[:2]
    taken = bytearray(len(text))  # 1 where a date, time or number was already read
    dates = _dates(text, taken)
    numbers = _numbers(text, lang, taken)
    names, candidates = find_names(text, lang)
    return Facts(lang, names, numbers, dates, candidates)


# -- dates -----------------------------------------------------------------------------------------

# Letters that continue a word (a month name must not be the start of a longer word: Hebrew
# "מאיות", hundredths, is no May). Thai is left out: it writes no space after a word.
_LETTER = r"A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u0900-\u097f"


_YEAR = r"(?:,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})(?!\d))"
#: Years read as the Thai Buddhist era (2543-2643 = 2000-2100) after a Thai month name ("5 June
#: 2600 people" is no date).
_BUDDHIST_ERA = (2543, 2643)
_THAI = re.compile(r"[\u0e00-\u0e7f]")


#: What a text must hold for a pattern to match it, as a pattern that starts with a character
#: class: Python's ``re`` skips to such a character in C, while a pattern that opens with a
#: lookbehind or an optional group is tried at every position (30-70 ms a pattern over 400
#: stories-dev articles; a guard that finds nothing costs ~2 ms).
_CJK_MONTH = re.compile(r"\d\s*[月월]")
_VI_MONTH = re.compile(r"[tT][hH][áÁ][nN][gG]")
_DASHED = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOTTED = re.compile(r"\d\.\d{1,2}\.\d{4}")


@cache
def _date_patterns() -> tuple[tuple[re.Pattern, re.Pattern | None], ...]:
    """(pattern, guard): the guard (see ``_CJK_MONTH``) must find something before the pattern runs."""
    patterns = _date_regexes()
    guards = (None, None, None, _CJK_MONTH, _VI_MONTH, _VI_MONTH, _VI_MONTH, _DASHED, _DOTTED)
    return tuple(zip(patterns, guards, strict=True))


def _date_regexes() -> tuple[re.Pattern, ...]:
    month = "|".join(re.escape(m) for m in sorted(months(), key=len, reverse=True))
    return (
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|er|º|ª|st|nd|rd|th)?\s*(?:de\s+|of\s+|d['’])?(?P<m>{month})"
            rf"(?![{_LETTER}]){_YEAR}?",
            re.I,
        ),  # 28. März 2017
        re.compile(
            rf"(?<![{_LETTER}])(?=\S{{3,}}\s+\d)(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?![\d{_LETTER}]){_YEAR}?",
            re.I,
        ),  # March 28, 2017
        re.compile(rf"(?<![{_LETTER}])(?=\S{{3,}}\s+(?:de\s+|del\s+)?\d)(?P<m>{month}){_YEAR}", re.I),  # März 2017
        re.compile(
            r"(?:(?P<y>\d{4})\s*[年년]\s*)?(?P<m>\d{1,2})\s*[月월]\s*(?:(?P<d>\d{1,2})\s*[日号일])?"
        ),  # 3月28日, 3월 28일
        # Vietnamese: "ngày 28 tháng 3", or a day and month with their year; "6 tháng 10 ngày"
        # alone is a sentence of six months and ten days
        re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y>\d{4}))?(?!\d)", re.I),
        re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|,)\s*(?P<y>\d{4})(?!\d)", re.I),
        re.compile(r"(?<![\d\w])tháng\s+(?P<m>\d{1,2})\s*(?:năm|,)\s*(?P<y>\d{4})(?!\d)", re.I),  # tháng 3 năm 2020
        re.compile(r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"),
    )


def _dates(text: str, taken: bytearray) -> tuple[DateMention, ...]:
    found: dict[str, DateMention] = {}
    for pattern, guard in _date_patterns():
        if guard is not None and guard.search(text) is None:
            continue
        for m in pattern.finditer(text):
            date = None if _overlaps(m.span(), taken) else _date(m)
            if date is not None:
                _take(taken, m.span())
                found.setdefault(date.key, date)
    return tuple(found.values())


def _date(m: re.Match) -> DateMention | None:
    raw = m.group("m")
    if raw == "may":  # the English verb, never the month
        return None
    month = int(raw) if raw.isdigit() else months().get(fold_case(raw), 0)
    day, year = (int(g) if g else None for g in (m.groupdict().get("d"), m.groupdict().get("y")))
    if year and _BUDDHIST_ERA[0] <= year <= _BUDDHIST_ERA[1] and _THAI.match(raw):
        year -= 543  # Thai dates count years from the Buddha: 28 มีนาคม 2563 is 28 March 2020
    if not 1 <= month <= 12 or not 1 <= (day or 1) <= 31 or not 1000 <= (year or 1000) <= 2100:
        return None
    if day is None and year is None:  # "3月", "in March": too vague to compare
        return None
    key = (f"{year:04d}" if year else "-") + f"-{month:02d}" + (f"-{day:02d}" if day else "")
    return DateMention(m.group(0).strip(), day, month, year, key)


_DIGIT_FOLDS = MappingProxyType(
    {
        **{chr(base + i): str(i) for base in (0x660, 0x6F0, 0x966) for i in range(10)},
        "\u066b": ".",
        "\u066c": ",",
        "\ufeff": "",
    }
)
_FOLD_DIGITS = replacer(_DIGIT_FOLDS)
_HAS_DIGIT_FOLD = re.compile("[" + "".join(_DIGIT_FOLDS) + "]")


def _ascii_digits(text: str) -> str:
    """Arabic-Indic and Devanagari digits as ASCII ones. Most texts hold none, and finding that
    out costs a tenth of translating them (0.05 s over 400 stories-dev articles)."""
    return _FOLD_DIGITS(text) if _HAS_DIGIT_FOLD.search(text) else text


def _overlaps(span: tuple[int, int], taken: bytearray) -> bool:
    return any(taken[span[0] : span[1]])


def _take(taken: bytearray, span: tuple[int, int]) -> None:
    taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])


# -- numbers ---------------------------------------------------------------------------------------

_TIMES = (  # (pattern, guard) as for the dates
    (re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"), re.compile(r"\d:[0-5]\d")),  # 23:40
    (re.compile(r"(?<![\d:.,])([01]?\d|2[0-3])\.([0-5]\d)(?=\s*Uhr)"), re.compile(r"\d\.[0-5]\d\s*Uhr")),
    (re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]) ?h ?([0-5]\d)(?!\d)"), re.compile(r"\d ?h ?[0-5]\d")),  # 21h30
)
_CJK_UNIT = r"(?:[十百千万萬亿億]|兆(?![瓦赫]))"  # 兆瓦 is megawatt
_CJK_NUMBER = re.compile(rf"(?:\d+(?:\.\d+)?{_CJK_UNIT}+)+")
_CJK_UNIT_CHAR = re.compile(r"\d[十百千万萬亿億兆]")  # the guard of _CJK_NUMBER
_CJK_PIECE = re.compile(r"(\d+(?:\.\d+)?)([十百千万萬亿億兆]+)")
#: Marks that group thousands and nothing else (a dot or comma may be a decimal sign too).
_GROUP_MARKS = "'\u2019\u00a0\u202f\u2009 "
_NUMBER = re.compile(
    r"(?<![\dA-Za-z\u00c0-\u024f\u0400-\u052f])(?<!\d[.,])"
    r"(\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d)"  # Indian grouping: 1,00,000 (a lakh), 2,50,000
    rf"|\d{{1,3}}(?:([,.{_GROUP_MARKS}])\d{{3}})(?:\2\d{{3}})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)


@cache
def _multipliers() -> MappingProxyType:
    return caseless_keys(data.MULTIPLIERS)


@cache
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
        found[key] = (
            Quantity(surface.strip(), value, kind, key)
            if old is None
            else Quantity(old.text, old.value, old.kind, key, old.count + 1)
        )

    for pattern, guard in _TIMES:
        if guard.search(text) is None:
            continue
        for m in pattern.finditer(text):
            if not _overlaps(m.span(), taken):
                h, mi = int(m.group(1)), int(m.group(2))
                add(m.group(), h * 60.0 + mi, "time", m.span(), f"{h:02d}:{mi:02d}")
    for m in _CJK_NUMBER.finditer(text) if _CJK_UNIT_CHAR.search(text) else ():
        if not _overlaps(m.span(), taken):
            value = sum(float(n) * _product(u) for n, u in _CJK_PIECE.findall(m.group()))
            add(m.group(), value, "number", m.span())
    for m in _NUMBER.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        raw = m.group(1)
        if m.group(2) == " " and lang not in data.COMMA_DECIMAL:  # "1 287" is two numbers in English
            for part in re.finditer(r"\d+", raw):
                add(
                    part.group(),
                    float(part.group()),
                    _plain_kind(part.group()),
                    (m.start() + part.start(), m.start() + part.end()),
                )
            continue
        after = _after().match(text, m.end())
        word = fold_case(after.group("w") or after.group("w2")) if after else ""
        before = text[max(0, m.start() - 6) : m.start()].lower().rstrip()
        percent = word in data.PERCENT_WORDS or before.endswith(("%", "٪", "yüzde", "百分之"))
        factor = (
            1.0
            if percent or not word
            else 1e3
            if word == "k"
            else 1e12
            if word.startswith("billion") and lang != "en"
            else _multipliers().get(word, 1.0)
        )
        end = after.end() if after and (percent or factor != 1.0) else m.end()
        add(
            text[m.start() : end],
            _parse_number(raw, lang) * factor,
            "percent" if percent else _plain_kind(raw),
            (m.start(), end),
        )
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
    s = re.sub(f"[{_GROUP_MARKS}]", "", raw)
    if "," in s and "." in s:  # the last one is the decimal
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


def fact_keys(facts: Facts) -> list[tuple[str, str]]:
    """The facts of an article that identify its event, as (kind, key) pairs to index: names and
    places (a place by its gazetteer id, a name by its folded key, the same across scripts),
    calendar days (month and day: one side may omit the year), and figures that are not years
    or small counts. Two articles about one event share several of these in any two languages."""
    keys = {("place" if m.ref else "name", m.ref or m.key) for m in facts.names if m.kind != "candidate"}
    keys |= {("day", f"{d.month:02d}-{d.day:02d}") for d in facts.dates if d.day}
    keys |= {
        ("figure", q.key)
        for q in facts.numbers
        if q.kind in ("percent", "time") or (q.kind == "number" and q.value >= 100)
    }
    return sorted(keys)
