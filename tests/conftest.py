"""Shared fixtures: an in-memory workspace for speed, a store file for anything about durability."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hlmnotes import Workspace

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PROGRAMME = ROOT / "data" / "hlm2017" / "programme.toml"


@pytest.fixture(autouse=True, scope="session")
def _hermetic(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Jupyter, IPython and matplotlib write their state into a temporary folder, never $HOME."""
    home = tmp_path_factory.mktemp("home")
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
                 "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # fmt: skip
        os.environ[name] = str(home / name.lower())
    os.environ.pop("HLMNOTES_STORE", None)


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL server for the session; required when CI=true, else skipped if not installed."""
    from .postgres import Server, binaries

    if os.environ.get("HLMNOTES_TEST_POSTGRES"):
        yield os.environ["HLMNOTES_TEST_POSTGRES"]
        return
    if binaries() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not installed: .ci/run installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    server = Server()
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
def postgres_store(postgres_url: str, request: pytest.FixtureRequest) -> str:
    """A URL to an empty schema of its own on the test server."""
    import psycopg

    schema = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[-50:]
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        db.execute(f"CREATE SCHEMA {schema}")
    return f"{postgres_url}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def any_ws(request: pytest.FixtureRequest, tmp_path: Path) -> Workspace:
    """The 2017 meeting over each kind of store: the store's behaviour must not depend on it."""
    target = str(tmp_path / "m.sqlite") if request.param == "sqlite" else request.getfixturevalue("postgres_store")
    workspace = Workspace.open(target, create=True)
    yield workspace
    workspace.close()


@pytest.fixture
def ws() -> Workspace:
    """The 2017 meeting over an in-memory store."""
    workspace = Workspace.open(":memory:")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def two_panels(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Both 2017 panels as a rapporteur records them (tests/data/two-panels-2017.csv), in a store file."""
    workspace = Workspace.open(tmp_path_factory.mktemp("two-panels") / "m.db", create=True)
    workspace.import_interventions(DATA / "two-panels-2017.csv")
    yield workspace
    workspace.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store file initialised with the 2017 meeting."""
    path = tmp_path / "meeting.sqlite"
    Workspace.init(path, PROGRAMME).close()
    return path


@pytest.fixture
def run(store_path: Path, capsys: pytest.CaptureFixture[str]):
    """``hlmnotes ARGS…`` on a 2017 store file: returns (exit status, stdout, stderr)."""
    from hlmnotes.cli import main

    def _run(*args: str) -> tuple[int, str, str]:
        status = main(["--store", str(store_path), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return _run
