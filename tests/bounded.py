"""A command run in a child process whose memory and processor time are capped by the kernel.

Issue 23's crafted files took gigabytes before they were refused, or ended in a ``MemoryError``
traceback. A test that runs the command here proves the refusal comes from a limit the code checks,
not from running out: the child has 1 GB of address space and 60 s of processor time
(``resource.setrlimit``), and the command must end with exit status 2 and one ``error:`` line. A
``MemoryError`` caught and turned into an error line still fails (``assert_refused`` looks for it).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ADDRESS_SPACE = 1 << 30
PROCESSOR_SECONDS = 60
ROOT = Path(__file__).resolve().parent.parent


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (PROCESSOR_SECONDS, PROCESSOR_SECONDS))


def run(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m hlmnotes ARGS`` under the limits, in ``cwd``, with this checkout's code."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1", PYTHONFAULTHANDLER="")
    return subprocess.run(
        [sys.executable, "-m", "hlmnotes", *args], cwd=cwd, env=env, preexec_fn=_limits,  # noqa: PLW1509 -- limits must be set in the child
        capture_output=True, text=True, timeout=10 * PROCESSOR_SECONDS, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit status 2 and one ``error:`` line holding each of ``words``, within the limits; returns the line."""
    err = result.stderr
    assert "MemoryError" not in err and "Traceback" not in err and "Killed" not in err, err[-2000:]
    assert result.returncode == 2, (result.returncode, err[-2000:])
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err[-2000:]
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]
