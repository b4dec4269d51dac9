"""Names in an article: runs of capitalised words in cased scripts, gazetteer places in any
script, and candidates in caseless scripts (:mod:`.caseless`), aggregated into one mention per
place id or key (:func:`find_names`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from ..text.scripts import HAN, KATAKANA_WORD
from . import data
from .caseless import caseless_candidates
from .gazetteer import caseless_places, place
from .keys import months, name_key
from .types import Mention, NameHit

__all__ = ["find_names"]

_CASED = r"A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u052f"
_TOKEN = re.compile(
    rf"(?P<cased>[{_CASED}]+(?:[-'’][{_CASED}]+)*)"
    r"|(?P<ar>[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff][\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]*)"
    rf"|(?P<han>[{HAN}]+)"
    rf"|(?P<kata>[{KATAKANA_WORD}]{{2,}})"
    r"|(?P<deva>[\u0900-\u0963\u0971-\u097f]+)"
)
_SKIP_BACK = " \t\u00a0\"'“”„«»‹›‘’()[]「」『』—–-*•"
_SENTENCE_END = ".!?…:;\r|>›·"
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ibn|bin|abu)[-'’][A-Z]")  # al-Nusra
_HEADLINE_END = re.compile(r"[.!?…:\"'»”)]\s*$")
_DE_ADJECTIVE = re.compile(r"isch(?:e[nmrs]?)?$")
_EN_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)$")
_APOSTROPHE = re.compile(r"['’]")
_CASED_WORD = re.compile(rf"[{_CASED}]+")


@cache
def _stop() -> MappingProxyType:
    """Stop words by language, as sets."""
    return MappingProxyType({lang: frozenset(words.split()) for lang, words in data.STOPWORDS.items()})


def _own_stop(lang: str) -> frozenset[str]:
    """The stop words of the text's language (English's for a language without a list)."""
    stop = _stop()
    return stop.get(lang, stop["en"])


@cache
def _stop_any() -> frozenset[str]:
    return frozenset().union(*_stop().values())


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    initial: bool  # first word of a sentence, or on a line whose capitals say nothing


def find_names(text: str, lang: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """(names, candidates) of a text: sure names and places, and candidates that count only when
    they match a name of another article."""
    cased: list[_Tok] = []
    caseless: dict[str, list[re.Match]] = {"ar": [], "han": [], "kata": [], "deva": []}
    uncertain = _uncertain_lines(text, lang)
    for m in _TOKEN.finditer(text):
        word = _clean_token(m.group()) if m.lastgroup == "cased" else ""
        if word:
            initial = _is_initial(text, m.start()) or (bool(uncertain) and text.rfind("\n", 0, m.start()) in uncertain)
            tok = _Tok(word, word.lower(), m.start(), m.end(), initial)
            head = _compound_head(word)
            if head and not (cased and _name_part(cased[-1], lang) and _adjacent(text, cased[-1], tok)):
                tok = _Tok(head, head.lower(), m.start(), m.end(), initial)
            cased.append(tok)
        elif m.lastgroup is not None and m.lastgroup != "cased":
            caseless[m.lastgroup].append(m)
    lower_seen = {p for t in cased if t.text.islower() for p in (t.low, *t.low.split("-"))}
    found: list[NameHit] = []
    for run in _runs(cased, text):
        found.extend(_run_names(run, lang, lower_seen))
    found.extend(caseless_places(text, caseless))
    found.extend(caseless_candidates(text, lang, caseless))
    return _aggregate(found)


def _clean_token(word: str) -> str:
    """Without elisions and clitics: "d'Arrebeta" -> "Arrebeta", "Putin's", "İran'ın"."""
    if "'" not in word and "’" not in word:
        return word
    parts = _APOSTROPHE.split(word)
    while len(parts) > 1 and parts[0].islower() and len(parts[0]) <= 4:
        parts.pop(0)
    while len(parts) > 1 and parts[-1].islower() and len(parts[-1]) <= 5:
        parts.pop()
    return "'".join(parts)


def _name_part(tok: _Tok, lang: str) -> bool:
    """Whether a token may be the first part of a name that goes on: capitalised, and not a
    function word of the text's language ("A Kremlin-backed group"; any language's would take
    "Kim", Turkish for "who")."""
    return tok.text[:1].isupper() and tok.low not in _own_stop(lang)


def _compound_head(word: str) -> str | None:
    """The name of a name compounded with lower-case words: "Kremlin-backed" -> "Kremlin",
    "Trump-era", Icelandic "Instagram-reikningnum" (the Instagram account); None for any other
    word. Kept whole, those compounds never matched the other language's ("Kreml-nahe",
    "Trump-Ära", "Instagram account"), where the name alone does (issue #12). The caller keeps a
    compound whole after a capitalised word: "Kim Jong-un" is not "Kim Jong", the name of his
    father too. Combining forms ("Franco-allemands") stay whole: their head is no name."""
    if "-" not in word:
        return None
    head, *rest = word.split("-")
    if rest and head[:1].isupper() and all(r.islower() for r in rest) and head.lower() not in data.COMBINING_FORMS:
        return head
    return None


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
    for line in text.split("\n"):
        words = _CASED_WORD.findall(line)
        long = [w for w in words if len(w) >= 4]
        title_case = (
            long
            and len(line.split()) <= 15
            and not _HEADLINE_END.search(line)
            and sum(map(len, long)) >= 0.5 * len(line.replace(" ", ""))
            and sum(w[0].isupper() for w in long) >= 0.6 * len(long)
        )
        if title_case or (len(words) >= 8 and _foreign([w.lower() for w in words], lang)):
            out.add(pos)
        pos += len(line) + 1
    return out


#: A line in a language without a stop list is another language's only when that language's
#: stop words make up at least this share of its words. Without it, three short words made an
#: Icelandic line Dutch ("er", "en") or Portuguese ("um", "e"): 7% of the Icelandic sentences of
#: WMT21 dev, at up to 0.30 of their words, and a name in them was read as a mere candidate
#: (issue #12). Prose in a language with a list holds 0.3-0.55 of its own stop words (the seed's
#: Italian cookie lines 0.32 and 0.44; English and German banners ~0.55).
UNLISTED_SHARE = 0.35


def _foreign(words: list[str], lang: str) -> bool:
    """Whether the words hold at least three stop words of another language, and over twice as
    many as of ``lang``'s; for a language without a list, also :data:`UNLISTED_SHARE` of them."""
    hits = Counter(code for w in words for code in _stop_languages().get(w, ()))
    listed = lang in _stop()
    mine = hits.pop(lang, 0)
    other = max(hits.values(), default=0)
    return other >= 3 and other > 2 * mine and (listed or other >= UNLISTED_SHARE * len(words))


@cache
def _stop_languages() -> MappingProxyType:
    """Each stop word's languages: one lookup a word instead of one a word and language."""
    index: dict[str, list[str]] = {}
    for code, words in _stop().items():
        for word in words:
            index.setdefault(word, []).append(code)
    return MappingProxyType({word: tuple(codes) for word, codes in index.items()})


def _runs(tokens: list[_Tok], text: str) -> list[list[_Tok]]:
    """Runs of capitalised words one space apart; a lower-case particle ("de", "van") may sit inside
    a run when a capitalised word follows it."""
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    for i, tok in enumerate(tokens):
        capital = tok.text[0].isupper() or bool(_PARTICLE_NAME.match(tok.text))
        particle = (
            not capital
            and bool(run)
            and tok.low in data.NAME_PARTICLES
            and i + 1 < len(tokens)
            and tokens[i + 1].text[0].isupper()
            and _adjacent(text, tok, tokens[i + 1])
        )
        if (capital or particle) and run and _adjacent(text, run[-1], tok):
            run.append(tok)
            continue
        if run:
            runs.append(run)
        run = [tok] if capital else []
    return runs + [run] if run else runs


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return 0 < len(gap) <= 2 and not gap.strip(" \t\u00a0")


def _run_names(run: list[_Tok], lang: str, lower_seen: set[str]) -> Iterator[NameHit]:
    """Gazetteer places first (also inside compounds: "Tehran-Moscow", "Syrien-Gespräche", whose
    other parts are dropped), then the chunks between non-name words."""
    chunk: list[_Tok] = []
    i = 0
    while i < len(run):
        tok = run[i]
        span, ref = _place_span(run, i, lang)
        parts = tok.text.split("-")
        part_refs = [place(p, lang) for p in parts] if not ref and len(parts) > 1 else []
        if tok.text.islower() and not ref:  # a particle: inside a name, never first
            chunk += [tok] if chunk else []
        elif ref or any(part_refs) or _non_name(tok, lang, lower_seen):
            yield from _chunk_name(chunk, lang)
            chunk = []
            places = [(" ".join(t.text for t in run[i : i + span]), ref)] if ref else zip(parts, part_refs)
            yield from (NameHit(p, name_key(p), True, r, "latin") for p, r in places if r)
        else:
            chunk.append(tok)
        i += span or 1
    yield from _chunk_name(chunk, lang)


def _non_name(tok: _Tok, lang: str, lower_seen: set[str]) -> bool:
    low = tok.low
    if len(low) == 1 or low in data.TITLES or low in months() or low in data.WEEKDAYS:
        return True
    if low in (_stop_any() if tok.initial else _own_stop(lang)):
        return True
    if (tok.initial or lang == "de") and low in lower_seen:  # "Both"/"both", "Cooperation"/"cooperation"
        return True
    if lang == "de":
        return (
            low in data.DE_COMMON_NOUNS
            or _DE_ADJECTIVE.search(low) is not None
            or (len(low) >= 6 and low.endswith(data.DE_NOUN_SUFFIXES) and "-" not in low)
        )
    return False


def _chunk_name(chunk: list[_Tok], lang: str) -> Iterator[NameHit]:
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
        yield NameHit(surface, key, not german_noun and (acronym or any(not t.initial for t in chunk)), "", "latin")


def _demonym(low: str, lang: str) -> bool:
    if lang == "de":
        return _DE_ADJECTIVE.search(low) is not None
    return low in data.EN_DEMONYMS or (len(low) >= 6 and _EN_DEMONYM.search(low) is not None)


# -- gazetteer spans -----------------------------------------------------------------------------


def _place_span(run: list[_Tok], i: int, lang: str) -> tuple[int, str]:
    for span in (3, 2, 1):
        ref = place(" ".join(t.text for t in run[i : i + span]), lang) if i + span <= len(run) else ""
        if ref:
            return span, ref
    return 0, ""


# -- aggregation -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """All hits of one place id or name key while aggregating."""

    first: NameHit
    sure: bool
    count: int = 0

    @property
    def key(self) -> str:
        return self.first.key

    @property
    def latin_name(self) -> bool:
        """A name (not a gazetteer place) written in Latin letters."""
        return not self.first.ref and self.first.script == "latin"


def _aggregate(found: Iterable[NameHit]) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """One mention per place id or key, sure when any occurrence is. A single word that is a word
    of a sure multi-word name ("Putin" of "Wladimir Putin") counts as that name."""
    groups: dict[str, _Group] = {}
    for hit in found:
        if hit.key:
            gid = f"@{hit.ref}" if hit.ref else f"{hit.script}:{hit.key}"
            group = groups.setdefault(gid, _Group(hit, hit.sure))
            group.sure = group.sure or hit.sure
            group.count += 1
    hosts = [g for g in groups.values() if g.sure and g.latin_name and " " in g.key]
    merged = set()
    for gid, group in groups.items():
        host = _host(group.key, hosts) if group.latin_name and " " not in group.key else None
        if host is not None:
            host.count += group.count
            merged.add(gid)
    names: list[Mention] = []
    candidates: list[Mention] = []
    for gid, group in groups.items():
        if gid not in merged:
            hit = group.first
            kind = (
                ("org" if hit.ref.startswith("o:") else "place") if hit.ref else "name" if group.sure else "candidate"
            )
            mention = Mention(hit.surface, hit.key, kind, group.count, hit.ref, hit.script)
            (names if group.sure else candidates).append(mention)
    return tuple(names), tuple(candidates)


def _host(word: str, hosts: list[_Group]) -> _Group | None:
    found = [h for h in hosts if h.key.split()[-1] == word] or [h for h in hosts if word in h.key.split()]
    return max(found, key=lambda h: h.count) if found else None
