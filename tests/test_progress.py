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


def test_the_time_left_is_shown_when_the_total_is_known():
    out = _Tty()
    bar = Progress("adding", 100, stream=out, min_interval=0)
    bar.start -= 10  # 10 s for 50 articles: 50 more take 10 s
    bar.advance(50)
    assert "50/100" in out.getvalue() and "5.0/s, 10s left" in out.getvalue()


def test_clear_erases_the_half_drawn_bar_before_an_error_line():
    out = _Tty()
    bar = Progress("cleaning", 10, stream=out, min_interval=0)
    bar.advance()
    bar.clear()
    assert out.getvalue().endswith("\r\x1b[K")


def test_an_exception_leaves_a_clean_line():
    out = _Tty()
    try:
        with Progress("cleaning", 10, stream=out, min_interval=0) as bar:
            bar.advance()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert out.getvalue().endswith("\r\x1b[K")
