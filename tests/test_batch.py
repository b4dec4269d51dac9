"""The batch engine: shards read as `add` reads, the local engine end to end on real articles
(repeats, conflicts, copies, stories, resumption), blocks merged across borders, and loading a
batch into a store. The Ray engine is in test_batch_ray.py."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import EXAMPLES, shared
from samestory.batch import BatchOptions, run_batch
from samestory.batch.shards import plan_shards, read_shard
from samestory.batch.stories import plan_blocks
from samestory.errors import InputError, UsageError
from samestory.ingest import read
from samestory.pipeline.executors import LocalExecutor


def _ids(items) -> list[str]:
    return [item.id if not isinstance(item, InputError) else f"error:{item.where}" for item in items]


def test_jsonl_shards_read_exactly_what_add_reads(tmp_path):
    lines = [json.dumps({"text": f"Article number {n} about a harbour."}) for n in range(7)]
    lines.insert(3, "")  # a blank line keeps its number
    lines.insert(5, "{not json")  # a bad record, named by its line
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shards, errors, _ = plan_shards([str(path)], records=3)
    assert not errors
    assert [s.describe() for s in shards] == [f"{path}:1-3", f"{path}:4-6", f"{path}:7-9"]
    by_shards = [i for s in shards for i in _ids(read_shard(s))]
    assert by_shards == _ids(read(path))
    assert f"error:{path}:6" in by_shards and "feed:9" in by_shards


def test_parquet_and_loose_files_shard_with_the_ids_add_gives(tmp_path):
    folder = tmp_path / "crawl"
    (folder / "a").mkdir(parents=True)
    for name in ("one", "two", "three"):
        (folder / "a" / f"{name}.txt").write_text(f"The {name} report on river levels.\n", encoding="utf-8")
    table = pa.table({"id": ["p1", "p2", "p3"], "text": ["First.", "Second.", ""]})
    pq.write_table(table, tmp_path / "rows.parquet", row_group_size=2)
    shards, _, _ = plan_shards([str(folder), str(tmp_path / "rows.parquet")], files=2)
    assert [s.kind for s in shards] == ["files", "files", "parquet", "parquet"]
    ids = [i for s in shards for i in _ids(read_shard(s))]
    assert ids[:3] == _ids(read(folder))
    assert ids[3:5] == ["p1", "p2"]
    assert ids[5].startswith("error:") and ids[5].endswith("rows.parquet#2")  # empty text, named by row


def test_a_folder_of_parquet_files_is_read_as_a_parquet_file_named_directly_is(tmp_path):
    folder = tmp_path / "exported"
    (folder / "day2").mkdir(parents=True)
    pq.write_table(pa.table({"id": ["a1"], "text": ["The first report."]}), folder / "day1.parquet")
    pq.write_table(pa.table({"id": ["b1", "b2"], "text": ["Second.", "Third."]}), folder / "day2" / "x.parquet")
    shards, errors, skipped = plan_shards([str(folder)])
    assert not errors and not skipped
    assert [(s.kind, Path(s.files[0]).name) for s in shards] == [("parquet", "day1.parquet"), ("parquet", "x.parquet")]
    assert [i for s in shards for i in _ids(read_shard(s))] == ["a1", "b1", "b2"]
    # a folder with nothing to read says what a batch reads, Parquet included
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    shards, errors, skipped = plan_shards([str(tmp_path / "empty")])
    assert not shards and skipped == [str(tmp_path / "empty" / "notes.csv")]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'empty'}: no .txt, .jsonl, .html, .warc or .parquet files in this folder"
    ]


def test_dated_blocks_take_the_week_before_as_halo():
    order = [(f"2024-03-{d:02d}", (0, n)) for n, d in enumerate([1, 2, 3, 9, 10, 11, 20, 21])]
    blocks = plan_blocks(order, {(0, 4): (0, 3)}, block_size=3, window_days=7)
    assert [len(b.members) for b in blocks] == [3, 3, 2]
    assert blocks[1].halo == ((0, 1), (0, 2))  # the 2nd and 3rd: within 7 days of the 9th
    assert blocks[2].halo == ()  # the 11th is 9 days before the 20th
    assert blocks[1].links == (((0, 4), (0, 3)),) and blocks[0].tail == ((0, 1), (0, 2))
    undated = plan_blocks([(None, (0, n)) for n in range(10)], {}, block_size=4, halo=2)
    assert [b.halo for b in undated] == [(), ((0, 2), (0, 3)), ((0, 6), (0, 7))]


def _stream(tmp_path: Path, n_multi: int = 25, n_single: int = 25, seed: int = 7) -> tuple[Path, dict[str, str]]:
    """Dev articles of stories with several members (and some alone), shuffled, plus a repeated
    record, an id coming back with other text, and an exact copy under a new id."""
    rows = [json.loads(line) for line in shared("data", "stories", "dev.jsonl").open(encoding="utf-8")]
    by_story = defaultdict(list)
    for row in rows:
        by_story[row["story"]].append(row)
    multi = [s for s in by_story.values() if len(s) > 1][:n_multi]
    single = [s for s in by_story.values() if len(s) == 1][:n_single]
    chosen = [r for s in multi + single for r in s]
    random.Random(seed).shuffle(chosen)
    gold = {r["id"]: r["story"] for r in chosen}
    records = [{k: r[k] for k in ("id", "lang", "title", "text")} for r in chosen]
    records.append(dict(records[5]))  # the same record again
    records.append({**records[7], "text": records[7]["text"] + " Corrected later."})  # conflict
    records.append({**records[9], "id": "copy-of-9"})  # a copy under its own id
    gold["copy-of-9"] = gold[records[9]["id"]]
    path = tmp_path / "stream.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path, gold


def members(out: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for path in sorted((out / "stories").glob("members-*.parquet")):
        for row in pq.read_table(path).to_pylist():
            found[row["id"]].append(row["story"])
    return found


def bcubed(x: dict, y: dict) -> float:
    cx, cy = defaultdict(set), defaultdict(set)
    for k in x:
        cx[x[k]].add(k)
        cy[y[k]].add(k)
    p = sum(len(cx[x[k]] & cy[y[k]]) / len(cx[x[k]]) for k in x) / len(x)
    r = sum(len(cx[x[k]] & cy[y[k]]) / len(cy[y[k]]) for k in x) / len(x)
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def local_batch(resources, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch")
    path, gold = _stream(tmp)
    out = tmp / "out"
    report = run_batch([path], out, LocalExecutor(), options=BatchOptions(records_per_shard=20), resources=resources)
    return path, gold, out, report


def test_local_batch_keeps_every_article_once_and_groups_stories(local_batch):
    path, gold, out, report = local_batch
    found = members(out)
    assert set(found) == set(gold) and all(len(v) == 1 for v in found.values())
    assert (report.repeats, report.conflicts, report.copies) == (1, 1, 1)
    conflict = next(e for e in report.errors if "occurs again" in str(e))
    assert conflict.where == f"{path}:{len(gold) + 1}"  # the conflicting line, by number
    dup = pq.read_table(out / "duplicates.parquet").to_pylist()
    assert [(d["id"], d["kind"]) for d in dup] == [("copy-of-9", "copy")]
    got = {k: v[0] for k, v in found.items()}
    assert got["copy-of-9"] == got[dup[0]["of"]]
    assert bcubed({k: gold[k] for k in got}, got) >= 0.93  # one block: the rebuild's quality
    assert json.loads((out / "batch.json").read_text())["state"] == "complete"


def test_rerun_skips_finished_shards_and_completes_a_half_finished_batch(local_batch, resources):
    path, _, out, first = local_batch
    again = run_batch([path], out, LocalExecutor(), options=BatchOptions(records_per_shard=20), resources=resources)
    assert again.shards_reused == again.shards == first.shards
    assert again.seconds["prepare"] < first.seconds["prepare"] / 5
    before = members(out)
    # a crash after two shards: their files are there, the rest and the stories are not
    for shard in sorted((out / "articles").glob("*.parquet"))[2:]:
        shard.unlink()
    for stale in (out / "stories").rglob("*.parquet"):
        stale.unlink()
    done = run_batch([path], out, LocalExecutor(), options=BatchOptions(records_per_shard=20), resources=resources)
    assert done.shards_reused == 2 and members(out) == before


def test_the_same_input_typed_another_way_is_the_same_batch(local_batch, resources, monkeypatch):
    path, _, out, first = local_batch
    monkeypatch.chdir(path.parent)  # ./stream.jsonl, relative, where the batch was given an absolute path
    again = run_batch(
        [f"./{path.name}"], out, LocalExecutor(), options=BatchOptions(records_per_shard=20), resources=resources
    )
    assert again.shards_reused == again.shards == first.shards


def test_a_batch_inside_its_input_folder_resumes_and_a_damaged_shard_is_prepared_again(resources, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    lines = [json.dumps({"id": f"r{i}", "text": f"Report {i}: the ferry to the island ran again."}) for i in range(4)]
    (data / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = data / "out"  # its shards are Parquet: read as input, they would change the plan at every run
    options = BatchOptions(records_per_shard=2)
    first = run_batch([data], out, LocalExecutor(), options=options, resources=resources)
    assert first.articles == 4 and first.shards == 2
    again = run_batch([data], out, LocalExecutor(), options=options, resources=resources)
    assert again.shards_reused == again.shards == 2 and again.articles == 4
    # a shard file whose metadata cannot be read is prepared again, not a failure of the run
    shard = sorted((out / "articles").glob("shard-*.parquet"))[0]
    table = pq.read_table(shard)
    pq.write_table(table.replace_schema_metadata({b"samestory.warc_records_skipped": b"{oops"}), shard)
    mended = run_batch([data], out, LocalExecutor(), options=options, resources=resources)
    assert mended.shards_reused == 1 and mended.articles == 4


def test_a_link_and_its_target_are_other_inputs_they_give_other_ids(resources, tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text(json.dumps({"text": "The ferry to the island ran again."}) + "\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(real)
    run_batch([tmp_path / "link.jsonl"], tmp_path / "out", LocalExecutor(), resources=resources)
    with pytest.raises(UsageError, match="other inputs"):  # its records would be real:1, not link:1
        run_batch([real], tmp_path / "out", LocalExecutor(), resources=resources)


def test_a_batch_folder_is_never_mixed_with_other_inputs(local_batch, tmp_path, resources):
    _, _, out, _ = local_batch
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"text": "Something else entirely."}) + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="other inputs"):
        run_batch([other], out, LocalExecutor(), resources=resources)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not a batch folder"):
        run_batch([other], tmp_path / "full", LocalExecutor(), resources=resources)


def test_small_blocks_merge_stories_across_borders(local_batch, resources, tmp_path):
    """Blocks of 20 with a halo of 20 give nearly the stories of one block: a story whose
    members fall in two blocks is joined through the halo."""
    path, gold, out, _ = local_batch
    whole = {k: v[0] for k, v in members(out).items()}
    small = tmp_path / "small"
    options = BatchOptions(records_per_shard=20, block_size=20, halo=20)
    report = run_batch([path], small, LocalExecutor(), options=options, resources=resources)
    assert report.blocks > 3
    cut = {k: v[0] for k, v in members(small).items()}
    assert set(cut) == set(whole)
    assert bcubed(whole, cut) >= 0.95
    spanning = [s for s in set(gold.values()) if len({whole[k] for k in gold if gold[k] == s}) == 1]
    assert spanning  # stories the one-block run kept whole …
    kept = sum(1 for s in spanning if len({cut[k] for k in gold if gold[k] == s}) == 1)
    assert kept / len(spanning) >= 0.9  # … stay whole across block borders


def test_add_from_batch_stores_the_prepared_articles(local_batch, resources, tmp_path):
    from samestory.corpus import Corpus

    _, gold, out, _ = local_batch
    with Corpus(tmp_path / "db", resources=resources) as corpus:
        report = corpus.add_batch(out)
        assert report.added == len(gold)  # the conflicting record is a conflict again
        assert report.already_present == 1 and report.duplicates["copy"] == 1
        again = corpus.add_batch(out)
        assert again.added == 0 and again.already_present == report.read - 1
        stored = corpus.article("copy-of-9")
        assert stored is not None and stored["story"] is not None


def test_add_from_batch_refuses_an_unfinished_batch(tmp_path, resources):
    from samestory.corpus import Corpus

    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "batch.json").write_text(json.dumps({"state": "running"}), encoding="utf-8")
    with Corpus(tmp_path / "db", resources=resources) as corpus, pytest.raises(UsageError, match="did not finish"):
        corpus.add_batch(tmp_path / "half")


def test_a_damaged_or_missing_shard_is_named_and_a_rerun_redoes_it(local_batch, resources, cli, tmp_path):
    import shutil

    path, gold, out, _ = local_batch
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    shards = sorted((copy / "articles").glob("*.parquet"))
    shards[1].unlink()
    cut = shards[2].read_bytes()
    shards[2].write_bytes(cut[: len(cut) // 2])
    result = cli("add", "--from-batch", copy, "--db", tmp_path / "db", "--quiet")
    assert result.code == 1 and "shard-00001.parquet: is missing: the batch folder is damaged" in result.err
    assert not (tmp_path / "db").exists()  # refused before the store was opened
    shards[1].write_bytes(b"")  # still damaged: a rerun prepares both again
    redo = run_batch([path], copy, LocalExecutor(), options=BatchOptions(records_per_shard=20), resources=resources)
    assert redo.shards_reused == redo.shards - 2 and members(copy) == members(out)
    assert cli("add", "--from-batch", copy, "--db", tmp_path / "db", "--quiet").code == 1  # the conflict, as before
    assert cli("export", "--db", tmp_path / "db", "--json", "--out", tmp_path / "e.jsonl").json()["articles"] == len(
        gold
    )


def test_batch_command_usage_errors(cli, tmp_path):
    result = cli("batch", tmp_path / "missing.jsonl", "--out", tmp_path / "o")
    assert result.code == 1 and result.err.strip().endswith("missing.jsonl: no such file or directory")
    assert len(result.err.strip().splitlines()) == 1 and not (tmp_path / "o").exists()
    (tmp_path / "afile").write_text("mine")
    result = cli("batch", EXAMPLES / "harbor-fire.en.txt", "--out", tmp_path / "afile")
    assert result.code == 2 and "is a file; --out names a folder" in result.err
    result = cli("batch", tmp_path, "--out", tmp_path / "o", "--address", "auto")
    assert result.code == 2 and "--engine ray" in result.err
    result = cli("add", "--db", tmp_path / "db")
    assert result.code == 2 and "--from-batch" in result.err


def test_warc_files_are_shards_and_their_pages_join_one_story(resources, tmp_path):
    from samestory.ingest.warc import SKIP_CONTENT_TYPE
    from test_warc import ENGLISH_PAGE, GERMAN_PARAGRAPHS, PNG, page, record, response, write

    # the German version of the same day (a page without its own date takes the crawl's)
    german = page("Feuer zerstört Lagerhalle im Hafen", GERMAN_PARAGRAPHS, lang="de", published="2024-03-05")
    request = record(
        "request", b"GET /fire HTTP/1.1\r\nHost: herald.example\r\n\r\n", uri="https://herald.example/fire"
    )
    write(tmp_path / "a.warc.gz", [request, response("https://herald.example/fire", ENGLISH_PAGE)])
    write(
        tmp_path / "b.warc.gz",
        [
            response("https://zeitung.example/feuer", german),
            response("https://zeitung.example/logo.png", PNG, content_type="image/png"),
        ],
    )
    shards, _, _ = plan_shards([str(tmp_path)])
    assert [(s.kind, Path(s.files[0]).name) for s in shards] == [("warc", "a.warc.gz"), ("warc", "b.warc.gz")]
    out = tmp_path / "out"
    report = run_batch([tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"], out, LocalExecutor(), resources=resources)
    assert report.articles == 2 and report.rejected == 0
    # the request and the logo hold no page: counted, as add counts them, and said in the summary
    assert report.warc_records_skipped == {"request": 1, SKIP_CONTENT_TYPE: 1}
    assert f"WARC records without a page: 2 (1 {SKIP_CONTENT_TYPE}, 1 request)" in report.summary()
    # a re-run reuses both shards and still reports them
    again = run_batch([tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"], out, LocalExecutor(), resources=resources)
    assert again.shards_reused == 2 and again.warc_records_skipped == report.warc_records_skipped
    found = members(out)
    assert set(found) == {"https://herald.example/fire", "https://zeitung.example/feuer"}
    assert len({v[0] for v in found.values()}) == 1  # the report and its German version: one story
