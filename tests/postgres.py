"""A private PostgreSQL server for the tests: started once per session on 127.0.0.1, stopped by PID.

`HLMNOTES_TEST_POSTGRES` (a URL) uses an existing server instead. Each test gets its own schema, so
tests stay independent without the cost of a database each.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """Debian's PostgreSQL server programs, newest version first."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *, durable: bool = False) -> None:
        """``durable``: every commit flushed to disk, as a real server does (the tests skip it: speed)."""
        self.durable = durable
        self.bin = binaries()
        if self.bin is None:
            raise FileNotFoundError("PostgreSQL server programs (initdb, pg_ctl) not found")
        # Directly under the temporary folder: the postgres user must be able to reach it, and
        # pytest's own folders are private to the user running the tests.
        self.folder = Path(tempfile.mkdtemp(prefix="hlmnotes-postgres-"))
        self.port = _free_port()
        self.data = self.folder / "data"
        # The server refuses to run as root; Debian's package creates a postgres user for it.
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{Path(args[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> str:
        if self.prefix:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=50"
        if not self.durable:
            options += " -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
