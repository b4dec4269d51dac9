"""The HTTP API (issue "Serve it"), driven through httpx's ASGI transport: no socket, the real app
over a real store built once per session from examples/, with the session's models.

Also: the token, body limits, problem details, the security headers, and schemathesis fuzzing of
every endpoint from the app's own OpenAPI schema (no 5xx allowed)."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the [serve] extra (fastapi, uvicorn) is not installed")
import httpx

from samestory.corpus import Corpus
from samestory.serve import Limits, create_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STATIC = ROOT / "src" / "samestory" / "serve" / "static"
EVIL = "<script>alert(1)</script>"
EVIL_ARTICLE = {
    "id": "evil-1",
    "title": f"Harbour flood {EVIL}",
    "text": f"The river port closed on Monday after heavy rain. {EVIL} Officials said the docks would reopen "
    "soon, once the water had gone down and the quays had been inspected.",
    "lang": "en",
    "published": "2026-12-04",
}
TOKEN = "s3cret-token-for-tests"

_STORES: dict[str, Corpus] = {}


def session_corpus(resources, tmp_path_factory) -> Corpus:
    """The one small store of the test session (test_page.py uses it too): examples/ plus one
    article whose title and text hold a script tag."""
    if "main" not in _STORES:
        corpus = Corpus(tmp_path_factory.mktemp("serve") / "store", resources=resources)
        corpus.add([EXAMPLES])
        corpus.add_records([EVIL_ARTICLE])
        _STORES["main"] = corpus
    return _STORES["main"]


@pytest.fixture(scope="session")
def corpus(resources, tmp_path_factory) -> Corpus:
    return session_corpus(resources, tmp_path_factory)


@pytest.fixture(scope="session")
def app(corpus):
    return create_app(corpus, warm_up=False)


@pytest.fixture(scope="session")
def token_app(resources, tmp_path_factory):
    """A server with a token, over a store of its own."""
    return create_app(tmp_path_factory.mktemp("serve-token") / "store", token=TOKEN, resources=resources, warm_up=False)


def call(app, method: str, url: str, **kwargs) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://samestory.test") as c:
            return await c.request(method, url, **kwargs)

    return asyncio.run(go())


def is_problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers
    body = r.json()
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    return body


def members(story: dict) -> list[dict]:
    """A story's articles (a list under "articles", or "articles_list" where "articles" counts them)."""
    return story["articles"] if isinstance(story["articles"], list) else story["articles_list"]


def example_text(name: str) -> str:
    """An example file's text, decoded as the readers do (some examples are in legacy encodings)."""
    from samestory.ingest.encoding import decode

    return decode((EXAMPLES / name).read_bytes(), name).text


# -- reads -------------------------------------------------------------------------------------


