"""Thresholds of the cleaner (:class:`CleanConfig`) and the configuration for HTML-extracted text."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CleanConfig", "HTML_CLEAN"]


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
    #: the judge reads at most this many units; the rest of a longer text is judged by the rules
    #: alone, and the result says so. A scrape of 30,000 one-line list items would otherwise cost
    #: ~50 s and ~1 GB; real articles have far fewer (WCXB pages: 99% under 600 units).
    judge_max_units: int = 2000


#: The configuration for text extracted from HTML (see ``CleanConfig.stray_fragments``).
HTML_CLEAN = CleanConfig(stray_fragments=False, bare_numbers=False, judge=False)


#: The configuration for text extracted from HTML (see ``CleanConfig.stray_fragments``).
HTML_CLEAN = CleanConfig(stray_fragments=False, bare_numbers=False, judge=False)
