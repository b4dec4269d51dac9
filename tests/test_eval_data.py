"""The evaluation instruments' input handling (no models needed)."""

from __future__ import annotations

import json
import re

import pytest

from samestory.errors import DataError
from samestory.evaluation.data import read_records
from samestory.evaluation.link_eval import load_documents
from samestory.evaluation.pairs_eval import load_pairs


def test_read_records_names_file_and_line(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"a": 1}\n\nnot json\n')
    with pytest.raises(DataError, match=r"d\.jsonl:3: not JSON"):
        list(read_records(path, "test JSONL"))


def test_read_records_limit_missing_and_empty(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"n": i}) + "\n" for i in range(5)))
    assert [r["n"] for _, r in read_records(path, "x", limit=2)] == [0, 1]
    with pytest.raises(DataError, match="no such file"):
        list(read_records(tmp_path / "nope.jsonl", "x"))
    (tmp_path / "e.jsonl").write_text("\n")
    with pytest.raises(DataError, match="no records"):
        list(read_records(tmp_path / "e.jsonl", "x"))


PAIR = {
    "pair_id": "1",
    "lang1": "en",
    "lang2": "de",
    "title1": "A",
    "text1": "x",
    "title2": "B",
    "text2": "y",
    "scores": {
        "Overall": 1.5,
        **{d.title(): 2.0 for d in ("geography", "entities", "time", "narrative", "style", "tone")},
    },
}
DOC = {"doc_id": "d", "pair": "de-fr", "lang1": "de", "lang2": "fr", "sentences1": ["Eins."], "sentences2": ["Un."]}


