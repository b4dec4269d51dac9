"""Shared fixtures. Real models are loaded once per session; ../shared data is optional."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SAMESTORY_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def resources():
    """The real models, loaded once per test session."""
    from samestory.resources import Resources

    return Resources()


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds() -> Path:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the project's shared/ folder): seed tests skipped")
    return folder
