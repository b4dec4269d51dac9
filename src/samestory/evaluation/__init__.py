"""Evaluation instruments behind ``samestory eval ...``. They read benchmark data from a folder
the caller names; the product itself never reads them."""