def _lines(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_pair_and_document_records_are_checked(tmp_path):
    assert len(load_pairs(_lines(tmp_path / "p.jsonl", PAIR, {**PAIR, "text1": None}))) == 2  # the set has empty texts
    with pytest.raises(DataError, match=r'p\.jsonl:2: no "text1"'):
        load_pairs(_lines(tmp_path / "p.jsonl", PAIR, {"pair_id": "2"}))
    with pytest.raises(DataError, match=r'w\.jsonl:1: no "sentences1"'):
        load_documents(_lines(tmp_path / "w.jsonl", {"doc_id": "d", "lang1": "de", "lang2": "fr"}))


@pytest.mark.parametrize(
    "record, says",
    [
        ({**PAIR, "text1": 12345}, '"text1" is 12345 (a string expected)'),
        ({**PAIR, "lang2": None}, '"lang2" is null'),
        ({**PAIR, "scores": {"Overall": 1.5}}, 'no "geography"'),
        (
            {**PAIR, "scores": {**PAIR["scores"], "Overall": float("nan")}},
            '"overall" is NaN (a finite number expected)',
        ),
        ({**PAIR, "scores": [1, 2]}, 'no "scores" object'),
    ],
)
def test_a_pair_field_of_the_wrong_type_names_its_line(tmp_path, record, says):
    with pytest.raises(DataError, match=r"p\.jsonl:2: .*" + re.escape(says)):
        load_pairs(_lines(tmp_path / "p.jsonl", PAIR, record))


@pytest.mark.parametrize(
    "record, says",
    [
        ({**DOC, "sentences1": "abcde"}, '"sentences1" is "abcde" (a non-empty list of strings expected)'),
        ({**DOC, "sentences2": [1, 2]}, '"sentences2" is [1, 2]'),
        ({**DOC, "sentences1": []}, '"sentences1" is []'),
        ({**DOC, "lang1": 5}, '"lang1" is 5'),
    ],
)
def test_a_document_field_of_the_wrong_type_names_its_line(tmp_path, record, says):
    from samestory.evaluation.search_eval import _checked

    path = _lines(tmp_path / "w.jsonl", DOC, record)
    with pytest.raises(DataError, match=r"w\.jsonl:2: " + re.escape(says)):
        load_documents(path)
    with pytest.raises(DataError, match=r"w\.jsonl:2: " + re.escape(says)):
        [_checked(d, w) for w, d in read_records(path, "x")]


def test_an_eval_file_that_is_a_folder_or_not_text_is_named(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        list(read_records(tmp_path, "x"))
    (tmp_path / "b.jsonl").write_bytes(b'{"a": 1}\n\x1f\x8b\x08\x00\xff\xfe\n')
    with pytest.raises(DataError, match=r"b\.jsonl: not UTF-8 text after line"):
        list(read_records(tmp_path / "b.jsonl", "x"))


def test_a_stories_file_names_the_line_where_an_id_comes_back(tmp_path):
    from samestory.evaluation.stories_data import load_stories

    path = tmp_path / "s.jsonl"
    rows = [
        {"id": "a", "story": "s", "lang": "en", "text": "One."},
        {"id": "b", "story": "s", "lang": "de", "text": "Eins."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert [r.id for r in load_stories(path)] == ["a", "b"]
    path.write_text("".join(json.dumps(r) + "\n" for r in [*rows, {**rows[0], "story": "t"}]))
    with pytest.raises(DataError, match=r"s\.jsonl:3: id 'a' occurs again \(first at .*s\.jsonl:1\)"):
        load_stories(path)


@pytest.mark.parametrize(
    "change, says",
    [({"story": None}, '"story" is null'), ({"text": 12}, '"text" is 12'), ({"text": " "}, '"text" is empty')],
)
def test_a_stories_field_of_the_wrong_type_names_its_line(tmp_path, change, says):
    from samestory.evaluation.stories_data import load_stories

    row = {"id": "a", "story": "s", "lang": "en", "text": "One."}
    with pytest.raises(DataError, match=r"s\.jsonl:2: " + re.escape(says)):
        load_stories(_lines(tmp_path / "s.jsonl", row, {**row, "id": "b", **change}))


def test_a_malformed_extraction_ground_truth_is_named(tmp_path):
    from samestory.evaluation.clean_eval import _load_aeb, load_wcxb

    (tmp_path / "wcxb" / "ground-truth").mkdir(parents=True)
    page = tmp_path / "wcxb" / "ground-truth" / "7.json"
    page.write_text('{"ground_truth": {"main_content": null, "title": "T"}}')
    assert load_wcxb(tmp_path / "wcxb", None)[0]["gold"] == ""  # a page without main text, as in the set
    for broken, says in [
        ("{not json", "not readable JSON"),
        ("[1, 2]", "holds a JSON list"),
        ("{}", 'no "ground_truth"'),
    ]:
        page.write_text(broken)
        with pytest.raises(DataError, match=r"7\.json: " + re.escape(says)):
            load_wcxb(tmp_path / "wcxb", None)
    (tmp_path / "aeb").mkdir()
    (tmp_path / "aeb" / "ground-truth.json").write_text("[1, 2]")
    with pytest.raises(DataError, match=r"ground-truth\.json: holds a JSON list"):
        _load_aeb(tmp_path / "aeb", None)


def test_a_stories_record_the_pipeline_cannot_prepare_is_named(tmp_path, resources):
    from samestory.evaluation.stories_data import StoryRecord, load_stories, prepare_stories

    row = {"id": "b", "story": "s", "lang": "en", "text": "A broken \ud800 character."}
    with pytest.raises(DataError, match=r's\.jsonl:1: "text" holds an unpaired surrogate \\ud800'):
        load_stories(_lines(tmp_path / "s.jsonl", row))  # the file's reader refuses it first
    records = [
        StoryRecord("a", "s", "en", None, "A fire destroyed the grain warehouse in the harbour."),
        StoryRecord("b", "s", "en", None, row["text"]),  # a record the pipeline fails on, given directly
    ]
    failed: list = []
    prepared = prepare_stories(records, resources, quiet=True, where="given", errors=failed)
    assert prepared[0] is not None and prepared[1] is None
    (error,) = failed
    assert error.where == "given:2" and "unpaired surrogate" in str(error)
