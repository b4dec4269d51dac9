"""Plain-text boilerplate removal, in any language, one line at a time, every removal explained.

Steps of :func:`clean`:

1. split the text into units: one per non-empty line (a hard-wrapped paragraph is one unit);
2. identify the language of every unit and, by a letter-weighted vote, of the article;
3. judge each unit with rules that look at the unit alone (numbers and ids, counters, credit
   lines, navigation, prompts) or at the unit against the article (another language; a short
   unpunctuated fragment that shares no word with the article; a copy of the title);
4. with an encoder, let the learned line judge (:mod:`samestory.line_judge`) score every unit
   against its article: it removes furniture no rule names and overrules a rule on a short unit
   it finds clearly part of the article;
5. keep everything else: when unsure, keep.

The rules are written to fail safe: every one of them requires a line to be *short* or to carry
strong, specific evidence (a cookie banner names cookies and consent), so a body paragraph is
kept even when it mentions a newsletter or a view count.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import clean_terms as terms
from .embed.base import Embedder
from .language import LanguageDetector, detect_document, letter_weight
from .line_judge import (FEATURES, LineJudge, content_words, decision_masks, default_line_judge, line_features,
                         unit_vectors_input)
from .types import Cleaned, LanguageGuess, Reason, Removal

__all__ = ["CleanConfig", "HTML_CLEAN", "clean_text", "judge_applies", "rule_verdicts"]


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Thresholds of the cleaner. Values were chosen on the seeds and on the tuning half of the
    WCXB plain-text simulation (``samestory eval clean``), never on the half we report."""

    #: a unit in another language is dropped only with this many letters and this confidence
    foreign_min_letters: int = 40
    foreign_min_confidence: float = 0.8
    #: rules that judge a unit by its look alone apply only up to this many words
    short_words: int = 12
    #: stray fragments: at most this many words, and at least this many body words to compare with
    fragment_max_words: int = 12
    fragment_min_body_words: int = 60
    #: a fragment is stray when less than this share of its content words occur in the article
    fragment_min_overlap: float = 0.25
    #: ... and this share when it also carries a page-furniture cue (see ``_furniture_cues``)
    fragment_cue_overlap: float = 0.34
    #: judge stray fragments at all. Off for text that an HTML extractor produced: it already used
    #: the page structure, and on WCXB the rule then cost more body (F1 0.852) than it removed
    #: junk (extraction alone 0.858).
    stray_fragments: bool = True
    #: drop lines that are only a number. Off for HTML-extracted text, where such lines are table
    #: cells and prices the extractor kept as content (WCXB: they cost 0.0008 F1 there).
    bare_numbers: bool = True
    #: let the learned line judge (:mod:`samestory.line_judge`) add and overrule removals when an
    #: embedder is passed. Off for HTML-extracted text: trafilatura already used the page's
    #: structure, and the judge after it cost token F1 (WCXB 0.8591 → 0.8553, AEB 0.9616 → 0.9610).
    judge: bool = True
    #: ... on texts of at least 3 units and this many content words: below, too little article to
    #: tell furniture from (a guard, not a tuned value: at 60 it cost 0.024 junk recall on WCXB)
    judge_min_words: int = 20


#: The configuration for text extracted from HTML (see ``CleanConfig.stray_fragments``).
HTML_CLEAN = CleanConfig(stray_fragments=False, bare_numbers=False, judge=False)

# Languages the lid.176 model confuses with each other on short text: never "foreign" among them.
_CONFUSABLE = [{"bs", "hr", "sr", "sl", "mk"}, {"da", "no", "sv"}, {"id", "ms"}, {"gl", "pt", "es", "ca"},
               {"cs", "sk"}, {"ar", "fa", "ur", "ps"}, {"hi", "mr", "ne"}, {"ru", "uk", "be", "bg"},
               {"ja", "zh"}, {"nl", "af", "fy"}, {"de", "lb"}]
