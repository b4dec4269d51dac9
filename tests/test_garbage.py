"""The collector's pace during an add: raised for the run, the process's restored after it."""

from __future__ import annotations

import gc

import pytest

from samestory.corpus import Corpus
from samestory.corpus.garbage import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_raised_inside_and_restored_after(thresholds):
    gc.set_threshold(700, 10, 10)
    with fewer_collections(5000):
        assert gc.get_threshold() == (5000, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_when_the_body_raises(thresholds):
    gc.set_threshold(700, 7, 9)
    with pytest.raises(RuntimeError), fewer_collections(5000):
        raise RuntimeError("stop")
    assert gc.get_threshold() == (700, 7, 9)


def test_never_lowers_a_threshold_or_switches_collection_on(thresholds):
    gc.set_threshold(100_000, 10, 10)
    with fewer_collections(5000):
        assert gc.get_threshold()[0] == 100_000
    gc.set_threshold(0)
    with fewer_collections(5000):
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_overlapping_runs_end_at_the_first_runs_thresholds(thresholds):
    # two runs in two threads, the first to start leaving first: the process ends where it began
    gc.set_threshold(700, 10, 10)
    first, second = fewer_collections(5000), fewer_collections(5000)
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_change_made_inside_the_body_is_kept(thresholds):
    gc.set_threshold(700, 10, 10)
    with fewer_collections(5000):
        gc.set_threshold(1234, 10, 10)
    assert gc.get_threshold() == (1234, 10, 10)


def test_an_add_runs_at_the_raised_pace(tmp_path, thresholds):
    # a record rejected mid-run calls on_error inside the run; no model is needed for it
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": ""}\n', encoding="utf-8")
    gc.set_threshold(700, 10, 10)
    seen = []
    with Corpus(tmp_path / "store.db") as corpus:
        report = corpus.add(source, on_error=lambda error: seen.append(gc.get_threshold()))
    assert sum(report.rejected.values()) == 1 and seen == [(YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