def test_health_says_what_is_loaded_and_counts(app):
    r = call(app, "GET", "/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["articles"] >= 10


def test_every_answer_carries_the_security_headers(app):
    for url in ("/", "/health", "/stories", "/nope", "/static/app.js"):
        r = call(app, "GET", url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in csp


def test_stories_list_filters_and_pages(app):
    r = call(app, "GET", "/stories")
    assert r.status_code == 200
    stories = r.json()["stories"]
    assert stories and all({"id", "title", "articles", "languages"} <= set(s) for s in stories)
    multi = call(app, "GET", "/stories", params={"min_languages": 2}).json()["stories"]
    assert multi and all(len(s["languages"]) >= 2 for s in multi)
    first = call(app, "GET", "/stories", params={"limit": 1}).json()
    assert len(first["stories"]) == 1 and first["next_offset"] == 1
    second = call(app, "GET", "/stories", params={"limit": 1, "offset": 1}).json()
    assert second["stories"][0]["id"] != first["stories"][0]["id"]
    de = call(app, "GET", "/stories", params={"lang": "de"}).json()["stories"]
    assert de and all("de" in s["languages"] for s in de)
    recent = call(app, "GET", "/stories", params={"order": "recent"}).json()["stories"]
    assert {s["id"] for s in recent} == {s["id"] for s in stories}


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": "many"}, {"offset": -1}, {"since": "yesterday"}, {"lang": "<script>"}, {"order": "x"}],
)
def test_stories_bad_parameters_are_422_problems(app, params):
    body = is_problem(call(app, "GET", "/stories", params=params), 422)
    assert body["errors"]


def test_a_story_has_its_articles_by_language_and_a_timeline(app):
    multi = call(app, "GET", "/stories", params={"min_languages": 2}).json()["stories"][0]
    r = call(app, "GET", f"/stories/{multi['id']}")
    assert r.status_code == 200
    story = r.json()
    assert len({a["lang"] for a in members(story)}) >= 2
    assert story["timeline"] and all({"date", "lang", "count"} <= set(t) for t in story["timeline"])


def test_missing_story_and_article_are_404_problems(app):
    is_problem(call(app, "GET", "/stories/987654321"), 404)
    is_problem(call(app, "GET", "/articles/no-such-article"), 404)
    is_problem(call(app, "GET", "/stories/not-a-number"), 422)
    is_problem(call(app, "GET", "/nowhere"), 404)


def test_an_article_is_served_as_stored(app):
    r = call(app, "GET", "/articles/evil-1")
    assert r.status_code == 200
    article = r.json()
    assert article["title"] == EVIL_ARTICLE["title"] and EVIL in article["text"]
    assert r.headers["content-type"] == "application/json"


def test_search_finds_across_languages(app):
    r = call(app, "GET", "/search", params={"q": "comet named after the astronomer"})
    assert r.status_code == 200
    body = r.json()
    assert body["articles"] and body["stories"]
    assert {"id", "score", "lang", "title", "sentence", "story"} <= set(body["articles"][0])
    is_problem(call(app, "GET", "/search"), 422)
    is_problem(call(app, "GET", "/search", params={"q": "   "}), 422)
    unknown = is_problem(call(app, "GET", "/search", params={"q": "bridge", "lang": "xx"}), 422)
    assert "ISO 639-1 has no 'xx'" in unknown["detail"]
    is_problem(call(app, "GET", "/stories", params={"lang": "qq"}), 422)


# -- compare -----------------------------------------------------------------------------------


def test_compare_two_texts_gives_the_compare_json_object(app, resources):
    from samestory.api import compare

    a, b = example_text("kedrovaya-comet.en.txt"), example_text("kedrovaya-comet.ru.txt")
    r = call(app, "POST", "/compare", json={"a": a, "b": b})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["same_story"] is True
    assert body.keys() == compare(a, b, resources=resources).to_dict().keys()
    assert body["alignment"] and body["languages"] == ["en", "ru"]


def test_compare_stored_articles_by_id(app):
    r = call(app, "POST", "/compare", json={"a_id": "kedrovaya-comet.en", "b_id": "kedrovaya-comet.ru"})
    assert r.status_code == 200, r.text
    assert r.json()["same_story"] is True and r.json()["languages"] == ["en", "ru"]
    is_problem(call(app, "POST", "/compare", json={"a_id": "no-such-id", "b_id": "kedrovaya-comet.ru"}), 404)


def test_compare_reads_html_pages(app):
    html = (EXAMPLES / "verlac-market.fr.html").read_text(encoding="utf-8")
    r = call(app, "POST", "/compare", json={"a": html, "b": html})
    assert r.status_code == 200, r.text
    assert r.json()["same_story"] is True
    is_problem(call(app, "POST", "/compare", json={"a": "<html><body></body></html>", "b": "x", "format": "html"}), 422)
    # a key the client sent is named, whatever its case
    extra = is_problem(call(app, "POST", "/compare", json={"a": "x", "b": "y", "Lang": "en"}), 422)
    assert extra["detail"].startswith("Lang: Extra inputs are not permitted"), extra["detail"]


@pytest.mark.parametrize(
    "body",
    [{}, {"a": "text only"}, {"a": "x", "a_id": "y", "b": "z"}, {"a": 3, "b": "x"}, {"a": "x", "b": "y", "zz": 1}],
)
def test_compare_bad_bodies_are_422_problems(app, body):
    is_problem(call(app, "POST", "/compare", json=body), 422)


def test_malformed_json_is_a_400_problem(app):
    body = is_problem(
        call(app, "POST", "/compare", content=b'{"a": "unterminated', headers={"content-type": "application/json"}), 400
    )
    assert "JSON" in body["detail"]


def test_bodies_over_the_limit_are_413(resources, corpus):
    small = create_app(corpus, resources=resources, limits=Limits(compare=1000, default=100), warm_up=False)
    big = {"a": "word " * 400, "b": "word"}
    is_problem(call(small, "POST", "/compare", json=big), 413)

    async def chunks():  # no Content-Length: streamed, counted as it comes
        for _ in range(10):
            yield b"x" * 500

    is_problem(call(small, "POST", "/compare", content=chunks(), headers={"content-type": "application/json"}), 413)
    assert call(small, "POST", "/compare", json={"a": "a", "b": "b"}).status_code != 413


# -- writes ------------------------------------------------------------------------------------


def test_writes_need_the_token_and_a_refused_write_stores_nothing(token_app):
    art = {
        "id": "t1",
        "title": "Harbour reopens",
        "text": "The river port reopened on Monday after the flood. Ships dock.",
    }
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ):
        r = call(token_app, "POST", "/articles", json=[art], headers=headers)
        is_problem(r, 401)
        assert r.headers["www-authenticate"].startswith("Bearer")
    # refused before the body is read: even a malformed body gets 401
    is_problem(
        call(token_app, "POST", "/articles", content=b"{oops", headers={"content-type": "application/json"}), 401
    )
    is_problem(call(token_app, "GET", "/articles/t1"), 404)
    r = call(token_app, "POST", "/articles", json=[art], headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    assert call(token_app, "GET", "/articles/t1").status_code == 200
    # reads and compare stay open
    assert call(token_app, "GET", "/stories").status_code == 200
    assert call(token_app, "POST", "/compare", json={"a": art["text"], "b": art["text"]}).status_code == 200


def test_post_articles_one_or_many_and_what_was_rejected(token_app):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    one = {
        "id": "w1",
        "title": "Bridge opens",
        "text": "A new footbridge over the river opened on Saturday. Hundreds walked it.",
    }
    r = call(token_app, "POST", "/articles", json=one, headers=auth)
    assert r.status_code == 201 and r.json()["added"] == 1
    again = call(token_app, "POST", "/articles", json=one, headers=auth)
    assert again.status_code == 200 and again.json()["already_present"] == 1
    mixed = [
        {"id": "w2", "text": "   "},
        {"id": "w3", "text": "The ferry service resumed on Sunday after repairs to the pier."},
    ]
    r = call(token_app, "POST", "/articles", json=mixed, headers=auth)
    assert r.status_code == 201 and r.json()["added"] == 1 and sum(r.json()["rejected"].values()) == 1
    (why,) = r.json()["errors"]  # which record, and why: the client cannot see it otherwise
    assert why["where"] == "request[0]" and '"text" is empty' in why["message"]
    bad = is_problem(call(token_app, "POST", "/articles", json=[{"id": "w4", "text": ""}], headers=auth), 422)
    assert sum(bad["report"]["rejected"].values()) == 1 and bad["report"]["errors"][0]["where"] == "request[0]"
    dated = {"id": "w5", "text": "The pier reopened.", "published": "yesterday"}
    late = is_problem(call(token_app, "POST", "/articles", json=dated, headers=auth), 422)
    assert '"published" is not a date' in late["report"]["errors"][0]["message"]
    # what is wrong, for the shape sent (one article, or a list of them): not the other shape's complaint
    empty = is_problem(call(token_app, "POST", "/articles", json=[], headers=auth), 422)
    assert empty["detail"].startswith("body: List should have at least 1 item"), empty["detail"]
    listed = is_problem(call(token_app, "POST", "/articles", json=[{"title": "no id, no text"}], headers=auth), 422)
    assert listed["detail"].startswith("0.id: Field required"), listed["detail"]
    alone = is_problem(call(token_app, "POST", "/articles", json={"title": "no id, no text"}, headers=auth), 422)
    assert alone["detail"].startswith("id: Field required"), alone["detail"]
    neither = is_problem(call(token_app, "POST", "/articles", json="an article", headers=auth), 422)
    assert neither["detail"] == "body: should be an object or a list of them"


def test_concurrent_writers_are_serialised_while_reads_go_on(token_app):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    records = [
        [{"id": f"c{n}-{i}", "text": f"Report {n}.{i}: the council voted on the new tram line for district {n}. " * 3}]
        for n in range(4)
        for i in range(2)
    ]

    async def go() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=token_app), base_url="http://t") as c:
            writes = [c.post("/articles", json=r, headers=auth) for r in records]
            reads = [c.get("/stories") for _ in range(8)]
            return await asyncio.gather(*writes, *reads)

    answers = asyncio.run(go())
    assert [r.status_code for r in answers[: len(records)]] == [201] * len(records)
    assert all(r.status_code == 200 for r in answers[len(records) :])
    for batch in records:
        assert call(token_app, "GET", f"/articles/{batch[0]['id']}").status_code == 200


