"""The first thing every request meets (a plain ASGI middleware, outside FastAPI's routing):

- the token: a write (any method but GET/HEAD/OPTIONS, except ``POST /compare``, which stores
  nothing) needs ``Authorization: Bearer <token>`` when the server has one; compared in constant
  time, checked before the body is read, so a refused write stores nothing and costs nothing;
- body size: a body over its limit gets 413, whether it says its length or streams it;
- security headers on every response: a Content-Security-Policy that allows scripts and styles
  from the server's own files only (no inline script, no ``eval``), ``nosniff``, no framing,
  no referrer.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .problems import PROBLEM_JSON, problem_body

__all__ = ["Guard", "CSP", "SAFE_METHODS", "needs_token"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: POST routes that store nothing: open like reads
OPEN_POSTS = frozenset({"/compare"})


def needs_token(method: str, path: str) -> bool:
    return method not in SAFE_METHODS and not (method == "POST" and path.rstrip("/") in OPEN_POSTS)


class _TooLarge(Exception):
    pass


class Guard:
    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int, limits: dict[str, int] | None = None):
        self.app = app
        self.token = token.encode() if token else None
        self.max_body = max_body
        self.limits = limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = {"started": False, "over": False, "replaced": False}
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if state["over"] and not state["started"]:
                # the body ran past its limit while being read: whatever the app answers to
                # that (FastAPI calls it a parse error), the answer is 413
                state["started"] = state["replaced"] = True
                await _problem(send, 413, f"the body is larger than this endpoint's {limit:,} bytes", path)
                return
            if state["replaced"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        method: str = scope.get("method", "GET")
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if self.token is not None and needs_token(method, path) and not self._authorised(headers):
            await _problem(send_with_headers, 401, "this server needs a token for writes", path, bearer=True)
            return
        limit = self.limits.get(path.rstrip("/"), self.max_body)
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _problem(send_with_headers, 400, "Content-Length is not a number", path)
                return
            if size > limit:
                await _problem(send_with_headers, 413, f"the body is larger than this endpoint's {limit:,} bytes", path)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    state["over"] = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except _TooLarge:
            if not state["started"]:
                await send_with_headers({"type": "http.response.start", "status": 413, "headers": []})

    def _authorised(self, headers: dict[bytes, bytes]) -> bool:
        assert self.token is not None
        scheme, _, given = headers.get(b"authorization", b"").strip().partition(b" ")
        # compare_digest takes the same time whatever the given token holds; run it even for a
        # wrong scheme so that the answer's timing says nothing
        same = hmac.compare_digest(given.strip(), self.token)
        return scheme.lower() == b"bearer" and same


async def _problem(send: Send, status: int, detail: str, path: str, *, bearer: bool = False) -> None:
    body = json.dumps(problem_body(status, detail, path)).encode()
    headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
    headers += SECURITY_HEADERS
    if bearer:
        headers.append((b"www-authenticate", b'Bearer realm="samestory"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
