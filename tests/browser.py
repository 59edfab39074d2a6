"""Servers and a browser for the real-browser tests and the screenshot script.

Voilà or JupyterLab run in a subprocess of their own process group on 127.0.0.1, against a store and
Jupyter folders under a temporary directory; readiness is a TCP connect; they are stopped by PID.
The browser is Debian's Chromium driven by Playwright (never a downloaded one).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
HERMETIC = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
            "XDG_CONFIG_HOME", "XDG_CACHE_HOME")  # fmt: skip
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "jupyter"))  # voila_app: how `make app` runs Voilà

import voila_app  # noqa: E402


def chromium_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (Debian: apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (python) is not installed"
    return None


def require_browser() -> None:
    """Skip a browser test without Chromium and Playwright, except under CI=true, where it fails."""
    import pytest

    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests need Chromium in CI: {reason}")
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hermetic_env(folder: Path, store: Path) -> dict[str, str]:
    """The environment of a server: its own store and Jupyter/IPython/matplotlib folders."""
    env = dict(os.environ)
    env["HLMNOTES_STORE"] = str(store)
    env.pop("HLMNOTES_RAPPORTEUR", None)
    env.pop("JUPYTER_PATH", None)
    for name in HERMETIC:
        env[name] = str(folder / name.lower())
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    return env


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    token: str
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _wait_for_port(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{server.log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=1):
            return
        time.sleep(0.2)
    raise RuntimeError(
        f"server did not listen on port {server.port} within {timeout:.0f} s:\n{server.log.read_text()[-3000:]}"
    )


@contextlib.contextmanager
def serve(command: list[str], env: dict[str, str], port: int, token: str, log: Path, cwd: Path) -> Iterator[Server]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(process, port, token, log)
    try:
        _wait_for_port(server)
        yield server
    finally:
        server.stop()


def voila(
    notebooks: Path,
    env: dict[str, str],
    log: Path,
    *,
    cull_idle_s: int = voila_app.CULL_IDLE_S,
    cull_interval_s: int = voila_app.CULL_INTERVAL_S,
) -> contextlib.AbstractContextManager[Server]:
    """Voilà serving one notebook (or a folder of them) on 127.0.0.1 as `make app` does, without a token:
    the app's configuration and template, its kernel culling (shorter for a test that waits for it)."""
    port = free_port()
    command = voila_app.command(notebooks, port, token=False, cull_idle_s=cull_idle_s, cull_interval_s=cull_interval_s,
                                voila=str(BIN / "voila"))  # fmt: skip
    cwd = notebooks if notebooks.is_dir() else notebooks.parent
    return serve(command, voila_app.environment(env), port, "", log, cwd)


def jupyterlab(root: Path, env: dict[str, str], log: Path) -> contextlib.AbstractContextManager[Server]:
    """JupyterLab on 127.0.0.1 with a token, on a folder of copied notebooks (Lab saves what it runs)."""
    port, token = free_port(), secrets.token_hex(16)
    command = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    return serve(command, env, port, token, log, root)


def copy_notebooks(source: Path, target: Path, names: list[str]) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(source / name, target / name)
    return target


@contextlib.contextmanager
def chromium(profile: Path, width: int = 1400, height: int = 1000) -> Iterator[object]:
    """A Playwright browser context on Debian's Chromium with a fresh profile folder.

    Playwright refuses ``--user-data-dir`` among the arguments; a persistent context is the same thing.
    """
    from playwright.sync_api import sync_playwright

    profile.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": width, "height": height},
        )  # fmt: skip
        try:
            yield context
        finally:
            context.close()


def recorded_meeting(folder: Path, speakers: str) -> Path:
    """A store under ``folder`` with 500 illustrative interventions and panel 1's speakers' list (CSV text)."""
    from hlmnotes import Workspace
    from hlmnotes.io.demo import demo_rows

    store = folder / "meeting.sqlite"
    with Workspace.open(store, create=True) as ws:
        rows = demo_rows(ws.programme, per_panel=246)
        ws.store.apply([ws.validate(r) for r in rows], [])
        (folder / "speakers.csv").write_text(speakers, encoding="utf-8")
        ws.speakers.import_file(folder / "speakers.csv", 1)
        assert ws.store.records.count() == 500
    return store


def kernel_pids(server: Server) -> list[int]:
    """The kernels a server started: its child processes running ipykernel (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server.process.pid and b"ipykernel" in cmdline:
            found.append(int(entry.name))
    return found