def test_the_story_list_follows_writes_from_another_process(resources, tmp_path):
    """Lists are cached while the store is unchanged; a commit by another connection (say,
    ``samestory add`` while the server runs) is seen at once."""
    store = tmp_path / "store"
    app = create_app(store, resources=resources, warm_up=False)
    assert call(app, "GET", "/stories").json()["stories"] == []
    with Corpus(store, resources=resources) as other:
        other.add_records(
            [{"id": "o1", "title": "Dam repaired", "text": "Engineers repaired the river dam on Friday."}]
        )
    listed = call(app, "GET", "/stories").json()["stories"]
    assert len(listed) == 1 and listed[0]["title"] == "Dam repaired"


def test_reads_answer_while_compares_are_running(app):
    """Model work runs in worker threads, never on the event loop: a story list asked for while
    four compares are queued is answered before they finish."""
    import time

    a, b = example_text("harbor-fire.en.txt"), example_text("harbor-fire.de.txt")
    done: dict[str, float] = {}

    async def timed(name: str, request) -> httpx.Response:
        response = await request
        done[name] = time.monotonic()
        return response

    async def go() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=120) as c:
            compares = [timed(f"compare{n}", c.post("/compare", json={"a": a, "b": b})) for n in range(4)]

            async def read_later() -> httpx.Response:
                await asyncio.sleep(0.05)
                return await timed("stories", c.get("/stories"))

            return await asyncio.gather(*compares, read_later())

    answers = asyncio.run(go())
    assert all(r.status_code == 200 for r in answers)
    assert done["stories"] < max(v for k, v in done.items() if k.startswith("compare"))


