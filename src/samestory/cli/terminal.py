"""Writing to the terminal safely: article text and file names are untrusted.

A scraped article (or a file name) can hold ANSI/OSC escape sequences, a bell, C1 controls or
bidirectional overrides; written raw, they clear the screen, retitle the window, hide text or
reorder what a reader sees. Human output goes through :func:`printable`, which shows every such
character as a visible escape (``\\x1b``, ``\\u202e``); JSON output stays exact but is written
with those characters as ``\\u`` escapes (:func:`json_text`), so piping it to a terminal is safe
too. Lone surrogates (not encodable) are escaped the same way.
"""

from __future__ import annotations

import json
import re
import sys

__all__ = ["printable", "json_text", "say", "error"]

# C0 controls but tab and newline, DEL, C1 controls, bidirectional embeddings/overrides/isolates,
# the Unicode line and paragraph separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What json.dumps(ensure_ascii=False) leaves raw of the above (it escapes C0 itself).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as a visible escape (tabs and newlines kept)."""
    return _UNSAFE.sub(_escape, text)


def json_text(obj: object) -> str:
    """One line of JSON, non-ASCII text as is, unsafe characters as ``\\u`` escapes."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False))


def say(text: str) -> None:
    """Print human output on stdout, made printable."""
    sys.stdout.write(printable(text) + "\n")


def error(message: str) -> None:
    """One line on stderr, ``samestory: `` first, made printable and folded onto one line."""
    sys.stderr.write(f"samestory: {printable(' '.join(message.split()))}\n")
