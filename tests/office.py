"""LibreOffice headless for tests: the real reader that opens and re-saves a .docx as Word users do.

LibreOffice Writer is the Debian package ``libreoffice-writer``. Without it a test is skipped on a
workstation but fails in CI (``CI=true``), where a skipped reader would hide a broken draft.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    message = "LibreOffice is not installed (Debian: apt-get install -y libreoffice-writer)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def convert(source: Path, target_format: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice into ``folder`` ("docx" re-saves it; "txt:Text (encoded):UTF8" reads it)."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / ".profile"
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target_format, "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    target = folder / f"{source.stem}.{target_format.split(':')[0]}"
    assert result.returncode == 0 and target.exists(), f"LibreOffice failed: {result.stdout}\n{result.stderr}"
    return target


def read_text(source: Path, folder: Path) -> str:
    """The text LibreOffice reads from ``source`` (lists numbered as it renders them)."""
    return convert(source, "txt:Text (encoded):UTF8", folder).read_text(encoding="utf-8-sig")
