"""`make postgres`: a PostgreSQL server on 127.0.0.1:5433 for trying a shared store on one machine.

Its data lives in `workspace/postgres/` (git-ignored). As root, the server runs as Debian's
`postgres` user, since PostgreSQL refuses to run as root. For a real meeting, use a managed server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.postgres import binaries  # noqa: E402 - one place knows where Debian puts the server

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "workspace" / "postgres"
PORT = 5433


def run(*args: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"error: {Path(args[0]).name}: {done.stderr.strip() or done.stdout.strip()}")


def main(action: str) -> None:
    bin_dir = binaries()
    if bin_dir is None:
        sys.exit("error: PostgreSQL is not installed; on Debian: apt-get install postgresql")
    data = FOLDER / "data"
    if action == "stop":
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "stop")
        print("PostgreSQL stopped")
        return
    if not data.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(FOLDER, "postgres", "postgres")
            FOLDER.chmod(0o755)
        run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    options = f"-c listen_addresses=127.0.0.1 -p {PORT} -k {FOLDER}"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(FOLDER / "log"), "-w", "start")
    url = f"postgresql://postgres@127.0.0.1:{PORT}/postgres"
    print(
        f"PostgreSQL is running. Point hlmnotes at it:\n  export HLMNOTES_STORE={url}\n  hlmnotes init --programme data/hlm2017/programme.toml"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "start")
