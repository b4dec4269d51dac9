"""The HTTP API and the web page over a corpus (FastAPI app factory, served by uvicorn).

``create_app(corpus_or_path, token=...)`` builds the app (see :mod:`.app`); :func:`run` serves it,
which is all ``samestory serve`` does. Needs the ``[serve]`` extra (FastAPI, uvicorn).
"""

from __future__ import annotations

from .app import Limits, create_app
from .run import run

__all__ = ["create_app", "run", "Limits"]
