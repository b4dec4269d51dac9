"""One error tree for the whole library.

    SamestoryError                 base; ``str(err)`` is one line a person can act on
    ├── UsageError                 the caller asked for something impossible (CLI exit 2)
    ├── InputError                 an input file or record cannot be used (CLI exit 1)
    │   ├── MissingInputError      the path does not exist
    │   ├── EmptyInputError        the file or record holds no text
    │   ├── DecodeError            the bytes are not text in any encoding we can detect
    │   ├── BinaryInputError       the bytes look like a binary file, not text
    │   ├── TooLargeError          larger than one article can plausibly be
    │   ├── MalformedRecordError   a JSONL line that is not a valid record
    │   ├── NoArticleError         an HTML page or folder with no article in it
    │   └── ProcessingError        a pipeline step failed on this one document
    ├── ModelError                 a model package is missing or failed to load
    ├── StoreError                 the store cannot be opened or written (not a store, newer
    │                              version, read-only, disk full, locked by another writer)
    └── DataError                  evaluation data is missing or malformed

Library code raises these; only ``samestory.cli`` turns them into exit codes. Each input error
carries ``where`` ("path" or "path:line") so a message always names the file. A document that
cannot be processed is not raised: it travels down the pipeline's stream as its error (readers
yield input errors, steps yield :class:`ProcessingError`) and is counted and reported.
"""

from __future__ import annotations

__all__ = [
    "SamestoryError",
    "UsageError",
    "InputError",
    "MissingInputError",
    "EmptyInputError",
    "DecodeError",
    "BinaryInputError",
    "TooLargeError",
    "MalformedRecordError",
    "NoArticleError",
    "ProcessingError",
    "ModelError",
    "StoreError",
    "DataError",
    "EngineError",
]


class SamestoryError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1


class UsageError(SamestoryError):
    """The request itself is wrong (bad option, unsupported format)."""

    exit_code = 2


class InputError(SamestoryError):
    """An input cannot be used. ``where`` is "path" or "path:line"; ``problem`` says what is wrong."""

    def __init__(self, where: str, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):  # rebuilt from its two parts when it crosses a process boundary
        return (type(self), (self.where, self.problem))


class MissingInputError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class DecodeError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class TooLargeError(InputError):
    pass


class MalformedRecordError(InputError):
    pass


class NoArticleError(InputError):
    pass


class ProcessingError(InputError):
    """A pipeline step could not process one document; the others go on."""


class ModelError(SamestoryError):
    """A model could not be loaded; the message names the package or extra to install."""


class StoreError(SamestoryError):
    """The store cannot be used; ``where`` names the folder or file, ``problem`` what is wrong."""

    def __init__(self, where: str, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):  # rebuilt from its two parts when it crosses a process boundary
        return (type(self), (self.where, self.problem))


class DataError(SamestoryError):
    """Evaluation data is missing or not in the expected format."""


class EngineError(SamestoryError):
    """The execution engine failed: a cluster that cannot be reached, a task that kept failing
    after its retries. Finished shards stay done: re-running completes the batch."""
