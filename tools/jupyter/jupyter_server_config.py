"""What `make run` gives JupyterLab (through JUPYTER_CONFIG_PATH), so a rapporteur's session leaves the
tracked notebooks as they are committed.

JupyterLab saves a notebook with its outputs and widget state, and autosaves every two minutes: after a
plain Run All, notebooks/*.ipynb would differ from what the project ships. Every notebook saved from
this server is written as tools/clean_notebooks.py writes it (the outputs stay on screen until the
page is reloaded). The tests' conftest.py beside the notebooks is no rapporteur's business: hidden.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/, for clean_notebooks

from clean_notebooks import strip_on_save  # noqa: E402

c = get_config()  # noqa: F821 - provided by Jupyter when it reads this file
c.ContentsManager.pre_save_hook = strip_on_save
c.ContentsManager.hide_globs = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "conftest.py"]
