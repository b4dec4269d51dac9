"""The evaluation instruments' input handling (no models needed)."""

from __future__ import annotations

import json

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


def test_pair_and_document_records_are_checked(tmp_path):
    pairs = tmp_path / "p.jsonl"
    pairs.write_text(
        json.dumps(
            {
                "pair_id": "1",
                "lang1": "en",
                "lang2": "de",
                "title1": "A",
                "text1": "x",
                "title2": "B",
                "text2": "y",
                "scores": {"Overall": 1.5},
            }
        )
        + "\n"
        + json.dumps({"pair_id": "2"})
        + "\n"
    )
    with pytest.raises(DataError, match=r"p\.jsonl:2: not a SemEval pair record"):
        load_pairs(pairs)
    docs = tmp_path / "w.jsonl"
    docs.write_text(json.dumps({"doc_id": "d", "lang1": "de", "lang2": "fr"}) + "\n")
    with pytest.raises(DataError, match=r"w\.jsonl:1: not a WMT document record"):
        load_documents(docs)


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
