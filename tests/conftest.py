"""Shared fixtures. Real models are loaded once per session; ../shared data is optional."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
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


def shared(*parts: str) -> Path:
    """A path under the project's shared/ folder. Where shared/ is absent (a clone outside the
    workspace) the test is skipped with a message naming it; where shared/ is there but the file
    is not (CI always has shared/), the test fails: data missing in CI must not pass silently."""
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    if SHARED.is_dir():
        pytest.fail(f"{path} is missing although {SHARED} exists: the shared data is incomplete")
    pytest.skip(f"{SHARED} is absent (the project's shared/ folder): this test needs {'/'.join(parts)}")


@pytest.fixture(scope="session")
def seeds() -> Path:
    return shared("seeds")


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def cli(resources, monkeypatch, capsys):
    """Run the command line in this process with the session's models (a fresh process would
    load them again): ``cli("clean", path, "--json").json()``."""
    from samestory.cli import commands, corpus_commands, main, story_commands
    from samestory.resources import Resources

    def shared(**kw):  # the session's models, whatever thread count a command asks for
        return Resources(**kw) if set(kw) - {"threads"} else resources

    for module in (commands, corpus_commands, story_commands):
        monkeypatch.setattr(module, "Resources", shared)
    # add prepares in this process, with the session's models (worker processes would load their
    # own): tests/test_pool.py covers the workers
    monkeypatch.setattr(corpus_commands, "default_workers", lambda: 0)

    def run(*args) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
