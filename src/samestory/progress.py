"""A small progress bar on stderr: redrawn in place on a terminal, a line every few seconds
otherwise (CI logs), nothing at all when quiet. Shows the rate and, when the total is known, the
time left. Before anything else is written to the terminal (an error line), :meth:`Progress.clear`
erases the half-drawn bar so the two never share a line."""

from __future__ import annotations

import sys
import time
from typing import IO

__all__ = ["Progress"]


class Progress:
    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        quiet: bool = False,
        stream: IO[str] | None = None,
        min_interval: float | None = None,
    ):
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.enabled = not quiet
        self.tty = self.enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.min_interval = min_interval if min_interval is not None else (0.1 if self.tty else 10.0)
        self.start = self._last = time.monotonic()
        self._drawn = False
        self._closed = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and now - self._last >= self.min_interval:
            self._last = now
            self._draw(now)

    def clear(self) -> None:
        """Erase the bar from the terminal line (it is redrawn at the next update)."""
        if self.tty and self._drawn and not self._closed:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        # Off a terminal, only work long enough to have logged a line gets a closing line, so
        # short commands keep stderr for their errors.
        if self.enabled and not self._closed and (self._drawn or (self.tty and time.monotonic() - self.start >= 1.0)):
            self._draw(time.monotonic(), final=True)
        self._closed = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None:  # an error follows: leave its line clean, no closing bar
            self.clear()
            self._closed = True
        self.close()

    def _draw(self, now: float, final: bool = False) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 24)
            text = f"{self.label} [{bar:<24}] {self.done}/{self.total} {rate:.1f}/s"
            if not final and rate > 0 and self.done < self.total:
                text += f", {_duration((self.total - self.done) / rate)} left"
        else:
            text = f"{self.label} {self.done} done, {rate:.1f}/s"
        end = "\n" if final or not self.tty else ""
        self.stream.write(("\r" if self.tty else "") + text + end)
        self.stream.flush()
        self._drawn = True


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    return f"{minutes // 60}h{minutes % 60:02d}m"
