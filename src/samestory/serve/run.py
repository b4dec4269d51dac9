"""``samestory serve``: one uvicorn process, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import logging
import os

from ..resources import Resources

__all__ = ["run", "is_loopback"]

log = logging.getLogger("samestory.serve")


def run(
    db: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    resources: Resources | None = None,
    log_level: str = "info",
) -> None:
    """Serve the corpus at ``db`` until interrupted (Ctrl-C or SIGTERM stop it cleanly).

    The models load before the server answers its first request. Bound to ``127.0.0.1`` by
    default; a server on another address without ``token`` lets anyone who reaches it write."""
    import uvicorn

    from .app import create_app

    logging.basicConfig(level=getattr(logging, log_level.upper(), logging.INFO), format="%(levelname)s: %(message)s")
    if not is_loopback(host) and not token:
        log.warning("serving on %s without --token: anyone who can reach it can add articles", host)
    app = create_app(db, token=token or None, resources=resources)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=5,
        proxy_headers=False,
        server_header=False,
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
