"""``python -m samestory.cli``: the same as the ``samestory`` command."""

import sys

from . import main

sys.exit(main())
