"""Voilà's configuration for `make app` (read through JUPYTER_CONFIG_PATH): see ../voila_app.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/jupyter, for voila_app

from voila_app import configure  # noqa: E402

configure(get_config())  # noqa: F821 - provided by Jupyter when it reads this file
