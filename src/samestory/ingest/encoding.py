"""Bytes to text: size-limited reading and encoding detection.

:func:`decode` turns the bytes of one input into clean text or raises a typed error that says
why not. Steps, in order:

1. a byte-order mark decides the encoding, strictly (a BOM is a promise, so breaking it is an error);
2. strict UTF-8 (almost everything today); and UTF-8 with a few invalid bytes (a damaged copy:
   its valid multi-byte characters outnumber the bad bytes) is read as UTF-8, each bad byte shown
   as U+FFFD and reported: guessing another code page would turn every "ä" into mojibake;
3. a binary check (NUL bytes or many control bytes) so a PDF or an image is named as such;
4. an encoding the caller found declared in the content (HTML ``<meta charset>``), strictly;
5. legacy 8-bit and East Asian encodings guessed by ``charset_normalizer`` from a short list.

The decoded text always gets ``\\n`` newlines, no leading BOM, and must hold something besides
whitespace; :class:`Decoded` carries it with the warnings a reader passes on to the article.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import NamedTuple

from ..errors import BinaryInputError, DecodeError, EmptyInputError, TooLargeError

__all__ = ["Decoded", "decode", "read_bytes", "too_large", "LEGACY_ENCODINGS", "MAX_CHAOS", "MAX_BAD_UTF8_SHARE"]

#: Byte-order marks, UTF-32 before UTF-16 because ``FF FE 00 00`` starts with the UTF-16 LE mark.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

#: Encodings news text plausibly still arrives in, most likely first: the order breaks ties
#: between candidates that decode equally well (short Western text fits cp1252 and cp1250 alike,
#: and cp1252 is by far the commoner).
LEGACY_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_9",
    "mac_roman",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
)

#: Highest charset_normalizer "chaos" (share of odd-looking characters) we accept. Measured on
#: invented one-sentence news texts: the right encoding scored 0.00-0.05 (de, fr, pl, ru, el, tr,
#: he, ar, lv in their cp125x codepage; ja, zh, ko), wrong codepages 0.05-0.19 but always behind
#: the right one, and random high bytes produced no candidate at all. Symbol soup such as
#: "5 € – „Top“ … ™ • ½" scored 0.23+ only in wrong codepages, so raising the bar would turn
#: such input into mojibake instead of an error.
MAX_CHAOS = 0.2

#: UTF-8 with bad bytes is still read as UTF-8 when its valid multi-byte characters are at least
#: this many times its bad bytes (a legacy 8-bit text has almost no valid multi-byte sequences:
#: its "ä" is one byte that is never valid UTF-8 on its own).
MAX_BAD_UTF8_SHARE = 0.2

#: Share of control bytes above which input is called binary.
_BINARY_CONTROL_SHARE = 0.10
#: Control characters tolerated in legacy-decoded text (C1 controls there mean a wrong guess,
#: e.g. cp1252 curly quotes read as latin-1).
_LEGACY_CONTROL_SHARE = 0.001

# Bytes that are not control characters (\t \n \f \r and 0x20-0x7E, 0x80-0xFF), deleted to count
# the rest.
_TEXT_BYTES = bytes([9, 10, 12, 13]) + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class Decoded(NamedTuple):
    """Decoded text and what the reader should report about it (a repaired byte, say)."""

    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, where: str, *, declared: str | None = None) -> Decoded:
    """Decode one input's bytes to text (see the module docstring for the order of attempts).

    ``where`` names the input in errors; ``declared`` is an encoding the content itself names
    (an HTML meta charset), tried after UTF-8 and before guessing. Raises
    :class:`EmptyInputError`, :class:`DecodeError` or :class:`BinaryInputError`.
    """
    if not data:
        raise EmptyInputError(where, "empty file")
    warnings: tuple[str, ...] = ()
    text = _decode_bom(data, where)
    if text is None:
        text = _decode_utf8(data)
    if text is None:
        _check_binary(data, where)
        text, warnings = _decode_damaged_utf8(data)
    if text is None:
        text = _decode_declared(data, declared)
    if text is None:
        text = _decode_legacy(data, where)
    return Decoded(_finish(text, where), warnings)


def _decode_bom(data: bytes, where: str) -> str | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise DecodeError(
                    where,
                    f"starts with a {name} byte-order mark but is not valid "
                    f"{name} (bad bytes at offset {len(bom) + err.start})",
                ) from None
    return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_damaged_utf8(data: bytes) -> tuple[str | None, tuple[str, ...]]:
    """UTF-8 with a few bad bytes, each replaced by U+FFFD, and a warning saying where; or None
    when the bytes look like another encoding (see :data:`MAX_BAD_UTF8_SHARE`)."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = [i for i, ch in enumerate(escaped) if "\udc80" <= ch <= "\udcff"]
    multibyte = sum(1 for ch in escaped if ch > "\x7f") - len(bad)
    if not bad or len(bad) > MAX_BAD_UTF8_SHARE * multibyte:
        return None, ()
    first = len(escaped[: bad[0]].encode("utf-8", errors="surrogateescape"))
    text = data.decode("utf-8", errors="replace")
    return text, (
        f"not valid UTF-8 at {len(bad)} byte(s) (the first at offset {first}): read as UTF-8 with each "
        "bad byte shown as \ufffd",
    )


