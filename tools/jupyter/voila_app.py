"""How `make app` serves the notebooks with Voilà: one place for its command line, environment and settings,
used by the Makefile, the browser tests and tools/screenshots.py alike.

    python tools/jupyter/voila_app.py [--port 8866] [NOTEBOOKS]

Kernels. Each page Voilà serves starts a kernel. A page being closed or reloaded sends Voilà's own
shutdown request (a beacon from its front end, on ``beforeunload``); Voilà's server refuses it unless it
carries the ``_xsrf`` value of the page's cookie, and Voilà's page handler never sets that cookie, so
every close used to end in "403 … '_xsrf' argument missing from POST" and a kernel left running. The
app's Voilà configuration (``app/voila.py``) sets the cookie as each page's kernel is started
(``give_the_page_its_xsrf_cookie``): the check stays on, and the beacon passes it. Where no beacon can be
sent (a browser killed, a laptop closed), a kernel that no page is connected to and that has been idle
for ``CULL_IDLE_S`` is culled; a kernel a page is connected to is never culled (a rapporteur may sit idle
for an hour), nor a busy one. The views fall silent while no page has been heard from (``_presence``),
so a ticking clock does not keep an abandoned kernel "active" for ever.

Assets. Voilà's "lab" template links Font Awesome from a public CDN; its own bundle (``voila-style.js``)
already carries Font Awesome 5 with the fonts served by this server, so the app's template
(``voila/templates/hlmnotes``) is the lab template without those two links: no request leaves the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TEMPLATE = "hlmnotes"
CULL_IDLE_S = 300  # a kernel with no page connected, idle this long, is shut down
CULL_INTERVAL_S = 60  # how often the server looks


def give_the_page_its_xsrf_cookie(handler: Any, notebook: Any, cwd: str) -> Any:
    """Voilà's prelaunch hook: reading ``xsrf_token`` makes tornado set the ``_xsrf`` cookie on the page's
    response, which Voilà's shutdown beacon then sends back as its ``_xsrf`` field."""
    handler.xsrf_token  # noqa: B018 - read for its effect: tornado sets the cookie the first time
    return notebook


def configure(c: Any) -> None:
    """The settings a command line cannot carry (a function) or that every launch needs."""
    c.VoilaConfiguration.prelaunch_hook = give_the_page_its_xsrf_cookie
    c.VoilaConfiguration.template = TEMPLATE


def environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) with Voilà pointed at the app's configuration and template."""
    env = dict(os.environ if env is None else env)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(HERE / "app"), env.get("JUPYTER_CONFIG_PATH")]))
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("JUPYTER_PATH")]))
    return env


def command(
    notebooks: Path | str,
    port: int,
    *,
    token: bool = True,
    cull_idle_s: int = CULL_IDLE_S,
    cull_interval_s: int = CULL_INTERVAL_S,
    voila: str | None = None,
) -> list[str]:
    """Voilà's command line: 127.0.0.1 only, the culling rules above (``cull_idle_s=0``: never cull)."""
    return [
        voila or str(Path(sys.executable).parent / "voila"), str(notebooks), "--no-browser",
        "--Voila.ip=127.0.0.1", f"--port={port}", *(["--token"] if token else []),
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_s}",
        f"--MappingKernelManager.cull_interval={cull_interval_s}",
        "--MappingKernelManager.cull_connected=False", "--MappingKernelManager.cull_busy=False",
    ]  # fmt: skip


def describe(port: int, cull_idle_s: int = CULL_IDLE_S, cull_interval_s: int = CULL_INTERVAL_S) -> str:
    """What `make app` prints before Voilà starts: where, and what happens to kernels."""
    minutes = f"{cull_idle_s // 60} min" if cull_idle_s % 60 == 0 else f"{cull_idle_s} s"
    return (
        f"Voilà on http://127.0.0.1:{port}/ (127.0.0.1 only; the token is in the address printed below).\n"
        "Kernels: one per open page; closing or reloading a page shuts its kernel down (Voilà's shutdown"
        " request, XSRF-checked);\n"
        f"a kernel no page is connected to is culled after {minutes} idle (checked every {cull_interval_s} s),"
        " never one a page is connected to, never a busy one.\n"
        "Assets: every file from this server (Font Awesome from Voilà's own bundle, no CDN).\n"
        "Another port: make app PORT=8870."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the notebooks as the hlmnotes app (Voilà).")
    parser.add_argument("notebooks", nargs="?", default=str(ROOT / "notebooks"))
    parser.add_argument("--port", type=int, default=8866)
    args = parser.parse_args(argv)
    if not 1024 <= args.port <= 65535:
        print(f"error: --port {args.port}: choose a port from 1024 to 65535 (below 1024 needs root)", file=sys.stderr)
        return 2
    voila = shutil.which("voila", path=str(Path(sys.executable).parent)) or shutil.which("voila")
    if voila is None:
        print("error: voila is not installed in this environment; run `make install`", file=sys.stderr)
        return 2
    print(describe(args.port), flush=True)
    cmd = command(args.notebooks, args.port, voila=voila)
    os.execve(voila, cmd, environment())
    return 0  # not reached: Voilà replaces this process


if __name__ == "__main__":
    sys.exit(main())
