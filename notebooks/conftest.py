"""nbval runs these notebooks against a temporary store, never the meeting's real one.

nbval starts each notebook's kernel in the notebook's collector setup, before any fixture runs and
after ``tests/conftest.py`` may have changed the environment, so the variables are set in
``pytest_runtest_setup`` (first), which runs just before the kernel is started. The kernel inherits
them: ``HLMNOTES_STORE`` for the store, the rest so Jupyter, IPython and matplotlib write nothing
under $HOME.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

HERMETIC = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
            "XDG_CONFIG_HOME", "XDG_CACHE_HOME")  # fmt: skip
_folder: list[str] = []


def _temporary_folder(config: pytest.Config) -> str:
    if not _folder:
        _folder.append(tempfile.mkdtemp(prefix="hlmnotes-notebooks-"))
        config.add_cleanup(lambda: shutil.rmtree(_folder.pop(), ignore_errors=True))
    return _folder[0]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    folder = _temporary_folder(item.config)
    os.environ["HLMNOTES_STORE"] = os.path.join(folder, "meeting.sqlite")
    os.environ.pop("HLMNOTES_RAPPORTEUR", None)
    for name in HERMETIC:
        os.environ[name] = os.path.join(folder, name.lower())
