"""HTML reader: the page's main text and metadata, extracted with trafilatura.

This is the only module that imports trafilatura, and only inside :func:`extract_html`, so
reading plain text or JSONL never pays for loading it.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import unicodedata
import zlib
from pathlib import PurePath

from ..errors import DecodeError, NoArticleError
from ..text.scripts import WIDE
from ..types import Article
from .encoding import Decoded, decode, read_bytes, too_large

__all__ = ["extract_html", "read_html_file", "decode_html", "trafilatura_baseline", "MIN_ARTICLE_WORDS"]

#: Fewer words than this is a teaser, a login page or a menu, not an article to compare.
MIN_ARTICLE_WORDS = 20
#: Where a charset declaration is looked for (the HTML spec's prescan reads 1,024 bytes).
_CHARSET_WINDOW = 2048
#: Where the <html>/<body> start tags are looked for (after a doctype, comments, maybe scripts).
_HEAD_WINDOW = 8192
_GZIP_MAGIC = b"\x1f\x8b"
#: Nesting depths where lxml's default HTML parser stops reading (measured: a page 300 levels
#: deep lost its article) and where even its huge-tree parser does (2,047 levels).
_DEFAULT_PARSER_DEPTH = 250
_HUGE_PARSER_DEPTH = 2040

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
_DOCUMENT_TAG = re.compile(r"<(?:html|body)\b", re.I)
# A "word" is a run of letters/digits outside CJK scripts, or a single CJK character, so pages
# in scripts written without spaces are not all called too short.
_WORD = re.compile(rf"[^\W{WIDE}]+|[{WIDE}]")
# Labels whose WHATWG meaning is a superset codec in Python (browsers decode them so).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac_cyrillic",
    "iso-8859-8-i": "iso8859_8",
    "x-cp1251": "cp1251",
}


def read_html_file(path: str | os.PathLike[str], *, id: str, origin: str, max_bytes: int) -> Article:
    """Read one ``.html``/``.htm`` file (or its ``.gz``) as one article.

    Raises an :class:`~samestory.errors.InputError` subclass; ``OSError`` passes through.
    """
    data = read_bytes(path, origin, max_bytes)
    if str(path).lower().endswith(".gz"):
        data = _gunzip(data, origin, max_bytes)
    return extract_html(data, origin, id=id)


def extract_html(
    html: str | bytes, where: str = "<html>", *, id: str | None = None, min_words: int = MIN_ARTICLE_WORDS
) -> Article:
    """Extract the article in one HTML page.

    ``html`` may be text, bytes in any encoding :func:`decode_html` can read, or gzip bytes
    (no size limit is applied here: callers reading untrusted files use :func:`read_html_file`).
    ``id`` defaults to the file name in ``where`` without its extensions. Raises
    :class:`NoArticleError` when the page holds no article text (fewer than ``min_words``
    words, :data:`MIN_ARTICLE_WORDS` by default), or a decoding error.
    """
    warnings: tuple[str, ...] = ()
    if isinstance(html, bytes):
        if html.startswith(_GZIP_MAGIC):
            html = _gunzip(html, where, None)
        html, warnings = decode_html(html, where)
    document = _bare_extraction(_as_document(html), where)
    text = _body_without_title(document.text or "", document.title)
    if _word_count(text) < max(min_words, 1):
        raise NoArticleError(where, "no article text found in this HTML page")
    return Article(
        id=id if id is not None else _stem(where),
        text=text,
        origin=where,
        title=_clean(document.title),
        declared_lang=_declared_lang(html),
        url=_clean(document.url),
        published=_clean(document.date),
        source=_clean(document.sitename),
        format="html",
        warnings=warnings,
    )


def trafilatura_baseline(html: str | bytes) -> str | None:
    """Plain ``trafilatura.extract(html)`` with its defaults: the recipe evaluations compare
    :func:`extract_html` against. Lives here because this module alone imports trafilatura."""
    import trafilatura

    return trafilatura.extract(html)


def decode_html(data: bytes, where: str = "<html>") -> Decoded:
    """Decode HTML bytes: a BOM, then UTF-8, then the page's own ``<meta charset>``, then guessing.

    UTF-8 goes before the declaration because scraped pages are often re-saved as UTF-8 while
    keeping their original ``<meta charset=iso-8859-1>``; non-ASCII bytes that happen to form
    valid UTF-8 are very rare in legacy encodings.
    """
    return decode(data, where, declared=_declared_charset(data[:_CHARSET_WINDOW]))


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _gunzip(data: bytes, where: str, max_bytes: int | None) -> bytes:
    # Read at most one byte over the limit, so a gzip bomb costs no more than the limit.
    limit = -1 if max_bytes is None else max_bytes + 1
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit)
    except (OSError, EOFError, zlib.error) as err:
        raise DecodeError(where, f"not valid gzip data ({err})") from None
    if max_bytes is not None and len(out) > max_bytes:
        raise too_large(where, None, max_bytes)
    return out


def _as_document(html: str) -> str:
    # trafilatura rejects a bare fragment ("<p>...</p>" alone) as "not HTML"; wrap it.
    if _DOCUMENT_TAG.search(html[:_HEAD_WINDOW]):
        return html
    return f"<html><body>{html}</body></html>"


def _bare_extraction(html: str, where: str):
    """trafilatura's extraction of the page; a page nested deeper than lxml's default parser
    reads (~255 levels: generated pages, or hostile ones) is parsed again with lxml's huge-tree
    parser, which reads up to ~2,000 levels, before its article is declared missing."""
    document = _trafilatura(html, where)
    if document is None or not (document.text or "").strip():
        tree, depth = _deep_tree(html)
        if depth >= _DEFAULT_PARSER_DEPTH:
            if depth >= _HUGE_PARSER_DEPTH:
                raise NoArticleError(where, f"HTML nested {depth:,}+ levels deep: too deep to read")
            document = _trafilatura(tree, where)
    if document is None:
        raise NoArticleError(where, "no article text found in this HTML page")
    return document


def _trafilatura(html, where: str):
    # Imported here, not at module level: loading trafilatura takes a noticeable fraction of a
    # second and most runs read plain text or JSONL.
    import trafilatura
    from lxml.etree import LxmlError

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            # Dates from the page's markup only: the extensive search reads free text, and turns a
            # footer's "Copyright 2024" into a publication date of 2024-01-01.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (LxmlError, ValueError, TypeError) as err:
        raise NoArticleError(where, f"cannot parse this HTML page ({err})") from None


def _deep_tree(html: str):
    """The page parsed by lxml's huge-tree HTML parser, and its nesting depth."""
    import lxml.html
    from lxml.etree import LxmlError

    parser = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except (LxmlError, ValueError):
        return None, 0
    deepest, stack = 0, [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return tree, deepest


def _body_without_title(text: str, title: str | None) -> str:
    """The extracted text, without a first line that repeats the title (the page's ``<h1>``):
    the title is kept in its own field, as the text reader does."""
    text = unicodedata.normalize("NFC", text).strip()
    first, _, rest = text.partition("\n")
    if title and _same_words(first, title):
        return rest.strip()
    return text


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _declared_lang(html: str) -> str | None:
    match = _HTML_LANG.search(html[:_HEAD_WINDOW])
    return match.group(1).lower() if match else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value).strip()
    return value or None


def _stem(where: str) -> str:
    name = PurePath(where).name.strip("<>")
    for suffix in (".gz", ".html", ".htm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or "html"