_DIGIT = re.compile(r"\d")
_ID_LINE = re.compile(r"^(?:id|no|nr|ref|art|article|story|#|№)\s*[.:#-]?\s*[\w-]*\d[\w-]*$", re.I)
_CODE_TOKEN = re.compile(r"^(?=\S*\d)(?=\S*[^\W\d])[\w-]{5,}$")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}\b|^(?:https?://|www\.)\S+$|\+\d[\d ()-]{7,}\d|\(\d{3}\) ?\d{3}-\d{4}")
_QUOTE_OPEN = "\"'“„«‹「『"


def clean_text(text: str, detector: LanguageDetector, *, title: str | None = None,
               config: CleanConfig = CleanConfig(), embedder: Embedder | None = None,
               judge: LineJudge | None = None) -> Cleaned:
    """Clean one article body. ``title`` (if known) is never removed and guides the rules.

    With an ``embedder`` (and ``config.judge``), the learned line judge
    (:mod:`samestory.line_judge`) scores every unit: it removes furniture no rule names and
    overrules a rule on a unit it finds clearly part of the article. Without one, rules only.
    """
    units, reasons, language = rule_verdicts(text, detector, title=title, config=config)
    if embedder is not None and config.judge and units:
        reasons = _judged(units, reasons, title, embedder, judge or default_line_judge(), config)
    kept = tuple(u for i, (_, u, _) in enumerate(units) if i not in reasons)
    removed = tuple(Removal(units[i][0], units[i][1], *reasons[i], lines=units[i][2]) for i in sorted(reasons))
    return Cleaned(title=title, paragraphs=kept, removed=removed, language=language)


def rule_verdicts(text: str, detector: LanguageDetector, *, title: str | None = None,
                  config: CleanConfig = CleanConfig()
                  ) -> tuple[list[tuple[int, str, int]], dict[int, tuple[Reason, str]], LanguageGuess]:
    """The units of ``text``, what the rules say of them (unit index → reason, detail), and the
    article's language. The first half of :func:`clean_text`; the line judge's training uses it."""
    units = _units(text)
    guesses = [detector.detect(u) for _, u, _ in units]
    weights = [letter_weight(u) for _, u, _ in units]
    language = detect_document(zip(guesses, weights))
    reasons: dict[int, tuple[Reason, str]] = {}
    title_key = _norm(title) if title else None
    title_words = set(content_words(title or ""))
    for i, (_, unit, _) in enumerate(units):
        found = _judge_alone(unit, title_words, config)
        if found and found[0] is Reason.NUMBER_OR_ID and not config.bare_numbers:
            found = None
        if not found and title_key and _norm(unit) == title_key:
            found = (Reason.DUPLICATE, "repeats the title")
        if not found:
            found = _judge_language(unit, guesses[i], weights[i], language, config)
        if found:
            reasons[i] = found
    if config.stray_fragments:
        reasons.update(_stray_fragments(units, reasons, title, config))
    return units, reasons, language


def _judged(units, reasons, title, embedder: Embedder, judge: LineJudge,
            config: CleanConfig) -> dict[int, tuple[Reason, str]]:
    texts = [u for _, u, _ in units]
    if not judge_applies(texts, config):
        return reasons   # too little article to tell furniture from it: the rules alone decide
    vectors = embedder.embed_batch(unit_vectors_input(texts, title))
    features = line_features(texts, title, [reasons[i][0] if i in reasons else None for i in range(len(units))],
                             vectors)
    furniture = judge.probabilities(texts, features, vectors)
    overrule, candidate = decision_masks(features)
    verdicts = {}
    for i, p in enumerate(furniture):
        if i in reasons:
            if not overrule[i] or p >= judge.keep_below:
                verdicts[i] = reasons[i]
        elif candidate[i] and not (i == 0 and title is None) and judge.removes(float(p), len(texts[i])):
            # (an untitled text's first line is its headline)
            verdicts[i] = (Reason.BOILERPLATE, _judge_detail(p, features[i]))
    return verdicts


def judge_applies(texts: list[str], config: CleanConfig) -> bool:
    """Whether a text is long enough for the line judge (``CleanConfig.judge_min_words``)."""
    return len(texts) >= 3 and sum(len(content_words(t)) for t in texts) >= config.judge_min_words


def _judge_detail(p: float, row) -> str:
    f = dict(zip(FEATURES, row))
    cues = [f"shares {f['words_in_article']:.0%} of its words with the article" if f["content_words"]
            else "no content words", f"sentence-vector similarity to the article {f['cos_article']:.2f}"]
    if not f["sentence_end"]:
        cues.append("no sentence ending")
    return f"scored {p:.2f} as page furniture: " + "; ".join(cues)


# -- units ------------------------------------------------------------------------------------

def _units(text: str) -> list[tuple[int, str, int]]:
    """(first line among non-empty lines, text, lines spanned) per unit; hard-wrapped paragraphs
    are joined into one unit."""
    units: list[tuple[int, str, int]] = []
    line_no = 0
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if _hard_wrapped(lines):
            units.append((line_no, " ".join(lines), len(lines)))
        else:
            units.extend((line_no + k, ln, 1) for k, ln in enumerate(lines))
        line_no += len(lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    """A paragraph broken at a fixed width (e-mail style): similar long lines, unpunctuated ends."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    lengths = [len(ln) for ln in body]
    similar = min(lengths) >= 40 and max(lengths) - min(lengths) <= 25
    open_ends = sum(1 for ln in body if not terms.SENTENCE_END.search(ln)) >= 0.6 * len(body)
    return similar and open_ends


# -- rules on the unit alone --------------------------------------------------------------------

def _judge_alone(unit: str, title_words: set[str], config: CleanConfig) -> tuple[Reason, str] | None:
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
    found = set(terms.WORD.findall(low))
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
        if first in terms.CREDIT_HEADS or first.split(" ")[-1] in terms.CREDIT_HEADS \
                or any(first.startswith(u) for u in terms.CREDIT_UNSPACED):
            return (Reason.CREDIT, f"credit line: {first}")
    if re.match(r"^\(?(reporting|writing|editing) by\b", low) and len(words) <= 25:
        return (Reason.CREDIT, "agency credit")
    return None


def _navigation(unit, low, words, config):
    bare = low.strip(" .:>»›→|-–—·•…")
    if bare in terms.NAV_LINES or any(bare == u for u in terms.NAV_UNSPACED):
        return (Reason.NAVIGATION, "navigation link")
    if len(words) <= config.short_words and any(
            low.startswith(o) and (len(low) == len(o) or not low[len(o)].isalnum()) for o in terms.NAV_OPENERS):
        return (Reason.NAVIGATION, "link to other content")
    parts = [p.strip() for p in re.split(r"\s[" + re.escape(terms.CRUMB_SEPARATORS) + r"]\s", f" {unit} ")]
    if len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts) and not terms.SENTENCE_END.search(unit):
        return (Reason.NAVIGATION, "breadcrumb or menu")
    return None


def _prompt(low, words, title_words, config):
    tokens = _tokens(low)
    if title_words & {"cookie", "cooki", "newsl"}:   # the article is about cookies: trust nothing here
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

def _judge_language(unit: str, guess: LanguageGuess, letters: int, article: LanguageGuess,
                    config: CleanConfig) -> tuple[Reason, str] | None:
    if not (article.known and guess.known) or guess.lang == article.lang:
        return None
    if letters < config.foreign_min_letters or guess.confidence < config.foreign_min_confidence:
        return None
    if unit.lstrip()[:1] in _QUOTE_OPEN:   # a quotation in the original language belongs to the story
        return None
    if any(guess.lang in group and article.lang in group for group in _CONFUSABLE):
        return None
    return (Reason.FOREIGN_LANGUAGE, f"{guess.lang} ({guess.confidence:.2f}) in a {article.lang} article")


def _stray_fragments(units, reasons, title, config) -> dict[int, tuple[Reason, str]]:
    """Short unpunctuated lines that do not belong to the article: menu items, related-article
    links, buttons, contact lines. The first unit (a headline) is exempt.

    The main evidence is word overlap with the rest of the article: a heading shares words with
    the text it heads, a menu item of the site rarely does. Page-furniture cues (a call-to-action
    opener, a section word such as "Privacy" or "Pricing", ALL CAPS, an e-mail address) lower the
    overlap a line needs before it is believed; a line that shares words with the next paragraph
    (a heading announcing it) needs two cues.
    """
    vocab = Counter()
    for i, (_, unit, _) in enumerate(units):
        if i not in reasons:
            vocab.update(content_words(unit))
    vocab.update(content_words(title or ""))
    if sum(vocab.values()) < config.fragment_min_body_words:
        return {}
    found = {}
    for i, (_, unit, _) in enumerate(units):
        if (i == 0 and title is None) or i in reasons or len(unit.split()) > config.fragment_max_words:
            continue
        if _CONTACT.search(unit) and len(unit.split()) <= 8:
            found[i] = (Reason.NAVIGATION, "contact or link line")
            continue
        if terms.SENTENCE_END.search(unit):
            continue
        own = Counter(content_words(unit))
        if not own:
            continue
        overlap = sum(1 for w, n in own.items() if vocab[w] > n) / len(own)
        cues = _furniture_cues(unit)
        heads_next = _shares_words(own, units, i + 1)
        needed = config.fragment_min_overlap if not cues else (
            config.fragment_cue_overlap if not heads_next or len(cues) >= 2 else config.fragment_min_overlap)
        if overlap < needed:
            detail = ("shares no word with the article" if overlap == 0 else f"shares {overlap:.0%} of its words")
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
    if len(letters) >= 4 and all(ch.isupper() for ch in letters if ch.isupper() or ch.islower()) \
            and any(ch.isupper() for ch in letters):
        cues.append("all caps")
    return cues


def _shares_words(own: Counter, units, j: int) -> bool:
    if j >= len(units):
        return False
    following = set(content_words(units[j][1]))
    return any(w in following for w in own)


def _norm(text: str) -> str:
    return " ".join(terms.WORD.findall(text.lower()))
