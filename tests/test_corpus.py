"""The corpus as a user builds it: add (idempotent, conflicts, versions), copies and translations,
export, check and repair, and a real process killed mid-add."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import samestory
from conftest import EXAMPLES, shared
from samestory.corpus import Corpus
from samestory.store import MemoryStore, SQLiteStore

STORY = (
    "The harbour authority of Brunsholm said on Tuesday that the new ferry terminal would open in May, "
    "two years later than planned, after the cost rose to 48 million euros.\n\n"
    "Mayor Ilse Tamm told reporters that the delay had been caused by damaged pillars found in the old quay "
    "during the first weeks of construction.\n\n"
    "About 1,200 islanders use the ferry every day; until May they will board from a temporary pontoon "
    "north of the fish market, the authority said.\n\n"
    "The terminal will have a waiting hall heated by sea-water heat pumps and a covered walkway to the bus station."
)


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path, resources):
    with Corpus(tmp_path / "store.db", resources=resources) as c:
        yield c


def test_adding_the_examples_twice_stores_each_once(cli, tmp_path):
    db = tmp_path / "store.db"
    first = cli("add", EXAMPLES, "--db", db, "--json", "--quiet").json()
    assert first["added"] == 14 and first["already_present"] == 0 and first["rejected"] == {}
    second = cli("add", EXAMPLES, "--db", db, "--json", "--quiet").json()
    assert second["added"] == 0 and second["already_present"] == 14
    exported = [json.loads(line) for line in cli("export", "--db", db).out.splitlines()]
    assert sorted(r["id"] for r in exported) == sorted(
        [
            "desalination-plant.ar",
            "electric-ferry.en",
            "electric-ferry.ja",
            "harbor-fire.de",
            "harbor-fire.en",
            "kedrovaya-comet.en",
            "kedrovaya-comet.ru",
            "kedrovaya-visitor-centre.ru",
            "river-bridge.es",
            "river-bridge.fr",
            "verlac-market.fr",
            "cw-4471",
            "cw-4502",
            "cw-4519",
        ]
    )
    ru = next(r for r in exported if r["id"] == "kedrovaya-comet.ru")
    assert ru["lang"] == "ru" and "Источник" not in ru["text"]  # stored cleaned
    assert cli("check", "--db", db).code == 0


def test_a_copy_with_other_boilerplate_is_stored_and_grouped(corpus, tmp_path):
    wire = _jsonl(tmp_path / "wire.jsonl", [{"id": "herald-1", "title": "Ferry terminal delayed", "text": STORY}])
    repost = _jsonl(
        tmp_path / "repost.jsonl",
        [
            {
                "id": "gazette-7",
                "title": "New ferry terminal opens in May",
                "text": "Home > Region > Harbour\n\n" + STORY + "\n\nShare this article\n\nSubscribe to our newsletter",
            }
        ],
    )
    corpus.add(wire)
    report = corpus.add(repost)
    assert report.added == 1 and report.duplicates["copy"] == 1
    from samestory.corpus.upkeep import duplicate_groups

    assert duplicate_groups(corpus.store) == [
        {
            "class": "copy",
            "target": "herald-1",
            "leader": "herald-1",
            "ids": ["herald-1", "gazette-7"],
            "members": [{"id": "gazette-7", "score": 1.0, "evidence": {}}],
        }
    ]


def test_an_id_back_with_other_text_is_a_conflict_unless_updated(corpus, tmp_path):
    corpus.add(_jsonl(tmp_path / "a.jsonl", [{"id": "x1", "text": STORY}]))
    changed = _jsonl(tmp_path / "b.jsonl", [{"id": "x1", "text": STORY.replace("48 million", "52 million")}])
    report = corpus.add(changed)
    assert report.added == 0 and report.rejected == {"conflict": 1}
    assert str(report.errors[0]) == (
        f"{changed}:1: id 'x1' is already stored with other text or metadata; not added (--update stores it as a new version)"
    )
    report = corpus.add(changed, update=True)
    assert report.added == 1 and report.updated == 1
    stored = corpus.store.by_id("x1")
    assert stored.version == 2 and "52 million" in stored.paragraphs[0]


def test_the_same_id_twice_in_one_input_is_reported(corpus, tmp_path):
    path = _jsonl(tmp_path / "dup.jsonl", [{"id": "x1", "text": STORY}, {"id": "x1", "text": STORY + " More."}])
    report = corpus.add(path)
    assert report.added == 1 and report.rejected == {"conflict": 1}
    assert f"{path}:2: id 'x1' occurs again with other text or metadata (first at {path}:1)" in str(report.errors[0])


def test_bad_records_are_counted_and_strict_stops_at_the_first(corpus, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "text": STORY}) + "\nnot json\n" + json.dumps({"id": "e", "text": " "}) + "\n"
    )
    report = corpus.add(path)
    assert report.added == 1 and report.rejected == {"malformed record": 2}
    with pytest.raises(samestory.MalformedRecordError, match=r"mixed\.jsonl:2"):
        corpus.add(path, strict=True)


def test_the_cli_reports_a_clear_line_and_exit_1_for_bad_input(cli, tmp_path):
    (tmp_path / "notastore").mkdir()
    (tmp_path / "notastore" / "thesis.txt").write_text("my only copy")
    result = cli("add", EXAMPLES / "harbor-fire.en.txt", "--db", tmp_path / "notastore", "--quiet")
    assert result.code == 1 and result.err.strip().endswith(
        "is not a samestory store (it holds other files); give --db a new or empty folder"
    )
    assert sorted(os.listdir(tmp_path / "notastore")) == ["thesis.txt"]


def test_check_finds_a_lost_index_and_repair_rebuilds_it(cli, tmp_path):
    db = tmp_path / "store.db"
    assert (
        cli("add", EXAMPLES / "river-bridge.fr.txt", EXAMPLES / "river-bridge.es.txt", "--db", db, "--quiet").code == 0
    )
    (db / "index-usem3.usearch").unlink()
    broken = cli("check", "--db", db)
    assert broken.code == 1 and "index usem3: 2 article(s) missing" in broken.out
    repaired = cli("check", "--db", db, "--repair")
    assert repaired.code == 0 and "repaired: index usem3" in repaired.out
    assert cli("check", "--db", db).code == 0


def test_the_add_logic_on_the_memory_fake(resources, tmp_path):
    store = MemoryStore()
    corpus = Corpus(store=store, resources=resources)
    path = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": STORY}, {"id": "b", "text": STORY}])
    report = corpus.add(path)
    assert (report.added, report.duplicates["copy"]) == (2, 1)
    assert store.duplicates()[2].leader == 1 and corpus.add(path).already_present == 2


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db / 'store.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return 0


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _gone(pids: list[int], wait: float = 10.0) -> bool:
    """Whether every process in ``pids`` has exited (or is a zombie) within ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.1)
    return False


