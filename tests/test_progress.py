from __future__ import annotations

import io

from samestory.progress import Progress


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_quiet_prints_nothing():
    out = io.StringIO()
    with Progress("x", 10, quiet=True, stream=out, min_interval=0) as bar:
        bar.advance(10)
    assert out.getvalue() == ""


def test_short_work_off_a_terminal_prints_nothing():
    out = io.StringIO()
    with Progress("x", 10, stream=out) as bar:
        bar.advance(10)
    assert out.getvalue() == ""


def test_terminal_bar_redraws_in_place_and_ends_with_a_newline():
    out = _Tty()
    with Progress("cleaning", 4, stream=out, min_interval=0) as bar:
        for _ in range(4):
            bar.advance()
    text = out.getvalue()
    assert text.count("\r") >= 4 and text.endswith("\n") and "4/4" in text


def test_long_work_off_a_terminal_logs_lines():
    out = io.StringIO()
    with Progress("eval", None, stream=out, min_interval=0) as bar:
        bar.advance(3)
    assert out.getvalue().splitlines()[-1].startswith("eval 3 done")
