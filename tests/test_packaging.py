"""The project's own promises: dependencies declared once and mirrored, README commands real."""

from __future__ import annotations

import re
import subprocess
import tomllib

from .conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_is_in_step_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r): re.sub(r"\[.*\]", "", r.replace(" ", "")) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    listed = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        item = line.strip().removeprefix("- ").strip()
        if line.startswith("  - ") and _name(item) not in ("pip", "pip:", "python"):
            listed[_name(item)] = item.replace(" ", "")
    assert listed == declared


def test_readme_commands_are_make_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    used = set(re.findall(r"^make ([a-z-]+)", readme, re.M))
    assert {"run", "test"} <= used <= targets
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_no_machine_paths_in_tracked_files():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    pattern = re.compile("/" + "(?:wo" + "rk|ro" + "ot|home/[a-z]+)/")
    for name in files:
        path = ROOT / name
        if path.suffix in {".png", ".docx", ".xlsx", ".pdf"} or not path.is_file():
            continue
        assert not pattern.search(path.read_text(encoding="utf-8", errors="replace")), name


def test_servers_listen_on_loopback_with_a_token_and_never_cull_kernels():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = {m.group(1): m.group(2) for m in re.finditer(r"^([a-z-]+):.*\n((?:\t.*\n)+)", makefile, re.M)}
    assert "--ServerApp.ip=127.0.0.1" in recipes["run"] and "ServerApp.token=''" not in recipes["run"]
    assert "--Voila.ip=127.0.0.1" in recipes["app"] and "--token" in recipes["app"]
    assert "--MappingKernelManager.cull_idle_timeout=0" in recipes["app"]
    assert "0.0.0.0" not in makefile


def test_the_type_checker_runs_in_lint_and_ci_without_blanket_ignores():
    """`make lint` type-checks the library; only packages without types are let off, each with its reason."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert not config.get("ignore_missing_imports") and not config.get("ignore_errors")
    for override in config.get("overrides", []):
        assert set(override) == {"module", "ignore_missing_imports"}, override
    blocks = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[[tool.mypy.overrides]]\n")[1:]
    assert len(blocks) == len(config.get("overrides", [])) and all(b.startswith("# ") for b in blocks)
    assert "mypy hlmnotes" in (ROOT / "Makefile").read_text(encoding="utf-8")
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.index("make lint") < run.index("make test")