def test_kill_9_at_several_points_then_rerun_loses_nothing_and_doubles_nothing(tmp_path):
    """A real `samestory add` process killed with SIGKILL while it writes (after the first batch,
    after the second, and during model loading), then run again: every article exactly once, and
    no preparing worker outlives a killed add."""
    lines = shared("data", "stories", "dev.jsonl").read_text(encoding="utf-8").splitlines()[:72]
    rows = [json.loads(line) for line in lines]
    src = _jsonl(tmp_path / "in.jsonl", [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in rows])
    db = tmp_path / "store.db"
    command = [sys.executable, "-m", "samestory.cli", "add", str(src), "--db", str(db), "--quiet", "--batch", "16"]
    kills = 0
    for threshold in (0, 16, 32):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 240
        while process.poll() is None and time.monotonic() < deadline:
            if (threshold == 0 and time.monotonic() > deadline - 239) or (threshold and _count(db) >= threshold):
                workers = _children(process.pid)
                process.send_signal(signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.05)
        process.wait()
        if threshold:  # add ran its preparing workers (one per core): they die with it
            assert workers and _gone(workers), f"workers left running after kill -9: {workers}"
    assert kills == 3
    assert 0 < _count(db) < len(rows)  # killed mid-run
    final = subprocess.run(command[:-3] + ["--json", "--quiet"], capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    check = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "check", "--db", str(db)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with SQLiteStore(db, create=False) as store:
        ids = [a.id for a in store.iter_current()]
    assert sorted(ids) == sorted(r["id"] for r in rows) and len(ids) == len(set(ids))


def test_a_rolled_back_batch_leaves_no_stale_article_view(tmp_path, resources, monkeypatch):
    """A batch rolled back after the clusterer read its article frees the article's key, which the
    next article reuses: the clusterer then reads the new article, not the rolled-back one (what
    any cache of stored articles must keep true: one tried this stop failed it until a rollback
    emptied it)."""
    first = _jsonl(tmp_path / "a.jsonl", [{"id": "first", "text": STORY}])
    second = _jsonl(tmp_path / "b.jsonl", [{"id": "second", "text": STORY.replace("Brunsholm", "Kalvøy")}])
    with Corpus(tmp_path / "store.db", resources=resources) as corpus:
        book = corpus.story_book
        assert book is not None
        assign = book.assign

        def read_then_fail(key, link):
            assert book.memory.article(key).id == "first"  # now in the view cache
            raise RuntimeError("disk unplugged")

        monkeypatch.setattr(book, "assign", read_then_fail)
        with pytest.raises(RuntimeError, match="disk unplugged"):
            corpus.add(first)
        monkeypatch.setattr(book, "assign", assign)
        assert corpus.add(second).added == 1
        (stored,) = corpus.store.iter_current()  # type: ignore[attr-defined]
        assert book.memory.article(stored.key).id == "second"
        assert "Kalvøy" in " ".join(book.memory.article(stored.key).texts)