def test_model_work_runs_on_one_thread_per_worker_while_the_app_runs(corpus, tmp_path):
    """Two compares at once on 2 cores must not each run on both: numpy's BLAS pool (one per
    process) is capped at one thread while the app runs and restored after, and the models the
    app builds itself get one thread each."""
    from threadpoolctl import threadpool_info, threadpool_limits

    blas = lambda: {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}

    async def during(app) -> set[int]:
        async with app.router.lifespan_context(app):
            return blas()

    with threadpool_limits(limits=3, user_api="blas"):
        app = create_app(corpus, model_workers=2, warm_up=False)
        assert asyncio.run(during(app)) == {1}
        assert blas() == {3}
    own = create_app(tmp_path / "store", warm_up=False)
    assert own.state.samestory.resources.threads == 1


# -- the page and the schema -------------------------------------------------------------------


def test_the_page_is_static_and_holds_no_data_nor_inline_script(app):
    for url in ("/", "/?q=harbour", "/docs"):
        r = call(app, "GET", url)
        assert r.status_code == 200 and "<html" in r.text.lower()
        assert EVIL not in r.text
        scripts = re.findall(r"<script\b[^>]*>", r.text, flags=re.I)
        assert scripts and all("src=" in s for s in scripts), scripts
        assert not re.search(r"\son[a-z]+\s*=", r.text), "inline event handler"
    for path in STATIC.glob("*.js"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code), path.name
    assert call(app, "GET", "/static/app.js").headers["content-type"].startswith("text/javascript")


def test_the_schema_lists_every_endpoint(app):
    schema = call(app, "GET", "/openapi.json").json()
    assert set(schema["paths"]) == {
        "/health",
        "/compare",
        "/articles",
        "/stories",
        "/stories/{story_id}",
        "/articles/{article_id}",
        "/search",
    }
    assert "HTTPBearer" in json.dumps(schema["components"]["securitySchemes"])


def _multi_language_story(app) -> dict:
    for s in call(app, "GET", "/stories", params={"min_languages": 2}).json()["stories"]:
        story = call(app, "GET", f"/stories/{s['id']}").json()
        if len(members(story)) >= 2:
            return story
    raise AssertionError("no story with two languages in the test store")


# -- fuzzing -----------------------------------------------------------------------------------


def test_fuzz_every_endpoint_from_the_schema_no_server_error(resources, tmp_path_factory):
    """schemathesis draws requests for every operation of the app's own OpenAPI schema (valid
    and invalid ones); none may get a 5xx, and every error is a problem."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    # a fresh store (fuzzed writes go there, not into the session store), no token
    fuzzed = create_app(tmp_path_factory.mktemp("serve-fuzz") / "store", resources=resources, warm_up=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def check(case) -> None:
            response = case.call()
            kind = response.headers.get("content-type", [""])[0]
            if response.status_code >= 500 or (response.status_code >= 400 and "problem+json" not in kind):
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")

        check()
    assert not failures, "\n".join(failures[:10])
