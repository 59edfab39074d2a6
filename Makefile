# hlmnotes — `make help` lists the targets. Everything runs from a project-local .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# JupyterLab refuses to run as root unless told; Voilà does not need it.
PORT ?= 8866  # make app PORT=8870
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help install lock run app test golden lint bench docs clean postgres postgres-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

LOCK := requirements.lock
LOCKED := $(VENV)/.locked-stamp

# Every package, pip and setuptools included, at the version and with the hashes of requirements.lock
# (pip refuses a file whose hash differs, and any package the lock does not list); then hlmnotes itself,
# without dependencies and without build isolation, so that nothing outside the lock is installed.
$(LOCKED): $(LOCK)
	$(PYTHON) -c 'import sys; sys.exit("hlmnotes needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	touch $(LOCKED)

$(STAMP): $(LOCKED) pyproject.toml
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check || { echo "$(LOCK) lacks what pyproject.toml asks for: run make lock" >&2; exit 1; }
	touch $(STAMP)

install: $(STAMP) ## create .venv and install hlmnotes with its test tools, every package from requirements.lock

lock: $(LOCKED) ## refresh requirements.lock from pyproject.toml (every Python 3.11+; make lock LOCK_FLAGS=--upgrade for the newest)
	$(BIN)/uv pip compile pyproject.toml tools/lock.in --extra dev --universal --generate-hashes \
		--python-version 3.11 --custom-compile-command "make lock" --quiet $(LOCK_FLAGS) -o $(LOCK)

run: $(STAMP) ## start the workbench: JupyterLab on 127.0.0.1 (with a token) on notebooks/, 2017 meeting
	$(BIN)/hlmnotes stats > /dev/null
	JUPYTER_CONFIG_PATH="$(CURDIR)/tools/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks --no-browser $(ALLOW_ROOT)

app: $(STAMP) ## serve the notebooks as a Voilà app on 127.0.0.1 (token in the printed URL; PORT=8866; closed pages free their kernels)
	$(BIN)/hlmnotes stats > /dev/null
	$(BIN)/python tools/jupyter/voila_app.py --port $(PORT) notebooks

test: $(STAMP) ## run every test: library, CLI, notebooks (nbval)
	$(BIN)/python -m pytest

golden: $(STAMP) ## rewrite tests/golden/ (drafts, stats, proposals) from the current code; read `git diff tests/golden` after
	$(BIN)/python -m tests.golden

bench: $(STAMP) ## benchmarks, printed as ratios against baselines measured in the same run
	$(BIN)/python bench/run.py

postgres: $(STAMP) ## start a local PostgreSQL on 127.0.0.1:5433 to try a shared store (Debian's postgresql)
	$(BIN)/python tools/local_postgres.py start

postgres-stop: ## stop the local PostgreSQL started by `make postgres`
	$(BIN)/python tools/local_postgres.py stop

docs: $(STAMP) ## regenerate docs/recorder.png, docs/chair.png and docs/summary-page.png (Debian chromium, libreoffice-writer, poppler-utils)
	$(BIN)/python tools/screenshots.py --out docs

lint: $(STAMP) ## ruff on the code and tests; mypy type-checks the library (settings in pyproject.toml)
	$(BIN)/ruff check hlmnotes tests
	$(BIN)/mypy hlmnotes

clean: ## remove .venv and caches (never workspace/)
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
