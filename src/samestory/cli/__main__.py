"""``python -m samestory.cli``: the same as the ``samestory`` command."""

import sys

from . import run

sys.exit(run())
