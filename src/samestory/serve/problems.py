"""Errors as JSON problem details (RFC 9457): every 4xx and 5xx the server sends is one of these.

``{"type": "about:blank", "title": "Not Found", "status": 404, "detail": "...", "instance": "/stories/7"}``
with ``Content-Type: application/problem+json``; a validation error adds ``errors`` (where and
what). A server error never shows its traceback: the detail says only that it was logged.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DataError, InputError, ModelError, SamestoryError, StoreError, UsageError

__all__ = ["PROBLEM_JSON", "Problem", "problem", "install_handlers", "problem_body"]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("samestory.serve")


class Problem(Exception):
    """Raise to answer with a problem; ``extra`` members are added to the body."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers
        self.extra = extra


def problem_body(status: int, detail: str | None, instance: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": _title(status), "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extra)
    return body


def problem(
    status: int, detail: str | None, instance: str | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, instance, **extra), status_code=status, headers=headers, media_type=PROBLEM_JSON
    )


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install_handlers(app: FastAPI) -> None:
    """Every error path of the app answers with a problem."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem(exc.status, exc.detail, request.url.path, exc.headers, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != _title(exc.status_code) else None
        return problem(exc.status_code, detail, request.url.path, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_error(e) for e in exc.errors()]
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(400, "the request body is not valid JSON", request.url.path, errors=errors)
        return problem(422, _summary(_of_the_sent_shape(errors, exc.body)), request.url.path, errors=errors)

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError) -> JSONResponse:
        return problem(422, str(exc), request.url.path)

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        return problem(422, exc.problem, request.url.path, where=exc.where, kind=type(exc).__name__)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return problem(503, f"the store is not available: {exc}", request.url.path, headers={"Retry-After": "5"})

    @app.exception_handler(ModelError)
    async def _model(request: Request, exc: ModelError) -> JSONResponse:
        log.error("model error on %s: %s", request.url.path, exc)
        return problem(503, f"a model is not available: {exc}", request.url.path)

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        log.error("data error on %s: %s", request.url.path, exc)
        return problem(503, f"the server's own data is not usable: {exc}", request.url.path)

    @app.exception_handler(SamestoryError)
    async def _other(request: Request, exc: SamestoryError) -> JSONResponse:
        return problem(422, str(exc), request.url.path)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "unexpected server error (logged on the server)", request.url.path)


def _error(e: dict[str, Any]) -> dict[str, Any]:
    """One validation error, JSON-safe (pydantic puts exceptions and bytes in ``ctx``/``input``)."""
    return {
        "type": str(e.get("type", "")),
        "loc": [str(x) for x in e.get("loc", ())],
        "msg": str(e.get("msg", "")),
    }


def _of_the_sent_shape(errors: list[dict[str, Any]], body: Any) -> list[dict[str, Any]]:
    """The errors of the union member the body has the shape of, without that member's name in
    their location. A body that is one object or a list of them (``POST /articles``) fails both
    members, each error under its member's name (``body.ArticleIn.id``, ``body.list[ArticleIn]``),
    and ``[]`` was answered with the object member's "Input should be a valid dictionary" where
    the list's "should have at least 1 item" says what is wrong. A body that is neither gets one
    error saying what is accepted. Errors of any other body are as pydantic gave them."""
    as_list = [e for e in errors if e["loc"][1:2] and e["loc"][1].startswith("list[")]
    if not as_list or len(as_list) == len(errors):
        return errors
    if isinstance(body, list):
        chosen = as_list
    elif isinstance(body, dict):
        chosen = [e for e in errors if e not in as_list]
    else:
        return [{"type": "union", "loc": ["body"], "msg": "should be an object or a list of them"}]
    return [{**e, "loc": [e["loc"][0], *e["loc"][2:]]} for e in chosen]


def _summary(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return "the request is not valid"
    first = errors[0]
    where = ".".join(x for x in first["loc"] if x != "body") or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"
