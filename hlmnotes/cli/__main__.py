"""``python -m hlmnotes.cli``: the same command as ``hlmnotes``."""

import sys

from . import main

sys.exit(main())
