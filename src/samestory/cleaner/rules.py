"""The cleaner's rules: each judges one unit alone (numbers and ids, counters, credit lines,
navigation, prompts) or against its article (another language; a short unpunctuated fragment
that shares no word with the article; a copy of the title).

The rules are written to fail safe: every one of them requires a unit to be *short* or to carry
strong, specific evidence (a cookie banner names cookies and consent), so a body paragraph is
kept even when it mentions a newsletter or a view count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..language import letter_weight
from ..text.tokens import SENTENCE_END, WORD, content_words
from ..text.units import Unit
from ..types import UNKNOWN, LanguageGuess, Reason
from . import terms
from .config import CleanConfig

__all__ = ["Verdict", "rule_verdicts"]

#: A rule's verdict on a unit: the reason and a detail for people.
Verdict = tuple[Reason, str]

# Languages the lid.176 model confuses with each other on short text: never "foreign" among them.
_CONFUSABLE = [
    {"bs", "hr", "sr", "sl", "mk"},
    {"da", "no", "sv"},
    {"id", "ms"},
    {"gl", "pt", "es", "ca"},
    {"cs", "sk"},
    {"ar", "fa", "ur", "ps"},
    {"hi", "mr", "ne"},
    {"ru", "uk", "be", "bg"},
    {"ja", "zh"},
    {"nl", "af", "fy"},
    {"de", "lb"},
]
_DIGIT = re.compile(r"\d")
_ID_LINE = re.compile(r"^(?:id|no|nr|ref|art|article|story|#|№)\s*[.:#-]?\s*[\w-]*\d[\w-]*$", re.I)
_CODE_TOKEN = re.compile(r"^(?=\S*\d)(?=\S*[^\W\d])[\w-]{5,}$")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}\b|^(?:https?://|www\.)\S+$|\+\d[\d ()-]{7,}\d|\(\d{3}\) ?\d{3}-\d{4}"
)
_QUOTE_OPEN = "\"'“„«‹「『"


def rule_verdicts(
    units: Sequence[Unit], language: LanguageGuess, *, title: str | None = None, config: CleanConfig = CleanConfig()
) -> dict[int, Verdict]:
    """What the rules say of an article's units: unit index → (reason, detail), for the units
    they remove. ``language`` is the article's (:func:`samestory.language.identify`), with the
    guess of every unit in ``language.units``."""
    guesses = language.units if len(language.units) == len(units) else (_NO_GUESS,) * len(units)
    reasons: dict[int, Verdict] = {}
    title_key = _norm(title) if title else None
    title_words = set(content_words(title or ""))
    for i, unit in enumerate(units):
        found = _judge_alone(unit.text, title_words, config)
        if found and found[0] is Reason.NUMBER_OR_ID and not config.bare_numbers:
            found = None
        if not found and title_key and _norm(unit.text) == title_key:
            found = (Reason.DUPLICATE, "repeats the title")
        if not found:
            found = _judge_language(unit.text, guesses[i], letter_weight(unit.text), language, config)
        if found:
            reasons[i] = found
    if config.stray_fragments:
        reasons.update(_stray_fragments([u.text for u in units], reasons, title, config))
    return reasons


_NO_GUESS = LanguageGuess(UNKNOWN, 0.0)


# -- rules on the unit alone --------------------------------------------------------------------


def _judge_alone(unit: str, title_words: set[str], config: CleanConfig) -> Verdict | None:
    low = unit.lower()
    words = unit.split()
    for rule in (_number_or_id, _counter, _credit, _navigation):
        found = rule(unit, low, words, config)
        if found:
            return found
    return _prompt(low, words, title_words, config)


def _number_or_id(unit, low, words, config):
    if not any(ch.isalpha() for ch in unit) and _DIGIT.search(unit):
        return (Reason.NUMBER_OR_ID, "a number without words")
    if len(words) <= 3 and (_ID_LINE.match(unit) or all(_CODE_TOKEN.match(w) for w in words)):
        return (Reason.NUMBER_OR_ID, "an identifier")
    return None


def _tokens(low: str) -> set[str]:
    """Word tokens, plus Arabic ones without the definite article (المشاهدات → مشاهدات)."""
    found = set(WORD.findall(low))
    return found | {w[2:] for w in found if w.startswith("ال") and len(w) > 4}


def _counter(unit, low, words, config):
    if len(words) > 6 or not _DIGIT.search(unit):
        return None
    tokens = _tokens(low)
    hit = next((w for w in terms.COUNTER_WORDS if (" " in w and w in low) or w in tokens), None)
    hit = hit or next((w for w in terms.COUNTER_UNSPACED if w in unit), None)
    return (Reason.COUNTER, f"counter: {hit}") if hit else None


def _credit(unit, low, words, config):
    if low.startswith(("©", "(c)", "℗")) and len(words) <= 20:
        return (Reason.CREDIT, "copyright line")
    if any(p in low for p in terms.RIGHTS_PHRASES) and len(words) <= 20:
        return (Reason.CREDIT, "rights notice")
    head = re.split(r"\s*[:：]\s*", low, maxsplit=1)
    if len(head) == 2 and len(words) <= config.short_words:
        first = head[0].strip(" ([")
        if (
            first in terms.CREDIT_HEADS
            or first.split(" ")[-1] in terms.CREDIT_HEADS
            or any(first.startswith(u) for u in terms.CREDIT_UNSPACED)
        ):
            return (Reason.CREDIT, f"credit line: {first}")
    if re.match(r"^\(?(reporting|writing|editing) by\b", low) and len(words) <= 25:
        return (Reason.CREDIT, "agency credit")
    return None


def _navigation(unit, low, words, config):
    bare = low.strip(" .:>»›→|-–—·•…")
    if bare in terms.NAV_LINES or any(bare == u for u in terms.NAV_UNSPACED):
        return (Reason.NAVIGATION, "navigation link")
    if len(words) <= config.short_words and any(
        low.startswith(o) and (len(low) == len(o) or not low[len(o)].isalnum()) for o in terms.NAV_OPENERS
    ):
        return (Reason.NAVIGATION, "link to other content")
    parts = [p.strip() for p in re.split(r"\s[" + re.escape(terms.CRUMB_SEPARATORS) + r"]\s", f" {unit} ")]
    if len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts) and not SENTENCE_END.search(unit):
        return (Reason.NAVIGATION, "breadcrumb or menu")
    return None


def _prompt(low, words, title_words, config):
    tokens = _tokens(low)
    if title_words & {"cookie", "cooki", "newsl"}:  # the article is about cookies: trust nothing here
        return None
    hits = tokens & set(terms.PROMPT_WORDS)
    hits |= {w for w in terms.PROMPT_UNSPACED if w in low}
    strong = hits & terms.STRONG_PROMPT_WORDS or {w for w in ("クッキー",) if w in low}
    if len(words) <= config.short_words:
        if strong or len(hits) >= 2 or (hits and len(words) <= 4):
            return (Reason.PROMPT, "prompt: " + ", ".join(sorted(hits)[:3]))
        return None
    if strong and len(hits) >= 3:
        return (Reason.PROMPT, "consent/subscription text: " + ", ".join(sorted(hits)[:4]))
    return None


# -- rules on the unit against the article ------------------------------------------------------


def _judge_language(
    unit: str, guess: LanguageGuess, letters: int, article: LanguageGuess, config: CleanConfig
) -> Verdict | None:
    if not (article.known and guess.known) or guess.lang == article.lang:
        return None
    if letters < config.foreign_min_letters or guess.confidence < config.foreign_min_confidence:
        return None
    if unit.lstrip()[:1] in _QUOTE_OPEN:  # a quotation in the original language belongs to the story
        return None
    if any(guess.lang in group and article.lang in group for group in _CONFUSABLE):
        return None
    return (Reason.FOREIGN_LANGUAGE, f"{guess.lang} ({guess.confidence:.2f}) in a {article.lang} article")


def _stray_fragments(
    units: Sequence[str], reasons: dict[int, Verdict], title: str | None, config: CleanConfig
) -> dict[int, Verdict]:
    """Short unpunctuated lines that do not belong to the article: menu items, related-article
    links, buttons, contact lines. The first unit (a headline) is exempt.

    The main evidence is word overlap with the rest of the article: a heading shares words with
    the text it heads, a menu item of the site rarely does. Page-furniture cues (a call-to-action
    opener, a section word such as "Privacy" or "Pricing", ALL CAPS, an e-mail address) lower the
    overlap a line needs before it is believed; a line that shares words with the next paragraph
    (a heading announcing it) needs two cues.
    """
    vocab: Counter[str] = Counter()
    for i, unit in enumerate(units):
        if i not in reasons:
            vocab.update(content_words(unit))
    vocab.update(content_words(title or ""))
    if sum(vocab.values()) < config.fragment_min_body_words:
        return {}
    found: dict[int, Verdict] = {}
    for i, unit in enumerate(units):
        if (i == 0 and title is None) or i in reasons or len(unit.split()) > config.fragment_max_words:
            continue
        if _CONTACT.search(unit) and len(unit.split()) <= 8:
            found[i] = (Reason.NAVIGATION, "contact or link line")
            continue
        if SENTENCE_END.search(unit):
            continue
        own = Counter(content_words(unit))
        if not own:
            continue
        overlap = sum(1 for w, n in own.items() if vocab[w] > n) / len(own)
        cues = _furniture_cues(unit)
        heads_next = _shares_words(own, units, i + 1)
        needed = (
            config.fragment_min_overlap
            if not cues
            else (config.fragment_cue_overlap if not heads_next or len(cues) >= 2 else config.fragment_min_overlap)
        )
        if overlap < needed:
            detail = "shares no word with the article" if overlap == 0 else f"shares {overlap:.0%} of its words"
            found[i] = (Reason.STRAY_FRAGMENT, detail + (f"; {', '.join(cues)}" if cues else ""))
    return found


def _furniture_cues(unit: str) -> list[str]:
    words = unit.split()
    low_words = [w.strip("|·•:()[]").lower() for w in words]
    cues = []
    if low_words and low_words[0] in terms.CTA_OPENERS:
        cues.append("call to action")
    if any(w in terms.FURNITURE_WORDS for w in low_words):
        cues.append("site section word")
    letters = [ch for ch in unit if ch.isalpha()]
    if (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters if ch.isupper() or ch.islower())
        and any(ch.isupper() for ch in letters)
    ):
        cues.append("all caps")
    return cues


def _shares_words(own: Counter[str], units: Sequence[str], j: int) -> bool:
    if j >= len(units):
        return False
    following = set(content_words(units[j]))
    return any(w in following for w in own)


def _norm(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))