def _check_binary(data: bytes, where: str) -> None:
    controls = len(data.translate(None, _TEXT_BYTES))
    if b"\x00" in data or controls > _BINARY_CONTROL_SHARE * len(data):
        raise BinaryInputError(where, "looks like a binary file, not text")


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        text = data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None  # a wrong or unknown declaration is common; fall back to guessing
    return text if _control_share(text) <= _LEGACY_CONTROL_SHARE else None


def _decode_legacy(data: bytes, where: str) -> str:
    # Imported here: it is only needed for the rare non-UTF-8 input.
    from charset_normalizer import from_bytes

    matches = [
        m
        for m in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS), threshold=MAX_CHAOS)
        if m.chaos <= MAX_CHAOS and m.encoding in LEGACY_ENCODINGS
    ]
    # Least chaos first; on (rounded) ties the more coherent language, then the commoner encoding.
    matches.sort(key=lambda m: (round(m.chaos, 2), -round(m.coherence, 2), LEGACY_ENCODINGS.index(m.encoding)))
    for match in matches:
        text = str(match)
        if _control_share(text) <= _LEGACY_CONTROL_SHARE:
            return text
    raise DecodeError(where, f"not UTF-8 ({_utf8_error(data)}) and no legacy encoding fits")


def _utf8_error(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return f"invalid byte 0x{data[err.start]:02x} at offset {err.start}"
    return "valid UTF-8"  # not reached by decode(); kept so the helper is total


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_CHARS.findall(text)) / len(text)


def _finish(text: str, where: str) -> str:
    # Valid UTF-8 (or UTF-16) can still be binary: NUL-padded records, BOM-less UTF-16 of ASCII.
    if "\x00" in text or _control_share(text) > _BINARY_CONTROL_SHARE:
        raise BinaryInputError(where, "looks like a binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise EmptyInputError(where, "no text")
    return text


def too_large(where: str, size: int | None, limit: int) -> TooLargeError:
    """The error for an input over ``limit`` bytes (``size`` None when it is not known)."""
    amount = _megabytes(size) if size is not None else "the input"
    return TooLargeError(
        where, f"{amount} is larger than the {limit / 1e6:g} MB limit for one article (raise it with --max-mb)"
    )


def _megabytes(size: int) -> str:
    """A size in MB with enough digits to differ from a small limit (65 bytes is not "0.0 MB")."""
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e6:.3g} MB"


def read_bytes(path: str | os.PathLike[str], where: str, max_bytes: int) -> bytes:
    """Read a whole file of at most ``max_bytes``; the size is checked before reading.

    Raises :class:`TooLargeError`; ``OSError`` passes through for the caller to report.
    """
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise too_large(where, size, max_bytes)
    with open(path, "rb") as handle:
        # Read one byte more than allowed: a file can grow between stat() and read().
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(where, None, max_bytes)
    return data
