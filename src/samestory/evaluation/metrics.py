"""Metrics shared by the evaluations (pure functions)."""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["token_f1", "tokens"]

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """WCXB's own tokenisation: a bag of lower-cased ``\\w+`` tokens."""
    return Counter(_TOKEN.findall(text.lower()))


def token_f1(predicted: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the predicted text's token bag against the gold one."""
    pred, ref = tokens(predicted), tokens(gold)
    if not pred or not ref:
        return 0.0, 0.0, 0.0
    common = sum((pred & ref).values())
    p, r = common / sum(pred.values()), common / sum(ref.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
